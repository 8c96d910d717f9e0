#include "statement_text.hpp"

#include <cctype>

namespace kindling::odbc {

std::string first_keyword(const std::string& sql) {
    std::size_t i = 0;
    while (i < sql.size()) {
        if (std::isspace(static_cast<unsigned char>(sql[i])) || sql[i] == '(') { ++i; continue; }
        if (sql.compare(i, 2, "--") == 0) { i = sql.find('\n', i); if (i == std::string::npos) return {}; continue; }
        if (sql.compare(i, 2, "/*") == 0) { i = sql.find("*/", i); if (i == std::string::npos) return {}; i += 2; continue; }
        break;
    }
    std::string kw;
    while (i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i]))) kw += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i++])));
    return kw;
}

bool is_query(const std::string& sql) {
    auto kw = first_keyword(sql);
    return kw == "SELECT" || kw == "WITH" || kw == "EXPLAIN" || kw == "VALUES" || kw == "TABLE" || kw == "SHOW" || kw.empty();
}

std::size_t count_markers(const std::string& sql) {
    std::size_t n = 0;
    for_each_code_char(sql, [&](std::size_t i) { n += sql[i] == '?' ? 1 : 0; });
    return n;
}


std::vector<std::string> split_statements(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    auto take = [&](std::size_t end) {
        auto piece = text.substr(start, end - start);
        bool has_code = false;  // a piece of blanks and comments is no statement
        for_each_code_char(piece, [&](std::size_t i) { has_code = has_code || !std::isspace(static_cast<unsigned char>(piece[i])); });
        if (has_code) out.push_back(std::move(piece));
        start = end + 1;
    };
    for_each_code_char(text, [&](std::size_t i) {
        if (text[i] == ';') take(i);
    });
    take(text.size());
    if (out.empty()) out.push_back(text);
    return out;
}

}  // namespace kindling::odbc
