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

// Splits a byte stream into frames, sans-io: the transport reads into buffer(), says how much
// arrived with commit(), and takes the complete frame bodies (without length prefixes) from
// next(). Bytes may arrive in any chunking (1 byte at a time works). A frame's body grows as its
// bytes arrive: a length prefix is never trusted for an allocation up front (a peer that claims
// 250 MB and sends 10 bytes costs 64 KB), and once a large body is under way buffer() hands out
// its own storage, so big frames are read in place without a copy.
class FrameDecoder {
public:
    explicit FrameDecoder(std::size_t max_frame_size) : max_(max_frame_size) {}

    // Writable space for the next read (never empty).
    std::span<std::uint8_t> buffer();
    // `n` bytes were written to the start of the last buffer().
    void commit(std::size_t n);
    // The next complete frame body, if one is complete. Throws ProtocolError for a non-positive or
    // too large length prefix; the decoder is unusable afterwards.
    std::optional<std::vector<std::uint8_t>> next();

    // Convenience for callers that hold bytes already: copies them in and returns every frame
    // body now complete.
    std::vector<std::vector<std::uint8_t>> feed(std::span<const std::uint8_t> bytes);
    // Bytes received that are not part of a returned frame yet.
    std::size_t buffered() const noexcept { return (in_end_ - in_pos_) + len_have_ + (in_body_ ? 4 + have_ : 0); }

    // For a reader that reads the length itself: checks it and throws ProtocolError if invalid.
    static std::size_t check_length(std::int32_t length, std::size_t max_frame_size);

private:
    static constexpr std::size_t kStaging = 16 * 1024;  // small frames are read here, many per read
    static constexpr std::size_t kDirect = 16 * 1024;   // a body missing at least this much is read in place
    static constexpr std::size_t kGrowth = 64 * 1024;   // in-place reads grow the body by this (or doubling)

    std::size_t max_;
    std::vector<std::uint8_t> in_;  // staging: [in_pos_, in_end_) is received and not decoded yet
    std::size_t in_pos_ = 0, in_end_ = 0;
    std::uint8_t len_[4]{};
    std::size_t len_have_ = 0;
    bool in_body_ = false;
    std::size_t need_ = 0;          // the current body's length
    std::vector<std::uint8_t> body_;
    std::size_t have_ = 0;          // bytes of body_ received (body_ may be larger: space handed out)
    bool direct_ = false;           // the last buffer() was body_ itself
};

}  // namespace kindling::protocol
