#include "kindling/protocol/continuous_query.hpp"

#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/cache_header.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::protocol {

void ContinuousQueryStart::encode(ByteWriter& w, const ProtocolContext& ctx) const {
    CacheHeader{cache_id}.encode(w, ctx);
    w.write_i32(page_size);
    w.write_i64(time_interval_ms);
    w.write_u8(include_expired ? 1 : 0);
    write_null(w);  // no remote filter: a C++ client cannot ship Java code
}

std::vector<CacheEntryEvent> decode_cache_entry_events(ByteReader& r) {
    auto n = r.read_length(4);  // each event has at least three 1-byte values and a type byte
    std::vector<CacheEntryEvent> events;
    events.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        CacheEntryEvent e;
        e.key = read_value(r);
        e.old_value = read_value(r);
        e.value = read_value(r);
        auto type = r.read_i8();
        if (type < 0 || type > 3) throw ProtocolError("unknown cache entry event type " + std::to_string(type));
        e.type = static_cast<CacheEntryEventType>(type);
        events.push_back(std::move(e));
    }
    return events;
}

static_assert(Message<ContinuousQueryStart>);

}  // namespace kindling::protocol
