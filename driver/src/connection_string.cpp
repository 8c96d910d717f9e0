#include "connection_string.hpp"

#include <odbcinst.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "diagnostics.hpp"

namespace kindling::odbc {

bool CaseInsensitiveLess::operator()(const std::string& a, const std::string& b) const {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
        return std::toupper(x) < std::toupper(y);
    });
}

namespace {
std::string trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}
}  // namespace

Attributes parse_connection_string(std::string_view text) {
    Attributes out;
    std::size_t i = 0;
    while (i < text.size()) {
        auto eq = text.find('=', i);
        if (eq == std::string_view::npos) {
            if (!trim(text.substr(i)).empty())
                throw OdbcError("08001", "malformed connection string near '" + std::string(text.substr(i)) + "'");
            break;
        }
        auto key = trim(text.substr(i, eq - i));
        std::string value;
        i = eq + 1;
        while (i < text.size() && text[i] == ' ') ++i;
        if (i < text.size() && text[i] == '{') {
            // Braced value: '}}' is a literal '}'.
            ++i;
            while (true) {
                if (i >= text.size()) throw OdbcError("08001", "unterminated '{' in the value of " + key);
                if (text[i] == '}') {
                    if (i + 1 < text.size() && text[i + 1] == '}') {
                        value += '}';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                value += text[i++];
            }
            auto semi = text.find(';', i);
            i = semi == std::string_view::npos ? text.size() : semi + 1;
        } else {
            auto semi = text.find(';', i);
            value = trim(text.substr(i, semi == std::string_view::npos ? std::string_view::npos : semi - i));
            i = semi == std::string_view::npos ? text.size() : semi + 1;
        }
        if (!key.empty() && !out.count(key)) out[key] = value;  // the first occurrence wins
    }
    return out;
}

bool is_known_key(const std::string& key) {
    static const char* known[] = {"DRIVER", "DSN", "ADDRESS", "SERVER", "PORT", "SCHEMA", "USER", "UID", "PASSWORD",
                                  "PWD", "PAGE_SIZE", "DISTRIBUTED_JOINS", "ENFORCE_JOIN_ORDER", "REPLICATED_ONLY",
                                  "COLLOCATED", "LAZY", "QUERY_ENGINE", "SSL_MODE", "SSL_KEY_FILE", "SSL_CERT_FILE",
                                  "SSL_CA_FILE", "PARTITION_AWARENESS", "LOGIN_TIMEOUT", "QUERY_TIMEOUT", "SERVER_TIME_ZONE",
                                  "LOG_LEVEL", "LOG_FILE", "DESCRIPTION", "FILEDSN", "SAVEFILE"};
    return std::any_of(std::begin(known), std::end(known), [&](const char* k) { return !CaseInsensitiveLess{}(key, k) && !CaseInsensitiveLess{}(k, key); });
}

bool parse_bool(const std::string& v, const std::string& key) {
    std::string u;
    for (char c : v) u += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (u == "true" || u == "1" || u == "yes" || u == "on") return true;
    if (u == "false" || u == "0" || u == "no" || u == "off" || u.empty()) return false;
    throw OdbcError("HY024", "invalid value '" + v + "' for " + key + " (use true or false)");
}

Attributes read_dsn(const std::string& dsn) {
    Attributes out;
    std::vector<char> keys(8192);
    int n = SQLGetPrivateProfileString(dsn.c_str(), nullptr, "", keys.data(), static_cast<int>(keys.size()), "odbc.ini");
    if (n <= 0) throw OdbcError("IM002", "data source '" + dsn + "' not found in odbc.ini");
    for (const char* k = keys.data(); *k && k < keys.data() + n; k += std::strlen(k) + 1) {
        char value[4096] = {};
        SQLGetPrivateProfileString(dsn.c_str(), k, "", value, sizeof value, "odbc.ini");
        out[k] = value;
    }
    return out;
}

}  // namespace kindling::odbc
