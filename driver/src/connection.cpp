#include <utility>
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "catalog.hpp"
#include "descriptor.hpp"
#include "handles.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/tx_messages.hpp"

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
    s.distributed_joins = parse_bool(get(attrs, {"DISTRIBUTED_JOINS"}, "false"), "DISTRIBUTED_JOINS");
    s.enforce_join_order = parse_bool(get(attrs, {"ENFORCE_JOIN_ORDER"}, "false"), "ENFORCE_JOIN_ORDER");
    s.replicated_only = parse_bool(get(attrs, {"REPLICATED_ONLY"}, "false"), "REPLICATED_ONLY");
    s.collocated = parse_bool(get(attrs, {"COLLOCATED"}, "false"), "COLLOCATED");
    s.lazy = parse_bool(get(attrs, {"LAZY"}, "false"), "LAZY");
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
    auto companion_options = o;
    client = net::ClusterClient::connect(std::move(o));
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
    if (!tx_id) {
        auto ch = cluster().acquire_channel();
        auto resp = cluster().request(
            OpCode::TxStart,
            [](protocol::ByteWriter& w, const protocol::ProtocolContext&) {
                // The server runs SQL in transactions at READ_COMMITTED only.
                protocol::encode_tx_start(w, protocol::TxConcurrency::Pessimistic, protocol::TxIsolation::ReadCommitted, 0,
                                          "odbc");
            },
            net::Route{{}, nullptr, ch});
        tx_id = resp.reader().read_i32();
        tx_channel = std::move(ch);
    }
    return tx_id;
}

bool Connection::end_transaction(bool commit) {
    auto applied = std::exchange(applied_outside_tx, 0);
    if (!tx_id) {
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
    auto id = *tx_id;
    tx_id.reset();
    auto ch = std::move(tx_channel);
    cluster().request(OpCode::TxEnd,
                      [id, commit](protocol::ByteWriter& w, const protocol::ProtocolContext&) { protocol::encode_tx_end(w, id, commit); },
                      net::Route{{}, nullptr, ch});
    return false;
}

void Connection::note_applied_outside_transaction() {
    if (!autocommit) ++applied_outside_tx;
}

void Connection::disconnect() {
    for (auto* st : statements) st->close_cursor();
    for (auto* d : std::set<Descriptor*>(descriptors)) delete d;  // SQLDisconnect frees explicit descriptors
    descriptors.clear();
    server_metadata.reset();
    if (client) client->close();
    client.reset();
}

net::ClusterClient& Connection::cluster() {
    if (!client) throw OdbcError("08003", "the connection is not open");
    return *client;
}

}  // namespace kindling::odbc
