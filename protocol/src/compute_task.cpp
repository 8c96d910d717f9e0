#include "kindling/protocol/compute_task.hpp"

#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::protocol {

void ComputeTaskExecute::encode(ByteWriter& w, const ProtocolContext& ctx) const {
    if (!ctx.has(Feature::ExecuteTaskByName))
        throw UnsupportedError("the server does not execute compute tasks for thin clients (feature EXECUTE_TASK_BY_NAME)");
    w.write_i32(static_cast<std::int32_t>(nodes.size()));
    for (const auto& n : nodes) write_value(w, Value(n));  // typed UUIDs
    w.write_u8(static_cast<std::uint8_t>((no_failover ? 0x01 : 0) | (no_result_cache ? 0x02 : 0)));
    w.write_i64(timeout_ms);
    write_string(w, task_name);
    write_value(w, argument);
}

Value ComputeTaskFinished::decode(ByteReader& r, const ProtocolContext&) { return read_value(r); }

static_assert(Message<ComputeTaskExecute>);

}  // namespace kindling::protocol
