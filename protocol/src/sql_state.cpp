#include "kindling/protocol/sql_state.hpp"

#include <array>
#include <charconv>
#include <utility>

namespace kindling::protocol {

namespace {

// H2 1.4.197 error codes (org.h2.api.ErrorCode) → SQLSTATE. H2 appends "[<code>-197]".
struct H2Entry {
    int code;
    const char* sqlstate;
};
constexpr std::array kH2Codes{
    H2Entry{21002, "21S01"},  // column count does not match (ODBC: insert value list does not match column list)
    H2Entry{42000, "42000"},  // syntax error
    H2Entry{42001, "42000"},  // syntax error, expected ...
    H2Entry{42101, "42S01"},  // table or view already exists
    H2Entry{42102, "42S02"},  // table or view not found
    H2Entry{42111, "42S11"},  // index already exists
    H2Entry{42112, "42S12"},  // index not found
    H2Entry{42121, "42S21"},  // duplicate column name
    H2Entry{42122, "42S22"},  // column not found
    H2Entry{90079, "3F000"},  // schema not found
    H2Entry{23505, "23000"},  // duplicate key
    H2Entry{23502, "23000"},  // null not allowed
    H2Entry{23506, "23000"},  // referential integrity
    H2Entry{22003, "22003"},  // numeric value out of range
    H2Entry{22001, "22001"},  // value too long
    H2Entry{22012, "22012"},  // division by zero
    H2Entry{22018, "22018"},  // data conversion error
    H2Entry{22007, "22007"},  // cannot parse date/time
    H2Entry{90008, "HY024"},  // invalid value for parameter
    H2Entry{90012, "07002"},  // parameter not set
    H2Entry{57014, "HYT00"},  // statement canceled / timeout
};

// Messages without an H2 code (Calcite engine, Ignite's own checks), by substring.
struct TextEntry {
    std::string_view needle;
    const char* sqlstate;
};
constexpr std::array kTextRules{
    TextEntry{"Failed to parse query", "42000"},
    TextEntry{"Syntax error", "42000"},
    TextEntry{"Encountered \"", "42000"},
    TextEntry{"Object '", "42S02"},            // Calcite: Object 'X' not found
    TextEntry{"Table not found", "42S02"},
    TextEntry{"Table doesn't exist", "42S02"},
    TextEntry{"already in cache", "23000"},
    TextEntry{"Column '", "42S22"},            // Calcite: Column 'X' not found in any table
    TextEntry{"Duplicate key", "23000"},
    TextEntry{"uplicate key", "23000"},
    TextEntry{"Null value is not allowed", "23000"},
    TextEntry{"The query was cancelled", "HY008"},
    TextEntry{"was cancelled", "HY008"},
    TextEntry{"timed out", "HYT00"},
    TextEntry{"Table already exists", "42S01"},
    TextEntry{"already exists", "42S01"},
    TextEntry{"Schema not found", "3F000"},
};

}  // namespace

std::string sql_state_from_message(std::string_view msg) {
    // H2 style "[42102-197]": the last bracketed "<code>-<build>".
    for (auto pos = msg.rfind('['); pos != std::string_view::npos; pos = pos == 0 ? std::string_view::npos : msg.rfind('[', pos - 1)) {
        auto tail = msg.substr(pos + 1);
        int code = 0;
        auto [p, ec] = std::from_chars(tail.data(), tail.data() + tail.size(), code);
        if (ec == std::errc{} && p < tail.data() + tail.size() && *p == '-') {
            for (const auto& e : kH2Codes)
                if (e.code == code) return e.sqlstate;
            // Unmapped H2 codes that are already SQLSTATE-shaped (5 digits, class 2x/4x) pass through.
            if (code >= 20000 && code < 50000) return std::to_string(code);
            return "HY000";
        }
        if (pos == 0) break;
    }
    for (const auto& rule : kTextRules)
        if (msg.find(rule.needle) != std::string_view::npos) return rule.sqlstate;
    // Ignite prefixes many SQL messages with its own SQLSTATE ("23000: Failed to INSERT some keys
    // ..."): used when nothing more specific matched.
    if (msg.size() > 6 && msg[5] == ':' && msg[6] == ' ') {
        bool shaped = true;
        for (std::size_t i = 0; i < 5; ++i)
            shaped = shaped && ((msg[i] >= '0' && msg[i] <= '9') || (msg[i] >= 'A' && msg[i] <= 'Z'));
        if (shaped && msg.substr(0, 5) != "50000") return std::string(msg.substr(0, 5));
    }
    return "HY000";
}

}  // namespace kindling::protocol
