#pragma once
// The header every cache operation starts with (facts §4): cache id, flags, optional expiry
// policy, optional transaction id.
#include <chrono>
#include <cstdint>
#include <optional>

#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/protocol_context.hpp"

namespace kindling::protocol {

// Expiry durations: -2 = leave unchanged, -1 = eternal, 0 = expire immediately, >0 = milliseconds.
struct ExpiryPolicy {
    std::int64_t create_ms = -2;
    std::int64_t update_ms = -2;
    std::int64_t access_ms = -2;
    bool operator==(const ExpiryPolicy&) const = default;
    static constexpr std::int64_t unchanged = -2;
    static constexpr std::int64_t eternal = -1;
};

struct CacheHeader {
    std::int32_t cache_id = 0;
    std::optional<ExpiryPolicy> expiry;  // 1.6.0+
    std::optional<std::int32_t> tx_id;   // 1.5.0+; SQL/scan only with TX_AWARE_QUERIES

    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
};

}  // namespace kindling::protocol
