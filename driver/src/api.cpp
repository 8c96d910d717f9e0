#include "api.hpp"

#include "descriptor.hpp"

#include "kindling/protocol/errors.hpp"

namespace kindling::odbc {

SQLRETURN driver_connect(Connection& c, const std::string& in, std::string& out) {
    auto attrs = parse_connection_string(in);
    Attributes merged;
    if (auto it = attrs.find("DSN"); it != attrs.end() && !it->second.empty()) {
        merged = read_dsn(it->second);
        c.dsn = it->second;
    }
    for (auto& [k, v] : attrs) merged[k] = v;  // the connection string wins over the DSN
    merged.erase("DSN");
    merged.erase("DRIVER");
    c.connect(merged);
    out = attrs.count("DSN") ? "DSN=" + attrs.at("DSN") + ";" + c.out_connection_string : c.out_connection_string;
    if (attrs.count("DRIVER")) out = "DRIVER={" + attrs.at("DRIVER") + "};" + out;
    return SQL_SUCCESS;
}

SQLRETURN connect_dsn(Connection& c, const std::string& dsn, const std::string& user, const std::string& password) {
    auto attrs = read_dsn(dsn);
    attrs.erase("Driver");
    attrs.erase("Description");
    if (!user.empty()) attrs["UID"] = user;
    if (!password.empty()) attrs["PWD"] = password;
    c.dsn = dsn;
    c.connect(attrs);
    return SQL_SUCCESS;
}

const ColumnInfo& column(Statement& st, SQLUSMALLINT col) {
    if (!st.has_result_set() && st.result_columns().empty()) st.describe();
    if (!st.has_result_set() && st.result_columns().empty()) throw OdbcError("07005", "the statement has no result set");
    if (col == 0 || col > st.result_columns().size())
        throw OdbcError("07009", "column " + std::to_string(col) + " does not exist (the result has " +
                                     std::to_string(st.result_columns().size()) + " columns)");
    return st.result_columns()[col - 1];
}

ColAttr col_attribute(Statement& st, SQLUSMALLINT col, SQLUSMALLINT field) {
    if (field == SQL_DESC_COUNT || field == SQL_COLUMN_COUNT) return {std::nullopt, static_cast<SQLLEN>(st.result_columns().size())};
    const auto& c = column(st, col);
    switch (field) {
        case SQL_DESC_NAME: case SQL_DESC_LABEL: case SQL_COLUMN_NAME: case SQL_DESC_BASE_COLUMN_NAME: return {c.name, 0};
        case SQL_DESC_TABLE_NAME: case SQL_DESC_BASE_TABLE_NAME: return {c.table, 0};
        case SQL_DESC_SCHEMA_NAME: return {c.schema, 0};
        case SQL_DESC_CATALOG_NAME: return {std::string(), 0};
        case SQL_DESC_TYPE_NAME: return {std::string(sql_type_name(c.sql_type)), 0};
        case SQL_DESC_LITERAL_PREFIX: case SQL_DESC_LITERAL_SUFFIX:
            return {c.sql_type == SQL_VARCHAR || c.sql_type == SQL_CHAR ? std::string("'") : std::string(), 0};
        case SQL_DESC_LOCAL_TYPE_NAME: return {std::string(sql_type_name(c.sql_type)), 0};
        case SQL_DESC_CONCISE_TYPE: return {std::nullopt, c.sql_type};
        case SQL_DESC_TYPE:  // the verbose type: datetime types report SQL_DATETIME
            return {std::nullopt, c.sql_type == SQL_TYPE_DATE || c.sql_type == SQL_TYPE_TIME || c.sql_type == SQL_TYPE_TIMESTAMP
                                      ? SQLLEN{SQL_DATETIME} : SQLLEN{c.sql_type}};
        case SQL_DESC_PRECISION:
            // ODBC 3: for types with a seconds component, the digits of the fractional seconds.
            if (c.sql_type == SQL_TYPE_TIMESTAMP || c.sql_type == SQL_TYPE_TIME)
                return {std::nullopt, c.decimal_digits};
            return {std::nullopt, static_cast<SQLLEN>(c.column_size)};
        case SQL_DESC_LENGTH: case SQL_COLUMN_LENGTH: case SQL_COLUMN_PRECISION:
            return {std::nullopt, static_cast<SQLLEN>(c.column_size)};
        case SQL_DESC_OCTET_LENGTH:
            return {std::nullopt, octet_length(c)};
        case SQL_DESC_DISPLAY_SIZE: return {std::nullopt, display_size(c)};
        case SQL_DESC_SCALE: case SQL_COLUMN_SCALE: return {std::nullopt, c.decimal_digits};
        case SQL_DESC_NULLABLE: case SQL_COLUMN_NULLABLE: return {std::nullopt, c.nullable};
        case SQL_DESC_UNSIGNED: return {std::nullopt, c.sql_type == SQL_VARCHAR || c.sql_type == SQL_CHAR || c.sql_type == SQL_GUID ? SQL_TRUE : SQL_FALSE};
        case SQL_DESC_FIXED_PREC_SCALE: return {std::nullopt, SQL_FALSE};
        case SQL_DESC_AUTO_UNIQUE_VALUE: return {std::nullopt, SQL_FALSE};
        case SQL_DESC_CASE_SENSITIVE: return {std::nullopt, c.sql_type == SQL_VARCHAR || c.sql_type == SQL_CHAR ? SQL_TRUE : SQL_FALSE};
        case SQL_DESC_SEARCHABLE: return {std::nullopt, SQL_PRED_SEARCHABLE};
        case SQL_DESC_UPDATABLE: return {std::nullopt, SQL_ATTR_READWRITE_UNKNOWN};
        case SQL_DESC_NUM_PREC_RADIX:
            return {std::nullopt, c.sql_type == SQL_VARCHAR || c.sql_type == SQL_CHAR || c.sql_type == SQL_GUID || c.sql_type == SQL_VARBINARY ? 0 : 10};
        case SQL_DESC_UNNAMED: return {std::nullopt, c.name.empty() ? SQL_UNNAMED : SQL_NAMED};
        default: throw OdbcError("HY091", "descriptor field " + std::to_string(field) + " is not supported");
    }
}

Diagnostics* diagnostics_of(SQLSMALLINT type, SQLHANDLE handle) {
    switch (type) {
        case SQL_HANDLE_ENV: if (auto* h = checked<Environment>(handle)) return &h->diag; break;
        case SQL_HANDLE_DBC: if (auto* h = checked<Connection>(handle)) return &h->diag; break;
        case SQL_HANDLE_STMT: if (auto* h = checked<Statement>(handle)) return &h->diag; break;
        case SQL_HANDLE_DESC: if (auto* h = checked<Descriptor>(handle)) return &h->diag; break;
        default: break;
    }
    return nullptr;
}

std::optional<std::string> opt_string(const std::string& s, bool is_null) {
    if (is_null) return std::nullopt;
    return s;
}

}  // namespace kindling::odbc
