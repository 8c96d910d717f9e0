#include "kindling/kvapi/client.hpp"

#include "detail.hpp"

#include <atomic>
#include <thread>

#include "kindling/protocol/binary_type_messages.hpp"
#include "kindling/protocol/cache_admin_messages.hpp"
#include "kindling/protocol/cluster_messages.hpp"
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

Client& Client::operator=(Client&& other) noexcept {
    if (this != &other) {
        try {
            close();
        } catch (...) {
        }
        config_ = std::move(other.config_);
        state_ = std::move(other.state_);
    }
    return *this;
}

void Client::connect(const std::string& host, std::uint16_t port) { connect({Endpoint{host, port, 0}}); }

void Client::connect(std::vector<Endpoint> endpoints) {
    // A second connect() would have to drop the connections every Cache, cursor and transaction
    // made so far is using: refuse it instead of breaking them.
    if (state_)
        throw UsageError("the client is already connected: close() it first (handles made before close() stay bound to the closed connections)");
    detail::require_not_negative(config_.connect_timeout, "ClientConfiguration::connect_timeout");
    detail::require_not_negative(config_.handshake_timeout, "ClientConfiguration::handshake_timeout");
    detail::require_not_negative(config_.request_timeout, "ClientConfiguration::request_timeout");
    detail::require_not_negative(config_.default_tx_timeout, "ClientConfiguration::default_tx_timeout");
    net::ClientOptions o;
    o.endpoints = std::move(endpoints);
    o.username = config_.username;
    o.password = config_.password;
    o.tls = config_.tls;
    o.connect_timeout = config_.connect_timeout;
    o.handshake_timeout = config_.handshake_timeout;
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
    detail::require_name(name, "a cache name");
    state();
    return Cache(state_, name);
}

Cache Client::create_by_name(OpCode op, const std::string& name) const {
    detail::require_name(name, "a cache name");
    auto& st = state();
    if (op == OpCode::CacheCreateWithName) st.call(protocol::CacheCreateWithName{name});
    else st.call(protocol::CacheGetOrCreateWithName{name});
    return Cache(state_, name);
}

Cache Client::create_by_config(OpCode op, const CacheConfiguration& config) const {
    detail::require_name(config.name, "CacheConfiguration::name");
    auto& st = state();
    if (op == OpCode::CacheCreateWithConfiguration) st.call(protocol::CacheCreateWithConfiguration{config});
    else st.call(protocol::CacheGetOrCreateWithConfiguration{config});
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

std::vector<std::string> Client::cache_names() const { return state().call(protocol::CacheGetNames{}); }

Transaction Client::tx_start(TxOptions options) const {
    auto& st = state();
    auto concurrency = options.concurrency.value_or(config_.default_tx_concurrency);
    auto isolation = options.isolation.value_or(config_.default_tx_isolation);
    auto timeout = options.timeout.value_or(config_.default_tx_timeout);
    detail::require_not_negative(timeout, "a transaction timeout");
    std::shared_ptr<detail::TxState> open;
    try {
        open = st.current_tx();
    } catch (const TransactionError&) {
        // Ended on another thread: the new transaction replaces that binding.
    }
    if (open)
        throw UsageError("this thread already has " + open->describe() + " open on this client: end it first");
    auto tx = std::make_shared<detail::TxState>();
    tx->client = state_;
    tx->server = net::ServerTransaction::start(
        st.net, net::TransactionOptions{.concurrency = concurrency, .isolation = isolation, .timeout = timeout, .label = options.label});
    tx->channel = tx->server.channel();
    tx->id = tx->server.id();
    tx->label = options.label;
    tx->owner = std::this_thread::get_id();
    st.bind(tx);
    return Transaction(tx);
}

void Client::register_type(const BinaryTypeMetadata& metadata) const { state().call(protocol::BinaryTypePut{metadata}); }

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

RoutingStats Client::routing_stats() const {
    auto n = state().net->routing_stats();
    return RoutingStats{n.to_primary, n.elsewhere, std::move(n.per_endpoint)};
}

ProtocolVersion Client::protocol_version() const { return state().net->default_context().version; }

std::vector<Feature> Client::features() const {
    auto ctx = state().net->default_context();
    std::vector<Feature> out;
    for (unsigned bit = 0; bit < ctx.features.size() * 8; ++bit)
        if (ctx.has(static_cast<Feature>(bit))) out.push_back(static_cast<Feature>(bit));
    return out;
}

bool Client::has_feature(Feature feature) const { return state().net->default_context().has(feature); }

std::vector<NodeInfo> Client::nodes() const {
    std::vector<NodeInfo> out;
    for (const auto& ch : state().net->channels()) out.push_back(NodeInfo{ch->node_id(), ch->endpoint(), ch->context().version});
    return out;
}

namespace {

// The result of a compute task arrives as a notification; decoding it (or its failure).
Value task_result(const net::Response& n, const std::string& task_name) {
    switch (n.failure()) {
        case net::Response::Failure::None: return net::decode_notification<protocol::ComputeTaskFinished>(n);
        case net::Response::Failure::Server:
            protocol::throw_server_error(OpCode::ComputeTaskExecute, n.status(), "compute task " + task_name + " failed: " + n.message());
        case net::Response::Failure::Protocol: throw ProtocolError(n.message());
        case net::Response::Failure::Timeout: throw TimeoutError(n.message());
        case net::Response::Failure::Connection: break;
    }
    throw ConnectionError("the connection that ran compute task " + task_name + " was lost: " + n.message());
}

}  // namespace

void Client::execute_task_async(const std::string& task_name, const Value& argument, ComputeOptions options,
                                Completion<Value> done) const {
    detail::require_name(task_name, "a compute task name");
    detail::require_not_negative(options.timeout, "ComputeOptions::timeout");
    if (!done) throw UsageError("execute_task_async needs a completion");
    auto& st = state();
    // The result comes as a notification on the connection that started the task.
    auto ch = st.net->acquire_channel();
    protocol::ComputeTaskExecute request;
    request.task_name = task_name;
    request.argument = argument;
    request.timeout_ms = options.timeout.count();
    request.no_failover = options.no_failover;
    request.no_result_cache = options.no_result_cache;
    auto settled = std::make_shared<std::atomic<bool>>(false);
    auto finish = [done, settled](std::exception_ptr e, Value v) {
        if (!settled->exchange(true)) done(e, std::move(v));
    };
    try {
        net::call_async(*st.net, std::move(request), net::pinned(ch), [ch, task_name, finish](net::Outcome<std::int64_t> started) {
            std::int64_t task_id = 0;
            try {
                task_id = std::move(started).get();
            } catch (...) {
                return finish(std::current_exception(), Value{});
            }
            // Unlistened as soon as the result (or the connection's death) arrives, whether or
            // not anybody reads it.
            std::weak_ptr<net::Channel> weak = ch;
            ch->listen(task_id, [weak, task_id, task_name, finish](OpCode, net::Response n) {
                if (auto c = weak.lock()) c->unlisten(task_id);
                try {
                    auto v = task_result(n, task_name);
                    finish(nullptr, std::move(v));
                } catch (...) {
                    finish(std::current_exception(), Value{});
                }
            });
        });
    } catch (...) {
        finish(std::current_exception(), Value{});
    }
}

std::future<Value> Client::execute_task_async(const std::string& task_name, const Value& argument, ComputeOptions options) const {
    auto promise = std::make_shared<std::promise<Value>>();
    auto future = promise->get_future();
    execute_task_async(task_name, argument, options, [promise](std::exception_ptr e, Value v) {
        if (e) promise->set_exception(e);
        else promise->set_value(std::move(v));
    });
    return future;
}

Value Client::execute_task(const std::string& task_name, const Value& argument, ComputeOptions options) const {
    return execute_task_async(task_name, argument, options).get();
}

ClusterState Client::cluster_state() const {
    return static_cast<ClusterState>(state().call(protocol::ClusterGetState{}));
}

void Client::set_cluster_state(ClusterState s) const {
    state().call(protocol::ClusterChangeState{static_cast<protocol::ClusterState>(s)});
}

bool Client::wal_enabled(const std::string& cache_name) const {
    detail::require_name(cache_name, "a cache name");
    return state().call(protocol::ClusterGetWalState{cache_name});
}

bool Client::set_wal_enabled(const std::string& cache_name, bool enabled) const {
    detail::require_name(cache_name, "a cache name");
    return state().call(protocol::ClusterChangeWalState{cache_name, enabled});
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
    if (!state_) throw UsageError("this Transaction object is empty (moved from)");
    auto& tx = *state_;
    bool here = std::this_thread::get_id() == tx.owner;
    if (commit && !here)
        throw UsageError(tx.describe() + " was started on another thread: commit it there (rollback() works from any thread)");
    if (!tx.active.exchange(false)) throw TransactionError(tx.describe() + " is already finished");
    if (here) tx.client->unbind(tx);
    else tx.ended_elsewhere = true;  // the starting thread's next operations say so instead of running outside it
    // The shared primitive sends TxEnd once and reports a failure as TransactionError (with the
    // server's status and message); `active` above makes this the only call that reaches it.
    if (commit) tx.server.commit();
    else tx.server.rollback();
}

}  // namespace kindling::kvapi
