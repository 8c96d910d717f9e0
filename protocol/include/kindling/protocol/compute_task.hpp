#pragma once
// Executing a Java compute task by its class name (OP_COMPUTE_TASK_EXECUTE 6000, feature bit 1).
// The reply carries a task id; the result arrives later as an OP_COMPUTE_TASK_FINISHED (6001)
// notification under that id (with the error flag when the task failed). The server refuses with
// status 100 unless thin-client compute is enabled (ThinClientConfiguration
// .maxActiveComputeTasksPerConnection > 0). Layout as the Java thin client writes it
// (ClientComputeImpl in apache/ignite).
#include <cstdint>
#include <string>
#include <vector>

#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/op_code.hpp"
#include "kindling/protocol/protocol_context.hpp"
#include "kindling/protocol/request.hpp"
#include "kindling/protocol/value.hpp"

namespace kindling::protocol {

struct ComputeTaskExecute {
    static constexpr OpCode op = OpCode::ComputeTaskExecute;
    std::vector<Uuid> nodes;         // empty: every server node
    bool no_failover = false;
    bool no_result_cache = false;
    std::int64_t timeout_ms = 0;     // 0: no timeout
    std::string task_name;           // the task's Java class name
    Value argument;

    using Reply = std::int64_t;  // the task id: the OP_COMPUTE_TASK_FINISHED notification names it
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext&) { return r.read_i64(); }
};
using ComputeTaskRequest = ComputeTaskExecute;  // the earlier name

// The payload of the OP_COMPUTE_TASK_FINISHED notification (server to client, never sent): the
// task's result. A failed task arrives as a notification with the error flag and a status instead.
struct ComputeTaskFinished {
    static constexpr OpCode op = OpCode::ComputeTaskFinished;
    using Event = Value;
    static Event decode(ByteReader& r, const ProtocolContext& ctx);
};

}  // namespace kindling::protocol
