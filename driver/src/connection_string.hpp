#pragma once
// Connection strings ("KEY=value;KEY={va;lue}") and DSN entries of odbc.ini, merged into one
// case-insensitive attribute map with the driver's documented keys.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kindling::odbc {

struct CaseInsensitiveLess {
    bool operator()(const std::string& a, const std::string& b) const;
};

using Attributes = std::map<std::string, std::string, CaseInsensitiveLess>;

// Parses "KEY=value;..." (values in braces may contain ';'). Throws OdbcError 08001 on bad syntax.
Attributes parse_connection_string(std::string_view text);

// Reads every key of `dsn` from odbc.ini through odbcinst (SQLGetPrivateProfileString).
Attributes read_dsn(const std::string& dsn);

// The keys the driver understands; others produce warning 01S00.
bool is_known_key(const std::string& key);

bool parse_bool(const std::string& value, const std::string& key);

}  // namespace kindling::odbc
