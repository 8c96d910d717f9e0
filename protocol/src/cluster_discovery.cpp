#include "kindling/protocol/cluster_discovery.hpp"

#include "kindling/protocol/binary_codec.hpp"

namespace kindling::protocol {

void encode_node_endpoints_request(ByteWriter& w, std::int64_t start_version) {
    w.write_i64(start_version);
    w.write_i64(-1);  // up to the current topology
}

NodeEndpointsDelta decode_node_endpoints_response(ByteReader& r) {
    NodeEndpointsDelta d;
    d.topology_version = r.read_i64();
    auto added = r.read_length(24);
    for (std::size_t i = 0; i < added; ++i) {
        NodeEndpoints n;
        n.node_id.msb = static_cast<std::uint64_t>(r.read_i64());
        n.node_id.lsb = static_cast<std::uint64_t>(r.read_i64());
        n.port = r.read_i32();
        auto addrs = r.read_length(1);
        for (std::size_t k = 0; k < addrs; ++k) n.addresses.push_back(read_string(r));
        d.added.push_back(std::move(n));
    }
    auto removed = r.read_length(16);
    for (std::size_t i = 0; i < removed; ++i) {
        Uuid u;
        u.msb = static_cast<std::uint64_t>(r.read_i64());
        u.lsb = static_cast<std::uint64_t>(r.read_i64());
        d.removed.push_back(u);
    }
    return d;
}

}  // namespace kindling::protocol
