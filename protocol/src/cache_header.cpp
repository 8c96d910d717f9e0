#include "kindling/protocol/cache_header.hpp"

#include "kindling/protocol/errors.hpp"

namespace kindling::protocol {

void CacheHeader::encode(ByteWriter& w, const ProtocolContext& ctx) const {
    constexpr std::uint8_t kTransactional = 0x02;
    constexpr std::uint8_t kWithExpiry = 0x04;
    std::uint8_t flags = 0;
    if (expiry) {
        if (!ctx.at_least(1, 6)) throw UnsupportedError("per-operation expiry policies need protocol 1.6.0 or newer");
        flags |= kWithExpiry;
    }
    if (tx_id) flags |= kTransactional;
    w.write_i32(cache_id);
    w.write_u8(flags);
    if (expiry) {
        w.write_i64(expiry->create_ms);
        w.write_i64(expiry->update_ms);
        w.write_i64(expiry->access_ms);
    }
    if (tx_id) w.write_i32(*tx_id);
}

}  // namespace kindling::protocol
