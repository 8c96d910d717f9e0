#include "type_info.hpp"

#include <map>

namespace kindling::odbc {

namespace {
void set(ColumnInfo& c, SQLSMALLINT t, SQLULEN size, SQLSMALLINT digits) {
    c.sql_type = t;
    c.column_size = size;
    c.decimal_digits = digits;
    c.type_known = true;
}
}  // namespace

void describe_type_code(TypeCode code, ColumnInfo& c) {
    switch (code) {
        case TypeCode::Byte: return set(c, SQL_TINYINT, 3, 0);
        case TypeCode::Short: return set(c, SQL_SMALLINT, 5, 0);
        case TypeCode::Int: return set(c, SQL_INTEGER, 10, 0);
        case TypeCode::Long: return set(c, SQL_BIGINT, 19, 0);
        case TypeCode::Float: return set(c, SQL_REAL, 7, 0);
        case TypeCode::Double: return set(c, SQL_DOUBLE, 15, 0);
        case TypeCode::Bool: return set(c, SQL_BIT, 1, 0);
        case TypeCode::Char: return set(c, SQL_CHAR, 1, 0);
        // Unbounded: the server's maximum (H2's Integer.MAX_VALUE), never a made-up 255.
        case TypeCode::String: return set(c, SQL_VARCHAR, kUnboundedLength, 0);
        case TypeCode::Uuid: return set(c, SQL_GUID, 36, 0);
        case TypeCode::Date: return set(c, SQL_TYPE_DATE, 10, 0);
        case TypeCode::Timestamp: return set(c, SQL_TYPE_TIMESTAMP, 29, 9);
        case TypeCode::Time: return set(c, SQL_TYPE_TIME, 8, 0);
        case TypeCode::Decimal: return set(c, SQL_DECIMAL, 38, 0);
        case TypeCode::ByteArray: return set(c, SQL_VARBINARY, kUnboundedLength, 0);
        default: c.sql_type = SQL_VARCHAR; c.column_size = kUnboundedLength;
    }
}

bool describe_java_class(const std::string& cls, ColumnInfo& c) {
    static const std::map<std::string, TypeCode> classes{
        {"java.lang.Byte", TypeCode::Byte},      {"java.lang.Short", TypeCode::Short},
        {"java.lang.Integer", TypeCode::Int},    {"java.lang.Long", TypeCode::Long},
        {"java.lang.Float", TypeCode::Float},    {"java.lang.Double", TypeCode::Double},
        {"java.lang.Boolean", TypeCode::Bool},   {"java.lang.Character", TypeCode::Char},
        {"java.lang.String", TypeCode::String},  {"java.util.UUID", TypeCode::Uuid},
        {"java.sql.Date", TypeCode::Date},       {"java.time.LocalDate", TypeCode::Date},
        {"java.sql.Timestamp", TypeCode::Timestamp}, {"java.util.Date", TypeCode::Timestamp},
        {"java.time.LocalDateTime", TypeCode::Timestamp}, {"java.sql.Time", TypeCode::Time},
        {"java.time.LocalTime", TypeCode::Time}, {"java.math.BigDecimal", TypeCode::Decimal},
        {"[B", TypeCode::ByteArray},
    };
    // TYPE is a Class: H2 renders it as its name, Calcite as Class.toString() ("class java.lang.Integer");
    // read as is, Calcite sends a Java-serialized object no other client can read.
    auto it = classes.find(cls.rfind("class ", 0) == 0 ? cls.substr(6) : cls);
    if (it == classes.end()) return false;
    describe_type_code(it->second, c);
    return true;
}

SQLLEN octet_length(const ColumnInfo& c) {
    switch (c.sql_type) {
        // Fixed types: the size of their default C type (ODBC "Transfer Octet Length").
        case SQL_TINYINT: case SQL_BIT: return 1;
        case SQL_SMALLINT: return 2;
        case SQL_INTEGER: case SQL_REAL: return 4;
        case SQL_BIGINT: case SQL_DOUBLE: return 8;
        case SQL_GUID: return sizeof(SQLGUID);
        case SQL_TYPE_DATE: return sizeof(SQL_DATE_STRUCT);
        case SQL_TYPE_TIME: return sizeof(SQL_TIME_STRUCT);
        case SQL_TYPE_TIMESTAMP: return sizeof(SQL_TIMESTAMP_STRUCT);
        case SQL_DECIMAL: return static_cast<SQLLEN>(c.column_size) + 2;  // as text: sign and point
        case SQL_VARBINARY: case SQL_BINARY: return static_cast<SQLLEN>(c.column_size);
        default: return char_bytes(c.column_size);
    }
}

SQLLEN char_bytes(SQLULEN characters) {
    // SQL_C_CHAR data is UTF-8: up to 4 bytes a character (capped where that would overflow).
    constexpr SQLULEN cap = 0x7FFFFFFF;
    return static_cast<SQLLEN>(characters > cap / 4 ? cap : characters * 4);
}

SQLLEN display_size(const ColumnInfo& c) {
    switch (c.sql_type) {
        case SQL_TINYINT: return 4;
        case SQL_SMALLINT: return 6;
        case SQL_INTEGER: return 11;
        case SQL_BIGINT: return 20;
        case SQL_REAL: return 14;
        case SQL_DOUBLE: return 24;
        case SQL_BIT: return 1;
        case SQL_GUID: return 36;
        case SQL_TYPE_DATE: return 10;
        case SQL_TYPE_TIME: return 8;
        case SQL_TYPE_TIMESTAMP: return 29;
        case SQL_DECIMAL: return static_cast<SQLLEN>(c.column_size) + 2;
        case SQL_VARBINARY: case SQL_BINARY: return c.column_size > 0x3FFFFFFF ? 0x7FFFFFFF : static_cast<SQLLEN>(c.column_size) * 2;
        // In the ANSI API a character is an SQLCHAR, and SQL_C_CHAR data is UTF-8: an application
        // that sizes its buffer from the display size (DBD::ODBC) must find room for n characters.
        default: return char_bytes(c.column_size);
    }
}

const char* sql_type_name(SQLSMALLINT t) {
    switch (t) {
        case SQL_TINYINT: return "TINYINT";
        case SQL_SMALLINT: return "SMALLINT";
        case SQL_INTEGER: return "INTEGER";
        case SQL_BIGINT: return "BIGINT";
        case SQL_REAL: return "REAL";
        case SQL_DOUBLE: return "DOUBLE";
        case SQL_BIT: return "BOOLEAN";
        case SQL_CHAR: return "CHAR";
        case SQL_VARCHAR: return "VARCHAR";
        case SQL_GUID: return "UUID";
        case SQL_TYPE_DATE: return "DATE";
        case SQL_TYPE_TIME: return "TIME";
        case SQL_TYPE_TIMESTAMP: return "TIMESTAMP";
        case SQL_DECIMAL: return "DECIMAL";
        case SQL_VARBINARY: return "VARBINARY";
        case SQL_BINARY: return "BINARY";
        default: return "VARCHAR";
    }
}

SQLSMALLINT default_c_type(SQLSMALLINT t) {
    switch (t) {
        case SQL_TINYINT: return SQL_C_STINYINT;
        case SQL_SMALLINT: return SQL_C_SSHORT;
        case SQL_INTEGER: return SQL_C_SLONG;
        case SQL_BIGINT: return SQL_C_SBIGINT;
        case SQL_REAL: return SQL_C_FLOAT;
        case SQL_DOUBLE: return SQL_C_DOUBLE;
        case SQL_BIT: return SQL_C_BIT;
        case SQL_GUID: return SQL_C_GUID;
        case SQL_TYPE_DATE: return SQL_C_TYPE_DATE;
        case SQL_TYPE_TIME: return SQL_C_TYPE_TIME;
        case SQL_TYPE_TIMESTAMP: return SQL_C_TYPE_TIMESTAMP;
        case SQL_VARBINARY: case SQL_BINARY: return SQL_C_BINARY;
        default: return SQL_C_CHAR;
    }
}

}  // namespace kindling::odbc
