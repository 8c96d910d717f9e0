#pragma once
// SQL types of result columns: from the value type codes the server sends, or from the Java
// class names of SYS.TABLE_COLUMNS.
#include <sql.h>
#include <sqlext.h>

#include <string>

#include "kindling/protocol/value.hpp"

namespace kindling::odbc {

// Column size of VARCHAR/VARBINARY without a declared length: H2's and Ignite's maximum.
inline constexpr SQLULEN kUnboundedLength = 2147483647;

struct ColumnInfo {
    std::string name;
    std::string table;
    std::string schema;
    SQLSMALLINT sql_type = SQL_VARCHAR;
    SQLULEN column_size = kUnboundedLength;
    SQLSMALLINT decimal_digits = 0;
    SQLSMALLINT nullable = SQL_NULLABLE_UNKNOWN;
    bool type_known = false;
};

// Fills type, size and digits for a value's type code.
void describe_type_code(TypeCode code, ColumnInfo& col);
// Fills type, size and digits for a Java class name ("java.lang.Integer", ...); false if unknown.
bool describe_java_class(const std::string& java_class, ColumnInfo& col);
// Display size (SQL_DESC_DISPLAY_SIZE) for a column.
SQLLEN display_size(const ColumnInfo& col);
// Octet length (SQL_DESC_OCTET_LENGTH, SQLColumns BUFFER_LENGTH): bytes of the default C type.
SQLLEN octet_length(const ColumnInfo& col);
// Bytes n characters can take as SQL_C_CHAR (UTF-8).
SQLLEN char_bytes(SQLULEN characters);
const char* sql_type_name(SQLSMALLINT sql_type);
// The C type SQL_C_DEFAULT means for a SQL type.
SQLSMALLINT default_c_type(SQLSMALLINT sql_type);

}  // namespace kindling::odbc
