#pragma once
// Keeping a connection alive (feature HEARTBEAT, bit 11): OP_HEARTBEAT (1) and OP_GET_IDLE_TIMEOUT
// (2). The Java client heartbeats at min(its own interval, idle timeout / 3, floor 500 ms).
#include <chrono>

#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/op_code.hpp"
#include "kindling/protocol/protocol_context.hpp"
#include "kindling/protocol/request.hpp"

namespace kindling::protocol {

struct Heartbeat {
    static constexpr OpCode op = OpCode::Heartbeat;
    using Reply = NoReply;
    void encode(ByteWriter&, const ProtocolContext& ctx) const {
        if (!ctx.has(Feature::Heartbeat)) throw UnsupportedError("the server does not take heartbeats (feature HEARTBEAT)");
    }
    static Reply decode(ByteReader&, const ProtocolContext&) { return {}; }
};

struct GetIdleTimeout {
    static constexpr OpCode op = OpCode::GetIdleTimeout;
    using Reply = std::chrono::milliseconds;  // 0: the server never closes an idle connection
    void encode(ByteWriter&, const ProtocolContext& ctx) const {
        if (!ctx.has(Feature::Heartbeat)) throw UnsupportedError("the server has no idle timeout op (feature HEARTBEAT)");
    }
    static Reply decode(ByteReader& r, const ProtocolContext&) { return std::chrono::milliseconds(r.read_i64()); }
};

static_assert(Message<Heartbeat> && Message<GetIdleTimeout>);

}  // namespace kindling::protocol
