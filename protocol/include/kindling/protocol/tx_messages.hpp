#pragma once
// OP_TX_START (4000) and OP_TX_END (4001), facts §7.
#include <cstdint>
#include <string>

#include "kindling/protocol/byte_writer.hpp"

namespace kindling::protocol {

enum class TxConcurrency : std::int8_t { Optimistic = 0, Pessimistic = 1 };
enum class TxIsolation : std::int8_t { ReadCommitted = 0, RepeatableRead = 1, Serializable = 2 };

// Reply: int32 transaction id (per connection).
void encode_tx_start(ByteWriter& w, TxConcurrency concurrency, TxIsolation isolation, std::int64_t timeout_ms,
                     const std::string& label);
void encode_tx_end(ByteWriter& w, std::int32_t tx_id, bool commit);

}  // namespace kindling::protocol
