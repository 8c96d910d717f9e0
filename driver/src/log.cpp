#include "log.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <mutex>
#include <utility>

#include "diagnostics.hpp"

namespace kindling::odbc {

namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool matches_at(std::string_view text, std::size_t i, std::string_view word) {
    if (i + word.size() > text.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k)
        if (std::toupper(static_cast<unsigned char>(text[i + k])) != word[k]) return false;
    return (i == 0 || !word_char(text[i - 1])) && (i + word.size() == text.size() || !word_char(text[i + word.size()]));
}

// One line: no line breaks inside an event.
void append_escaped(std::string& out, std::string_view text) {
    for (char c : text) {
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') out += ' ';
        else out += c;
    }
}

}  // namespace

LogLevel parse_log_level(const std::string& text) {
    auto l = lower(text);
    if (l.empty() || l == "off" || l == "none") return LogLevel::Off;
    if (l == "error") return LogLevel::Error;
    if (l == "info") return LogLevel::Info;
    if (l == "debug") return LogLevel::Debug;
    throw OdbcError("HY024", "LOG_LEVEL must be off, error, info or debug, not '" + text + "'");
}

std::string redact_credentials(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t word = 0;
        if (matches_at(text, i, "PASSWORD")) word = 8;
        else if (matches_at(text, i, "PWD")) word = 3;
        if (!word) {
            out += text[i++];
            continue;
        }
        out.append(text.substr(i, word));
        i += word;
        std::size_t j = i;
        while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
        if (j < text.size() && text[j] == '=') {
            // Connection-string form: PWD=value; or PWD={va;lue}
            ++j;
            while (j < text.size() && text[j] == ' ') ++j;
            if (j < text.size() && text[j] == '{') {
                ++j;
                while (j < text.size()) {
                    if (text[j] == '}' && j + 1 < text.size() && text[j + 1] == '}') j += 2;
                    else if (text[j] == '}') { ++j; break; }
                    else ++j;
                }
            } else {
                while (j < text.size() && text[j] != ';') ++j;
            }
            out += "=***";
            i = j;
        } else if (j < text.size() && text[j] == '\'') {
            // SQL: CREATE/ALTER USER ... WITH PASSWORD 'literal' ('' is a quote inside it)
            ++j;
            while (j < text.size()) {
                if (text[j] == '\'' && j + 1 < text.size() && text[j + 1] == '\'') j += 2;
                else if (text[j] == '\'') { ++j; break; }
                else ++j;
            }
            out += " '***'";
            i = j;
        }
    }
    return out;
}

struct DriverLog::Sink {
    int fd = -1;
    bool owned = false;
    dev_t dev = 0;
    ino_t ino = 0;
    std::mutex mu;
    ~Sink() {
        if (owned && fd >= 0) ::close(fd);
    }
    void write_line(const std::string& line) {
        std::lock_guard lock(mu);
        // One write per line on an O_APPEND descriptor: lines of several processes do not mix.
        const char* p = line.data();
        std::size_t left = line.size();
        while (left > 0) {
            auto n = ::write(fd, p, left);
            if (n < 0) {
                if (errno == EINTR) continue;
                return;
            }
            p += n;
            left -= static_cast<std::size_t>(n);
        }
    }
};

namespace {

// Open files by (device, inode), so every connection naming the same file shares one descriptor
// and one lock. Never destroyed: the I/O threads of connections may still log during exit.
struct Registry {
    std::mutex mu;
    std::map<std::pair<dev_t, ino_t>, std::weak_ptr<DriverLog::Sink>> files;
    std::weak_ptr<DriverLog::Sink> stderr_sink;
};
Registry& registry() {
    static auto* r = new Registry;
    return *r;
}

std::shared_ptr<DriverLog::Sink> stderr_sink() {
    auto& r = registry();
    std::lock_guard lock(r.mu);
    if (auto s = r.stderr_sink.lock()) return s;
    auto s = std::make_shared<DriverLog::Sink>();
    s->fd = STDERR_FILENO;
    r.stderr_sink = s;
    return s;
}

std::shared_ptr<DriverLog::Sink> file_sink(const std::string& path, std::string& problem) {
    int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        problem = "cannot open LOG_FILE '" + path + "': " + std::strerror(errno);
        return nullptr;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        problem = "cannot open LOG_FILE '" + path + "': " + std::strerror(errno);
        ::close(fd);
        return nullptr;
    }
    auto& r = registry();
    std::lock_guard lock(r.mu);
    auto key = std::make_pair(st.st_dev, st.st_ino);
    if (auto s = r.files[key].lock()) {
        ::close(fd);
        return s;
    }
    auto s = std::make_shared<DriverLog::Sink>();
    s->fd = fd;
    s->owned = true;
    s->dev = st.st_dev;
    s->ino = st.st_ino;
    r.files[key] = s;
    return s;
}

const char* level_name(LogLevel l) {
    switch (l) {
        case LogLevel::Error: return "ERROR";
        case LogLevel::Info: return "INFO ";
        case LogLevel::Debug: return "DEBUG";
        default: return "     ";
    }
}

std::string timestamp() {
    auto now = std::chrono::system_clock::now();
    auto t = std::chrono::system_clock::to_time_t(now);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    return buf;
}

}  // namespace

DriverLog::DriverLog(LogLevel level, std::shared_ptr<Sink> sink, std::uint64_t id, std::string secret)
    : level_(level), sink_(std::move(sink)), id_(id), secret_(std::move(secret)) {}

DriverLog::~DriverLog() {
    auto& r = registry();
    std::lock_guard lock(r.mu);
    sink_.reset();
    for (auto it = r.files.begin(); it != r.files.end();) it = it->second.expired() ? r.files.erase(it) : std::next(it);
}

std::shared_ptr<DriverLog> DriverLog::open(LogLevel level, const std::string& path, std::uint64_t connection_id,
                                           std::string secret, std::string& problem) {
    if (level == LogLevel::Off) return nullptr;
    std::shared_ptr<Sink> sink;
    if (!path.empty()) sink = file_sink(path, problem);
    if (!sink) sink = stderr_sink();
    return std::make_shared<DriverLog>(level, std::move(sink), connection_id, std::move(secret));
}

std::uint64_t DriverLog::next_connection_id() noexcept {
    static std::atomic<std::uint64_t> next{1};
    return next.fetch_add(1);
}

void DriverLog::write(LogLevel l, std::string_view text) const noexcept {
    if (!enabled(l)) return;
    try {
        std::string body(text);
        if (!secret_.empty())
            for (auto at = body.find(secret_); at != std::string::npos; at = body.find(secret_, at + 3))
                body.replace(at, secret_.size(), "***");
        body = redact_credentials(body);
        std::string line = timestamp();
        line += " kindling-odbc pid=" + std::to_string(::getpid()) + " conn=" + std::to_string(id_) + " ";
        line += level_name(l);
        line += ' ';
        append_escaped(line, body);
        line += '\n';
        sink_->write_line(line);
    } catch (...) {
        // the log must never break a call
    }
}

void DriverLog::event(const net::Event& e) const noexcept {
    using K = net::Event::Kind;
    try {
        switch (e.kind) {
            case K::ConnectionOpened: info("connection to " + e.endpoint + " opened"); break;
            case K::ConnectionLost:
                if (closing_) debug("connection to " + e.endpoint + " closed");
                else error("connection to " + e.endpoint + " lost (the next statement goes to another node): " + e.message);
                break;
            case K::HandshakeFailed: error("handshake with " + e.endpoint + " failed: " + e.message); break;
            case K::AuthenticationFailed: error("authentication at " + e.endpoint + " failed: " + e.message); break;
            case K::TopologyChanged: info("topology of the cluster changed (" + e.message + "), seen at " + e.endpoint); break;
            case K::QueryStarted: break;  // the finished request says it all
            case K::QuerySucceeded:
                if (enabled(LogLevel::Debug))
                    debug("request op " + std::to_string(static_cast<int>(e.op)) + " at " + e.endpoint + ": " +
                          log_duration(e.duration));
                break;
            case K::QueryFailed:
                if (enabled(LogLevel::Debug))
                    debug("request op " + std::to_string(static_cast<int>(e.op)) + " at " + e.endpoint + " failed after " +
                          log_duration(e.duration) + ": " + e.message);
                break;
        }
    } catch (...) {
    }
}

void log_diagnostics(const DriverLog& log, const Diagnostics& d, bool failed, const std::string* statement) noexcept {
    try {
        constexpr std::size_t kMaxLines = 20;
        const auto& records = d.records();
        std::size_t n = 0;
        for (const auto& r : records) {
            bool warning = r.sqlstate.rfind("01", 0) == 0;
            auto level = failed && !warning ? LogLevel::Error : r.sqlstate == "01004" ? LogLevel::Debug : LogLevel::Info;
            if (!log.enabled(level)) continue;
            if (++n > kMaxLines) {
                log.write(level, "... and more diagnostic records (" + std::to_string(records.size()) + " in all)");
                break;
            }
            std::string message = r.message;
            constexpr std::string_view prefix = "[Kindling][Ignite] ";
            if (message.rfind(prefix, 0) == 0) message.erase(0, prefix.size());
            std::string line = (warning ? "warning " : "error ") + r.sqlstate;
            if (r.native) line += " (server status " + std::to_string(r.native) + ")";
            if (r.row_number > 0) line += " at parameter row " + std::to_string(r.row_number);
            line += ": " + message;
            if (statement && !statement->empty()) line += " -- statement: " + *statement;
            log.write(level, line);
        }
    } catch (...) {
    }
}

std::string log_duration(std::chrono::steady_clock::duration d) {
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f ms", static_cast<double>(us) / 1000.0);
    return buf;
}

std::string log_values(const std::vector<Value>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += ", ";
        if (values[i].is<std::string>()) out += "'" + values[i].get<std::string>() + "'";
        else out += values[i].to_string();
    }
    return out + "]";
}

}  // namespace kindling::odbc
