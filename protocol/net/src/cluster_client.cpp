#include "kindling/net/cluster_client.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "kindling/net/channel.hpp"
#include "kindling/net/io.hpp"
#include "kindling/protocol/affinity.hpp"
#include "kindling/protocol/binary_type_messages.hpp"
#include "kindling/protocol/cluster_messages.hpp"
#include "kindling/protocol/request.hpp"
#include "kindling/protocol/binary_object.hpp"
#include "kindling/protocol/cluster_discovery.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/java_hash.hpp"
#include "link.hpp"

namespace kindling::net {

namespace {

struct Target {
    std::string host;
    std::uint16_t port;
    std::string text() const { return host + ":" + std::to_string(port); }
};

bool repeatable(OpCode op) {
    switch (op) {
        case OpCode::CacheGet: case OpCode::CacheGetAll: case OpCode::CacheContainsKey: case OpCode::CacheContainsKeys:
        case OpCode::CacheGetSize: case OpCode::CacheLocalPeek: case OpCode::CachePut: case OpCode::CachePutAll:
        case OpCode::CacheGetNames: case OpCode::CacheGetConfiguration: case OpCode::CacheGetOrCreateWithName:
        case OpCode::CacheGetOrCreateWithConfiguration: case OpCode::CachePartitions: case OpCode::QueryScan:
        case OpCode::BinaryTypeNameGet: case OpCode::BinaryTypeNamePut: case OpCode::BinaryTypeGet:
        case OpCode::BinaryTypePut: case OpCode::BinaryConfigurationGet: case OpCode::ClusterGetState:
        case OpCode::ClusterGetWalState: case OpCode::ClusterGroupGetNodeIds: case OpCode::ClusterGroupGetNodeInfo:
        case OpCode::ClusterGroupGetNodeEndpoints:
            return true;
        default:
            return false;
    }
}

// The given endpoints, port ranges expanded. No endpoint, or one that names no node, is the
// caller's error: there is no default address to fall back to.
std::vector<Target> expand(const std::vector<Endpoint>& endpoints) {
    if (endpoints.empty())
        throw ConnectionError("no endpoints given: ClientOptions::endpoints is empty (there is no default address; "
                              "e.g. Endpoint::parse_list(\"127.0.0.1:10800\"))");
    std::vector<Target> out;
    for (const auto& e : endpoints) {
        if (e.host.empty()) throw ConnectionError("endpoint '" + e.to_string() + "' has no host");
        if (e.port == 0) throw ConnectionError("endpoint '" + e.to_string() + "' has no port");
        if (e.last_port != 0 && e.last_port < e.port)
            throw ConnectionError("endpoint '" + e.to_string() + "' has a reversed port range");
        auto last = e.last_port ? e.last_port : e.port;
        for (unsigned p = e.port; p <= last; ++p) out.push_back({e.host, static_cast<std::uint16_t>(p)});
    }
    return out;
}

// The client's own I/O thread, shared by all its channels. Each channel keeps it (its socket and
// strand must not outlive the io_context); the thread keeps it too, so the last owner may be a
// handler on that thread (then the thread detaches itself after run() has returned).
struct IoHost {
    asio::io_context io{1};
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work{asio::make_work_guard(io)};
    std::thread thread;
    ~IoHost() {
        work.reset();
        if (thread.joinable()) {
            if (thread.get_id() == std::this_thread::get_id()) thread.detach();
            else thread.join();
        }
    }
    static std::shared_ptr<IoHost> start() {
        auto host = std::make_shared<IoHost>();
        host->thread = std::thread([keep = host] { keep->io.run(); });
        return host;
    }
};

// Set while the engine runs a completion: a blocking call there would wait for itself.
thread_local int t_in_completion = 0;
struct InCompletion {
    InCompletion() { ++t_in_completion; }
    ~InCompletion() { --t_in_completion; }
};

// One request as the engine carries it from attempt to attempt.
struct Call {
    OpCode op;
    PayloadWriter payload;  // owns what it writes: a retry encodes it again
    ClusterClient::Completion done;
    bool may_retry = false;
    int attempt = 0;
};

// Failover as the reference document describes it: the operation that meets a broken connection
// fails with that connection's error (unless the retry policy repeats it once on another live
// node); the next operation goes to a live node, and only when no node answers does the caller get
// a ReconnectError. Connecting never holds a lock and never blocks a thread that has a live
// connection to use: every open runs asynchronously on the I/O thread.
class ClusterClientImpl final : public ClusterClient {
public:
    ClusterClientImpl(ClientOptions o, std::shared_ptr<IoHost> host, asio::any_io_executor ex)
        : options_(std::move(o)), host_(std::move(host)), ex_(std::move(ex)), strand_(asio::make_strand(ex_)) {
        for (auto& t : expand(options_.endpoints)) slots_.push_back(Slot{t});
        if (slots_.empty()) throw ConnectionError("no endpoint to connect to");
        tick_ = std::make_shared<asio::steady_timer>(strand_);
    }

    void start() {
        if (!options_.partition_awareness) {
            // The first reachable endpoint, in the order given.
            for (std::size_t i = 0; i < slots_.size(); ++i) {
                std::unique_lock lock(mu_);
                begin_connect(i);
                cv_.wait(lock, [&] { return !slots_[i].opening; });
                if (alive(i)) {
                    current_ = i;
                    return;
                }
                if (auto* f = fatal(i)) {
                    auto copy = *f;
                    lock.unlock();
                    close();
                    copy.raise();
                }
            }
        } else {
            // One connection per known node, so requests can go straight to the primary; all
            // opened in parallel, the first of the given order that answers is the default.
            std::unique_lock lock(mu_);
            for (std::size_t i = 0; i < slots_.size(); ++i) begin_connect(i);
            cv_.wait(lock, [&] {
                for (const auto& s : slots_)
                    if (s.opening) return false;
                return true;
            });
            for (std::size_t i = 0; i < slots_.size(); ++i)
                if (alive(i)) {
                    current_ = i;
                    break;
                }
            if (!alive(current_)) {
                for (std::size_t i = 0; i < slots_.size(); ++i)
                    if (auto* f = fatal(i)) {
                        auto copy = *f;
                        lock.unlock();
                        close();
                        copy.raise();
                    }
            }
        }
        std::string errors;
        {
            std::lock_guard lock(mu_);
            if (!alive(current_)) {
                for (const auto& s : slots_)
                    if (s.failure) errors += std::string(errors.empty() ? "" : "; ") + s.failure->message;
            }
        }
        if (!errors.empty() || !alive_default()) {
            close();
            throw ConnectionError("cannot connect to any of the given nodes: " + errors);
        }
        if (options_.partition_awareness) {
            if (options_.discover_nodes) discover(true);
            if (slots_.size() > 1 || options_.discover_nodes) schedule_tick();
        }
    }

    ~ClusterClientImpl() override { close(); }

    // --- the engine ----------------------------------------------------------------------------
    // Every form ends here: routing is resolved now (the route's key is only valid during the
    // call), the attempt goes out, and its completion decides: topology noted, a dead node marked,
    // a retry on another live node, or `done`.
    void request_async(OpCode op, PayloadWriter payload, Route route, Completion done) override {
        auto call = std::make_shared<Call>();
        call->op = op;
        call->payload = std::move(payload);
        call->done = std::move(done);
        // Pinned requests are never repeated: their state lives on that connection.
        call->may_retry = !route.channel && (options_.retry == RetryPolicy::All ||
                                             (options_.retry == RetryPolicy::IdempotentOnly && repeatable(op)));
        auto ch = route.channel ? route.channel : route_to(route);
        attempt(call, std::move(ch), true);
    }

    Response request(OpCode op, const PayloadWriter& payload, const Route& route) override {
        if (blocking_would_deadlock())
            throw Error("a blocking request from a completion on the client's I/O thread would wait for itself: "
                        "use the asynchronous form there");
        auto promise = std::make_shared<std::promise<Response>>();
        auto future = promise->get_future();
        // The caller waits below, so what `payload` refers to outlives every attempt.
        request_async(op, [&payload](protocol::ByteWriter& w, const protocol::ProtocolContext& c) { payload(w, c); }, route,
                      [promise](Response r) { promise->set_value(std::move(r)); });
        auto r = future.get();
        raise_if_failed(r, op);
        return r;
    }

    PendingResponse request_async(OpCode op, const PayloadWriter& payload, const Route& route) override {
        // The payload's captures are valid only during this call: it is encoded now, once, for
        // the connection routing chose; a retry sends the same bytes to a connection that
        // negotiated the same protocol (else it reports the original failure).
        auto ch = route.channel ? route.channel : route_to(route);
        auto ctx = ch->context();
        protocol::ByteWriter w(64);
        payload(w, ctx);
        auto bytes = std::make_shared<const std::vector<std::uint8_t>>(std::move(w).take());
        auto call = std::make_shared<Call>();
        call->op = op;
        call->payload = [bytes, ctx](protocol::ByteWriter& out, const protocol::ProtocolContext& c) {
            if (c.version != ctx.version || c.features != ctx.features)
                throw ConnectionError("the retry's connection negotiated another protocol");
            out.write_bytes(*bytes);
        };
        auto promise = std::make_shared<std::promise<Response>>();
        auto future = promise->get_future();
        call->done = [promise](Response r) { promise->set_value(std::move(r)); };
        call->may_retry = !route.channel && (options_.retry == RetryPolicy::All ||
                                             (options_.retry == RetryPolicy::IdempotentOnly && repeatable(op)));
        attempt(call, ch, true);
        return PendingResponse(std::move(ch), std::move(future), op);
    }

    std::vector<std::shared_ptr<Channel>> channels() const override {
        std::lock_guard lock(mu_);
        std::vector<std::shared_ptr<Channel>> out;
        for (const auto& s : slots_)
            if (s.channel && s.channel->alive()) out.push_back(s.channel);
        return out;
    }

    RoutingStats routing_stats() const override {
        std::lock_guard lock(stats_mu_);
        return stats_;
    }

    std::shared_ptr<Channel> acquire_channel(const Route& route) override {
        return route.channel ? route.channel : pick();
    }

    const protocol::ProtocolContext& context(const std::shared_ptr<Channel>& channel) const override {
        return channel->context();
    }

    protocol::ProtocolContext default_context() const override {
        std::lock_guard lock(mu_);
        if (alive(current_)) return slots_[current_].channel->context();
        for (const auto& s : slots_)
            if (s.channel && s.channel->alive()) return s.channel->context();
        return {};
    }

    void close() override {
        std::vector<std::shared_ptr<Channel>> chans;
        std::vector<std::function<void(std::shared_ptr<Channel>)>> waiters;
        bool first = false;
        {
            std::lock_guard lock(mu_);
            first = !closed_;
            closed_ = true;
            for (auto& s : slots_) {
                if (s.channel) chans.push_back(std::move(s.channel));
                if (s.opening) chans.push_back(s.opening);  // cancels the open
                s.channel.reset();
            }
            waiters.swap(waiters_);
        }
        cv_.notify_all();
        for (auto& w : waiters) w(nullptr);
        if (first) asio::post(strand_, [tick = tick_] { tick->cancel(); });
        for (auto& c : chans) c->close();
        if (host_) {
            // Everything in flight finishes (cancelled) on the I/O thread, then it ends.
            host_->work.reset();
            if (host_->thread.joinable() && host_->thread.get_id() != std::this_thread::get_id()) host_->thread.join();
        }
    }

private:
    struct Slot {
        Target target;
        std::shared_ptr<Channel> channel;         // open (or dead, until replaced)
        std::shared_ptr<Channel> opening;         // an open under way
        std::optional<OpenFailure> failure;       // the last open's failure
        std::chrono::steady_clock::time_point next_try{};
        std::chrono::milliseconds backoff{500};
    };

    bool alive(std::size_t i) const { return i < slots_.size() && slots_[i].channel && slots_[i].channel->alive(); }
    bool alive_default() const {
        std::lock_guard lock(mu_);
        return alive(current_);
    }
    // A failure that is the same on every node: wrong credentials, a TLS misconfiguration.
    const OpenFailure* fatal(std::size_t i) const {
        const auto& f = slots_[i].failure;
        if (f && (f->kind == OpenFailure::Kind::Authentication || f->kind == OpenFailure::Kind::Tls ||
                  f->kind == OpenFailure::Kind::InvalidArgument))
            return &*f;
        return nullptr;
    }

    bool blocking_would_deadlock() const {
        if (t_in_completion > 0) return true;
        return host_ && host_->thread.get_id() == std::this_thread::get_id();
    }

    // Starts opening slot i (mu_ held). Never blocks: the open runs on the I/O thread and reports
    // to on_opened.
    void begin_connect(std::size_t i) {
        auto& s = slots_[i];
        if (s.opening || closed_) return;
        std::weak_ptr<ClusterClient> weak = weak_from_this();
        // The client's own I/O thread is one thread: an implicit strand. A user's executor may run
        // on many threads: each connection gets a strand of it.
        s.opening = Channel::async_open(host_ ? ex_ : asio::make_strand(ex_), s.target.host, s.target.port, options_,
                                        [weak, i](const OpenFailure* f) {
                                            if (auto self = weak.lock()) static_cast<ClusterClientImpl&>(*self).on_opened(i, f);
                                        },
                                        host_);
    }

    void on_opened(std::size_t i, const OpenFailure* f) {
        std::shared_ptr<Channel> opened;
        std::vector<std::function<void(std::shared_ptr<Channel>)>> waiters;
        {
            std::lock_guard lock(mu_);
            auto& s = slots_[i];
            auto ch = std::move(s.opening);
            s.opening.reset();
            if (closed_) {
                if (ch) ch->close();
            } else if (!f) {
                s.channel = ch;
                s.failure.reset();
                s.backoff = std::chrono::milliseconds(500);
                opened = ch;
            } else {
                s.failure = *f;
                s.next_try = std::chrono::steady_clock::now() + s.backoff;
                s.backoff = std::min(s.backoff * 2, std::chrono::milliseconds(10'000));
            }
            bool any_opening = false;
            for (const auto& sl : slots_) any_opening = any_opening || sl.opening;
            if (opened || !any_opening) waiters.swap(waiters_);
            if (!opened && !any_opening) {
                // Nothing left to wait for: waiters that found no channel see the failures.
            }
        }
        cv_.notify_all();
        for (auto& w : waiters) w(opened);
    }

    // Calls `then` with a live channel other than `exclude`: at once if there is one, else when
    // the first of the opens this starts succeeds (with null when all fail). Never blocks.
    void with_live_channel(const std::shared_ptr<Channel>& exclude, std::function<void(std::shared_ptr<Channel>)> then) {
        std::shared_ptr<Channel> found;
        {
            std::lock_guard lock(mu_);
            if (closed_) {
                found = nullptr;
            } else {
                for (std::size_t step = 0; step < slots_.size() && !found; ++step) {
                    auto i = (current_ + step) % slots_.size();
                    if (alive(i) && slots_[i].channel != exclude) found = slots_[i].channel;
                }
                if (!found) {
                    bool any = false;
                    for (std::size_t i = 0; i < slots_.size(); ++i) {
                        if (!alive(i)) begin_connect(i);
                        any = any || slots_[i].opening;
                    }
                    if (any) {
                        waiters_.push_back(std::move(then));
                        return;
                    }
                }
            }
        }
        then(found);
    }

    // One attempt of a call on `ch`. The first attempt runs on the caller's thread: what the
    // payload throws reaches the caller; a failure to send is a connection failure like any other.
    void attempt(const std::shared_ptr<Call>& call, std::shared_ptr<Channel> ch, bool first) {
        count(ch);
        std::weak_ptr<ClusterClient> weak = weak_from_this();
        try {
            ch->send_with(call->op, call->payload,
                          [weak, call, ch](Response r) {
                              InCompletion mark;
                              auto self = weak.lock();
                              if (!self) return call->done(std::move(r));
                              static_cast<ClusterClientImpl&>(*self).completed(call, ch, std::move(r));
                          },
                          options_.request_timeout);
        } catch (const ConnectionError& e) {
            // The channel died before the request could go: as if it had died under it.
            auto failed = Response::failed(Response::Failure::Connection, 0, e.what());
            bool closed = false;
            {
                std::lock_guard lock(mu_);
                closed = closed_;
            }
            // A closed client's I/O thread may be gone: then the caller hears it at once.
            if (first && !closed) {
                // Not on the caller's thread: `done` runs where completions run.
                asio::post(strand_, [weak, call, ch, failed = std::move(failed)]() mutable {
                    InCompletion mark;
                    auto self = weak.lock();
                    if (!self) return call->done(std::move(failed));
                    static_cast<ClusterClientImpl&>(*self).completed(call, ch, std::move(failed));
                });
                return;
            }
            completed(call, ch, std::move(failed));
        } catch (const Error& e) {
            if (first) throw;
            call->done(Response::failed(Response::Failure::Protocol, 0, e.what()));
        }
    }

    void completed(const std::shared_ptr<Call>& call, const std::shared_ptr<Channel>& ch, Response r) {
        if (r.failure() == Response::Failure::None || r.failure() == Response::Failure::Server) {
            note_topology(*ch);  // any response may report a new affinity topology
            return call->done(std::move(r));
        }
        if (r.failure() == Response::Failure::Connection) {
            if (!ch->alive()) mark_dead(ch);
            if (call->may_retry && call->attempt == 0) {
                ++call->attempt;
                std::weak_ptr<ClusterClient> weak = weak_from_this();
                auto original = std::make_shared<Response>(std::move(r));
                with_live_channel(ch, [weak, call, original](std::shared_ptr<Channel> next) {
                    auto self = weak.lock();
                    if (!self || !next) return call->done(std::move(*original));
                    static_cast<ClusterClientImpl&>(*self).attempt(call, std::move(next), false);
                });
                return;
            }
        }
        call->done(std::move(r));
    }

    void count(const std::shared_ptr<Channel>& ch) {
        std::lock_guard lock(stats_mu_);
        ++stats_.per_endpoint[ch->endpoint()];
    }

    // --- background: reconnects and discovery, on timers of the I/O thread ----------------------
    // Dead or never-reached nodes are retried with exponential backoff per node (0.5 s doubling to
    // 10 s, back to 0.5 s after a success), so a node that returns is used again without a restart
    // of the client; a topology change triggers discovery.
    void schedule_tick() {
        std::weak_ptr<ClusterClient> weak = weak_from_this();
        tick_->expires_after(std::chrono::milliseconds(250));
        tick_->async_wait([weak, tick = tick_, host = host_](const boost::system::error_code& ec) {
            if (ec) return;
            if (auto self = weak.lock()) static_cast<ClusterClientImpl&>(*self).on_tick();
        });
    }

    void on_tick() {
        {
            std::lock_guard lock(mu_);
            if (closed_) return;
            auto now = std::chrono::steady_clock::now();
            for (std::size_t i = 0; i < slots_.size(); ++i)
                if (!alive(i) && !slots_[i].opening && now >= slots_[i].next_try) begin_connect(i);
        }
        if (discovery_due_.exchange(false) && options_.discover_nodes) discover(false);
        schedule_tick();
    }

    // Discovery: the server nodes' client endpoints (feature bit 3). A client given one address
    // adds the others as targets and connects to them. `wait`: at connect time, before returning.
    void discover(bool wait) {
        std::shared_ptr<Channel> ch;
        {
            std::lock_guard lock(mu_);
            if (alive(current_)) ch = slots_[current_].channel;
        }
        if (!ch || !ch->context().has(protocol::Feature::ClusterGroupGetNodesEndpoints)) return;
        auto finished = std::make_shared<std::promise<void>>();
        auto future = finished->get_future();
        std::weak_ptr<ClusterClient> weak = weak_from_this();
        try {
            const protocol::ClusterGroupGetNodeEndpoints message;
            ch->send_with(
                message.op,
                [message](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) { message.encode(w, ctx); },
                [weak, finished, message](Response resp) {
                    if (auto self = weak.lock(); self && resp.failure() == Response::Failure::None) {
                        try {
                            auto r = resp.reader();
                            static_cast<ClusterClientImpl&>(*self).add_nodes(message.decode(r, resp.context()));
                        } catch (const Error&) {
                            // discovery is an optimisation; the given endpoints still work
                        }
                    }
                    finished->set_value();
                },
                options_.request_timeout);
        } catch (const Error&) {
            return;
        }
        if (wait) future.wait();
    }

    void add_nodes(const protocol::NodeEndpointsDelta& delta) {
        std::lock_guard lock(mu_);
        if (closed_) return;
        for (const auto& node : delta.added) {
            bool known = false;
            for (const auto& s : slots_) known = known || (s.channel && s.channel->node_id() == node.node_id);
            if (known || node.addresses.empty() || node.port <= 0 || node.port > 65535) continue;
            // Prefer the host the user gave for loopback clusters, else the node's first address.
            Target t{node.addresses.front(), static_cast<std::uint16_t>(node.port)};
            for (const auto& a : node.addresses)
                if (a == slots_[current_].target.host) t.host = a;
            bool listed = false;
            for (const auto& s : slots_) listed = listed || (s.target.host == t.host && s.target.port == t.port);
            if (listed) continue;
            slots_.push_back(Slot{t});
            begin_connect(slots_.size() - 1);
        }
    }

    // A response that reports a newer affinity topology makes every cached mapping stale.
    void note_topology(const Channel& ch) {
        auto t = ch.topology();
        if (!t) return;
        std::lock_guard lock(affinity_mu_);
        if (!affinity_version_ || *affinity_version_ < *t) {
            bool first = !affinity_version_;
            affinity_.clear();
            affinity_version_ = t;
            // Nodes may have joined: look for their endpoints. Also on the first version seen,
            // which may already include nodes that joined after the discovery at connect time.
            discovery_due_ = true;
            if (!first && options_.on_event) {
                Event e{Event::Kind::TopologyChanged, ch.endpoint(), OpCode::Heartbeat, {},
                        "affinity topology " + std::to_string(t->major) + "." + std::to_string(t->minor)};
                try { options_.on_event(e); } catch (...) {}
            }
        }
    }

    // --- routing -----------------------------------------------------------------------------
    // Partition awareness: the channel of the key's primary node, when the client knows it and is
    // connected to it; otherwise the default channel.
    std::shared_ptr<Channel> route_to(const Route& route) {
        if (!options_.partition_awareness || !route.cache_id || !route.key) return pick();
        auto primary = primary_node(*route.cache_id, *route.key);
        if (primary) {
            std::lock_guard lock(mu_);
            for (const auto& s : slots_)
                if (s.channel && s.channel->alive() && s.channel->node_id() == primary) {
                    std::lock_guard slock(stats_mu_);
                    ++stats_.to_primary;
                    return s.channel;
                }
        }
        {
            std::lock_guard slock(stats_mu_);
            ++stats_.elsewhere;
        }
        return pick();
    }

    std::optional<Uuid> primary_node(std::int32_t cache_id, const Value& key) {
        auto affinity = affinity_of(cache_id);
        if (!affinity.applicable || affinity.primary_of_partition.empty()) return std::nullopt;
        // A complex key whose type has an affinity key field is placed by that field's value.
        std::int32_t hash = protocol::java_hash(key);
        if (auto bo = key.get_if<BinaryObject>(); bo && affinity.key_config.count(bo->type_id())) {
            try {
                auto meta = type_metadata(bo->type_id());
                auto field = protocol::BinaryObjectReader(*bo, meta ? &*meta : nullptr).field_by_id(affinity.key_config.at(bo->type_id()));
                if (!field) return std::nullopt;  // unknown schema: any node will do
                hash = protocol::java_hash(*field);
            } catch (const ProtocolError&) {
                return std::nullopt;
            }
        }
        auto part = protocol::partition_for_hash(hash, static_cast<std::int32_t>(affinity.primary_of_partition.size()));
        return affinity.primary_of_partition[static_cast<std::size_t>(part)];
    }

    // A typed request on one channel, for the engine's own lookups (no routing, no retry).
    template <protocol::Message M>
    typename M::Reply call_on(const std::shared_ptr<Channel>& ch, const M& message) {
        auto resp = ch->request(
            M::op, [&message](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) { message.encode(w, ctx); },
            options_.request_timeout);
        auto r = resp.reader();
        return message.decode(r, resp.context());
    }

    // Binary type metadata (compact footers name no fields), fetched once per type. Not fetched
    // from a completion (that would block the I/O thread): the key then goes to the default node.
    std::optional<protocol::BinaryTypeMetadata> type_metadata(std::int32_t type_id) {
        {
            std::lock_guard lock(affinity_mu_);
            if (auto it = types_.find(type_id); it != types_.end()) return it->second;
        }
        if (blocking_would_deadlock()) return std::nullopt;
        std::optional<protocol::BinaryTypeMetadata> meta;
        try {
            meta = call_on(pick(), protocol::BinaryTypeGet{type_id});
        } catch (const Error&) {
            return std::nullopt;
        }
        std::lock_guard lock(affinity_mu_);
        if (meta) types_[type_id] = *meta;  // a type not registered yet is asked again next time
        return meta;
    }

    // The cached mapping of a cache, fetched with OP_CACHE_PARTITIONS on first use (not from a
    // completion: there the request goes to the default node until a blocking call fetched it).
    protocol::CacheAffinity affinity_of(std::int32_t cache_id) {
        {
            std::lock_guard lock(affinity_mu_);
            if (auto it = affinity_.find(cache_id); it != affinity_.end()) return it->second;
        }
        if (blocking_would_deadlock()) return {};
        try {
            auto mappings = call_on(pick(), protocol::CachePartitions{{cache_id}});
            std::lock_guard lock(affinity_mu_);
            for (auto& [id, a] : mappings.caches) affinity_[id] = a;
            return affinity_[cache_id];  // absent from the reply: not applicable
        } catch (const Error&) {
            std::lock_guard lock(affinity_mu_);
            return affinity_[cache_id] = {};  // not applicable until the topology changes
        }
    }

    // The current channel if it is alive, else another live one, else the first node that accepts
    // a connection (all are tried at once; the wait holds no lock). From a completion it does not
    // wait: no live channel is then a ReconnectError.
    std::shared_ptr<Channel> pick() {
        {
            std::lock_guard lock(mu_);
            if (closed_) throw ConnectionError("the client is closed");
            if (alive(current_)) return slots_[current_].channel;
            for (std::size_t step = 0; step < slots_.size(); ++step) {
                auto i = (current_ + step) % slots_.size();
                if (alive(i)) {
                    current_ = i;
                    return slots_[i].channel;
                }
            }
        }
        if (blocking_would_deadlock()) throw ReconnectError("no live connection (and a completion cannot wait for one)");
        auto promise = std::make_shared<std::promise<std::shared_ptr<Channel>>>();
        auto future = promise->get_future();
        with_live_channel(nullptr, [promise](std::shared_ptr<Channel> ch) { promise->set_value(std::move(ch)); });
        auto ch = future.get();
        std::lock_guard lock(mu_);
        if (closed_) throw ConnectionError("the client is closed");
        if (ch) {
            for (std::size_t i = 0; i < slots_.size(); ++i)
                if (slots_[i].channel == ch) current_ = i;
            return ch;
        }
        std::string errors;
        for (std::size_t i = 0; i < slots_.size(); ++i) {
            if (auto* f = fatal(i); f && f->kind == OpenFailure::Kind::Authentication) f->raise();
            if (slots_[i].failure) errors += std::string(errors.empty() ? "" : "; ") + slots_[i].failure->message;
        }
        throw ReconnectError("could not reconnect to any node: " + errors);
    }

    void mark_dead(const std::shared_ptr<Channel>& ch) {
        std::lock_guard lock(mu_);
        for (auto& s : slots_)
            if (s.channel == ch) s.channel.reset();
    }

    ClientOptions options_;
    std::shared_ptr<IoHost> host_;  // null with a user's executor
    asio::any_io_executor ex_;
    asio::any_io_executor strand_;  // the client's own timers
    std::shared_ptr<asio::steady_timer> tick_;

    mutable std::mutex mu_;  // guards slots_, current_, closed_, waiters_; never held while waiting
    std::condition_variable cv_;
    std::vector<Slot> slots_;
    std::size_t current_ = 0;
    bool closed_ = false;
    std::vector<std::function<void(std::shared_ptr<Channel>)>> waiters_;

    std::atomic<bool> discovery_due_{false};
    std::mutex affinity_mu_;
    std::map<std::int32_t, protocol::CacheAffinity> affinity_;
    std::map<std::int32_t, protocol::BinaryTypeMetadata> types_;
    std::optional<protocol::AffinityTopologyVersion> affinity_version_;
    mutable std::mutex stats_mu_;
    RoutingStats stats_;
};

std::shared_ptr<ClusterClient> connect_on(ClientOptions options, std::shared_ptr<IoHost> host, asio::any_io_executor ex) {
    auto client = std::make_shared<ClusterClientImpl>(std::move(options), std::move(host), std::move(ex));
    client->start();
    return client;
}

}  // namespace

Response PendingResponse::get() {
    if (!future_.valid()) throw Error("no request is pending");
    auto r = future_.get();
    raise_if_failed(r, op_);
    return r;
}

std::shared_ptr<ClusterClient> ClusterClient::connect(ClientOptions options) {
    auto host = IoHost::start();
    auto ex = host->io.get_executor();
    try {
        return connect_on(std::move(options), host, ex);
    } catch (...) {
        // A client that never came to be: its thread ends here.
        host->work.reset();
        if (host->thread.joinable()) host->thread.join();
        throw;
    }
}

std::shared_ptr<ClusterClient> connect(ClientOptions options, boost::asio::any_io_executor executor) {
    return connect_on(std::move(options), nullptr, std::move(executor));
}

}  // namespace kindling::net
