#pragma once
// The one guard every entry point runs its body in: validates the handle, clears the previous
// diagnostics, and turns any exception into a diagnostic record with the right SQLSTATE. No
// exception ever reaches the application.
#include <new>

#include "handles.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::odbc {

template <class H>
constexpr HandleTag tag_of() {
    if constexpr (std::is_same_v<H, Environment>) return HandleTag::Env;
    else if constexpr (std::is_same_v<H, Connection>) return HandleTag::Dbc;
    else if constexpr (std::is_same_v<H, Descriptor>) return HandleTag::Desc;
    else return HandleTag::Stmt;
}

template <class H>
H* checked(SQLHANDLE handle) {
    if (!handle || !is_live_handle(handle)) return nullptr;  // NULL, freed or never ours
    auto* base = static_cast<HandleBase*>(handle);
    if (base->tag.load() != tag_of<H>()) return nullptr;     // a live handle of another type
    return static_cast<H*>(base);
}

inline void record(Diagnostics& d, const std::exception_ptr& ep) {
    try {
        std::rethrow_exception(ep);
    } catch (const AlreadyDiagnosed&) {
    } catch (const OdbcError& e) {
        d.add(e.sqlstate(), e.what(), e.native());
    } catch (const SqlError& e) {
        d.add(e.sqlstate(), e.what(), e.server_status());
    } catch (const AuthenticationError& e) {
        d.add("28000", e.what(), e.server_status());
    } catch (const TimeoutError& e) {
        d.add("HYT00", e.what(), e.server_status());
    } catch (const ReconnectError& e) {
        d.add("08S01", e.what(), e.server_status());
    } catch (const ConnectionError& e) {
        d.add("08001", e.what(), e.server_status());
    } catch (const ProtocolError& e) {
        d.add("08S01", std::string("protocol error: ") + e.what(), e.server_status());
    } catch (const TransactionError& e) {
        d.add("25000", e.what(), e.server_status());
    } catch (const UnsupportedError& e) {
        d.add("HYC00", e.what(), e.server_status());
    } catch (const Error& e) {
        d.add("HY000", e.what(), e.server_status());
    } catch (const std::bad_alloc&) {
        d.add("HY001", "memory allocation failed");
    } catch (const std::invalid_argument& e) {
        d.add("HY024", e.what());
    } catch (const std::exception& e) {
        d.add("HY000", e.what());
    } catch (...) {
        d.add("HY000", "unknown error");
    }
}

// The driver log of a connection or statement handle (nullptr: off, or another handle type).
template <class H>
DriverLog* log_of(H& h) noexcept {
    if constexpr (std::is_same_v<H, Connection>) return h.log.get();
    else if constexpr (std::is_same_v<H, Statement>) return h.conn ? h.conn->log.get() : nullptr;
    else return nullptr;
}

// Runs `body(H&)` on a validated handle. `body` returns SQLRETURN.
template <class H, class F>
SQLRETURN guarded(SQLHANDLE handle, F&& body) noexcept {
    H* h = checked<H>(handle);
    if (!h) return SQL_INVALID_HANDLE;
    std::lock_guard lock(h->mu);
    h->diag.clear();
    const std::string* statement = nullptr;
    if constexpr (std::is_same_v<H, Statement>) statement = &h->sql;
    try {
        SQLRETURN rc = body(*h);
        if (rc == SQL_SUCCESS && h->diag.has_warnings()) rc = SQL_SUCCESS_WITH_INFO;
        if (h->diag.has_warnings())
            if (auto* log = log_of(*h)) log_diagnostics(*log, h->diag, rc == SQL_ERROR, statement);
        return rc;
    } catch (...) {
        record(h->diag, std::current_exception());
        if (auto* log = log_of(*h)) log_diagnostics(*log, h->diag, true, statement);
        return SQL_ERROR;
    }
}

// String output helpers: copy UTF-8 into a char buffer (length in bytes) and report truncation.
SQLRETURN copy_out(Diagnostics& d, const std::string& s, SQLCHAR* buf, SQLSMALLINT len, SQLSMALLINT* out_len);
SQLRETURN copy_out(Diagnostics& d, const std::string& s, SQLPOINTER buf, SQLINTEGER len, SQLINTEGER* out_len);
// UTF-16 versions; `len` in characters (SQLWCHAR) for the Sm variant, in bytes for the Int one.
SQLRETURN copy_out_w(Diagnostics& d, const std::string& s, SQLWCHAR* buf, SQLSMALLINT len_chars, SQLSMALLINT* out_chars);
SQLRETURN copy_out_w_bytes(Diagnostics& d, const std::string& s, SQLPOINTER buf, SQLINTEGER len_bytes, SQLINTEGER* out_bytes);
// Input strings: (ptr, length or SQL_NTS).
std::string in_string(const SQLCHAR* s, SQLINTEGER len);
std::string in_wstring(const SQLWCHAR* s, SQLINTEGER len_chars);

}  // namespace kindling::odbc
