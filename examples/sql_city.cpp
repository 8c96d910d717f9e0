// "Executing SQL Statements": the City table of the reference document, through kvapi.
#include <iomanip>
#include <iostream>
#include <tuple>

#include "example_args.hpp"
#include "kindling/kvapi/client.hpp"

int main(int argc, char** argv) try {
    using kindling::Value;
    kindling::kvapi::Client client;
    client.connect(endpoints_from(argc, argv));
    std::string table = argc > 2 ? argv[2] : "KvCity";
    client.sql("DROP TABLE IF EXISTS " + table).all();
    client.sql("CREATE TABLE " + table + " (ID INT(11), Name CHAR(35), CountryCode CHAR(3), District CHAR(20), "
               "Population INT(11), PRIMARY KEY (ID, CountryCode)) WITH \"affinityKey=CountryCode\"").all();
    client.sql("CREATE INDEX idx_" + table + "_country_code ON " + table + " (CountryCode)").all();
    const std::vector<std::vector<Value>> city_data{
        {3793, "New York", "USA", "New York", 8008278},     {3794, "Los Angeles", "USA", "California", 3694820},
        {3795, "Chicago", "USA", "Illinois", 2896016},      {3796, "Houston", "USA", "Texas", 1953631},
        {3797, "Philadelphia", "USA", "Pennsylvania", 1517550}, {3798, "Phoenix", "USA", "Arizona", 1321045},
        {3799, "San Diego", "USA", "California", 1223400},  {3800, "Dallas", "USA", "Texas", 1188580}};
    for (const auto& row : city_data)
        client.sql("INSERT INTO " + table + "(ID, Name, CountryCode, District, Population) VALUES (?, ?, ?, ?, ?)", row).all();

    auto cities = client.sql("SELECT * FROM " + table + " ORDER BY ID");
    for (const auto& name : cities.column_names()) std::cout << std::left << std::setw(14) << name;
    std::cout << '\n';
    int n = 0;
    for (auto city : cities) {
        for (const auto& cell : city) std::cout << std::left << std::setw(14) << cell.to_string();
        std::cout << '\n';
        ++n;
    }
    client.sql("DROP TABLE " + table).all();
    return n == 8 ? 0 : 1;
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
}
