// "Scan Queries": a lazy range of (key, value) pairs.
#include <iostream>
#include <map>

#include "example_args.hpp"
#include "kindling/kvapi/client.hpp"

int main(int argc, char** argv) try {
    kindling::kvapi::Client client;
    client.connect(endpoints_from(argc, argv));
    auto my_cache = client.create_cache("myCache");
    std::map<std::string, int> data;
    for (int v = 0; v < 20; ++v) data["key_" + std::to_string(v)] = v;
    my_cache.put_all(data);
    int n = 0;
    for (const auto& [k, v] : my_cache.scan()) {
        std::cout << k.to_string() << ' ' << v.to_string() << '\n';
        ++n;
    }
    std::cout << n << " elements in total\n";
    my_cache.destroy();
    return n == 20 ? 0 : 1;
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
}
