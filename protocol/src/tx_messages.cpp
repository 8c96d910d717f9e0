#include "kindling/protocol/tx_messages.hpp"

#include "kindling/protocol/binary_codec.hpp"

namespace kindling::protocol {

void encode_tx_start(ByteWriter& w, TxConcurrency concurrency, TxIsolation isolation, std::int64_t timeout_ms,
                     const std::string& label) {
    w.write_i8(static_cast<std::int8_t>(concurrency));
    w.write_i8(static_cast<std::int8_t>(isolation));
    w.write_i64(timeout_ms);
    write_nullable_string(w, label.empty() ? std::nullopt : std::optional(label));
}

void encode_tx_end(ByteWriter& w, std::int32_t tx_id, bool commit) {
    w.write_i32(tx_id);
    w.write_bool(commit);
}

}  // namespace kindling::protocol
