#pragma once
// Conversions between kindling::Value and the application's C buffers (ODBC appendix D).
#include <sql.h>
#include <sqlext.h>

#include <string>

#include "kindling/protocol/value.hpp"

namespace kindling::odbc {

// Writes `v` as `c_type` into buf/len, setting *ind. For character and binary targets `offset`
// bytes (SQLGetData chunking) are skipped and advanced. Returns SQL_SUCCESS,
// SQL_SUCCESS_WITH_INFO (01004 truncation: `truncated` set) or SQL_NO_DATA (all chunks read).
// Throws OdbcError 22003/22018/07006 where the specification says.
SQLRETURN write_c_value(const Value& v, SQLSMALLINT c_type, SQLPOINTER buf, SQLLEN len, SQLLEN* ind,
                        std::size_t* offset, bool* truncated);

// Reads a parameter from the application's buffer as the value to send.
Value read_c_value(SQLSMALLINT c_type, SQLSMALLINT sql_type, const void* buf, SQLLEN len, SQLLEN ind);

// UTF-8 <-> UTF-16 (SQLWCHAR is 2 bytes on unixODBC).
std::u16string utf8_to_utf16(const std::string& s);
std::string utf16_to_utf8(const char16_t* s, std::size_t n);

// Text for SQL_C_CHAR: dates as 'YYYY-MM-DD', timestamps with fractions, etc.
std::string value_text(const Value& v);

}  // namespace kindling::odbc
