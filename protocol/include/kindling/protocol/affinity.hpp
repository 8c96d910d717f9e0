#pragma once
// Partition awareness, sans-io (facts §9): the OP_CACHE_PARTITIONS request and reply, and the
// key -> partition function of RendezvousAffinityFunction.
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/message.hpp"
#include "kindling/protocol/op_code.hpp"
#include "kindling/protocol/protocol_context.hpp"
#include "kindling/protocol/request.hpp"
#include "kindling/protocol/value.hpp"

namespace kindling::protocol {

// How one cache maps partitions to nodes.
struct CacheAffinity {
    // False for caches whose mapping a client cannot compute (replicated caches, node filters,
    // custom affinity functions): requests then go to any node.
    bool applicable = false;
    std::vector<Uuid> primary_of_partition;         // index = partition
    std::map<std::int32_t, std::int32_t> key_config;  // key type id -> affinity key field id
    bool operator==(const CacheAffinity&) const = default;
};

struct AffinityMappings {
    AffinityTopologyVersion version;
    std::map<std::int32_t, CacheAffinity> caches;  // by cache id (the server adds caches of the same group)
    bool operator==(const AffinityMappings&) const = default;
};

void encode_cache_partitions_request(ByteWriter& w, const std::vector<std::int32_t>& cache_ids);
AffinityMappings decode_cache_partitions_response(ByteReader& r);

// OP_CACHE_PARTITIONS (1101, protocol 1.4.0+).
struct CachePartitions {
    static constexpr OpCode op = OpCode::CachePartitions;
    std::vector<std::int32_t> cache_ids;
    using Reply = AffinityMappings;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext&) { return decode_cache_partitions_response(r); }
};


// RendezvousAffinityFunction.partition(): the power-of-two mask or the safe-abs remainder.
std::int32_t partition_for_hash(std::int32_t hash, std::int32_t partitions);

}  // namespace kindling::protocol
