// The entry points ODBC defines in both an ANSI (A) and a Unicode (W) form, except the descriptor
// ones (entry_points_desc.cpp). Each pair is one body, a template over the application's character
// type (SQLCHAR for A, SQLWCHAR for W: UTF-16 on unixODBC), and two wrappers that only pass their
// arguments on, so the two forms cannot drift apart. Strings become UTF-8 inside the guard; lengths
// count the application's characters where the argument is always a string, bytes where it is an
// SQLPOINTER. The entry points with a single form are in entry_points.cpp.
#include <algorithm>
#include <cstring>
#include <type_traits>

#include "api.hpp"
#include "catalog.hpp"
#include "conversions.hpp"
#include "descriptor.hpp"
#include "escapes.hpp"

using namespace kindling::odbc;

#define KINDLING_EXPORT extern "C" __attribute__((visibility("default")))

// entry_points.cpp: what SQL_DIAG_RETURNCODE answers.
SQLRETURN noted(SQLHANDLE h, SQLRETURN rc) noexcept;
SQLRETURN last_return(SQLHANDLE h) noexcept;

namespace {

// The guard, and a note of its return code for SQL_DIAG_RETURNCODE.
template <class H, class F>
SQLRETURN run(SQLHANDLE h, F&& body) noexcept {
    return noted(h, guarded<H>(h, std::forward<F>(body)));
}

template <class T>
void put(SQLPOINTER out, T v) {
    if (out) std::memcpy(out, &v, sizeof v);
}

// --- strings in and out, by the application's character type -----------------------------------

std::string utf8(const SQLCHAR* s, SQLINTEGER len) { return in_string(s, len); }
std::string utf8(const SQLWCHAR* s, SQLINTEGER len) { return in_wstring(s, len); }

// A catalog argument: nullopt for a NULL pointer, which is not the same as an empty pattern.
template <class Char>
std::optional<std::string> arg(const Char* s, SQLINTEGER len) {
    return s ? std::optional(utf8(s, len)) : std::nullopt;
}

// Into a buffer typed by the application's characters: lengths in those characters.
SQLRETURN put_text(Diagnostics& d, const std::string& s, SQLCHAR* buf, SQLSMALLINT len, SQLSMALLINT* out) {
    return copy_out(d, s, buf, len, out);
}
SQLRETURN put_text(Diagnostics& d, const std::string& s, SQLWCHAR* buf, SQLSMALLINT len, SQLSMALLINT* out) {
    return copy_out_w(d, s, buf, len, out);
}
SQLRETURN put_text(Diagnostics& d, const std::string& s, SQLCHAR* buf, SQLINTEGER len, SQLINTEGER* out) {
    return copy_out(d, s, static_cast<SQLPOINTER>(buf), len, out);
}
SQLRETURN put_text(Diagnostics& d, const std::string& s, SQLWCHAR* buf, SQLINTEGER len, SQLINTEGER* out) {
    auto rc = copy_out_w(d, s, buf, static_cast<SQLSMALLINT>(std::clamp<SQLINTEGER>(len, 0, 32767)), nullptr);
    if (out) *out = static_cast<SQLINTEGER>(utf8_to_utf16(s).size());
    return rc;
}

// Into an SQLPOINTER buffer: lengths in bytes in both forms.
template <class Char>
SQLRETURN put_bytes(Diagnostics& d, const std::string& s, SQLPOINTER buf, SQLINTEGER len, SQLINTEGER* out) {
    if constexpr (std::is_same_v<Char, SQLWCHAR>) return copy_out_w_bytes(d, s, buf, len, out);
    else return copy_out(d, s, buf, len, out);
}
template <class Char>
SQLRETURN put_bytes(Diagnostics& d, const std::string& s, SQLPOINTER buf, SQLSMALLINT len, SQLSMALLINT* out) {
    SQLINTEGER n = 0;
    auto rc = put_bytes<Char>(d, s, buf, SQLINTEGER{len}, &n);
    if (out) *out = static_cast<SQLSMALLINT>(n);
    return rc;
}

// --- attributes (no string-valued attribute is kept, so the two forms differ in nothing) --------

SQLRETURN set_connect_attr(Connection& c, SQLINTEGER attr, SQLPOINTER value) {
    auto n = static_cast<SQLUINTEGER>(reinterpret_cast<uintptr_t>(value));
    switch (attr) {
        case SQL_ATTR_AUTOCOMMIT:
            // Switching autocommit on commits the open transaction (ODBC 3 semantics).
            if (n == SQL_AUTOCOMMIT_ON && !c.autocommit && c.connected()) c.end_transaction(true);
            c.autocommit = n == SQL_AUTOCOMMIT_ON;
            break;
        case SQL_ATTR_LOGIN_TIMEOUT: case SQL_ATTR_CONNECTION_TIMEOUT: c.login_timeout = n; break;
        case SQL_ATTR_ACCESS_MODE: c.access_mode = n; break;
        case SQL_ATTR_METADATA_ID:  // a statement attribute set on the connection: for its statements
            c.metadata_id = n == SQL_TRUE;
            for (auto* st : c.statements) st->metadata_id = c.metadata_id;
            break;
        case SQL_ATTR_TXN_ISOLATION:
            if (n != SQL_TXN_READ_COMMITTED) throw OdbcError("HYC00", "only SQL_TXN_READ_COMMITTED is supported");
            c.txn_isolation = n;
            break;
        case SQL_ATTR_CURRENT_CATALOG:
            break;  // Ignite has no catalogs
        case SQL_ATTR_QUIET_MODE: case SQL_ATTR_PACKET_SIZE: case SQL_ATTR_ODBC_CURSORS: case SQL_ATTR_TRACE:
        case SQL_ATTR_TRACEFILE: case SQL_ATTR_ANSI_APP:
            break;
        default: throw OdbcError("HY092", "connection attribute " + std::to_string(attr) + " is not supported");
    }
    return SQL_SUCCESS;
}

SQLRETURN get_connect_attr(Connection& c, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER* len) {
    switch (attr) {
        case SQL_ATTR_AUTOCOMMIT: put(value, SQLUINTEGER(c.autocommit ? SQL_AUTOCOMMIT_ON : SQL_AUTOCOMMIT_OFF)); break;
        case SQL_ATTR_LOGIN_TIMEOUT: case SQL_ATTR_CONNECTION_TIMEOUT: put(value, c.login_timeout); break;
        case SQL_ATTR_ACCESS_MODE: put(value, c.access_mode); break;
        case SQL_ATTR_TXN_ISOLATION: put(value, c.txn_isolation); break;
        case SQL_ATTR_METADATA_ID: put(value, SQLUINTEGER(c.metadata_id ? SQL_TRUE : SQL_FALSE)); break;
        case SQL_ATTR_CONNECTION_DEAD: put(value, SQLUINTEGER(c.connected() ? SQL_CD_FALSE : SQL_CD_TRUE)); break;
        case SQL_ATTR_ASYNC_ENABLE: put(value, SQLULEN{SQL_ASYNC_ENABLE_OFF}); break;
        default: throw OdbcError("HY092", "connection attribute " + std::to_string(attr) + " is not supported");
    }
    if (len) *len = sizeof(SQLUINTEGER);
    return SQL_SUCCESS;
}

SQLRETURN set_stmt_attr(Statement& st, SQLINTEGER attr, SQLPOINTER value) {
    auto n = static_cast<SQLULEN>(reinterpret_cast<uintptr_t>(value));
    switch (attr) {
        case SQL_ATTR_MAX_ROWS: st.max_rows = n; break;
        case SQL_ATTR_QUERY_TIMEOUT: st.query_timeout = n; break;
        case SQL_ATTR_METADATA_ID: st.metadata_id = n == SQL_TRUE; break;
        case SQL_ATTR_ROW_ARRAY_SIZE: case SQL_ROWSET_SIZE:
            if (n == 0) throw OdbcError("HY024", "the row array size must be at least 1");
            st.ard().array_size = n;
            break;
        case SQL_ATTR_ROWS_FETCHED_PTR: st.ird().rows_processed_ptr = static_cast<SQLULEN*>(value); break;
        case SQL_ATTR_ROW_STATUS_PTR: st.ird().array_status_ptr = static_cast<SQLUSMALLINT*>(value); break;
        case SQL_ATTR_ROW_BIND_TYPE: st.ard().bind_type = n; break;
        case SQL_ATTR_ROW_BIND_OFFSET_PTR: st.ard().bind_offset_ptr = static_cast<SQLLEN*>(value); break;
        case SQL_ATTR_PARAMSET_SIZE:
            if (n == 0) throw OdbcError("HY024", "the parameter set size must be at least 1");
            st.apd().array_size = n;
            break;
        case SQL_ATTR_PARAMS_PROCESSED_PTR: st.ipd().rows_processed_ptr = static_cast<SQLULEN*>(value); break;
        case SQL_ATTR_PARAM_STATUS_PTR: st.ipd().array_status_ptr = static_cast<SQLUSMALLINT*>(value); break;
        case SQL_ATTR_PARAM_BIND_TYPE: st.apd().bind_type = n; break;
        case SQL_ATTR_PARAM_BIND_OFFSET_PTR: st.apd().bind_offset_ptr = static_cast<SQLLEN*>(value); break;
        case SQL_ATTR_PARAM_OPERATION_PTR: st.apd().array_status_ptr = static_cast<SQLUSMALLINT*>(value); break;
        case SQL_ATTR_ROW_OPERATION_PTR: st.ard().array_status_ptr = static_cast<SQLUSMALLINT*>(value); break;
        case SQL_ATTR_APP_ROW_DESC: case SQL_ATTR_APP_PARAM_DESC: {
            Descriptor* d = nullptr;
            if (value) {
                d = checked<Descriptor>(value);
                if (!d) throw OdbcError("HY024", "not a descriptor handle");
                if (!d->is_explicit() && d != st.imp_ard.get() && d != st.imp_apd.get())
                    throw OdbcError("HY017", "an implicitly allocated descriptor of another statement cannot be used");
                if (d->is_explicit() && d->conn != st.conn) throw OdbcError("HY024", "the descriptor belongs to another connection");
            }
            st.use_descriptor(attr == SQL_ATTR_APP_ROW_DESC ? DescKind::Ard : DescKind::Apd, d);
            return SQL_SUCCESS;
        }
        case SQL_ATTR_IMP_ROW_DESC: case SQL_ATTR_IMP_PARAM_DESC:
            throw OdbcError("HY017", "implementation descriptors cannot be replaced");
        case SQL_ATTR_CURSOR_TYPE:
            if (n != SQL_CURSOR_FORWARD_ONLY) {
                st.diag.add("01S02", "only forward-only cursors are supported: the cursor type was changed");
            }
            break;
        case SQL_ATTR_CONCURRENCY:
            if (n != SQL_CONCUR_READ_ONLY) st.diag.add("01S02", "only read-only cursors are supported");
            break;
        case SQL_ATTR_NOSCAN: case SQL_ATTR_RETRIEVE_DATA: case SQL_ATTR_CURSOR_SCROLLABLE: case SQL_ATTR_CURSOR_SENSITIVITY:
        case SQL_ATTR_USE_BOOKMARKS: case SQL_ATTR_MAX_LENGTH: case SQL_ATTR_ASYNC_ENABLE: case SQL_ATTR_ENABLE_AUTO_IPD:
            break;
        default: throw OdbcError("HY092", "statement attribute " + std::to_string(attr) + " is not supported");
    }
    return SQL_SUCCESS;
}

SQLRETURN get_stmt_attr(Statement& st, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER* len) {
    auto pointer = [&](auto* p) -> SQLRETURN {
        put(value, p);
        if (len) *len = sizeof(void*);
        return SQL_SUCCESS;
    };
    SQLULEN v = 0;
    switch (attr) {
        case SQL_ATTR_MAX_ROWS: v = st.max_rows; break;
        case SQL_ATTR_QUERY_TIMEOUT: v = st.query_timeout; break;
        case SQL_ATTR_METADATA_ID: v = st.metadata_id ? SQL_TRUE : SQL_FALSE; break;
        case SQL_ATTR_ROW_ARRAY_SIZE: case SQL_ROWSET_SIZE: v = st.ard().array_size; break;
        case SQL_ATTR_PARAMSET_SIZE: v = st.apd().array_size; break;
        case SQL_ATTR_ROW_BIND_TYPE: v = st.ard().bind_type; break;
        case SQL_ATTR_PARAM_BIND_TYPE: v = st.apd().bind_type; break;
        case SQL_ATTR_CURSOR_TYPE: v = SQL_CURSOR_FORWARD_ONLY; break;
        case SQL_ATTR_CONCURRENCY: v = SQL_CONCUR_READ_ONLY; break;
        case SQL_ATTR_CURSOR_SCROLLABLE: v = SQL_NONSCROLLABLE; break;
        case SQL_ATTR_CURSOR_SENSITIVITY: v = SQL_INSENSITIVE; break;
        case SQL_ATTR_ASYNC_ENABLE: v = SQL_ASYNC_ENABLE_OFF; break;
        case SQL_ATTR_ROW_NUMBER: v = st.fetched; break;
        case SQL_ATTR_ROWS_FETCHED_PTR: return pointer(st.ird().rows_processed_ptr);
        case SQL_ATTR_ROW_STATUS_PTR: return pointer(st.ird().array_status_ptr);
        case SQL_ATTR_APP_ROW_DESC: return pointer(static_cast<SQLHANDLE>(&st.ard()));
        case SQL_ATTR_APP_PARAM_DESC: return pointer(static_cast<SQLHANDLE>(&st.apd()));
        case SQL_ATTR_IMP_ROW_DESC: return pointer(static_cast<SQLHANDLE>(st.imp_ird.get()));
        case SQL_ATTR_IMP_PARAM_DESC: return pointer(static_cast<SQLHANDLE>(st.imp_ipd.get()));
        case SQL_ATTR_PARAM_BIND_OFFSET_PTR: return pointer(st.apd().bind_offset_ptr);
        case SQL_ATTR_ROW_BIND_OFFSET_PTR: return pointer(st.ard().bind_offset_ptr);
        case SQL_ATTR_PARAM_OPERATION_PTR: return pointer(st.apd().array_status_ptr);
        case SQL_ATTR_ROW_OPERATION_PTR: return pointer(st.ard().array_status_ptr);
        case SQL_ATTR_PARAMS_PROCESSED_PTR: return pointer(st.ipd().rows_processed_ptr);
        case SQL_ATTR_PARAM_STATUS_PTR: return pointer(st.ipd().array_status_ptr);
        default: throw OdbcError("HY092", "statement attribute " + std::to_string(attr) + " is not supported");
    }
    put(value, v);
    if (len) *len = sizeof v;
    return SQL_SUCCESS;
}

// --- diagnostics ----------------------------------------------------------------------------------

// Diagnostics are read outside the guard (reading them must not clear them), so this is the one
// place that keeps an exception (bad_alloc while converting) from reaching the application.
template <class F>
SQLRETURN reading_diagnostics(F&& body) noexcept {
    try {
        return body();
    } catch (...) {
        return SQL_ERROR;
    }
}

// The ODBC specification lists the SQLSTATEs whose class or subclass ODBC (not ISO 9075) defines.
bool odbc_subclass(const std::string& state) {
    static const char* const odbc[] = {"01S00", "01S01", "01S02", "01S06", "01S07", "07S01", "08S01", "21S01", "21S02",
                                       "25S01", "25S02", "25S03", "42S01", "42S02", "42S11", "42S12", "42S21", "42S22",
                                       "HY095", "HY097", "HY098", "HY099", "HY100", "HY101", "HY105", "HY107", "HY109",
                                       "HY110", "HY111", "HYT00", "HYT01", "IM001", "IM002", "IM003", "IM004", "IM005",
                                       "IM006", "IM007", "IM008", "IM010", "IM011", "IM012"};
    return std::any_of(std::begin(odbc), std::end(odbc), [&](const char* s) { return state == s; });
}

// SQL_DIAG_SERVER_NAME is what SQLGetInfo(SQL_DATA_SOURCE_NAME) answers on the connection the
// handle belongs to; an environment has none.
std::string server_name(SQLSMALLINT type, SQLHANDLE h) {
    Connection* c = nullptr;
    if (type == SQL_HANDLE_DBC) c = checked<Connection>(h);
    else if (type == SQL_HANDLE_STMT) { if (auto* st = checked<Statement>(h)) c = st->conn; }
    else if (type == SQL_HANDLE_DESC) { if (auto* d = checked<Descriptor>(h)) c = d->conn; }
    return c ? std::get<std::string>(get_info(*c, SQL_DATA_SOURCE_NAME)) : std::string();
}

}  // namespace

// One body per A/W pair: Char is SQLCHAR for the A form, SQLWCHAR for the W form.
namespace aw {
namespace {

template <class Char>
SQLRETURN connect(SQLHDBC h, Char* dsn, SQLSMALLINT dsn_len, Char* user, SQLSMALLINT user_len, Char* pwd, SQLSMALLINT pwd_len) {
    return run<Connection>(h, [&](Connection& c) -> SQLRETURN {
        return connect_dsn(c, utf8(dsn, dsn_len), utf8(user, user_len), utf8(pwd, pwd_len));
    });
}

template <class Char>
SQLRETURN driver_connect(SQLHDBC h, Char* in, SQLSMALLINT in_len, Char* out, SQLSMALLINT out_max, SQLSMALLINT* out_len) {
    return run<Connection>(h, [&](Connection& c) -> SQLRETURN {
        std::string completed;
        kindling::odbc::driver_connect(c, utf8(in, in_len), completed);
        return put_text(c.diag, completed, out, out_max, out_len);
    });
}

template <class Char>
SQLRETURN get_info(SQLHDBC h, SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT len, SQLSMALLINT* out_len) {
    return run<Connection>(h, [&](Connection& c) -> SQLRETURN {
        auto v = kindling::odbc::get_info(c, type);
        if (auto s = std::get_if<std::string>(&v)) return put_bytes<Char>(c.diag, *s, value, len, out_len);
        if (auto u = std::get_if<SQLUSMALLINT>(&v)) { put(value, *u); if (out_len) *out_len = sizeof *u; }
        if (auto u = std::get_if<SQLUINTEGER>(&v)) { put(value, *u); if (out_len) *out_len = sizeof *u; }
        return SQL_SUCCESS;
    });
}

SQLRETURN set_connect_attr(SQLHDBC h, SQLINTEGER attr, SQLPOINTER value) {
    return run<Connection>(h, [&](Connection& c) -> SQLRETURN { return ::set_connect_attr(c, attr, value); });
}

template <class Char>
SQLRETURN get_connect_attr(SQLHDBC h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER len, SQLINTEGER* out_len) {
    return run<Connection>(h, [&](Connection& c) -> SQLRETURN {
        if (attr == SQL_ATTR_CURRENT_CATALOG) return put_bytes<Char>(c.diag, std::string(), value, len, out_len);
        return ::get_connect_attr(c, attr, value, out_len);
    });
}

SQLRETURN set_stmt_attr(SQLHSTMT h, SQLINTEGER attr, SQLPOINTER value) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN { return ::set_stmt_attr(st, attr, value); });
}

SQLRETURN get_stmt_attr(SQLHSTMT h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER* out_len) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN { return ::get_stmt_attr(st, attr, value, out_len); });
}

template <class Char>
SQLRETURN exec_direct(SQLHSTMT h, Char* text, SQLINTEGER len) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (!text) throw OdbcError("HY009", "the statement text is a null pointer");
        st.exec_direct(utf8(text, len));
        return st.need_data ? SQL_NEED_DATA : SQL_SUCCESS;
    });
}

template <class Char>
SQLRETURN prepare(SQLHSTMT h, Char* text, SQLINTEGER len) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (!text) throw OdbcError("HY009", "the statement text is a null pointer");
        st.prepare(utf8(text, len));
        return SQL_SUCCESS;
    });
}

template <class Char>
SQLRETURN describe_col(SQLHSTMT h, SQLUSMALLINT col, Char* name, SQLSMALLINT name_max, SQLSMALLINT* name_len, SQLSMALLINT* type,
                       SQLULEN* size, SQLSMALLINT* digits, SQLSMALLINT* nullable) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        const auto& c = column(st, col);
        if (type) *type = c.sql_type;
        if (size) *size = c.column_size;
        if (digits) *digits = c.decimal_digits;
        if (nullable) *nullable = c.nullable;
        return put_text(st.diag, c.name, name, name_max, name_len);
    });
}

template <class Char>
SQLRETURN col_attribute(SQLHSTMT h, SQLUSMALLINT col, SQLUSMALLINT field, SQLPOINTER text, SQLSMALLINT text_max, SQLSMALLINT* text_len,
                        SQLLEN* number) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        auto a = kindling::odbc::col_attribute(st, col, field);
        if (a.text) return put_bytes<Char>(st.diag, *a.text, text, text_max, text_len);
        if (number) *number = a.number;
        return SQL_SUCCESS;
    });
}

template <class Char>
SQLRETURN native_sql(SQLHDBC h, Char* in, SQLINTEGER in_len, Char* out, SQLINTEGER out_max, SQLINTEGER* out_len) {
    return run<Connection>(h, [&](Connection& c) -> SQLRETURN {
        if (!in) throw OdbcError("HY009", "the statement text is a null pointer");
        return put_text(c.diag, translate_escapes(utf8(in, in_len)), out, out_max, out_len);
    });
}

template <class Char>
SQLRETURN get_diag_rec(SQLSMALLINT type, SQLHANDLE h, SQLSMALLINT rec, Char* state, SQLINTEGER* native, Char* msg, SQLSMALLINT msg_max,
                       SQLSMALLINT* msg_len) {
    return reading_diagnostics([&]() -> SQLRETURN {
        auto* d = diagnostics_of(type, h);
        if (!d) return SQL_INVALID_HANDLE;
        if (rec <= 0) return SQL_ERROR;
        if (static_cast<std::size_t>(rec) > d->records().size()) return SQL_NO_DATA;
        const auto& r = d->records()[static_cast<std::size_t>(rec) - 1];
        Diagnostics scratch;  // truncation here is reported by the return code, not as a new record
        if (state) put_text(scratch, r.sqlstate, state, SQLSMALLINT{6}, nullptr);
        if (native) *native = r.native;
        return put_text(scratch, r.message, msg, msg_max, msg_len);
    });
}

template <class Char>
SQLRETURN get_diag_field(SQLSMALLINT type, SQLHANDLE h, SQLSMALLINT rec, SQLSMALLINT field, SQLPOINTER info, SQLSMALLINT info_max,
                         SQLSMALLINT* info_len) {
    return reading_diagnostics([&]() -> SQLRETURN {
        auto* d = diagnostics_of(type, h);
        if (!d) return SQL_INVALID_HANDLE;
        Diagnostics scratch;  // truncation here is reported by the return code, not as a new record
        auto text = [&](const std::string& s) { return put_bytes<Char>(scratch, s, info, info_max, info_len); };
        switch (field) {  // the header fields
            case SQL_DIAG_NUMBER: put(info, static_cast<SQLINTEGER>(d->records().size())); return SQL_SUCCESS;
            case SQL_DIAG_RETURNCODE: put(info, last_return(h)); return SQL_SUCCESS;
            case SQL_DIAG_ROW_COUNT: {
                auto* st = type == SQL_HANDLE_STMT ? checked<Statement>(h) : nullptr;
                if (!st) return SQL_ERROR;  // a statement's field only
                put(info, st->row_count);
                return SQL_SUCCESS;
            }
            default: break;
        }
        if (rec <= 0) return SQL_ERROR;
        if (static_cast<std::size_t>(rec) > d->records().size()) return SQL_NO_DATA;
        const auto& r = d->records()[static_cast<std::size_t>(rec) - 1];
        switch (field) {
            case SQL_DIAG_SQLSTATE: return text(r.sqlstate);
            case SQL_DIAG_MESSAGE_TEXT: return text(r.message);
            case SQL_DIAG_NATIVE: put(info, r.native); return SQL_SUCCESS;
            case SQL_DIAG_CLASS_ORIGIN: return text(r.sqlstate.rfind("IM", 0) == 0 ? "ODBC 3.0" : "ISO 9075");
            case SQL_DIAG_SUBCLASS_ORIGIN: return text(odbc_subclass(r.sqlstate) ? "ODBC 3.0" : "ISO 9075");
            case SQL_DIAG_SERVER_NAME: return text(server_name(type, h));
            case SQL_DIAG_CONNECTION_NAME: return text(std::string());  // driver-defined: connections have no names
            case SQL_DIAG_COLUMN_NUMBER: put(info, SQLINTEGER{SQL_COLUMN_NUMBER_UNKNOWN}); return SQL_SUCCESS;
            case SQL_DIAG_ROW_NUMBER: put(info, r.row_number); return SQL_SUCCESS;
            default: return SQL_ERROR;
        }
    });
}

// --- catalog --------------------------------------------------------------------------------------

template <class Char>
SQLRETURN tables(SQLHSTMT h, Char* cat, SQLSMALLINT cat_len, Char* schema, SQLSMALLINT schema_len, Char* table, SQLSMALLINT table_len,
                 Char* types, SQLSMALLINT types_len) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_tables(st, arg(cat, cat_len), arg(schema, schema_len), arg(table, table_len), arg(types, types_len));
        return SQL_SUCCESS;
    });
}

template <class Char>
SQLRETURN columns(SQLHSTMT h, Char* schema, SQLSMALLINT schema_len, Char* table, SQLSMALLINT table_len, Char* column,
                  SQLSMALLINT column_len) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_columns(st, arg(schema, schema_len), arg(table, table_len), arg(column, column_len));
        return SQL_SUCCESS;
    });
}

template <class Char>
SQLRETURN primary_keys(SQLHSTMT h, Char* schema, SQLSMALLINT schema_len, Char* table, SQLSMALLINT table_len) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_primary_keys(st, arg(schema, schema_len), arg(table, table_len).value_or(""));
        return SQL_SUCCESS;
    });
}

template <class Char>
SQLRETURN statistics(SQLHSTMT h, Char* schema, SQLSMALLINT schema_len, Char* table, SQLSMALLINT table_len, SQLUSMALLINT unique) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_statistics(st, arg(schema, schema_len), arg(table, table_len).value_or(""), unique == SQL_INDEX_UNIQUE);
        return SQL_SUCCESS;
    });
}

SQLRETURN foreign_keys(SQLHSTMT h) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_foreign_keys(st);
        return SQL_SUCCESS;
    });
}

template <class Char>
SQLRETURN special_columns(SQLHSTMT h, Char* schema, SQLSMALLINT schema_len, Char* table, SQLSMALLINT table_len) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_special_columns(st, arg(schema, schema_len), arg(table, table_len).value_or(""));
        return SQL_SUCCESS;
    });
}

SQLRETURN procedures(SQLHSTMT h) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_procedures(st);
        return SQL_SUCCESS;
    });
}

SQLRETURN procedure_columns(SQLHSTMT h) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_procedure_columns(st);
        return SQL_SUCCESS;
    });
}

SQLRETURN get_type_info(SQLHSTMT h, SQLSMALLINT type) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_type_info(st, type);
        return SQL_SUCCESS;
    });
}

}  // namespace
}  // namespace aw

// --- connecting and information --------------------------------------------------------------------

KINDLING_EXPORT SQLRETURN SQL_API SQLConnect(SQLHDBC h, SQLCHAR* dsn, SQLSMALLINT dsn_len, SQLCHAR* user, SQLSMALLINT user_len,
                                             SQLCHAR* pwd, SQLSMALLINT pwd_len) {
    return aw::connect(h, dsn, dsn_len, user, user_len, pwd, pwd_len);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLConnectW(SQLHDBC h, SQLWCHAR* dsn, SQLSMALLINT dsn_len, SQLWCHAR* user, SQLSMALLINT user_len,
                                              SQLWCHAR* pwd, SQLSMALLINT pwd_len) {
    return aw::connect(h, dsn, dsn_len, user, user_len, pwd, pwd_len);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLDriverConnect(SQLHDBC h, SQLHWND, SQLCHAR* in, SQLSMALLINT in_len, SQLCHAR* out,
                                                   SQLSMALLINT out_max, SQLSMALLINT* out_len, SQLUSMALLINT) {
    return aw::driver_connect(h, in, in_len, out, out_max, out_len);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLDriverConnectW(SQLHDBC h, SQLHWND, SQLWCHAR* in, SQLSMALLINT in_len, SQLWCHAR* out,
                                                    SQLSMALLINT out_max, SQLSMALLINT* out_len, SQLUSMALLINT) {
    return aw::driver_connect(h, in, in_len, out, out_max, out_len);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetInfo(SQLHDBC h, SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT len, SQLSMALLINT* out_len) {
    return aw::get_info<SQLCHAR>(h, type, value, len, out_len);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLGetInfoW(SQLHDBC h, SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT len, SQLSMALLINT* out_len) {
    return aw::get_info<SQLWCHAR>(h, type, value, len, out_len);
}

// --- attributes ------------------------------------------------------------------------------------

KINDLING_EXPORT SQLRETURN SQL_API SQLSetConnectAttr(SQLHDBC h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER) {
    return aw::set_connect_attr(h, attr, value);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLSetConnectAttrW(SQLHDBC h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER) {
    return aw::set_connect_attr(h, attr, value);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetConnectAttr(SQLHDBC h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER len, SQLINTEGER* out_len) {
    return aw::get_connect_attr<SQLCHAR>(h, attr, value, len, out_len);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLGetConnectAttrW(SQLHDBC h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER len, SQLINTEGER* out_len) {
    return aw::get_connect_attr<SQLWCHAR>(h, attr, value, len, out_len);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLSetStmtAttr(SQLHSTMT h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER) {
    return aw::set_stmt_attr(h, attr, value);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLSetStmtAttrW(SQLHSTMT h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER) {
    return aw::set_stmt_attr(h, attr, value);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetStmtAttr(SQLHSTMT h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER, SQLINTEGER* out_len) {
    return aw::get_stmt_attr(h, attr, value, out_len);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLGetStmtAttrW(SQLHSTMT h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER, SQLINTEGER* out_len) {
    return aw::get_stmt_attr(h, attr, value, out_len);
}

// --- statements ------------------------------------------------------------------------------------

KINDLING_EXPORT SQLRETURN SQL_API SQLExecDirect(SQLHSTMT h, SQLCHAR* text, SQLINTEGER len) { return aw::exec_direct(h, text, len); }
KINDLING_EXPORT SQLRETURN SQL_API SQLExecDirectW(SQLHSTMT h, SQLWCHAR* text, SQLINTEGER len) { return aw::exec_direct(h, text, len); }

KINDLING_EXPORT SQLRETURN SQL_API SQLPrepare(SQLHSTMT h, SQLCHAR* text, SQLINTEGER len) { return aw::prepare(h, text, len); }
KINDLING_EXPORT SQLRETURN SQL_API SQLPrepareW(SQLHSTMT h, SQLWCHAR* text, SQLINTEGER len) { return aw::prepare(h, text, len); }

KINDLING_EXPORT SQLRETURN SQL_API SQLDescribeCol(SQLHSTMT h, SQLUSMALLINT col, SQLCHAR* name, SQLSMALLINT name_max, SQLSMALLINT* name_len,
                                                 SQLSMALLINT* type, SQLULEN* size, SQLSMALLINT* digits, SQLSMALLINT* nullable) {
    return aw::describe_col(h, col, name, name_max, name_len, type, size, digits, nullable);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLDescribeColW(SQLHSTMT h, SQLUSMALLINT col, SQLWCHAR* name, SQLSMALLINT name_max, SQLSMALLINT* name_len,
                                                  SQLSMALLINT* type, SQLULEN* size, SQLSMALLINT* digits, SQLSMALLINT* nullable) {
    return aw::describe_col(h, col, name, name_max, name_len, type, size, digits, nullable);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLColAttribute(SQLHSTMT h, SQLUSMALLINT col, SQLUSMALLINT field, SQLPOINTER text, SQLSMALLINT text_max,
                                                  SQLSMALLINT* text_len, SQLLEN* number) {
    return aw::col_attribute<SQLCHAR>(h, col, field, text, text_max, text_len, number);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLColAttributeW(SQLHSTMT h, SQLUSMALLINT col, SQLUSMALLINT field, SQLPOINTER text, SQLSMALLINT text_max,
                                                   SQLSMALLINT* text_len, SQLLEN* number) {
    return aw::col_attribute<SQLWCHAR>(h, col, field, text, text_max, text_len, number);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLNativeSql(SQLHDBC h, SQLCHAR* in, SQLINTEGER in_len, SQLCHAR* out, SQLINTEGER out_max, SQLINTEGER* out_len) {
    return aw::native_sql(h, in, in_len, out, out_max, out_len);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLNativeSqlW(SQLHDBC h, SQLWCHAR* in, SQLINTEGER in_len, SQLWCHAR* out, SQLINTEGER out_max,
                                                SQLINTEGER* out_len) {
    return aw::native_sql(h, in, in_len, out, out_max, out_len);
}

// --- diagnostics -----------------------------------------------------------------------------------

KINDLING_EXPORT SQLRETURN SQL_API SQLGetDiagRec(SQLSMALLINT type, SQLHANDLE h, SQLSMALLINT rec, SQLCHAR* state, SQLINTEGER* native,
                                                SQLCHAR* msg, SQLSMALLINT msg_max, SQLSMALLINT* msg_len) {
    return aw::get_diag_rec(type, h, rec, state, native, msg, msg_max, msg_len);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLGetDiagRecW(SQLSMALLINT type, SQLHANDLE h, SQLSMALLINT rec, SQLWCHAR* state, SQLINTEGER* native,
                                                 SQLWCHAR* msg, SQLSMALLINT msg_max, SQLSMALLINT* msg_len) {
    return aw::get_diag_rec(type, h, rec, state, native, msg, msg_max, msg_len);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetDiagField(SQLSMALLINT type, SQLHANDLE h, SQLSMALLINT rec, SQLSMALLINT field, SQLPOINTER info,
                                                  SQLSMALLINT info_max, SQLSMALLINT* info_len) {
    return aw::get_diag_field<SQLCHAR>(type, h, rec, field, info, info_max, info_len);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLGetDiagFieldW(SQLSMALLINT type, SQLHANDLE h, SQLSMALLINT rec, SQLSMALLINT field, SQLPOINTER info,
                                                   SQLSMALLINT info_max, SQLSMALLINT* info_len) {
    return aw::get_diag_field<SQLWCHAR>(type, h, rec, field, info, info_max, info_len);
}

// --- catalog ---------------------------------------------------------------------------------------
// Ignite has no catalogs: catalog arguments are accepted and ignored.

KINDLING_EXPORT SQLRETURN SQL_API SQLTables(SQLHSTMT h, SQLCHAR* cat, SQLSMALLINT cat_len, SQLCHAR* schema, SQLSMALLINT schema_len,
                                            SQLCHAR* table, SQLSMALLINT table_len, SQLCHAR* types, SQLSMALLINT types_len) {
    return aw::tables(h, cat, cat_len, schema, schema_len, table, table_len, types, types_len);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLTablesW(SQLHSTMT h, SQLWCHAR* cat, SQLSMALLINT cat_len, SQLWCHAR* schema, SQLSMALLINT schema_len,
                                             SQLWCHAR* table, SQLSMALLINT table_len, SQLWCHAR* types, SQLSMALLINT types_len) {
    return aw::tables(h, cat, cat_len, schema, schema_len, table, table_len, types, types_len);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLColumns(SQLHSTMT h, SQLCHAR*, SQLSMALLINT, SQLCHAR* schema, SQLSMALLINT schema_len, SQLCHAR* table,
                                             SQLSMALLINT table_len, SQLCHAR* column, SQLSMALLINT column_len) {
    return aw::columns(h, schema, schema_len, table, table_len, column, column_len);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLColumnsW(SQLHSTMT h, SQLWCHAR*, SQLSMALLINT, SQLWCHAR* schema, SQLSMALLINT schema_len, SQLWCHAR* table,
                                              SQLSMALLINT table_len, SQLWCHAR* column, SQLSMALLINT column_len) {
    return aw::columns(h, schema, schema_len, table, table_len, column, column_len);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLPrimaryKeys(SQLHSTMT h, SQLCHAR*, SQLSMALLINT, SQLCHAR* schema, SQLSMALLINT schema_len, SQLCHAR* table,
                                                 SQLSMALLINT table_len) {
    return aw::primary_keys(h, schema, schema_len, table, table_len);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLPrimaryKeysW(SQLHSTMT h, SQLWCHAR*, SQLSMALLINT, SQLWCHAR* schema, SQLSMALLINT schema_len, SQLWCHAR* table,
                                                  SQLSMALLINT table_len) {
    return aw::primary_keys(h, schema, schema_len, table, table_len);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLStatistics(SQLHSTMT h, SQLCHAR*, SQLSMALLINT, SQLCHAR* schema, SQLSMALLINT schema_len, SQLCHAR* table,
                                                SQLSMALLINT table_len, SQLUSMALLINT unique, SQLUSMALLINT) {
    return aw::statistics(h, schema, schema_len, table, table_len, unique);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLStatisticsW(SQLHSTMT h, SQLWCHAR*, SQLSMALLINT, SQLWCHAR* schema, SQLSMALLINT schema_len, SQLWCHAR* table,
                                                 SQLSMALLINT table_len, SQLUSMALLINT unique, SQLUSMALLINT) {
    return aw::statistics(h, schema, schema_len, table, table_len, unique);
}

// Ignite has no foreign keys: the result is empty whatever the arguments.
KINDLING_EXPORT SQLRETURN SQL_API SQLForeignKeys(SQLHSTMT h, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR*,
                                                 SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT) {
    return aw::foreign_keys(h);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLForeignKeysW(SQLHSTMT h, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT,
                                                  SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT) {
    return aw::foreign_keys(h);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLSpecialColumns(SQLHSTMT h, SQLUSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR* schema, SQLSMALLINT schema_len,
                                                    SQLCHAR* table, SQLSMALLINT table_len, SQLUSMALLINT, SQLUSMALLINT) {
    return aw::special_columns(h, schema, schema_len, table, table_len);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLSpecialColumnsW(SQLHSTMT h, SQLUSMALLINT, SQLWCHAR*, SQLSMALLINT, SQLWCHAR* schema,
                                                     SQLSMALLINT schema_len, SQLWCHAR* table, SQLSMALLINT table_len, SQLUSMALLINT,
                                                     SQLUSMALLINT) {
    return aw::special_columns(h, schema, schema_len, table, table_len);
}

// Ignite has no stored procedures: the results are empty whatever the arguments.
KINDLING_EXPORT SQLRETURN SQL_API SQLProcedures(SQLHSTMT h, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT) {
    return aw::procedures(h);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLProceduresW(SQLHSTMT h, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT) {
    return aw::procedures(h);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLProcedureColumns(SQLHSTMT h, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT,
                                                      SQLCHAR*, SQLSMALLINT) {
    return aw::procedure_columns(h);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLProcedureColumnsW(SQLHSTMT h, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT,
                                                       SQLWCHAR*, SQLSMALLINT) {
    return aw::procedure_columns(h);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetTypeInfo(SQLHSTMT h, SQLSMALLINT type) { return aw::get_type_info(h, type); }
KINDLING_EXPORT SQLRETURN SQL_API SQLGetTypeInfoW(SQLHSTMT h, SQLSMALLINT type) { return aw::get_type_info(h, type); }
