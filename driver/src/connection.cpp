#include <utility>
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "catalog.hpp"
#include "descriptor.hpp"
#include "handles.hpp"
#include "log.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/net/server_transaction.hpp"

namespace kindling::odbc {

namespace {
std::string get(const Attributes& a, std::initializer_list<const char*> keys, std::string fallback = {}) {
    for (auto k : keys)
        if (auto it = a.find(k); it != a.end() && !it->second.empty()) return it->second;
    return fallback;
}
std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}
}  // namespace

void Connection::connect(const Attributes& attrs) {
    if (connected()) throw OdbcError("08002", "the connection is already open");
    // The driver log first, so that everything after it (this attempt's failure too) is logged.
    log.reset();  // a previous connection's settings do not carry over
    {
        auto level = parse_log_level(get(attrs, {"LOG_LEVEL"}, "off"));
        std::string problem;
        log = DriverLog::open(level, get(attrs, {"LOG_FILE"}), log_id, get(attrs, {"PASSWORD", "PWD"}), problem);
        if (!problem.empty()) diag.add("01000", problem + " (the driver log goes to stderr)");
    }
    ConnectionSettings s;
    try {
        auto address = get(attrs, {"ADDRESS"});
        if (address.empty()) {
            auto server = get(attrs, {"SERVER"}, "127.0.0.1");
            auto port = get(attrs, {"PORT"}, "10800");
            address = server + ":" + port;
        }
        s.endpoints = net::Endpoint::parse_list(address);
    } catch (const std::invalid_argument& e) {
        throw OdbcError("HY024", std::string("invalid ADDRESS: ") + e.what());
    }
    s.schema = get(attrs, {"SCHEMA"}, "PUBLIC");
    s.user = get(attrs, {"USER", "UID"});
    s.password = get(attrs, {"PASSWORD", "PWD"});
    try {
        s.page_size = std::stoi(get(attrs, {"PAGE_SIZE"}, "1024"));
        if (s.page_size <= 0) throw std::out_of_range("page size");
        s.login_timeout_s = std::stoll(get(attrs, {"LOGIN_TIMEOUT"}, "0"));
        s.query_timeout_s = std::stoll(get(attrs, {"QUERY_TIMEOUT"}, "0"));
    } catch (const std::exception&) {
        throw OdbcError("HY024", "PAGE_SIZE, LOGIN_TIMEOUT and QUERY_TIMEOUT must be positive whole numbers");
    }
    s.sql_flags.distributed_joins = parse_bool(get(attrs, {"DISTRIBUTED_JOINS"}, "false"), "DISTRIBUTED_JOINS");
    s.sql_flags.enforce_join_order = parse_bool(get(attrs, {"ENFORCE_JOIN_ORDER"}, "false"), "ENFORCE_JOIN_ORDER");
    s.sql_flags.replicated_only = parse_bool(get(attrs, {"REPLICATED_ONLY"}, "false"), "REPLICATED_ONLY");
    s.sql_flags.collocated = parse_bool(get(attrs, {"COLLOCATED"}, "false"), "COLLOCATED");
    s.sql_flags.lazy = parse_bool(get(attrs, {"LAZY"}, "false"), "LAZY");
    s.partition_awareness = parse_bool(get(attrs, {"PARTITION_AWARENESS"}, "true"), "PARTITION_AWARENESS");
    s.query_engine = lower(get(attrs, {"QUERY_ENGINE"}));
    if (!s.query_engine.empty() && s.query_engine != "h2" && s.query_engine != "calcite")
        throw OdbcError("HY024", "QUERY_ENGINE must be h2 or calcite, not '" + s.query_engine + "'");
    auto ssl_mode = lower(get(attrs, {"SSL_MODE"}));
    if (ssl_mode == "require") s.tls.mode = net::TlsMode::Enabled;
    else if (ssl_mode == "disable") s.tls.mode = net::TlsMode::Disabled;
    else if (!ssl_mode.empty()) throw OdbcError("HY024", "SSL_MODE must be disable or require, not '" + ssl_mode + "'");
    s.tls.ca_file = get(attrs, {"SSL_CA_FILE"});
    s.tls.cert_file = get(attrs, {"SSL_CERT_FILE"});
    s.tls.key_file = get(attrs, {"SSL_KEY_FILE"});
    s.server_time_zone = get(attrs, {"SERVER_TIME_ZONE"}, "auto");

    for (const auto& [k, v] : attrs)
        if (!is_known_key(k)) diag.add("01S00", "unknown connection attribute '" + k + "' was ignored");

    net::ClientOptions o;
    o.endpoints = s.endpoints;
    o.username = s.user;
    o.password = s.password;
    o.tls = s.tls;
    o.partition_awareness = s.partition_awareness;
    auto timeout_s = login_timeout ? static_cast<std::int64_t>(login_timeout) : s.login_timeout_s;
    if (timeout_s > 0) o.connect_timeout = o.handshake_timeout = std::chrono::seconds(timeout_s);
    std::chrono::steady_clock::time_point started;
    if (log) {
        started = std::chrono::steady_clock::now();
        std::string where;
        for (const auto& e : s.endpoints) where += (where.empty() ? "" : ",") + e.to_string();
        log->info("connecting to " + where + (dsn.empty() ? "" : " (DSN " + dsn + ")") + ", TLS " +
                  (net::tls_enabled(s.tls, !s.user.empty() || !s.password.empty()) ? "on" : "off") +
                  (s.user.empty() ? ", no user" : ", user '" + s.user + "'") + ", partition awareness " +
                  (s.partition_awareness ? "on" : "off"));
        if (log->enabled(LogLevel::Debug)) {
            std::string keys;
            for (const auto& [k, v] : attrs)
                keys += k + "=" + (lower(k) == "pwd" || lower(k) == "password" ? std::string("***") : v) + ";";
            log->debug("connection attributes: " + keys);
        }
        o.on_event = [l = log](const net::Event& e) { l->event(e); };
    }
    auto companion_options = o;
    client = net::ClusterClient::connect(std::move(o));
    if (log) {
        std::string nodes;
        for (const auto& ch : client->channels()) {
            nodes += (nodes.empty() ? "" : ", ") + ch->endpoint();
            if (ch->node_id()) nodes += " (node " + ch->node_id()->to_string() + ")";
        }
        auto v = client->default_context().version;
        log->info("connected in " + log_duration(std::chrono::steady_clock::now() - started) + ": protocol " +
                  std::to_string(v.major) + "." + std::to_string(v.minor) + "." + std::to_string(v.patch) + ", " +
                  (nodes.empty() ? std::string("no node") : nodes));
    }
    settings = std::move(s);
    server_metadata = std::make_unique<ServerMetadata>(*this, std::move(companion_options));
    load_server_zone();
    // The completed connection string SQLDriverConnect hands back.
    out_connection_string.clear();
    for (const auto& [k, v] : attrs) {
        if (lower(k) == "pwd" || lower(k) == "password") continue;
        out_connection_string += k + "=" + (v.find(';') != std::string::npos ? "{" + v + "}" : v) + ";";
    }
}

namespace {

std::optional<protocol::TimeZone> load_zone(const std::string& name) {
    const char* dir = std::getenv("TZDIR");
    std::string path = std::string(dir && *dir ? dir : "/usr/share/zoneinfo") + "/" + name;
    if (name.empty() || name.find("..") != std::string::npos) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
        return protocol::TimeZone::parse(bytes, name);
    } catch (const Error&) {
        return std::nullopt;
    }
}

}  // namespace

void Connection::load_server_zone() {
    server_zone.reset();
    std::string name = settings.server_time_zone;
    if (name.empty() || lower(name) == "auto") {
        // The JVM's default zone is a node attribute (system property user.timezone).
        try {
            for (const auto& row : sys_rows(*this, "SELECT VALUE FROM SYS.NODE_ATTRIBUTES WHERE NAME = 'user.timezone'"))
                if (!row.empty() && row[0].is<std::string>() && !row[0].get<std::string>().empty()) {
                    name = row[0].get<std::string>();
                    break;
                }
        } catch (const Error& e) {
            diag.add("01000", std::string("could not read the server's time zone (dates are taken as UTC): ") + e.what());
            return;
        }
        if (name.empty() || lower(name) == "auto") return;
    }
    auto lowered = lower(name);
    if (lowered == "utc" || lowered == "etc/utc" || lowered == "gmt" || lowered == "etc/gmt" || lowered == "z") return;
    auto zone = load_zone(name);
    if (!zone) {
        diag.add("01000", "time zone '" + name + "' is unknown here (no tzdata entry): dates are taken as UTC; set SERVER_TIME_ZONE");
        return;
    }
    if (!zone->is_utc()) server_zone = std::move(zone);
}

Value Connection::to_wall_clock(const Value& v) const {
    if (!server_zone) return v;
    if (auto d = v.get_if<Date>()) return Date{server_zone->to_local(d->millis)};
    if (auto t = v.get_if<Timestamp>()) return Timestamp{server_zone->to_local(t->millis), t->nanos};
    if (auto tm = v.get_if<Time>()) return Time{server_zone->to_local(tm->millis)};
    return v;
}

Value Connection::to_server_instant(Value v) const {
    if (!server_zone) return v;
    if (auto d = v.get_if<Date>()) return Date{server_zone->to_utc(d->millis)};
    if (auto t = v.get_if<Timestamp>()) return Timestamp{server_zone->to_utc(t->millis), t->nanos};
    if (auto tm = v.get_if<Time>()) return Time{server_zone->to_utc(tm->millis)};
    return v;
}

bool Connection::tx_capable() {
    return client && client->default_context().has(protocol::Feature::TxAwareQueries);
}

std::optional<std::int32_t> Connection::transaction_for_statement() {
    if (autocommit || !tx_capable()) return std::nullopt;
    if (!tx.active()) {
        cluster();  // 08003 when not connected
        // The server runs SQL in transactions at READ_COMMITTED only.
        tx = net::ServerTransaction::start(client, {.concurrency = protocol::TxConcurrency::Pessimistic,
                                                    .isolation = protocol::TxIsolation::ReadCommitted,
                                                    .label = "odbc"});
    }
    return tx.id();
}

bool Connection::end_transaction(bool commit) {
    auto applied = std::exchange(applied_outside_tx, 0);
    if (!tx.active()) {
        // ODBC lets a driver for a server without transactions make SQLEndTran a no-op: pools and
        // ORMs roll back every connection they hand out, so only a rollback that really had
        // something to undo is worth a word, and that word is a warning, never an error.
        if (!commit && applied > 0) {
            diag.add("01000", "rollback had no effect: " + std::to_string(applied) +
                                  " statement(s) since the last commit were applied as they ran (the server has no "
                                  "transaction-aware SQL; SQL_TXN_CAPABLE is SQL_TC_NONE)");
            return true;
        }
        return false;  // nothing ran since the last commit
    }
    // Cursors close at commit and rollback (SQL_CURSOR_COMMIT_BEHAVIOR = SQL_CB_CLOSE).
    for (auto* st : statements) st->close_cursor();
    // Ended exactly once: a failure also leaves no transaction open, and the next statement starts
    // a new one. The server refusing is 25000; a connection lost or a reply that never came leaves
    // the outcome unknown, which ODBC calls 08007 (the server rolls back a transaction whose
    // connection closes, but the commit may have been applied just before).
    auto ending = std::move(tx);
    if (log) log->info(std::string(commit ? "commit" : "rollback") + " of transaction " + std::to_string(ending.id()));
    try {
        if (commit) ending.commit();
        else ending.rollback();
    } catch (const TransactionError& e) {
        if (e.server_status() == 0) throw OdbcError("08007", e.what());
        throw;
    }
    return false;
}

void Connection::note_applied_outside_transaction() {
    if (!autocommit) ++applied_outside_tx;
}

void Connection::disconnect() {
    for (auto* st : statements) st->close_cursor();
    tx = {};  // an open transaction is rolled back (the server would, with the connection)
    for (auto* d : std::set<Descriptor*>(descriptors)) delete d;  // SQLDisconnect frees explicit descriptors
    descriptors.clear();
    server_metadata.reset();
    if (log) log->closing();
    if (client) client->close();
    client.reset();
    if (log) log->info("disconnected");
}

net::ClusterClient& Connection::cluster() {
    if (!client) throw OdbcError("08003", "the connection is not open");
    return *client;
}

}  // namespace kindling::odbc
