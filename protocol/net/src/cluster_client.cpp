#include "kindling/net/cluster_client.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "kindling/net/channel.hpp"
#include "kindling/protocol/affinity.hpp"
#include "kindling/protocol/binary_object.hpp"
#include "kindling/protocol/cluster_discovery.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/java_hash.hpp"

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

// Failover as the reference document describes it: the operation that meets a broken connection
// fails with that connection's error; the next operation goes to the next live node, and only when
// no node answers does the caller get a ReconnectError.
class ClusterClientImpl final : public ClusterClient {
public:
    explicit ClusterClientImpl(ClientOptions o) : options_(std::move(o)), targets_(expand(options_.endpoints)) {
        if (targets_.empty()) throw ConnectionError("no endpoint to connect to");
        channels_.resize(targets_.size());
    }

    void start() {
        std::string errors;
        for (std::size_t i = 0; i < targets_.size(); ++i) {
            try {
                channels_[i] = Channel::open(targets_[i].host, targets_[i].port, options_);
                current_ = i;
                break;
            } catch (const AuthenticationError&) {
                throw;  // wrong credentials are wrong on every node
            } catch (const TlsError&) {
                throw;  // so is a TLS misconfiguration
            } catch (const Error& e) {
                errors += std::string(errors.empty() ? "" : "; ") + e.what();
            }
        }
        if (!channels_[current_]) throw ConnectionError("cannot connect to any of the given nodes: " + errors);
        if (options_.partition_awareness) {
            // One connection per known node, so requests can go straight to the primary.
            for (std::size_t i = 0; i < targets_.size(); ++i) {
                if (channels_[i]) continue;
                try {
                    channels_[i] = Channel::open(targets_[i].host, targets_[i].port, options_);
                } catch (const Error&) {
                    // The reconnector below keeps trying.
                }
            }
            if (options_.discover_nodes) discover();
            if (targets_.size() > 1 || options_.discover_nodes) reconnector_ = std::thread([this] { reconnect_loop(); });
        }
    }

    ~ClusterClientImpl() override { close(); }

    Response request(OpCode op, const PayloadWriter& payload, const Route& route) override {
        // Pinned requests are never repeated: their state lives on that connection.
        const bool may_retry = !route.channel && (options_.retry == RetryPolicy::All ||
                                                  (options_.retry == RetryPolicy::IdempotentOnly && repeatable(op)));
        for (int attempt = 0;; ++attempt) {
            auto ch = route.channel ? route.channel : route_to(route);  // a dead node is out of the list
            count(ch);
            try {
                auto r = ch->request(op, payload, options_.request_timeout);
                note_topology(*ch);
                return r;
            } catch (const ConnectionError&) {
                if (!ch->alive()) mark_dead(ch);
                if (!may_retry || attempt > 0) throw;
            }
        }
    }

    PendingResponse request_async(OpCode op, const PayloadWriter& payload, const Route& route) override {
        auto ch = route.channel ? route.channel : route_to(route);
        count(ch);
        return PendingResponse(ch, ch->send(op, payload), op);
    }

    void request_async(OpCode op, PayloadWriter payload, Route route, Completion done) override {
        auto ch = route.channel ? route.channel : route_to(route);
        count(ch);
        ch->send_with(op, payload, std::move(done));
    }

    std::vector<std::shared_ptr<Channel>> channels() const override {
        std::lock_guard lock(mu_);
        std::vector<std::shared_ptr<Channel>> out;
        for (const auto& c : channels_)
            if (c && c->alive()) out.push_back(c);
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
        for (const auto& ch : channels_)
            if (ch && ch->alive()) return ch->context();
        return {};
    }

    void close() override {
        std::vector<std::shared_ptr<Channel>> chans;
        {
            std::lock_guard lock(mu_);
            chans.swap(channels_);
            channels_.resize(targets_.size());
            closed_ = true;
        }
        wake_.notify_all();
        if (reconnector_.joinable() && reconnector_.get_id() != std::this_thread::get_id()) reconnector_.join();
        for (auto& c : chans)
            if (c) c->close();
    }

private:
    // Discovery: the server nodes' client endpoints (feature bit 3). A client given one address
    // adds the others as targets; the reconnector connects to them.
    void discover() {
        std::shared_ptr<Channel> ch;
        {
            std::lock_guard lock(mu_);
            ch = channels_[current_];
        }
        if (!ch || !ch->context().has(protocol::Feature::ClusterGroupGetNodesEndpoints)) return;
        protocol::NodeEndpointsDelta delta;
        try {
            auto resp = ch->request(OpCode::ClusterGroupGetNodeEndpoints,
                                    [](protocol::ByteWriter& w, const protocol::ProtocolContext&) {
                                        protocol::encode_node_endpoints_request(w);
                                    },
                                    options_.request_timeout);
            auto r = resp.reader();
            delta = protocol::decode_node_endpoints_response(r);
        } catch (const Error&) {
            return;  // discovery is an optimisation; the given endpoints still work
        }
        std::lock_guard lock(mu_);
        for (const auto& node : delta.added) {
            bool known = false;
            for (const auto& c : channels_) known = known || (c && c->node_id() == node.node_id);
            if (known || node.addresses.empty() || node.port <= 0 || node.port > 65535) continue;
            // Prefer the host the user gave for loopback clusters, else the node's first address.
            Target t{node.addresses.front(), static_cast<std::uint16_t>(node.port)};
            for (const auto& a : node.addresses)
                if (a == targets_[current_].host) t.host = a;
            bool listed = false;
            for (const auto& existing : targets_) listed = listed || (existing.host == t.host && existing.port == t.port);
            if (listed) continue;
            targets_.push_back(t);
            channels_.emplace_back();
        }
    }

    // Dead or never-reached nodes are retried in the background with exponential backoff
    // (0.5 s doubling to 10 s, back to 0.5 s after a success), so a node that returns is used
    // again without a restart of the client.
    void reconnect_loop() {
        auto backoff = std::chrono::milliseconds(500);
        std::unique_lock lock(mu_);
        while (!closed_) {
            wake_.wait_for(lock, backoff);
            if (closed_) break;
            if (discovery_due_.exchange(false) && options_.discover_nodes) {
                lock.unlock();
                discover();
                lock.lock();
                if (closed_) break;
            }
            std::vector<std::size_t> missing;
            for (std::size_t i = 0; i < targets_.size(); ++i)
                if (!channels_[i] || !channels_[i]->alive()) missing.push_back(i);
            if (missing.empty()) {
                backoff = std::chrono::milliseconds(500);
                continue;
            }
            bool any = false;
            for (auto i : missing) {
                auto target = targets_[i];
                lock.unlock();
                std::shared_ptr<Channel> ch;
                try {
                    ch = Channel::open(target.host, target.port, options_);
                } catch (const Error&) {
                }
                lock.lock();
                if (closed_) {
                    if (ch) ch->close();
                    return;
                }
                if (ch) {
                    channels_[i] = std::move(ch);
                    any = true;
                }
            }
            backoff = any ? std::chrono::milliseconds(500) : std::min(backoff * 2, std::chrono::milliseconds(10'000));
        }
    }

    void count(const std::shared_ptr<Channel>& ch) {
        std::lock_guard lock(stats_mu_);
        ++stats_.per_endpoint[ch->endpoint()];
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
            wake_.notify_all();
            if (!first) {
                if (options_.on_event) {
                    Event e{Event::Kind::TopologyChanged, ch.endpoint(), OpCode::Heartbeat, {},
                            "affinity topology " + std::to_string(t->major) + "." + std::to_string(t->minor)};
                    try { options_.on_event(e); } catch (...) {}
                }
            }
        }
    }

    // Partition awareness: the channel of the key's primary node, when the client knows it and is
    // connected to it; otherwise the default channel.
    std::shared_ptr<Channel> route_to(const Route& route) {
        if (!options_.partition_awareness || !route.cache_id || !route.key) return pick();
        auto primary = primary_node(*route.cache_id, *route.key);
        if (primary) {
            std::lock_guard lock(mu_);
            for (const auto& c : channels_)
                if (c && c->alive() && c->node_id() == primary) {
                    std::lock_guard slock(stats_mu_);
                    ++stats_.to_primary;
                    return c;
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
        auto part = protocol::partition_for_hash(hash,
                                                 static_cast<std::int32_t>(affinity.primary_of_partition.size()));
        return affinity.primary_of_partition[static_cast<std::size_t>(part)];
    }

    // Binary type metadata (compact footers name no fields), fetched once per type.
    std::optional<protocol::BinaryTypeMetadata> type_metadata(std::int32_t type_id) {
        {
            std::lock_guard lock(affinity_mu_);
            if (auto it = types_.find(type_id); it != types_.end()) return it->second;
        }
        std::optional<protocol::BinaryTypeMetadata> meta;
        try {
            auto resp = pick()->request(
                OpCode::BinaryTypeGet, [&](protocol::ByteWriter& w, const protocol::ProtocolContext&) { w.write_i32(type_id); },
                options_.request_timeout);
            auto r = resp.reader();
            if (r.read_bool()) meta = protocol::BinaryTypeMetadata::decode(r);
        } catch (const Error&) {
            return std::nullopt;
        }
        std::lock_guard lock(affinity_mu_);
        if (meta) types_[type_id] = *meta;  // a type not registered yet is asked again next time
        return meta;
    }

    // The cached mapping of a cache, fetched with OP_CACHE_PARTITIONS on first use.
    protocol::CacheAffinity affinity_of(std::int32_t cache_id) {
        {
            std::lock_guard lock(affinity_mu_);
            if (auto it = affinity_.find(cache_id); it != affinity_.end()) return it->second;
        }
        try {
            auto resp = pick()->request(
                OpCode::CachePartitions,
                [&](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) {
                    if (!ctx.at_least(1, 4)) throw UnsupportedError("partition awareness needs protocol 1.4.0");
                    protocol::encode_cache_partitions_request(w, {cache_id});
                },
                options_.request_timeout);
            auto r = resp.reader();
            auto mappings = protocol::decode_cache_partitions_response(r);
            std::lock_guard lock(affinity_mu_);
            for (auto& [id, a] : mappings.caches) affinity_[id] = a;
            return affinity_[cache_id];  // absent from the reply: not applicable
        } catch (const Error&) {
            std::lock_guard lock(affinity_mu_);
            return affinity_[cache_id] = {};  // not applicable until the topology changes
        }
    }

    // The current channel if it is alive, else the next node that accepts a connection.
    std::shared_ptr<Channel> pick() {
        std::lock_guard lock(mu_);
        if (closed_) throw ConnectionError("the client is closed");
        if (channels_[current_] && channels_[current_]->alive()) return channels_[current_];
        std::string errors;
        for (std::size_t step = 0; step < targets_.size(); ++step) {
            auto i = (current_ + step) % targets_.size();
            if (channels_[i] && channels_[i]->alive()) {
                current_ = i;
                return channels_[i];
            }
            try {
                channels_[i] = Channel::open(targets_[i].host, targets_[i].port, options_);
                current_ = i;
                return channels_[i];
            } catch (const AuthenticationError&) {
                throw;
            } catch (const Error& e) {
                errors += std::string(errors.empty() ? "" : "; ") + e.what();
            }
        }
        throw ReconnectError("could not reconnect to any node: " + errors);
    }

    void mark_dead(const std::shared_ptr<Channel>& ch) {
        std::lock_guard lock(mu_);
        for (auto& c : channels_)
            if (c == ch) c.reset();
    }

    ClientOptions options_;
    std::vector<Target> targets_;
    mutable std::mutex mu_;
    std::vector<std::shared_ptr<Channel>> channels_;
    std::size_t current_ = 0;
    bool closed_ = false;
    std::condition_variable wake_;
    std::atomic<bool> discovery_due_{false};
    std::thread reconnector_;
    std::mutex affinity_mu_;
    std::map<std::int32_t, protocol::CacheAffinity> affinity_;
    std::map<std::int32_t, protocol::BinaryTypeMetadata> types_;
    std::optional<protocol::AffinityTopologyVersion> affinity_version_;
    mutable std::mutex stats_mu_;
    RoutingStats stats_;
};

}  // namespace

Response PendingResponse::get() {
    if (!channel_) throw Error("no request is pending");
    return channel_->receive(future_, op_, std::chrono::milliseconds(0));
}

std::shared_ptr<ClusterClient> ClusterClient::connect(ClientOptions options) {
    auto client = std::make_shared<ClusterClientImpl>(std::move(options));
    client->start();
    return client;
}

}  // namespace kindling::net
