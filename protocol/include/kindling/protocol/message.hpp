#pragma once
// Request framing and the response header (facts §1.2–1.5), sans-io.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/op_code.hpp"
#include "kindling/protocol/protocol_context.hpp"

namespace kindling::protocol {

// Starts a request frame: length placeholder, op code, request id. Returns the length slot.
std::size_t begin_request(ByteWriter& w, OpCode op, std::int64_t request_id);
// Patches the length prefix once the payload is written.
void finish_request(ByteWriter& w, std::size_t length_slot);

struct AffinityTopologyVersion {
    std::int64_t major = 0;
    std::int32_t minor = 0;
    auto operator<=>(const AffinityTopologyVersion&) const = default;
};

struct ResponseHeader {
    std::int64_t request_id = 0;         // the resource id for notifications
    std::optional<AffinityTopologyVersion> topology;  // set when the affinity topology changed
    bool notification = false;
    std::int16_t notification_op = 0;
    std::int32_t status = 0;             // 0 = success
    std::string message;                 // when status != 0
    std::size_t payload_offset = 0;      // where the payload starts in the body
};

// Decodes the header at the start of a response body (after the length prefix). Throws
// ProtocolError on a truncated or inconsistent header.
ResponseHeader decode_response_header(std::span<const std::uint8_t> body, const ProtocolContext& ctx);

// Splits a byte stream into frames. Bytes may arrive in any chunking (1 byte at a time works).
class FrameDecoder {
public:
    explicit FrameDecoder(std::size_t max_frame_size) : max_(max_frame_size) {}
    // Appends bytes; returns the complete frame bodies now available (without length prefixes).
    // Throws ProtocolError for a non-positive or too large length prefix.
    std::vector<std::vector<std::uint8_t>> feed(std::span<const std::uint8_t> bytes);
    // For a reader that reads the length itself: checks it and throws ProtocolError if invalid.
    static std::size_t check_length(std::int32_t length, std::size_t max_frame_size);

private:
    std::size_t max_;
    std::vector<std::uint8_t> pending_;
};

}  // namespace kindling::protocol
