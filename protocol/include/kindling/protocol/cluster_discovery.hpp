#pragma once
// OP_CLUSTER_GROUP_GET_NODE_ENDPOINTS (5102, feature bit 3): the client connector endpoints of the
// cluster's server nodes, so a client given one address can connect to all of them. Layout from
// ClientClusterGroupGetNodesEndpointsResponse (Ignite 2.x): UUIDs are raw (no type code).
#include <cstdint>
#include <string>
#include <vector>

#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/value.hpp"

namespace kindling::protocol {

struct NodeEndpoints {
    Uuid node_id;
    std::int32_t port = 0;
    std::vector<std::string> addresses;  // IP addresses first, then host names
    bool operator==(const NodeEndpoints&) const = default;
};

struct NodeEndpointsDelta {
    std::int64_t topology_version = 0;
    std::vector<NodeEndpoints> added;  // all server nodes when asked from version -1
    std::vector<Uuid> removed;
    bool operator==(const NodeEndpointsDelta&) const = default;
};

// start_version -1: the whole current topology.
void encode_node_endpoints_request(ByteWriter& w, std::int64_t start_version = -1);
NodeEndpointsDelta decode_node_endpoints_response(ByteReader& r);

}  // namespace kindling::protocol
