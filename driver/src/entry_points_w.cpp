// The Unicode (W) entry points: SQLWCHAR is UTF-16 on unixODBC. Strings are converted to UTF-8
// at this edge and the shared bodies (api.cpp, catalog.cpp) do the work; lengths are in characters
// where the argument is always a string, in bytes where it is an SQLPOINTER.
#include <cstring>

#include "api.hpp"
#include "catalog.hpp"
#include "conversions.hpp"
#include "escapes.hpp"

using namespace kindling::odbc;

#define KINDLING_EXPORT extern "C" __attribute__((visibility("default")))

SQLRETURN set_connect_attr(Connection& c, SQLINTEGER attr, SQLPOINTER value);
SQLRETURN get_connect_attr(Connection& c, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER* len);
SQLRETURN set_stmt_attr(Statement& st, SQLINTEGER attr, SQLPOINTER value);

namespace {
std::optional<std::string> warg(SQLWCHAR* s, SQLSMALLINT len) { return s ? std::optional(in_wstring(s, len)) : std::nullopt; }
}  // namespace

KINDLING_EXPORT SQLRETURN SQL_API SQLConnectW(SQLHDBC h, SQLWCHAR* dsn, SQLSMALLINT dsn_len, SQLWCHAR* user, SQLSMALLINT user_len,
                                              SQLWCHAR* pwd, SQLSMALLINT pwd_len) {
    return guarded<Connection>(h, [&](Connection& c) -> SQLRETURN {
        return connect_dsn(c, in_wstring(dsn, dsn_len), in_wstring(user, user_len), in_wstring(pwd, pwd_len));
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLDriverConnectW(SQLHDBC h, SQLHWND, SQLWCHAR* in, SQLSMALLINT in_len, SQLWCHAR* out,
                                                    SQLSMALLINT out_max, SQLSMALLINT* out_len, SQLUSMALLINT) {
    return guarded<Connection>(h, [&](Connection& c) -> SQLRETURN {
        std::string completed;
        driver_connect(c, in_wstring(in, in_len), completed);
        return copy_out_w(c.diag, completed, out, out_max, out_len);
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLExecDirectW(SQLHSTMT h, SQLWCHAR* text, SQLINTEGER len) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (!text) throw OdbcError("HY009", "the statement text is a null pointer");
        st.exec_direct(in_wstring(text, len));
        return st.need_data ? SQL_NEED_DATA : SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLPrepareW(SQLHSTMT h, SQLWCHAR* text, SQLINTEGER len) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (!text) throw OdbcError("HY009", "the statement text is a null pointer");
        st.prepare(in_wstring(text, len));
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLDescribeColW(SQLHSTMT h, SQLUSMALLINT col, SQLWCHAR* name, SQLSMALLINT name_max, SQLSMALLINT* name_len,
                                                  SQLSMALLINT* type, SQLULEN* size, SQLSMALLINT* digits, SQLSMALLINT* nullable) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        const auto& c = column(st, col);
        if (type) *type = c.sql_type;
        if (size) *size = c.column_size;
        if (digits) *digits = c.decimal_digits;
        if (nullable) *nullable = c.nullable;
        return copy_out_w(st.diag, c.name, name, name_max, name_len);
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLColAttributeW(SQLHSTMT h, SQLUSMALLINT col, SQLUSMALLINT field, SQLPOINTER text, SQLSMALLINT text_max,
                                                   SQLSMALLINT* text_len, SQLLEN* number) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        auto a = col_attribute(st, col, field);
        if (a.text) {
            SQLINTEGER bytes = 0;
            auto rc = copy_out_w_bytes(st.diag, *a.text, text, text_max, &bytes);
            if (text_len) *text_len = static_cast<SQLSMALLINT>(bytes);
            return rc;
        }
        if (number) *number = a.number;
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetDiagRecW(SQLSMALLINT type, SQLHANDLE h, SQLSMALLINT rec, SQLWCHAR* state, SQLINTEGER* native,
                                                 SQLWCHAR* msg, SQLSMALLINT msg_max, SQLSMALLINT* msg_len) {
    auto* d = diagnostics_of(type, h);
    if (!d) return SQL_INVALID_HANDLE;
    if (rec <= 0) return SQL_ERROR;
    if (static_cast<std::size_t>(rec) > d->records().size()) return SQL_NO_DATA;
    const auto& r = d->records()[static_cast<std::size_t>(rec) - 1];
    Diagnostics scratch;
    if (state) copy_out_w(scratch, r.sqlstate, state, 6, nullptr);
    if (native) *native = r.native;
    return copy_out_w(scratch, r.message, msg, msg_max, msg_len);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetDiagFieldW(SQLSMALLINT type, SQLHANDLE h, SQLSMALLINT rec, SQLSMALLINT field, SQLPOINTER info,
                                                   SQLSMALLINT info_max, SQLSMALLINT* info_len) {
    auto* d = diagnostics_of(type, h);
    if (!d) return SQL_INVALID_HANDLE;
    if (field == SQL_DIAG_NUMBER) {
        SQLINTEGER n = static_cast<SQLINTEGER>(d->records().size());
        if (info) std::memcpy(info, &n, sizeof n);
        return SQL_SUCCESS;
    }
    if (rec <= 0) return SQL_ERROR;
    if (static_cast<std::size_t>(rec) > d->records().size()) return SQL_NO_DATA;
    const auto& r = d->records()[static_cast<std::size_t>(rec) - 1];
    Diagnostics scratch;
    SQLINTEGER bytes = 0;
    SQLRETURN rc;
    switch (field) {
        case SQL_DIAG_SQLSTATE: rc = copy_out_w_bytes(scratch, r.sqlstate, info, info_max, &bytes); break;
        case SQL_DIAG_MESSAGE_TEXT: rc = copy_out_w_bytes(scratch, r.message, info, info_max, &bytes); break;
        case SQL_DIAG_CLASS_ORIGIN: case SQL_DIAG_SUBCLASS_ORIGIN: rc = copy_out_w_bytes(scratch, "ISO 9075", info, info_max, &bytes); break;
        case SQL_DIAG_NATIVE:
            if (info) std::memcpy(info, &r.native, sizeof r.native);
            return SQL_SUCCESS;
        default: return SQL_ERROR;
    }
    if (info_len) *info_len = static_cast<SQLSMALLINT>(bytes);
    return rc;
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetInfoW(SQLHDBC h, SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT len, SQLSMALLINT* out_len) {
    return guarded<Connection>(h, [&](Connection& c) -> SQLRETURN {
        auto v = get_info(c, type);
        if (auto s = std::get_if<std::string>(&v)) {
            SQLINTEGER bytes = 0;
            auto rc = copy_out_w_bytes(c.diag, *s, value, len, &bytes);
            if (out_len) *out_len = static_cast<SQLSMALLINT>(bytes);
            return rc;
        }
        if (auto u = std::get_if<SQLUSMALLINT>(&v)) { if (value) std::memcpy(value, u, sizeof *u); if (out_len) *out_len = sizeof *u; }
        if (auto u = std::get_if<SQLUINTEGER>(&v)) { if (value) std::memcpy(value, u, sizeof *u); if (out_len) *out_len = sizeof *u; }
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLSetConnectAttrW(SQLHDBC h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER) {
    return guarded<Connection>(h, [&](Connection& c) -> SQLRETURN { return set_connect_attr(c, attr, value); });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetConnectAttrW(SQLHDBC h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER len, SQLINTEGER* out) {
    return guarded<Connection>(h, [&](Connection& c) -> SQLRETURN {
        if (attr == SQL_ATTR_CURRENT_CATALOG) return copy_out_w_bytes(c.diag, std::string(), value, len, out);
        return get_connect_attr(c, attr, value, out);
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLSetStmtAttrW(SQLHSTMT h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN { return set_stmt_attr(st, attr, value); });
}

extern "C" SQLRETURN SQL_API SQLGetStmtAttr(SQLHSTMT, SQLINTEGER, SQLPOINTER, SQLINTEGER, SQLINTEGER*);
KINDLING_EXPORT SQLRETURN SQL_API SQLGetStmtAttrW(SQLHSTMT h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER len, SQLINTEGER* out) {
    return SQLGetStmtAttr(h, attr, value, len, out);  // no string-valued statement attributes
}

KINDLING_EXPORT SQLRETURN SQL_API SQLNativeSqlW(SQLHDBC h, SQLWCHAR* in, SQLINTEGER in_len, SQLWCHAR* out, SQLINTEGER out_max, SQLINTEGER* out_len) {
    return guarded<Connection>(h, [&](Connection& c) -> SQLRETURN {
        SQLSMALLINT n = 0;
        if (!in) throw OdbcError("HY009", "the statement text is a null pointer");
        auto rc = copy_out_w(c.diag, translate_escapes(in_wstring(in, in_len)), out, static_cast<SQLSMALLINT>(std::min<SQLINTEGER>(out_max, 32767)), &n);
        if (out_len) *out_len = n;
        return rc;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLTablesW(SQLHSTMT h, SQLWCHAR* cat, SQLSMALLINT cat_len, SQLWCHAR* schema, SQLSMALLINT schema_len,
                                             SQLWCHAR* table, SQLSMALLINT table_len, SQLWCHAR* types, SQLSMALLINT types_len) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_tables(st, warg(cat, cat_len), warg(schema, schema_len), warg(table, table_len), warg(types, types_len));
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLColumnsW(SQLHSTMT h, SQLWCHAR*, SQLSMALLINT, SQLWCHAR* schema, SQLSMALLINT schema_len, SQLWCHAR* table,
                                              SQLSMALLINT table_len, SQLWCHAR* column, SQLSMALLINT column_len) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_columns(st, warg(schema, schema_len), warg(table, table_len), warg(column, column_len));
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLPrimaryKeysW(SQLHSTMT h, SQLWCHAR*, SQLSMALLINT, SQLWCHAR* schema, SQLSMALLINT schema_len, SQLWCHAR* table,
                                                  SQLSMALLINT table_len) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_primary_keys(st, warg(schema, schema_len), warg(table, table_len).value_or(""));
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLStatisticsW(SQLHSTMT h, SQLWCHAR*, SQLSMALLINT, SQLWCHAR* schema, SQLSMALLINT schema_len, SQLWCHAR* table,
                                                 SQLSMALLINT table_len, SQLUSMALLINT unique, SQLUSMALLINT) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_statistics(st, warg(schema, schema_len), warg(table, table_len).value_or(""), unique == SQL_INDEX_UNIQUE);
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetTypeInfoW(SQLHSTMT h, SQLSMALLINT type) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_type_info(st, type);
        return SQL_SUCCESS;
    });
}
