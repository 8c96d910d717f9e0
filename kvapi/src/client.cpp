#include "kindling/kvapi/client.hpp"

#include "detail.hpp"
#include <atomic>

#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/compute_task.hpp"
#include "kindling/protocol/server_error.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/java_hash.hpp"
#include "kindling/protocol/tx_messages.hpp"

namespace kindling::kvapi {

Client::~Client() {
    try {
        close();
    } catch (...) {
    }
}

void Client::connect(const std::string& host, std::uint16_t port) { connect({Endpoint{host, port, 0}}); }

void Client::connect(std::vector<Endpoint> endpoints) {
    close();
    net::ClientOptions o;
    o.endpoints = std::move(endpoints);
    o.username = config_.username;
    o.password = config_.password;
    o.tls = config_.tls;
    o.connect_timeout = config_.connect_timeout;
    o.handshake_timeout = config_.connect_timeout;
    o.request_timeout = config_.request_timeout;
    o.partition_awareness = config_.partition_awareness;
    o.retry = config_.retry;
    o.discover_nodes = config_.discover_nodes;
    o.on_event = config_.on_event;
    auto state = std::make_shared<detail::ClientState>();
    state->net = net::ClusterClient::connect(std::move(o));
    state->config = config_;
    state_ = std::move(state);
}

void Client::close() {
    if (state_) {
        state_->net->close();
        state_.reset();
    }
}

detail::ClientState& Client::state() const {
    if (!state_) throw ConnectionError("the client is not connected: call connect() first");
    return *state_;
}

Cache Client::get_cache(const std::string& name) const {
    state();
    return Cache(state_, name);
}

Cache Client::create_by_name(OpCode op, const std::string& name) const {
    state().call_plain(op, [&](protocol::ByteWriter& w, const protocol::ProtocolContext&) { protocol::write_string(w, name); });
    return Cache(state_, name);
}

Cache Client::create_by_config(OpCode op, const CacheConfiguration& config) const {
    state().call_plain(op, [&](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) { config.encode(w, ctx); });
    return Cache(state_, config.name);
}

Cache Client::create_cache(const std::string& name) const { return create_by_name(OpCode::CacheCreateWithName, name); }
Cache Client::get_or_create_cache(const std::string& name) const {
    return create_by_name(OpCode::CacheGetOrCreateWithName, name);
}
Cache Client::create_cache(const CacheConfiguration& config) const {
    return create_by_config(OpCode::CacheCreateWithConfiguration, config);
}
Cache Client::get_or_create_cache(const CacheConfiguration& config) const {
    return create_by_config(OpCode::CacheGetOrCreateWithConfiguration, config);
}

std::vector<std::string> Client::cache_names() const {
    auto resp = state().call_plain(OpCode::CacheGetNames, [](protocol::ByteWriter&, const protocol::ProtocolContext&) {});
    auto r = resp.reader();
    auto n = r.read_length(1);
    std::vector<std::string> names;
    names.reserve(n);
    for (std::size_t i = 0; i < n; ++i) names.push_back(protocol::read_string(r));
    return names;
}

Transaction Client::tx_start(TxOptions options) const {
    auto& st = state();
    if (st.current_tx())
        throw TransactionError("a transaction ('" + st.current_tx()->label + "') is already open on this thread");
    auto tx = std::make_shared<detail::TxState>();
    tx->client = state_;
    tx->channel = st.net->acquire_channel();
    tx->label = options.label;
    auto concurrency = options.concurrency.value_or(config_.default_tx_concurrency);
    auto isolation = options.isolation.value_or(config_.default_tx_isolation);
    auto timeout = options.timeout.value_or(config_.default_tx_timeout);
    auto resp = st.call_plain(
        OpCode::TxStart,
        [&](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) {
            if (!ctx.at_least(1, 5)) throw UnsupportedError("transactions need protocol 1.5.0 or newer");
            protocol::encode_tx_start(w, static_cast<protocol::TxConcurrency>(concurrency),
                                      static_cast<protocol::TxIsolation>(isolation), timeout.count(), options.label);
        },
        tx->channel);
    tx->id = resp.reader().read_i32();
    detail::set_current_tx(tx.get());
    return Transaction(tx);
}

void Client::register_type(const BinaryTypeMetadata& metadata) const {
    state().call_plain(OpCode::BinaryTypePut, [&](protocol::ByteWriter& w, const protocol::ProtocolContext&) { metadata.encode(w); });
}

std::optional<BinaryTypeMetadata> Client::type_metadata(std::int32_t type_id) const { return state().type_metadata(type_id); }

std::map<std::string, Value> Client::object_fields(const BinaryObject& object) const {
    auto meta = type_metadata(object.type_id());
    BinaryObjectReader reader(object, meta ? &*meta : nullptr);
    std::map<std::string, Value> out;
    for (auto& [id, value] : reader.fields()) {
        std::string name = "#" + std::to_string(id);
        if (meta)
            for (const auto& f : meta->fields)
                if (f.field_id == id) name = f.name;
        out.emplace(std::move(name), std::move(value));
    }
    return out;
}

BinaryObject Client::make_object(const BinaryObjectBuilder& builder) const {
    state().ensure_registered(builder.metadata());
    return builder.build();
}

net::RoutingStats Client::routing_stats() const { return state().net->routing_stats(); }

std::future<Value> Client::execute_task_async(const std::string& task_name, const Value& argument, ComputeOptions options) const {
    auto& st = state();
    // The result comes as a notification on the connection that started the task.
    auto ch = st.net->acquire_channel();
    protocol::ComputeTaskRequest req;
    req.task_name = task_name;
    req.argument = argument;
    req.timeout_ms = options.timeout.count();
    req.no_failover = options.no_failover;
    req.no_result_cache = options.no_result_cache;
    auto resp = st.call_plain(OpCode::ComputeTaskExecute,
                              [&](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) { req.encode(w, ctx); }, ch);
    auto task_id = resp.reader().read_i64();
    auto result = std::make_shared<std::promise<net::Response>>();
    auto settled = std::make_shared<std::atomic<bool>>(false);
    ch->listen(task_id, [result, settled](OpCode, net::Response n) {
        if (!settled->exchange(true)) result->set_value(std::move(n));
    });
    // Decoded (and a failure thrown) on the thread that asks for the result.
    return std::async(std::launch::deferred, [f = result->get_future(), ch, task_id, task_name]() mutable -> Value {
        auto n = f.get();
        ch->unlisten(task_id);
        switch (n.failure()) {
            case net::Response::Failure::None: {
                auto r = n.reader();
                return protocol::read_value(r);
            }
            case net::Response::Failure::Server:
                protocol::throw_server_error(OpCode::ComputeTaskExecute, n.status(), "compute task " + task_name + " failed: " + n.message());
            case net::Response::Failure::Protocol: throw ProtocolError(n.message());
            case net::Response::Failure::Timeout: throw TimeoutError(n.message());
            case net::Response::Failure::Connection: break;
        }
        throw ConnectionError("the connection that ran compute task " + task_name + " was lost: " + n.message());
    });
}

Value Client::execute_task(const std::string& task_name, const Value& argument, ComputeOptions options) const {
    return execute_task_async(task_name, argument, options).get();
}

ClusterState Client::cluster_state() const {
    auto resp = state().call_plain(OpCode::ClusterGetState, [](protocol::ByteWriter&, const protocol::ProtocolContext&) {});
    return static_cast<ClusterState>(resp.reader().read_i8());
}

void Client::set_cluster_state(ClusterState s) const {
    state().call_plain(OpCode::ClusterChangeState,
                       [s](protocol::ByteWriter& w, const protocol::ProtocolContext&) { w.write_i8(static_cast<std::int8_t>(s)); });
}

bool Client::wal_enabled(const std::string& cache_name) const {
    auto resp = state().call_plain(OpCode::ClusterGetWalState, [&](protocol::ByteWriter& w, const protocol::ProtocolContext&) {
        protocol::write_string(w, cache_name);
    });
    return resp.reader().read_bool();
}

bool Client::set_wal_enabled(const std::string& cache_name, bool enabled) const {
    auto resp = state().call_plain(OpCode::ClusterChangeWalState, [&](protocol::ByteWriter& w, const protocol::ProtocolContext&) {
        protocol::write_string(w, cache_name);
        w.write_bool(enabled);
    });
    return resp.reader().read_bool();
}

// --- Transaction ---------------------------------------------------------------------------------

Transaction::Transaction(std::shared_ptr<detail::TxState> state) : state_(std::move(state)) {}
Transaction::Transaction(Transaction&&) noexcept = default;
Transaction& Transaction::operator=(Transaction&& o) noexcept {
    if (this != &o) {
        if (active()) {
            try { end(false); } catch (...) {}
        }
        state_ = std::move(o.state_);
    }
    return *this;
}
Transaction::~Transaction() {
    if (active()) {
        try {
            end(false);
        } catch (...) {
            // A destructor must not throw; the server rolls back on disconnect anyway.
        }
    }
}

void Transaction::commit() { end(true); }
void Transaction::rollback() { end(false); }
std::int32_t Transaction::id() const noexcept { return state_ ? state_->id : 0; }
const std::string& Transaction::label() const noexcept {
    static const std::string none;
    return state_ ? state_->label : none;
}
bool Transaction::active() const noexcept { return state_ && state_->active; }

void Transaction::end(bool commit) {
    if (!active()) throw TransactionError("transaction '" + label() + "' is already finished");
    state_->active = false;
    detail::set_current_tx(nullptr);
    auto id = state_->id;
    try {
        state_->client->call_plain(
            OpCode::TxEnd,
            [id, commit](protocol::ByteWriter& w, const protocol::ProtocolContext&) { protocol::encode_tx_end(w, id, commit); },
            state_->channel);
    } catch (const Error& e) {
        throw TransactionError("transaction '" + state_->label + "' (id " + std::to_string(id) + ") failed to " +
                                   (commit ? "commit" : "roll back") + ": " + e.what(),
                               e.server_status());
    }
}

}  // namespace kindling::kvapi
