#include "kindling/protocol/cluster_messages.hpp"

#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::protocol {

CacheGetNames::Reply CacheGetNames::decode(ByteReader& r, const ProtocolContext&) {
    auto n = r.read_length(1);
    Reply names;
    names.reserve(n);
    for (std::size_t i = 0; i < n; ++i) names.push_back(read_string(r));
    return names;
}

ClusterState ClusterGetState::decode(ByteReader& r, const ProtocolContext&) {
    auto s = r.read_i8();
    if (s < 0 || s > 2) throw ProtocolError("unknown cluster state " + std::to_string(s));
    return static_cast<ClusterState>(s);
}

void ClusterChangeState::encode(ByteWriter& w, const ProtocolContext& ctx) const {
    if (state == ClusterState::ActiveReadOnly && !ctx.has(Feature::ClusterStates))
        throw UnsupportedError("the server has no read-only cluster state (feature CLUSTER_STATES)");
    w.write_i8(static_cast<std::int8_t>(state));
}

void ClusterGetWalState::encode(ByteWriter& w, const ProtocolContext&) const { write_string(w, cache_name); }

void ClusterChangeWalState::encode(ByteWriter& w, const ProtocolContext&) const {
    write_string(w, cache_name);
    w.write_bool(enable);
}

void ClusterGroupGetNodeEndpoints::encode(ByteWriter& w, const ProtocolContext& ctx) const {
    if (!ctx.has(Feature::ClusterGroupGetNodesEndpoints))
        throw UnsupportedError("the server does not list node endpoints (feature CLUSTER_GROUP_GET_NODES_ENDPOINTS)");
    encode_node_endpoints_request(w, start_version);
}

}  // namespace kindling::protocol
