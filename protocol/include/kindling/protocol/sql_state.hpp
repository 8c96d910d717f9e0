#pragma once
// The thin protocol reports SQL failures as status + message only, with no SQLSTATE. The SQLSTATE
// is derived from the message here, in one table: the H2 engine embeds its error code
// (e.g. "Table \"X\" not found; SQL statement: ... [42102-197]"), the Calcite engine words its
// errors differently. See sql_state.cpp for the table and tests/unit for one case per entry.
#include <string>
#include <string_view>

namespace kindling::protocol {

// A five-character SQLSTATE ("42000", "42S02", ...); "HY000" when nothing more specific fits.
std::string sql_state_from_message(std::string_view server_message);

}  // namespace kindling::protocol
