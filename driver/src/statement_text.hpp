#pragma once
// Scanning statement text the way the server's parser will: comments and quoted literals are no
// code, so markers and separators inside them do not count.
#include <string>
#include <vector>

namespace kindling::odbc {

// Skips blanks and SQL comments; returns the first keyword in upper case.
std::string first_keyword(const std::string& sql);
// Whether the statement answers with a result set rather than a row count.
bool is_query(const std::string& sql);

// Calls f(i) for every character of `sql` that is code: not inside a quoted literal or
// identifier, nor inside a -- or /* */ comment. Markers and statement separators are found here.
template <class F>
void for_each_code_char(const std::string& sql, F f) {
    char quote = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        char c = sql[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            i = sql.find('\n', i);
            if (i == std::string::npos) return;
        } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            i = sql.find("*/", i + 2);
            if (i == std::string::npos) return;
            ++i;
        } else {
            f(i);
        }
    }
}

std::size_t count_markers(const std::string& sql);
// The statements of a text, split at the ';' that are code; blank pieces are dropped.
std::vector<std::string> split_statements(const std::string& text);

}  // namespace kindling::odbc
