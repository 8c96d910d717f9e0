#pragma once
// Cluster-wide operations (facts §3): the cache names, the cluster state (5000/5001), the WAL state
// of a cache (5002/5003, persistent caches only) and the client endpoints of the server nodes
// (5102, feature CLUSTER_GROUP_GET_NODES_ENDPOINTS, codec in cluster_discovery.hpp).
#include <cstdint>
#include <string>
#include <vector>

#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/cluster_discovery.hpp"
#include "kindling/protocol/op_code.hpp"
#include "kindling/protocol/protocol_context.hpp"
#include "kindling/protocol/request.hpp"

namespace kindling::protocol {

struct CacheGetNames {
    static constexpr OpCode op = OpCode::CacheGetNames;
    using Reply = std::vector<std::string>;
    void encode(ByteWriter&, const ProtocolContext&) const {}
    static Reply decode(ByteReader& r, const ProtocolContext& ctx);
};

// ClusterState ordinals. ACTIVE_READ_ONLY needs feature CLUSTER_STATES (bit 2).
enum class ClusterState : std::int8_t { Inactive = 0, Active = 1, ActiveReadOnly = 2 };

struct ClusterGetState {
    static constexpr OpCode op = OpCode::ClusterGetState;
    using Reply = ClusterState;
    void encode(ByteWriter&, const ProtocolContext&) const {}
    static Reply decode(ByteReader& r, const ProtocolContext& ctx);
};

// Deactivating a cluster with in-memory caches loses their data; Ignite 2.17 does it without a
// force flag (FORCE_DEACTIVATION_FLAG is not negotiated by Kindling).
struct ClusterChangeState {
    static constexpr OpCode op = OpCode::ClusterChangeState;
    ClusterState state = ClusterState::Active;
    using Reply = NoReply;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader&, const ProtocolContext&) { return {}; }
};

struct ClusterGetWalState {
    static constexpr OpCode op = OpCode::ClusterGetWalState;
    std::string cache_name;
    using Reply = bool;  // WAL enabled
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext&) { return r.read_bool(); }
};

struct ClusterChangeWalState {
    static constexpr OpCode op = OpCode::ClusterChangeWalState;
    std::string cache_name;
    bool enable = true;
    using Reply = bool;  // whether the state changed (false: it already was so)
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext&) { return r.read_bool(); }
};

// Topology versions -1 .. -1: the whole current topology.
struct ClusterGroupGetNodeEndpoints {
    static constexpr OpCode op = OpCode::ClusterGroupGetNodeEndpoints;
    std::int64_t start_version = -1;
    using Reply = NodeEndpointsDelta;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext&) { return decode_node_endpoints_response(r); }
};

static_assert(Message<CacheGetNames> && Message<ClusterGetState> && Message<ClusterChangeState> &&
              Message<ClusterGetWalState> && Message<ClusterChangeWalState> && Message<ClusterGroupGetNodeEndpoints>);

}  // namespace kindling::protocol
