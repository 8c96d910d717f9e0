#pragma once
// The error hierarchy shared by the protocol core, kvapi and the ODBC driver.
// Every error carries the server's status code (0 when the error did not come from the server)
// and the message; SQL errors also carry a derived SQLSTATE (the thin protocol sends none).
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

namespace kindling {

// Status codes of the thin-client protocol (ClientStatus.java).
namespace status {
inline constexpr std::int32_t success = 0;
inline constexpr std::int32_t failed = 1;
inline constexpr std::int32_t invalid_op_code = 2;
inline constexpr std::int32_t functionality_disabled = 100;
inline constexpr std::int32_t cache_does_not_exist = 1000;
inline constexpr std::int32_t cache_exists = 1001;
inline constexpr std::int32_t too_many_cursors = 1010;
inline constexpr std::int32_t resource_does_not_exist = 1011;
inline constexpr std::int32_t security_violation = 1012;
inline constexpr std::int32_t tx_limit_exceeded = 1020;
inline constexpr std::int32_t tx_not_found = 1021;
inline constexpr std::int32_t too_many_compute_tasks = 1030;
inline constexpr std::int32_t auth_failed = 2000;
}  // namespace status

// what() is short enough for a log line or an ODBC diagnostic record: for a server error it is the
// server's message without the Java stack trace and causes Ignite may append (several KB), and
// server_message() keeps the full text the server sent.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, std::int32_t server_status = 0)
        : std::runtime_error(message), status_(server_status) {}
    // A server error: `message` is the concise text what() returns, `server_message` all the server sent.
    Error(const std::string& message, std::int32_t server_status, std::string server_message)
        : std::runtime_error(message), status_(server_status),
          server_message_(std::make_shared<const std::string>(std::move(server_message))) {}
    // The server's status code, or 0 when the failure was detected on the client.
    std::int32_t server_status() const noexcept { return status_; }
    // The full text the server sent; for an error detected on the client, what().
    std::string server_message() const { return server_message_ ? *server_message_ : std::string(what()); }

private:
    std::int32_t status_;
    std::shared_ptr<const std::string> server_message_;  // shared: copying an exception must not throw
};

// Could not reach a node, or the connection broke.
class ConnectionError : public Error {
public:
    using Error::Error;
};

// No endpoint could be reached after the original connection error was reported (failover gave up).
class ReconnectError : public ConnectionError {
public:
    using ConnectionError::ConnectionError;
};

// The server rejected the credentials (handshake status 2000) or authorization failed (1012).
class AuthenticationError : public Error {
public:
    using Error::Error;
};

// TLS setup or peer verification failed.
class TlsError : public ConnectionError {
public:
    using ConnectionError::ConnectionError;
};

// The peer sent bytes that do not follow the protocol; the connection that received them is closed.
class ProtocolError : public Error {
public:
    using Error::Error;
};

// A request or connect attempt did not complete in time.
class TimeoutError : public Error {
public:
    using Error::Error;
};

// Cache-level failures: missing cache (1000), duplicate create (1001), other cache operation errors.
class CacheError : public Error {
public:
    using Error::Error;
};

class CacheNotFoundError : public CacheError {
public:
    using CacheError::CacheError;
};

class CacheExistsError : public CacheError {
public:
    using CacheError::CacheError;
};

// SQL failures, with a SQLSTATE derived from the server message (see sql_state.hpp).
class SqlError : public Error {
public:
    SqlError(const std::string& message, std::int32_t server_status, std::string sqlstate)
        : Error(message, server_status), sqlstate_(std::move(sqlstate)) {}
    SqlError(const std::string& message, std::int32_t server_status, std::string sqlstate, std::string server_message)
        : Error(message, server_status, std::move(server_message)), sqlstate_(std::move(sqlstate)) {}
    const std::string& sqlstate() const noexcept { return sqlstate_; }

private:
    std::string sqlstate_;
};

// Transaction failures (timeouts, deadlocks, optimistic conflicts, unknown tx, limits).
class TransactionError : public Error {
public:
    using Error::Error;
};

// The API was used in a way it does not allow (a negative timeout, an empty cache or task name, a
// transaction ended on a thread that does not own it, connect() on a connected client). Detected on
// the client before anything is sent.
class UsageError : public Error {
public:
    using Error::Error;
};

// The operation is not available with the negotiated protocol version/features.
class UnsupportedError : public Error {
public:
    using Error::Error;
};

}  // namespace kindling
