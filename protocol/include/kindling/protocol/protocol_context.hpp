#pragma once
// What a connection negotiated in its handshake: protocol version and 1.7 bitmask features.
// Message encoders take it, because several layouts depend on it (facts §2.4, §2.5, §6.1, §7.3).
#include <cstdint>
#include <compare>
#include <vector>

namespace kindling::protocol {

struct ProtocolVersion {
    std::int16_t major = 1;
    std::int16_t minor = 7;
    std::int16_t patch = 0;
    auto operator<=>(const ProtocolVersion&) const = default;
};

enum class Feature : int {
    UserAttributes = 0, ExecuteTaskByName = 1, ClusterStates = 2, ClusterGroupGetNodesEndpoints = 3,
    ClusterGroups = 4, ServiceInvoke = 5, DefaultQueryTimeout = 6, QueryPartitionsBatchSize = 7,
    BinaryConfiguration = 8, GetServiceDescriptors = 9, ServiceInvokeCallContext = 10, Heartbeat = 11,
    DataReplicationOperations = 12, AllAffinityMappings = 13, IndexQuery = 14, IndexQueryLimit = 15,
    ServiceTopology = 16, CacheInvoke = 17, TxAwareQueries = 18,
};

struct ProtocolContext {
    ProtocolVersion version;
    std::vector<std::uint8_t> features;  // bitmask as returned by the server (Java BitSet order)

    bool has(Feature f) const noexcept {
        auto bit = static_cast<unsigned>(f);
        return bit / 8 < features.size() && (features[bit / 8] >> (bit % 8)) & 1u;
    }
    bool at_least(std::int16_t major, std::int16_t minor, std::int16_t patch = 0) const noexcept {
        return version >= ProtocolVersion{major, minor, patch};
    }
    // 1.4.0 changed the response header to flags-based (facts §1.4).
    bool flags_header() const noexcept { return at_least(1, 4); }
};

}  // namespace kindling::protocol
