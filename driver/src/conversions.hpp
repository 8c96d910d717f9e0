#pragma once
// Conversions between kindling::Value and the application's C buffers (ODBC appendix D).
#include <sql.h>
#include <sqlext.h>

#include <cstddef>
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

// The byte size of a fixed-length C type; 0 for character and binary types, whose buffers have
// the length the application gives (binding arrays step by it). Inline: the fetch loop asks per cell.
inline std::size_t fixed_size(SQLSMALLINT c_type) {
    switch (c_type) {
        case SQL_C_STINYINT: case SQL_C_TINYINT: case SQL_C_UTINYINT: case SQL_C_BIT: return 1;
        case SQL_C_SSHORT: case SQL_C_SHORT: case SQL_C_USHORT: return 2;
        case SQL_C_SLONG: case SQL_C_LONG: case SQL_C_ULONG: case SQL_C_FLOAT: return 4;
        case SQL_C_SBIGINT: case SQL_C_UBIGINT: case SQL_C_DOUBLE: return 8;
        case SQL_C_TYPE_DATE: case SQL_C_DATE: return sizeof(SQL_DATE_STRUCT);
        case SQL_C_TYPE_TIME: case SQL_C_TIME: return sizeof(SQL_TIME_STRUCT);
        case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP: return sizeof(SQL_TIMESTAMP_STRUCT);
        case SQL_C_GUID: return sizeof(SQLGUID);
        case SQL_C_NUMERIC: return sizeof(SQL_NUMERIC_STRUCT);
        default: return 0;
    }
}

// UTF-8 <-> UTF-16 (SQLWCHAR is 2 bytes on unixODBC).
std::u16string utf8_to_utf16(const std::string& s);
std::string utf16_to_utf8(const char16_t* s, std::size_t n);

// Text for SQL_C_CHAR: dates as 'YYYY-MM-DD', timestamps with fractions, etc.
std::string value_text(const Value& v);

}  // namespace kindling::odbc
