#include "kindling/protocol/affinity.hpp"

#include <cstdlib>

#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::protocol {

void encode_cache_partitions_request(ByteWriter& w, const std::vector<std::int32_t>& cache_ids) {
    // No "custom mappings" flag: Kindling does not advertise ALL_AFFINITY_MAPPINGS (bit 13).
    w.write_i32(static_cast<std::int32_t>(cache_ids.size()));
    for (auto id : cache_ids) w.write_i32(id);
}

void CachePartitions::encode(ByteWriter& w, const ProtocolContext& ctx) const {
    if (!ctx.at_least(1, 4)) throw UnsupportedError("partition awareness needs protocol 1.4.0");
    encode_cache_partitions_request(w, cache_ids);
}

static_assert(Message<CachePartitions>);

AffinityMappings decode_cache_partitions_response(ByteReader& r) {
    AffinityMappings m;
    m.version.major = r.read_i64();
    m.version.minor = r.read_i32();
    auto groups = r.read_length(5);
    for (std::size_t g = 0; g < groups; ++g) {
        bool applicable = r.read_bool();
        auto caches = r.read_length(4);
        std::vector<std::pair<std::int32_t, std::map<std::int32_t, std::int32_t>>> members;
        for (std::size_t c = 0; c < caches; ++c) {
            auto id = r.read_i32();
            std::map<std::int32_t, std::int32_t> cfg;
            if (applicable) {
                auto n = r.read_length(8);
                for (std::size_t k = 0; k < n; ++k) {
                    auto type_id = r.read_i32();
                    cfg[type_id] = r.read_i32();
                }
            }
            members.emplace_back(id, std::move(cfg));
        }
        std::vector<Uuid> primaries;
        if (applicable) {
            auto nodes = r.read_length(21);
            for (std::size_t n = 0; n < nodes; ++n) {
                auto node = read_value(r);
                if (!node.is<Uuid>()) throw ProtocolError("partition map: node id is not a UUID");
                auto parts = r.read_length(4);
                for (std::size_t p = 0; p < parts; ++p) {
                    auto part = r.read_i32();
                    if (part < 0 || part > 65535) throw ProtocolError("partition number " + std::to_string(part) + " out of range");
                    if (primaries.size() <= static_cast<std::size_t>(part)) primaries.resize(static_cast<std::size_t>(part) + 1);
                    primaries[static_cast<std::size_t>(part)] = node.get<Uuid>();
                }
            }
        }
        for (auto& [id, cfg] : members) {
            CacheAffinity a;
            a.applicable = applicable && !primaries.empty();
            a.primary_of_partition = primaries;
            a.key_config = std::move(cfg);
            m.caches[id] = std::move(a);
        }
    }
    return m;
}

std::int32_t partition_for_hash(std::int32_t hash, std::int32_t parts) {
    if (parts <= 0) throw std::invalid_argument("partition count must be positive");
    if ((parts & (parts - 1)) == 0) {
        auto h = static_cast<std::uint32_t>(hash);
        return static_cast<std::int32_t>((h ^ (h >> 16)) & static_cast<std::uint32_t>(parts - 1));
    }
    // Java's % truncates toward zero, like C++; safeAbs maps INT_MIN to 0.
    auto r = hash % parts;
    return r == INT32_MIN ? 0 : std::abs(r);
}

}  // namespace kindling::protocol
