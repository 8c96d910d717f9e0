#pragma once
// OP_TX_START (4000) and OP_TX_END (4001), facts §7, as typed messages (request.hpp). A
// transaction id is per connection: every request inside it goes to the connection that started
// it (net::ServerTransaction keeps that channel).
#include <cstdint>
#include <string>

#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/op_code.hpp"
#include "kindling/protocol/protocol_context.hpp"
#include "kindling/protocol/request.hpp"

namespace kindling::protocol {

enum class TxConcurrency : std::int8_t { Optimistic = 0, Pessimistic = 1 };
enum class TxIsolation : std::int8_t { ReadCommitted = 0, RepeatableRead = 1, Serializable = 2 };

// Reply: int32 transaction id (per connection).
void encode_tx_start(ByteWriter& w, TxConcurrency concurrency, TxIsolation isolation, std::int64_t timeout_ms,
                     const std::string& label);
void encode_tx_end(ByteWriter& w, std::int32_t tx_id, bool commit);

struct TxStart {
    static constexpr OpCode op = OpCode::TxStart;
    using Reply = std::int32_t;  // the transaction id
    TxConcurrency concurrency = TxConcurrency::Pessimistic;
    TxIsolation isolation = TxIsolation::RepeatableRead;
    std::int64_t timeout_ms = 0;  // 0: no timeout
    std::string label;            // empty: sent as NULL
    void encode(ByteWriter& w, const ProtocolContext&) const { encode_tx_start(w, concurrency, isolation, timeout_ms, label); }
    static Reply decode(ByteReader& r, const ProtocolContext&) { return r.read_i32(); }
};

struct TxEnd {
    static constexpr OpCode op = OpCode::TxEnd;
    using Reply = NoReply;
    std::int32_t tx_id = 0;
    bool commit = false;  // false: roll back
    void encode(ByteWriter& w, const ProtocolContext&) const { encode_tx_end(w, tx_id, commit); }
    static Reply decode(ByteReader&, const ProtocolContext&) { return {}; }
};

static_assert(Message<TxStart> && Message<TxEnd>);

}  // namespace kindling::protocol
