#include "kindling/protocol/message.hpp"

#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::protocol {

namespace {
constexpr std::int16_t kFlagError = 0x0001;
constexpr std::int16_t kFlagTopologyChanged = 0x0002;
constexpr std::int16_t kFlagNotification = 0x0004;
}  // namespace

std::size_t begin_request(ByteWriter& w, OpCode op, std::int64_t request_id) {
    auto slot = w.reserve_i32();
    w.write_i16(static_cast<std::int16_t>(op));
    w.write_i64(request_id);
    return slot;
}

void finish_request(ByteWriter& w, std::size_t slot) {
    w.patch_i32(slot, static_cast<std::int32_t>(w.size() - slot - 4));
}

ResponseHeader decode_response_header(std::span<const std::uint8_t> body, const ProtocolContext& ctx) {
    ByteReader r(body);
    ResponseHeader h;
    h.request_id = r.read_i64();
    if (ctx.flags_header()) {
        auto flags = r.read_i16();
        if (flags & kFlagTopologyChanged) {
            AffinityTopologyVersion v;
            v.major = r.read_i64();
            v.minor = r.read_i32();
            h.topology = v;
        }
        if (flags & kFlagNotification) {
            h.notification = true;
            h.notification_op = r.read_i16();
        }
        if (flags & kFlagError) {
            h.status = r.read_i32();
            h.message = read_string(r);
            if (h.status == 0) throw ProtocolError("response has the error flag but status 0");
        }
    } else {
        h.status = r.read_i32();
        if (h.status != 0) h.message = read_string(r);
    }
    h.payload_offset = r.position();
    return h;
}

std::size_t FrameDecoder::check_length(std::int32_t length, std::size_t max_frame_size) {
    if (length <= 0) throw ProtocolError("invalid frame length " + std::to_string(length));
    if (static_cast<std::size_t>(length) > max_frame_size)
        throw ProtocolError("frame of " + std::to_string(length) + " bytes exceeds the limit of " +
                            std::to_string(max_frame_size) + " bytes");
    return static_cast<std::size_t>(length);
}

std::vector<std::vector<std::uint8_t>> FrameDecoder::feed(std::span<const std::uint8_t> bytes) {
    pending_.insert(pending_.end(), bytes.begin(), bytes.end());
    std::vector<std::vector<std::uint8_t>> frames;
    std::size_t pos = 0;
    while (pending_.size() - pos >= 4) {
        ByteReader r(std::span<const std::uint8_t>(pending_).subspan(pos, 4));
        auto len = check_length(r.read_i32(), max_);
        if (pending_.size() - pos - 4 < len) break;
        auto begin = pending_.begin() + static_cast<std::ptrdiff_t>(pos + 4);
        frames.emplace_back(begin, begin + static_cast<std::ptrdiff_t>(len));
        pos += 4 + len;
    }
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(pos));
    return frames;
}

}  // namespace kindling::protocol
