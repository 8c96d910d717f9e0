#pragma once
// The driver log, turned on from the DSN or connection string: LOG_LEVEL=error|info|debug (off by
// default) and LOG_FILE=path (unset: stderr). One line per event: UTC timestamp, process id, the
// connection's id, the level, the text. A file is opened in append mode and shared by every
// connection of the process that names the same file. Credentials never appear: the connection's
// password, PWD=/PASSWORD= values and SQL's PASSWORD '...' literals are written as ***.
//
// When the log is off a connection has no DriverLog (nullptr): every call site is one branch.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.hpp"
#include "kindling/net/events.hpp"
#include "kindling/protocol/value.hpp"

namespace kindling::odbc {

enum class LogLevel { Off = 0, Error = 1, Info = 2, Debug = 3 };

// off (or none, or empty), error, info, debug, in any case. Anything else: OdbcError HY024.
LogLevel parse_log_level(const std::string& text);

// `text` with the values of PWD= / PASSWORD= (braced or not) and the literal after SQL's PASSWORD
// keyword replaced by ***.
std::string redact_credentials(std::string_view text);

class DriverLog {
public:
    // The log of connection `connection_id` at `level` (nullptr for Off), appending to `path`
    // (empty: stderr). When the file cannot be opened the log goes to stderr and `problem` says
    // why. `secret` (the password) is replaced by *** wherever it would appear.
    static std::shared_ptr<DriverLog> open(LogLevel level, const std::string& path, std::uint64_t connection_id,
                                           std::string secret, std::string& problem);
    // A process-wide sequence number for connection handles (the id in every line).
    static std::uint64_t next_connection_id() noexcept;

    bool enabled(LogLevel l) const noexcept { return l <= level_; }
    void write(LogLevel l, std::string_view text) const noexcept;
    void error(std::string_view text) const noexcept { write(LogLevel::Error, text); }
    void info(std::string_view text) const noexcept { write(LogLevel::Info, text); }
    void debug(std::string_view text) const noexcept { write(LogLevel::Debug, text); }

    // The engine's events (net::ClientOptions::on_event), from its I/O thread.
    void event(const net::Event& e) const noexcept;
    // The connection is being closed by the application: lost connections are not failures.
    void closing() noexcept { closing_ = true; }

    struct Sink;
    DriverLog(LogLevel level, std::shared_ptr<Sink> sink, std::uint64_t id, std::string secret);
    ~DriverLog();

private:
    LogLevel level_;
    std::shared_ptr<Sink> sink_;
    std::uint64_t id_;
    std::string secret_;
    std::atomic<bool> closing_{false};
};

// The records one call left (the guard cleared the older ones): when it failed, each at error
// level with its SQLSTATE, else as warnings at info (data truncation, which SQLGetData in chunks
// produces on purpose, at debug). A statement's lines name its text. At most 20 lines per call.
void log_diagnostics(const DriverLog& log, const Diagnostics& d, bool failed, const std::string* statement) noexcept;

// Helpers for log lines.
std::string log_duration(std::chrono::steady_clock::duration d);  // "3.21 ms"
std::string log_values(const std::vector<Value>& values);         // "[1, 'abc', NULL]"

}  // namespace kindling::odbc
