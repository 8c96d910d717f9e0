#pragma once
// Continuous queries (OP_QUERY_CONTINUOUS 2006): the request that starts one and the events the
// server then pushes as notifications (OP_QUERY_CONTINUOUS_EVENT_NOTIFICATION 2007) under the
// resource id its reply names. Closing that resource (OP_RESOURCE_CLOSE) ends the query.
// Layout as the Java thin client writes it (ClientCacheQueryContinuousRequest /
// ClientCacheEntryEventNotification in apache/ignite).
#include <cstdint>
#include <vector>

#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/op_code.hpp"
#include "kindling/protocol/protocol_context.hpp"
#include "kindling/protocol/request.hpp"
#include "kindling/protocol/value.hpp"

namespace kindling::protocol {

struct ContinuousQueryStart {
    static constexpr OpCode op = OpCode::QueryContinuous;
    std::int32_t cache_id = 0;
    std::int32_t page_size = 1;        // events the server batches per notification
    std::int64_t time_interval_ms = 0; // 0: send a batch only when it is full (page_size 1: at once)
    bool include_expired = false;

    using Reply = std::int64_t;  // the resource id the events come under; OP_RESOURCE_CLOSE on it ends the query
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext&) { return r.read_i64(); }
};
using ContinuousQueryRequest = ContinuousQueryStart;  // the earlier name

enum class CacheEntryEventType : std::int8_t { Created = 0, Updated = 1, Removed = 2, Expired = 3 };

struct CacheEntryEvent {
    Value key;
    Value old_value;  // Null when there was none
    Value value;      // Null for Removed and Expired
    CacheEntryEventType type = CacheEntryEventType::Created;
    bool operator==(const CacheEntryEvent&) const = default;
};

// The payload of one event notification: int32 count, then key, old value, value, type byte each.
std::vector<CacheEntryEvent> decode_cache_entry_events(ByteReader& r);

// The OP_QUERY_CONTINUOUS_EVENT_NOTIFICATION payload (server to client, never sent).
struct ContinuousQueryEvents {
    static constexpr OpCode op = OpCode::QueryContinuousEventNotification;
    using Event = std::vector<CacheEntryEvent>;
    static Event decode(ByteReader& r, const ProtocolContext&) { return decode_cache_entry_events(r); }
};

}  // namespace kindling::protocol
