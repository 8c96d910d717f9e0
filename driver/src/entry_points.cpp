// The ODBC entry points (ANSI). Each one is thin: validate the handle and run the body inside the
// one guard (guard.hpp) that turns exceptions into diagnostics. The W variants are in
// entry_points_w.cpp and share the bodies in api.cpp.
#include <cstring>

#include "api.hpp"
#include "catalog.hpp"
#include "conversions.hpp"
#include "descriptor.hpp"
#include "escapes.hpp"

using namespace kindling::odbc;

#define KINDLING_EXPORT extern "C" __attribute__((visibility("default")))

namespace {

SQLRETURN alloc_handle(SQLSMALLINT type, SQLHANDLE input, SQLHANDLE* output) {
    if (!output) return SQL_ERROR;
    *output = SQL_NULL_HANDLE;
    switch (type) {
        case SQL_HANDLE_ENV:
            try {
                *output = new Environment();
                return SQL_SUCCESS;
            } catch (...) {
                return SQL_ERROR;
            }
        case SQL_HANDLE_DBC:
            return guarded<Environment>(input, [&](Environment& env) -> SQLRETURN {
                auto* c = new Connection(&env);
                env.connections.insert(c);
                *output = c;
                return SQL_SUCCESS;
            });
        case SQL_HANDLE_STMT:
            return guarded<Connection>(input, [&](Connection& conn) -> SQLRETURN {
                if (!conn.connected()) throw OdbcError("08003", "the connection is not open");
                auto* s = new Statement(&conn);
                conn.statements.insert(s);
                *output = s;
                return SQL_SUCCESS;
            });
        case SQL_HANDLE_DESC:
            return guarded<Connection>(input, [&](Connection& conn) -> SQLRETURN {
                if (!conn.connected()) throw OdbcError("08003", "the connection is not open");
                auto* d = new Descriptor(&conn, nullptr, DescKind::Ard);
                conn.descriptors.insert(d);
                *output = d;
                return SQL_SUCCESS;
            });
        default: return SQL_ERROR;
    }
}

SQLRETURN free_handle(SQLSMALLINT type, SQLHANDLE h) {
    switch (type) {
        case SQL_HANDLE_ENV: {
            auto* env = checked<Environment>(h);
            if (!env) return SQL_INVALID_HANDLE;
            if (!env->connections.empty()) {
                env->diag.clear();
                env->diag.add("HY010", "free the connections of this environment first");
                return SQL_ERROR;
            }
            delete env;
            return SQL_SUCCESS;
        }
        case SQL_HANDLE_DBC: {
            auto* c = checked<Connection>(h);
            if (!c) return SQL_INVALID_HANDLE;
            if (c->connected()) {
                c->diag.clear();
                c->diag.add("HY010", "disconnect before freeing the connection");
                return SQL_ERROR;
            }
            c->env->connections.erase(c);
            delete c;
            return SQL_SUCCESS;
        }
        case SQL_HANDLE_STMT: {
            auto* s = checked<Statement>(h);
            if (!s) return SQL_INVALID_HANDLE;
            s->conn->statements.erase(s);
            delete s;
            return SQL_SUCCESS;
        }
        case SQL_HANDLE_DESC: {
            auto* d = checked<Descriptor>(h);
            if (!d) return SQL_INVALID_HANDLE;
            if (!d->is_explicit()) {
                d->diag.clear();
                d->diag.add("HY017", "an implicitly allocated descriptor is freed with its statement");
                return SQL_ERROR;
            }
            d->conn->descriptors.erase(d);
            delete d;  // statements that used it go back to their implicit descriptors
            return SQL_SUCCESS;
        }
        default: return SQL_INVALID_HANDLE;
    }
}

template <class T>
void put(SQLPOINTER out, T v) {
    if (out) std::memcpy(out, &v, sizeof v);
}

}  // namespace

// --- handles and attributes --------------------------------------------------------------------

KINDLING_EXPORT SQLRETURN SQL_API SQLAllocHandle(SQLSMALLINT type, SQLHANDLE input, SQLHANDLE* output) {
    return alloc_handle(type, input, output);
}
KINDLING_EXPORT SQLRETURN SQL_API SQLAllocEnv(SQLHENV* env) { return alloc_handle(SQL_HANDLE_ENV, nullptr, env); }
KINDLING_EXPORT SQLRETURN SQL_API SQLAllocConnect(SQLHENV env, SQLHDBC* dbc) { return alloc_handle(SQL_HANDLE_DBC, env, dbc); }
KINDLING_EXPORT SQLRETURN SQL_API SQLAllocStmt(SQLHDBC dbc, SQLHSTMT* stmt) { return alloc_handle(SQL_HANDLE_STMT, dbc, stmt); }
KINDLING_EXPORT SQLRETURN SQL_API SQLFreeHandle(SQLSMALLINT type, SQLHANDLE h) { return free_handle(type, h); }
KINDLING_EXPORT SQLRETURN SQL_API SQLFreeEnv(SQLHENV h) { return free_handle(SQL_HANDLE_ENV, h); }
KINDLING_EXPORT SQLRETURN SQL_API SQLFreeConnect(SQLHDBC h) { return free_handle(SQL_HANDLE_DBC, h); }

KINDLING_EXPORT SQLRETURN SQL_API SQLFreeStmt(SQLHSTMT h, SQLUSMALLINT option) {
    if (option == SQL_DROP) return free_handle(SQL_HANDLE_STMT, h);
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        switch (option) {
            case SQL_CLOSE: st.discard_results(); break;
            case SQL_UNBIND: st.columns.clear(); Descriptor::statement_changed(st); break;
            case SQL_RESET_PARAMS: st.params.clear(); Descriptor::statement_changed(st); break;
            default: throw OdbcError("HY092", "invalid SQLFreeStmt option " + std::to_string(option));
        }
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLSetEnvAttr(SQLHENV h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER) {
    return guarded<Environment>(h, [&](Environment& env) -> SQLRETURN {
        switch (attr) {
            case SQL_ATTR_ODBC_VERSION: env.odbc_version = static_cast<SQLINTEGER>(reinterpret_cast<intptr_t>(value)); break;
            case SQL_ATTR_OUTPUT_NTS: case SQL_ATTR_CONNECTION_POOLING: case SQL_ATTR_CP_MATCH: break;
            default: throw OdbcError("HY092", "environment attribute " + std::to_string(attr) + " is not supported");
        }
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetEnvAttr(SQLHENV h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER, SQLINTEGER* len) {
    return guarded<Environment>(h, [&](Environment& env) -> SQLRETURN {
        switch (attr) {
            case SQL_ATTR_ODBC_VERSION: put(value, env.odbc_version); break;
            case SQL_ATTR_OUTPUT_NTS: put(value, SQLINTEGER{SQL_TRUE}); break;
            case SQL_ATTR_CONNECTION_POOLING: put(value, SQLUINTEGER{SQL_CP_OFF}); break;
            default: throw OdbcError("HY092", "environment attribute " + std::to_string(attr) + " is not supported");
        }
        if (len) *len = sizeof(SQLINTEGER);
        return SQL_SUCCESS;
    });
}

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
        case SQL_ATTR_CONNECTION_DEAD: put(value, SQLUINTEGER(c.connected() ? SQL_CD_FALSE : SQL_CD_TRUE)); break;
        case SQL_ATTR_ASYNC_ENABLE: put(value, SQLULEN{SQL_ASYNC_ENABLE_OFF}); break;
        default: throw OdbcError("HY092", "connection attribute " + std::to_string(attr) + " is not supported");
    }
    if (len) *len = sizeof(SQLUINTEGER);
    return SQL_SUCCESS;
}

KINDLING_EXPORT SQLRETURN SQL_API SQLSetConnectAttr(SQLHDBC h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER) {
    return guarded<Connection>(h, [&](Connection& c) -> SQLRETURN { return set_connect_attr(c, attr, value); });
}
KINDLING_EXPORT SQLRETURN SQL_API SQLGetConnectAttr(SQLHDBC h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER, SQLINTEGER* len) {
    return guarded<Connection>(h, [&](Connection& c) -> SQLRETURN {
        if (attr == SQL_ATTR_CURRENT_CATALOG) {
            return copy_out(c.diag, std::string(), value, 1, len);
        }
        return get_connect_attr(c, attr, value, len);
    });
}

SQLRETURN set_stmt_attr(Statement& st, SQLINTEGER attr, SQLPOINTER value) {
    auto n = static_cast<SQLULEN>(reinterpret_cast<uintptr_t>(value));
    switch (attr) {
        case SQL_ATTR_MAX_ROWS: st.max_rows = n; break;
        case SQL_ATTR_QUERY_TIMEOUT: st.query_timeout = n; break;
        case SQL_ATTR_ROW_ARRAY_SIZE: case SQL_ROWSET_SIZE:
            if (n == 0) throw OdbcError("HY024", "the row array size must be at least 1");
            st.row_array_size = n;
            break;
        case SQL_ATTR_ROWS_FETCHED_PTR: st.rows_fetched_ptr = static_cast<SQLULEN*>(value); break;
        case SQL_ATTR_ROW_STATUS_PTR: st.row_status_ptr = static_cast<SQLUSMALLINT*>(value); break;
        case SQL_ATTR_ROW_BIND_TYPE: st.bind_type = n; break;
        case SQL_ATTR_ROW_BIND_OFFSET_PTR: st.bind_offset_ptr = static_cast<SQLLEN*>(value); break;
        case SQL_ATTR_PARAMSET_SIZE:
            if (n == 0) throw OdbcError("HY024", "the parameter set size must be at least 1");
            st.paramset_size = n;
            break;
        case SQL_ATTR_PARAMS_PROCESSED_PTR: st.params_processed_ptr = static_cast<SQLULEN*>(value); break;
        case SQL_ATTR_PARAM_STATUS_PTR: st.param_status_ptr = static_cast<SQLUSMALLINT*>(value); break;
        case SQL_ATTR_PARAM_BIND_TYPE: st.param_bind_type = n; break;
        case SQL_ATTR_PARAM_BIND_OFFSET_PTR: st.param_bind_offset_ptr = static_cast<SQLLEN*>(value); break;
        case SQL_ATTR_PARAM_OPERATION_PTR: st.param_operation_ptr = static_cast<SQLUSMALLINT*>(value); break;
        case SQL_ATTR_ROW_OPERATION_PTR: st.row_operation_ptr = static_cast<SQLUSMALLINT*>(value); break;
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
    Descriptor::statement_changed(st);
    return SQL_SUCCESS;
}

KINDLING_EXPORT SQLRETURN SQL_API SQLSetStmtAttr(SQLHSTMT h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN { return set_stmt_attr(st, attr, value); });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetStmtAttr(SQLHSTMT h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER, SQLINTEGER* len) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        SQLULEN v = 0;
        switch (attr) {
            case SQL_ATTR_MAX_ROWS: v = st.max_rows; break;
            case SQL_ATTR_QUERY_TIMEOUT: v = st.query_timeout; break;
            case SQL_ATTR_ROW_ARRAY_SIZE: case SQL_ROWSET_SIZE: v = st.row_array_size; break;
            case SQL_ATTR_PARAMSET_SIZE: v = st.paramset_size; break;
            case SQL_ATTR_ROW_BIND_TYPE: v = st.bind_type; break;
            case SQL_ATTR_PARAM_BIND_TYPE: v = st.param_bind_type; break;
            case SQL_ATTR_CURSOR_TYPE: v = SQL_CURSOR_FORWARD_ONLY; break;
            case SQL_ATTR_CONCURRENCY: v = SQL_CONCUR_READ_ONLY; break;
            case SQL_ATTR_CURSOR_SCROLLABLE: v = SQL_NONSCROLLABLE; break;
            case SQL_ATTR_CURSOR_SENSITIVITY: v = SQL_INSENSITIVE; break;
            case SQL_ATTR_ASYNC_ENABLE: v = SQL_ASYNC_ENABLE_OFF; break;
            case SQL_ATTR_ROW_NUMBER: v = st.fetched; break;
            case SQL_ATTR_ROWS_FETCHED_PTR: put(value, st.rows_fetched_ptr); if (len) *len = sizeof(void*); return SQL_SUCCESS;
            case SQL_ATTR_ROW_STATUS_PTR: put(value, st.row_status_ptr); if (len) *len = sizeof(void*); return SQL_SUCCESS;
            case SQL_ATTR_APP_ROW_DESC: case SQL_ATTR_APP_PARAM_DESC: case SQL_ATTR_IMP_ROW_DESC: case SQL_ATTR_IMP_PARAM_DESC: {
                SQLHANDLE d = attr == SQL_ATTR_APP_ROW_DESC ? static_cast<SQLHANDLE>(st.ard)
                              : attr == SQL_ATTR_APP_PARAM_DESC ? static_cast<SQLHANDLE>(st.apd)
                              : attr == SQL_ATTR_IMP_ROW_DESC ? static_cast<SQLHANDLE>(st.imp_ird.get())
                                                              : static_cast<SQLHANDLE>(st.imp_ipd.get());
                put(value, d);
                if (len) *len = sizeof(void*);
                return SQL_SUCCESS;
            }
            case SQL_ATTR_PARAM_BIND_OFFSET_PTR: put(value, st.param_bind_offset_ptr); if (len) *len = sizeof(void*); return SQL_SUCCESS;
            case SQL_ATTR_ROW_BIND_OFFSET_PTR: put(value, st.bind_offset_ptr); if (len) *len = sizeof(void*); return SQL_SUCCESS;
            case SQL_ATTR_PARAM_OPERATION_PTR: put(value, st.param_operation_ptr); if (len) *len = sizeof(void*); return SQL_SUCCESS;
            case SQL_ATTR_ROW_OPERATION_PTR: put(value, st.row_operation_ptr); if (len) *len = sizeof(void*); return SQL_SUCCESS;
            case SQL_ATTR_PARAMS_PROCESSED_PTR: put(value, st.params_processed_ptr); if (len) *len = sizeof(void*); return SQL_SUCCESS;
            case SQL_ATTR_PARAM_STATUS_PTR: put(value, st.param_status_ptr); if (len) *len = sizeof(void*); return SQL_SUCCESS;
            default: throw OdbcError("HY092", "statement attribute " + std::to_string(attr) + " is not supported");
        }
        put(value, v);
        if (len) *len = sizeof v;
        return SQL_SUCCESS;
    });
}

// --- connecting ----------------------------------------------------------------------------------

KINDLING_EXPORT SQLRETURN SQL_API SQLConnect(SQLHDBC h, SQLCHAR* dsn, SQLSMALLINT dsn_len, SQLCHAR* user, SQLSMALLINT user_len,
                                             SQLCHAR* pwd, SQLSMALLINT pwd_len) {
    return guarded<Connection>(h, [&](Connection& c) -> SQLRETURN {
        return connect_dsn(c, in_string(dsn, dsn_len), in_string(user, user_len), in_string(pwd, pwd_len));
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLDriverConnect(SQLHDBC h, SQLHWND, SQLCHAR* in, SQLSMALLINT in_len, SQLCHAR* out,
                                                   SQLSMALLINT out_max, SQLSMALLINT* out_len, SQLUSMALLINT) {
    return guarded<Connection>(h, [&](Connection& c) -> SQLRETURN {
        std::string completed;
        driver_connect(c, in_string(in, in_len), completed);
        return copy_out(c.diag, completed, out, out_max, out_len);
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLDisconnect(SQLHDBC h) {
    return guarded<Connection>(h, [&](Connection& c) -> SQLRETURN {
        if (!c.connected()) throw OdbcError("08003", "the connection is not open");
        c.disconnect();
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetInfo(SQLHDBC h, SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT len, SQLSMALLINT* out_len) {
    return guarded<Connection>(h, [&](Connection& c) -> SQLRETURN {
        auto v = get_info(c, type);
        if (auto s = std::get_if<std::string>(&v)) return copy_out(c.diag, *s, static_cast<SQLCHAR*>(value), len, out_len);
        if (auto u = std::get_if<SQLUSMALLINT>(&v)) { put(value, *u); if (out_len) *out_len = sizeof *u; }
        if (auto u = std::get_if<SQLUINTEGER>(&v)) { put(value, *u); if (out_len) *out_len = sizeof *u; }
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetFunctions(SQLHDBC h, SQLUSMALLINT function, SQLUSMALLINT* supported) {
    return guarded<Connection>(h, [&](Connection&) -> SQLRETURN {
        if (!supported) throw OdbcError("HY009", "null output pointer");
        if (function == SQL_API_ODBC3_ALL_FUNCTIONS) {
            std::memset(supported, 0, sizeof(SQLUSMALLINT) * SQL_API_ODBC3_ALL_FUNCTIONS_SIZE);
            for (SQLUSMALLINT f = 0; f < SQL_API_ODBC3_ALL_FUNCTIONS_SIZE * 16; ++f)
                if (implements(f)) supported[f >> 4] = static_cast<SQLUSMALLINT>(supported[f >> 4] | (1 << (f & 0xF)));
        } else if (function == SQL_API_ALL_FUNCTIONS) {
            std::memset(supported, 0, sizeof(SQLUSMALLINT) * 100);
            for (SQLUSMALLINT f = 0; f < 100; ++f) supported[f] = implements(f) ? SQL_TRUE : SQL_FALSE;
        } else {
            *supported = implements(function) ? SQL_TRUE : SQL_FALSE;
        }
        return SQL_SUCCESS;
    });
}

// --- statements ----------------------------------------------------------------------------------

KINDLING_EXPORT SQLRETURN SQL_API SQLExecDirect(SQLHSTMT h, SQLCHAR* text, SQLINTEGER len) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (!text) throw OdbcError("HY009", "the statement text is a null pointer");
        st.exec_direct(in_string(text, len));
        return st.need_data ? SQL_NEED_DATA : SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLPrepare(SQLHSTMT h, SQLCHAR* text, SQLINTEGER len) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (!text) throw OdbcError("HY009", "the statement text is a null pointer");
        st.prepare(in_string(text, len));
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLExecute(SQLHSTMT h) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        st.execute();
        return st.need_data ? SQL_NEED_DATA : SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLNumResultCols(SQLHSTMT h, SQLSMALLINT* count) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (!st.result_active && !st.catalog_result) st.describe();
        bool described = st.prepared && !st.executed;
        if (count) *count = st.result_active || st.catalog_result || described ? static_cast<SQLSMALLINT>(st.result_columns.size()) : 0;
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLDescribeCol(SQLHSTMT h, SQLUSMALLINT col, SQLCHAR* name, SQLSMALLINT name_max, SQLSMALLINT* name_len,
                                                 SQLSMALLINT* type, SQLULEN* size, SQLSMALLINT* digits, SQLSMALLINT* nullable) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        const auto& c = column(st, col);
        if (type) *type = c.sql_type;
        if (size) *size = c.column_size;
        if (digits) *digits = c.decimal_digits;
        if (nullable) *nullable = c.nullable;
        return copy_out(st.diag, c.name, name, name_max, name_len);
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLColAttribute(SQLHSTMT h, SQLUSMALLINT col, SQLUSMALLINT field, SQLPOINTER text, SQLSMALLINT text_max,
                                                  SQLSMALLINT* text_len, SQLLEN* number) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        auto a = col_attribute(st, col, field);
        if (a.text) return copy_out(st.diag, *a.text, static_cast<SQLCHAR*>(text), text_max, text_len);
        if (number) *number = a.number;
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLBindCol(SQLHSTMT h, SQLUSMALLINT col, SQLSMALLINT c_type, SQLPOINTER buf, SQLLEN len, SQLLEN* ind) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (col == 0) throw OdbcError("07009", "bookmark columns are not supported");
        if (len < 0) throw OdbcError("HY090", "negative buffer length");
        if (st.columns.size() <= col) st.columns.resize(col + 1);
        st.columns[col] = Binding{c_type, buf, len, ind};
        Descriptor::statement_changed(st);
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLFetch(SQLHSTMT h) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN { return st.fetch(); });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLFetchScroll(SQLHSTMT h, SQLSMALLINT orientation, SQLLEN) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (orientation != SQL_FETCH_NEXT) throw OdbcError("HY106", "only SQL_FETCH_NEXT is supported on a forward-only cursor");
        return st.fetch();
    });
}

// ODBC 2 block fetch, still used by some applications: the row array is SQL_ROWSET_SIZE.
KINDLING_EXPORT SQLRETURN SQL_API SQLExtendedFetch(SQLHSTMT h, SQLUSMALLINT orientation, SQLLEN, SQLULEN* rows, SQLUSMALLINT* status) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (orientation != SQL_FETCH_NEXT) throw OdbcError("HY106", "only SQL_FETCH_NEXT is supported on a forward-only cursor");
        auto* saved_rows = st.rows_fetched_ptr;
        auto* saved_status = st.row_status_ptr;
        st.rows_fetched_ptr = rows;
        st.row_status_ptr = status;
        SQLRETURN rc;
        try {
            rc = st.fetch();
        } catch (...) {
            st.rows_fetched_ptr = saved_rows;
            st.row_status_ptr = saved_status;
            throw;
        }
        st.rows_fetched_ptr = saved_rows;
        st.row_status_ptr = saved_status;
        return rc;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetData(SQLHSTMT h, SQLUSMALLINT col, SQLSMALLINT c_type, SQLPOINTER buf, SQLLEN len, SQLLEN* ind) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN { return st.get_data(col, c_type, buf, len, ind); });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLRowCount(SQLHSTMT h, SQLLEN* count) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (count) *count = st.row_count;
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLCloseCursor(SQLHSTMT h) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (!st.result_active) throw OdbcError("24000", "no cursor is open");
        st.discard_results();
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLMoreResults(SQLHSTMT h) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        return st.more_results() ? SQL_SUCCESS : SQL_NO_DATA;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLParamData(SQLHSTMT h, SQLPOINTER* token) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN { return st.param_data(token); });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLPutData(SQLHSTMT h, SQLPOINTER data, SQLLEN len) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        st.put_data(data, len);
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLCancel(SQLHSTMT h) {
    // Called from another thread while the statement executes, so it must not wait for the
    // statement's lock (the executing call holds it); cancel_execution has its own.
    Statement* st = checked<Statement>(h);
    if (!st) return SQL_INVALID_HANDLE;
    try {
        if (st->cancel_execution()) return SQL_SUCCESS;
    } catch (...) {
        // Recorded only if the statement is idle: waiting for its lock could wait for the query.
        std::unique_lock lock(st->mu, std::try_to_lock);
        if (lock.owns_lock()) record(st->diag, std::current_exception());
        return SQL_ERROR;
    }
    // Nothing executing: ODBC 3 gives SQLCancel no effect then, except to end a data-at-execution
    // sequence, which it abandons.
    return guarded<Statement>(h, [&](Statement& s) -> SQLRETURN {
        s.cancel_data_at_exec();
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLNumParams(SQLHSTMT h, SQLSMALLINT* count) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (count) *count = static_cast<SQLSMALLINT>(st.param_count());
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLDescribeParam(SQLHSTMT h, SQLUSMALLINT n, SQLSMALLINT* type, SQLULEN* size, SQLSMALLINT* digits,
                                                   SQLSMALLINT* nullable) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (n == 0 || n > st.param_count()) throw OdbcError("07009", "parameter " + std::to_string(n) + " does not exist");
        // The thin protocol carries no parameter metadata: VARCHAR converts to any column type.
        if (type) *type = SQL_VARCHAR;
        if (size) *size = 0;
        if (digits) *digits = 0;
        if (nullable) *nullable = SQL_NULLABLE_UNKNOWN;
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLBindParameter(SQLHSTMT h, SQLUSMALLINT n, SQLSMALLINT io, SQLSMALLINT c_type, SQLSMALLINT sql_type,
                                                   SQLULEN size, SQLSMALLINT digits, SQLPOINTER buf, SQLLEN len, SQLLEN* ind) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (n == 0) throw OdbcError("07009", "parameter numbers start at 1");
        if (io != SQL_PARAM_INPUT) throw OdbcError("HYC00", "only input parameters are supported");
        if (st.params.size() <= n) st.params.resize(n + 1);
        Binding b{c_type, buf, len, ind, io, sql_type, size, digits};
        if (c_type == SQL_C_DEFAULT) b.c_type = default_c_type(sql_type);
        st.params[n] = b;
        Descriptor::statement_changed(st);
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLEndTran(SQLSMALLINT type, SQLHANDLE h, SQLSMALLINT completion) {
    auto check = [&] {
        if (completion != SQL_COMMIT && completion != SQL_ROLLBACK) throw OdbcError("HY012", "invalid completion type");
    };
    if (type == SQL_HANDLE_DBC)
        return guarded<Connection>(h, [&](Connection& c) -> SQLRETURN {
            check();
            if (!c.connected()) throw OdbcError("08003", "the connection is not open");
            c.end_transaction(completion == SQL_COMMIT);
            return SQL_SUCCESS;
        });
    if (type == SQL_HANDLE_ENV)
        return guarded<Environment>(h, [&](Environment& env) -> SQLRETURN {
            check();
            for (auto* c : env.connections)
                if (c->connected()) c->end_transaction(completion == SQL_COMMIT);
            return SQL_SUCCESS;
        });
    return SQL_INVALID_HANDLE;
}

KINDLING_EXPORT SQLRETURN SQL_API SQLNativeSql(SQLHDBC h, SQLCHAR* in, SQLINTEGER in_len, SQLCHAR* out, SQLINTEGER out_max, SQLINTEGER* out_len) {
    return guarded<Connection>(h, [&](Connection& c) -> SQLRETURN {
        if (!in) throw OdbcError("HY009", "the statement text is a null pointer");
        return copy_out(c.diag, translate_escapes(in_string(in, in_len)), out, out_max, out_len);
    });
}

// --- diagnostics ---------------------------------------------------------------------------------

KINDLING_EXPORT SQLRETURN SQL_API SQLGetDiagRec(SQLSMALLINT type, SQLHANDLE h, SQLSMALLINT rec, SQLCHAR* state, SQLINTEGER* native,
                                                SQLCHAR* msg, SQLSMALLINT msg_max, SQLSMALLINT* msg_len) {
    auto* d = diagnostics_of(type, h);
    if (!d) return SQL_INVALID_HANDLE;
    if (rec <= 0) return SQL_ERROR;
    if (static_cast<std::size_t>(rec) > d->records().size()) return SQL_NO_DATA;
    const auto& r = d->records()[static_cast<std::size_t>(rec) - 1];
    if (state) std::memcpy(state, r.sqlstate.c_str(), 6);
    if (native) *native = r.native;
    Diagnostics scratch;  // truncation here is reported by the return code, not as a new record
    return copy_out(scratch, r.message, msg, msg_max, msg_len);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetDiagField(SQLSMALLINT type, SQLHANDLE h, SQLSMALLINT rec, SQLSMALLINT field, SQLPOINTER info,
                                                  SQLSMALLINT info_max, SQLSMALLINT* info_len) {
    auto* d = diagnostics_of(type, h);
    if (!d) return SQL_INVALID_HANDLE;
    Diagnostics scratch;
    switch (field) {
        case SQL_DIAG_NUMBER: put(info, static_cast<SQLINTEGER>(d->records().size())); return SQL_SUCCESS;
        case SQL_DIAG_RETURNCODE: put(info, SQLRETURN{SQL_SUCCESS}); return SQL_SUCCESS;
        case SQL_DIAG_ROW_COUNT:
            if (auto* st = checked<Statement>(h)) put(info, st->row_count);
            return SQL_SUCCESS;
        default: break;
    }
    if (rec <= 0) return SQL_ERROR;
    if (static_cast<std::size_t>(rec) > d->records().size()) return SQL_NO_DATA;
    const auto& r = d->records()[static_cast<std::size_t>(rec) - 1];
    switch (field) {
        case SQL_DIAG_SQLSTATE: return copy_out(scratch, r.sqlstate, static_cast<SQLCHAR*>(info), info_max, info_len);
        case SQL_DIAG_MESSAGE_TEXT: return copy_out(scratch, r.message, static_cast<SQLCHAR*>(info), info_max, info_len);
        case SQL_DIAG_NATIVE: put(info, r.native); return SQL_SUCCESS;
        case SQL_DIAG_CLASS_ORIGIN: case SQL_DIAG_SUBCLASS_ORIGIN:
            return copy_out(scratch, r.sqlstate.rfind("IM", 0) == 0 ? "ODBC 3.0" : "ISO 9075", static_cast<SQLCHAR*>(info), info_max, info_len);
        case SQL_DIAG_CONNECTION_NAME: case SQL_DIAG_SERVER_NAME:
            return copy_out(scratch, "Kindling", static_cast<SQLCHAR*>(info), info_max, info_len);
        case SQL_DIAG_COLUMN_NUMBER: put(info, SQLINTEGER{SQL_COLUMN_NUMBER_UNKNOWN}); return SQL_SUCCESS;
        case SQL_DIAG_ROW_NUMBER: put(info, SQLLEN{SQL_ROW_NUMBER_UNKNOWN}); return SQL_SUCCESS;
        default: return SQL_ERROR;
    }
}

// --- catalog -------------------------------------------------------------------------------------

namespace {
std::optional<std::string> arg(SQLCHAR* s, SQLSMALLINT len) { return s ? std::optional(in_string(s, len)) : std::nullopt; }
}  // namespace

KINDLING_EXPORT SQLRETURN SQL_API SQLTables(SQLHSTMT h, SQLCHAR* cat, SQLSMALLINT cat_len, SQLCHAR* schema, SQLSMALLINT schema_len,
                                            SQLCHAR* table, SQLSMALLINT table_len, SQLCHAR* types, SQLSMALLINT types_len) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_tables(st, arg(cat, cat_len), arg(schema, schema_len), arg(table, table_len), arg(types, types_len));
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLColumns(SQLHSTMT h, SQLCHAR*, SQLSMALLINT, SQLCHAR* schema, SQLSMALLINT schema_len, SQLCHAR* table,
                                             SQLSMALLINT table_len, SQLCHAR* column, SQLSMALLINT column_len) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_columns(st, arg(schema, schema_len), arg(table, table_len), arg(column, column_len));
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLPrimaryKeys(SQLHSTMT h, SQLCHAR*, SQLSMALLINT, SQLCHAR* schema, SQLSMALLINT schema_len, SQLCHAR* table,
                                                 SQLSMALLINT table_len) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_primary_keys(st, arg(schema, schema_len), arg(table, table_len).value_or(""));
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLStatistics(SQLHSTMT h, SQLCHAR*, SQLSMALLINT, SQLCHAR* schema, SQLSMALLINT schema_len, SQLCHAR* table,
                                                SQLSMALLINT table_len, SQLUSMALLINT unique, SQLUSMALLINT) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_statistics(st, arg(schema, schema_len), arg(table, table_len).value_or(""), unique == SQL_INDEX_UNIQUE);
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLForeignKeys(SQLHSTMT h, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR*,
                                                 SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_foreign_keys(st);
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLSpecialColumns(SQLHSTMT h, SQLUSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR* schema, SQLSMALLINT schema_len,
                                                    SQLCHAR* table, SQLSMALLINT table_len, SQLUSMALLINT, SQLUSMALLINT) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_special_columns(st, arg(schema, schema_len), arg(table, table_len).value_or(""));
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetTypeInfo(SQLHSTMT h, SQLSMALLINT type) {
    return guarded<Statement>(h, [&](Statement& st) -> SQLRETURN {
        catalog_type_info(st, type);
        return SQL_SUCCESS;
    });
}
