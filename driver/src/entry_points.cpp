// The ODBC entry points that have a single form. Each one is thin: validate the handle and run the
// body inside the one guard (guard.hpp) that turns exceptions into diagnostics. The ones ODBC
// defines in A and W forms are in entry_points_w.cpp (descriptors: entry_points_desc.cpp), one
// shared body per pair.
#include <cstring>
#include <mutex>
#include <unordered_map>

#include "api.hpp"
#include "conversions.hpp"
#include "descriptor.hpp"

using namespace kindling::odbc;

#define KINDLING_EXPORT extern "C" __attribute__((visibility("default")))

// --- SQL_DIAG_RETURNCODE -------------------------------------------------------------------------
// The return code of the last function called on each handle, by address. It is kept beside the
// handles rather than in them, so the entry points alone own it: every entry point that takes a
// handle notes what it returned (run() below and in the other entry_points files), the diagnostic
// functions read it and note nothing, as ODBC requires. An address is forgotten when its handle
// is freed and again when a new handle is made there, so a reused address never inherits a code.

namespace {
std::mutex& returns_mutex() {
    static std::mutex m;
    return m;
}
std::unordered_map<const void*, SQLRETURN>& returns() {
    static std::unordered_map<const void*, SQLRETURN> codes;
    return codes;
}
void forget_return(const void* h) noexcept {
    std::lock_guard lock(returns_mutex());
    returns().erase(h);
}
// A statement's implicit descriptors live and die with it.
void forget_statement(Statement* st) noexcept {
    forget_return(st);
    for (const Descriptor* d : {st->imp_ard.get(), st->imp_apd.get(), st->imp_ird.get(), st->imp_ipd.get()}) forget_return(d);
}
}  // namespace

SQLRETURN noted(SQLHANDLE h, SQLRETURN rc) noexcept {
    if (rc == SQL_INVALID_HANDLE) return rc;  // not a handle of ours: nothing to note it on
    try {
        std::lock_guard lock(returns_mutex());
        returns()[h] = rc;
    } catch (...) {
        // Out of memory for the note: the call's own result still stands.
    }
    return rc;
}

SQLRETURN last_return(SQLHANDLE h) noexcept {
    std::lock_guard lock(returns_mutex());
    auto it = returns().find(h);
    return it == returns().end() ? SQLRETURN{SQL_SUCCESS} : it->second;
}

namespace {

// The guard, and a note of its return code for SQL_DIAG_RETURNCODE.
template <class H, class F>
SQLRETURN run(SQLHANDLE h, F&& body) noexcept {
    return noted(h, guarded<H>(h, std::forward<F>(body)));
}

SQLRETURN alloc_handle(SQLSMALLINT type, SQLHANDLE input, SQLHANDLE* output) {
    if (!output) return SQL_ERROR;
    *output = SQL_NULL_HANDLE;
    switch (type) {
        case SQL_HANDLE_ENV:
            try {
                *output = new Environment();
                forget_return(*output);
                return SQL_SUCCESS;
            } catch (...) {
                return SQL_ERROR;
            }
        case SQL_HANDLE_DBC:
            return run<Environment>(input, [&](Environment& env) -> SQLRETURN {
                auto* c = new Connection(&env);
                env.connections.insert(c);
                *output = c;
                forget_return(c);
                return SQL_SUCCESS;
            });
        case SQL_HANDLE_STMT:
            return run<Connection>(input, [&](Connection& conn) -> SQLRETURN {
                if (!conn.connected()) throw OdbcError("08003", "the connection is not open");
                auto* s = new Statement(&conn);
                conn.statements.insert(s);
                *output = s;
                forget_statement(s);
                return SQL_SUCCESS;
            });
        case SQL_HANDLE_DESC:
            return run<Connection>(input, [&](Connection& conn) -> SQLRETURN {
                if (!conn.connected()) throw OdbcError("08003", "the connection is not open");
                auto* d = new Descriptor(&conn, nullptr, DescKind::Ard);
                conn.descriptors.insert(d);
                *output = d;
                forget_return(d);
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
                return noted(h, SQL_ERROR);
            }
            forget_return(env);
            delete env;
            return SQL_SUCCESS;
        }
        case SQL_HANDLE_DBC: {
            auto* c = checked<Connection>(h);
            if (!c) return SQL_INVALID_HANDLE;
            if (c->connected()) {
                c->diag.clear();
                c->diag.add("HY010", "disconnect before freeing the connection");
                return noted(h, SQL_ERROR);
            }
            forget_return(c);
            c->env->connections.erase(c);
            delete c;
            return SQL_SUCCESS;
        }
        case SQL_HANDLE_STMT: {
            auto* s = checked<Statement>(h);
            if (!s) return SQL_INVALID_HANDLE;
            forget_statement(s);
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
                return noted(h, SQL_ERROR);
            }
            forget_return(d);
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
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        switch (option) {
            case SQL_CLOSE: st.discard_results(); break;
            case SQL_UNBIND: st.ard().records.clear(); break;
            case SQL_RESET_PARAMS:
                st.apd().records.clear();
                st.ipd().param_records.clear();
                break;
            default: throw OdbcError("HY092", "invalid SQLFreeStmt option " + std::to_string(option));
        }
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLSetEnvAttr(SQLHENV h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER) {
    return run<Environment>(h, [&](Environment& env) -> SQLRETURN {
        switch (attr) {
            case SQL_ATTR_ODBC_VERSION: env.odbc_version = static_cast<SQLINTEGER>(reinterpret_cast<intptr_t>(value)); break;
            case SQL_ATTR_OUTPUT_NTS: case SQL_ATTR_CONNECTION_POOLING: case SQL_ATTR_CP_MATCH: break;
            default: throw OdbcError("HY092", "environment attribute " + std::to_string(attr) + " is not supported");
        }
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetEnvAttr(SQLHENV h, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER, SQLINTEGER* len) {
    return run<Environment>(h, [&](Environment& env) -> SQLRETURN {
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

// --- connecting ----------------------------------------------------------------------------------

KINDLING_EXPORT SQLRETURN SQL_API SQLDisconnect(SQLHDBC h) {
    return run<Connection>(h, [&](Connection& c) -> SQLRETURN {
        if (!c.connected()) throw OdbcError("08003", "the connection is not open");
        for (auto* d : c.descriptors) forget_return(d);  // disconnect() frees them
        c.disconnect();
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetFunctions(SQLHDBC h, SQLUSMALLINT function, SQLUSMALLINT* supported) {
    return run<Connection>(h, [&](Connection&) -> SQLRETURN {
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

KINDLING_EXPORT SQLRETURN SQL_API SQLExecute(SQLHSTMT h) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        st.execute();
        return st.need_data ? SQL_NEED_DATA : SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLNumResultCols(SQLHSTMT h, SQLSMALLINT* count) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (!st.result_active && !st.catalog_result) st.describe();
        bool described = st.prepared && !st.executed;
        if (count) *count = st.result_active || st.catalog_result || described ? static_cast<SQLSMALLINT>(st.result_columns().size()) : 0;
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLBindCol(SQLHSTMT h, SQLUSMALLINT col, SQLSMALLINT c_type, SQLPOINTER buf, SQLLEN len, SQLLEN* ind) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (col == 0) throw OdbcError("07009", "bookmark columns are not supported");
        if (len < 0) throw OdbcError("HY090", "negative buffer length");
        // The ARD in use, explicit or not: StrLen_or_Ind is both its length and its indicator.
        st.ard().record(col) = AppRecord{c_type, buf, len, ind, ind};
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLFetch(SQLHSTMT h) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN { return st.fetch(); });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLFetchScroll(SQLHSTMT h, SQLSMALLINT orientation, SQLLEN) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (orientation != SQL_FETCH_NEXT) throw OdbcError("HY106", "only SQL_FETCH_NEXT is supported on a forward-only cursor");
        return st.fetch();
    });
}

// ODBC 2 block fetch, still used by some applications: the row array is SQL_ROWSET_SIZE.
KINDLING_EXPORT SQLRETURN SQL_API SQLExtendedFetch(SQLHSTMT h, SQLUSMALLINT orientation, SQLLEN, SQLULEN* rows, SQLUSMALLINT* status) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (orientation != SQL_FETCH_NEXT) throw OdbcError("HY106", "only SQL_FETCH_NEXT is supported on a forward-only cursor");
        auto& ird = st.ird();
        auto* saved_rows = ird.rows_processed_ptr;
        auto* saved_status = ird.array_status_ptr;
        ird.rows_processed_ptr = rows;
        ird.array_status_ptr = status;
        SQLRETURN rc;
        try {
            rc = st.fetch();
        } catch (...) {
            ird.rows_processed_ptr = saved_rows;
            ird.array_status_ptr = saved_status;
            throw;
        }
        ird.rows_processed_ptr = saved_rows;
        ird.array_status_ptr = saved_status;
        return rc;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetData(SQLHSTMT h, SQLUSMALLINT col, SQLSMALLINT c_type, SQLPOINTER buf, SQLLEN len, SQLLEN* ind) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN { return st.get_data(col, c_type, buf, len, ind); });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLRowCount(SQLHSTMT h, SQLLEN* count) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (count) *count = st.row_count;
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLCloseCursor(SQLHSTMT h) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (!st.result_active) throw OdbcError("24000", "no cursor is open");
        st.discard_results();
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLMoreResults(SQLHSTMT h) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        return st.more_results() ? SQL_SUCCESS : SQL_NO_DATA;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLParamData(SQLHSTMT h, SQLPOINTER* token) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN { return st.param_data(token); });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLPutData(SQLHSTMT h, SQLPOINTER data, SQLLEN len) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
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
        if (st->cancel_execution()) return noted(h, SQL_SUCCESS);
    } catch (...) {
        // Recorded only if the statement is idle: waiting for its lock could wait for the query.
        std::unique_lock lock(st->mu, std::try_to_lock);
        if (lock.owns_lock()) record(st->diag, std::current_exception());
        return noted(h, SQL_ERROR);
    }
    // Nothing executing: ODBC 3 gives SQLCancel no effect then, except to end a data-at-execution
    // sequence, which it abandons.
    return run<Statement>(h, [&](Statement& s) -> SQLRETURN {
        s.cancel_data_at_exec();
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLNumParams(SQLHSTMT h, SQLSMALLINT* count) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (count) *count = static_cast<SQLSMALLINT>(st.param_count());
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLDescribeParam(SQLHSTMT h, SQLUSMALLINT n, SQLSMALLINT* type, SQLULEN* size, SQLSMALLINT* digits,
                                                   SQLSMALLINT* nullable) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (n == 0 || n > st.param_count()) throw OdbcError("07009", "parameter " + std::to_string(n) + " does not exist");
        auto p = st.describe_parameter(n);
        if (type) *type = p.sql_type;
        if (size) *size = p.column_size;
        if (digits) *digits = p.decimal_digits;
        if (nullable) *nullable = p.nullable;
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLBindParameter(SQLHSTMT h, SQLUSMALLINT n, SQLSMALLINT io, SQLSMALLINT c_type, SQLSMALLINT sql_type,
                                                   SQLULEN size, SQLSMALLINT digits, SQLPOINTER buf, SQLLEN len, SQLLEN* ind) {
    return run<Statement>(h, [&](Statement& st) -> SQLRETURN {
        if (n == 0) throw OdbcError("07009", "parameter numbers start at 1");
        if (io != SQL_PARAM_INPUT) throw OdbcError("HYC00", "only input parameters are supported");
        // The C side goes to the APD in use, the SQL side to the IPD.
        st.apd().record(n) = AppRecord{c_type == SQL_C_DEFAULT ? default_c_type(sql_type) : c_type, buf, len, ind, ind};
        st.ipd().param_record(n) = ParamRecord{io, sql_type, size, digits};
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLEndTran(SQLSMALLINT type, SQLHANDLE h, SQLSMALLINT completion) {
    auto check = [&] {
        if (completion != SQL_COMMIT && completion != SQL_ROLLBACK) throw OdbcError("HY012", "invalid completion type");
    };
    if (type == SQL_HANDLE_DBC)
        return run<Connection>(h, [&](Connection& c) -> SQLRETURN {
            check();
            if (!c.connected()) throw OdbcError("08003", "the connection is not open");
            c.end_transaction(completion == SQL_COMMIT);
            return SQL_SUCCESS;  // the guard turns a warning in c.diag into SQL_SUCCESS_WITH_INFO
        });
    if (type == SQL_HANDLE_ENV)
        return run<Environment>(h, [&](Environment& env) -> SQLRETURN {
            check();
            for (auto* c : env.connections)
                if (c->connected() && c->end_transaction(completion == SQL_COMMIT))
                    for (const auto& r : c->diag.records()) env.diag.add(r);
            return SQL_SUCCESS;
        });
    return SQL_INVALID_HANDLE;
}
