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
#include "kindling/protocol/protocol_context.hpp"
#include "kindling/protocol/value.hpp"

namespace kindling::protocol {

struct ContinuousQueryRequest {
    std::int32_t cache_id = 0;
    std::int32_t page_size = 1;        // events the server batches per notification
    std::int64_t time_interval_ms = 0; // 0: send a batch only when it is full (page_size 1: at once)
    bool include_expired = false;

    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
};

enum class CacheEntryEventType : std::int8_t { Created = 0, Updated = 1, Removed = 2, Expired = 3 };

struct CacheEntryEvent {
    Value key;
    Value old_value;  // Null when there was none
    Value value;      // Null for Removed and Expired
    CacheEntryEventType type = CacheEntryEventType::Created;
};

// The payload of one event notification: int32 count, then key, old value, value, type byte each.
std::vector<CacheEntryEvent> decode_cache_entry_events(ByteReader& r);

}  // namespace kindling::protocol
