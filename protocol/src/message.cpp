#include "kindling/protocol/message.hpp"

#include <algorithm>
#include <cstring>

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

std::span<std::uint8_t> FrameDecoder::buffer() {
    if (in_body_ && in_pos_ == in_end_ && need_ - have_ >= kDirect) {
        // Read the rest of a large body straight into it, growing only as far as data has come.
        direct_ = true;
        auto want = std::min(need_, std::max(have_ + kGrowth, have_ * 2));
        if (body_.size() < want) body_.resize(want);
        return std::span<std::uint8_t>(body_).subspan(have_, body_.size() - have_);
    }
    direct_ = false;
    if (in_pos_ == in_end_) {
        in_pos_ = in_end_ = 0;
    } else if (in_pos_ > 0) {
        std::memmove(in_.data(), in_.data() + in_pos_, in_end_ - in_pos_);
        in_end_ -= in_pos_;
        in_pos_ = 0;
    }
    if (in_.size() < kStaging) in_.resize(kStaging);
    if (in_end_ == in_.size()) in_.resize(in_.size() * 2);  // only when next() was not called to drain
    return std::span<std::uint8_t>(in_).subspan(in_end_);
}

void FrameDecoder::commit(std::size_t n) {
    if (direct_) have_ += n;
    else in_end_ += n;
    direct_ = false;
}

std::optional<std::vector<std::uint8_t>> FrameDecoder::next() {
    if (!in_body_) {
        while (len_have_ < 4 && in_pos_ < in_end_) len_[len_have_++] = in_[in_pos_++];
        if (len_have_ < 4) return std::nullopt;
        ByteReader r(std::span<const std::uint8_t>(len_, 4));
        need_ = check_length(r.read_i32(), max_);
        len_have_ = 0;
        in_body_ = true;
        have_ = 0;
        body_.clear();
    }
    auto n = std::min(in_end_ - in_pos_, need_ - have_);
    if (n > 0) {
        if (body_.size() < have_ + n) body_.resize(have_ + n);  // geometric growth: amortised
        std::memcpy(body_.data() + have_, in_.data() + in_pos_, n);
        have_ += n;
        in_pos_ += n;
    }
    if (have_ < need_) return std::nullopt;
    body_.resize(need_);
    in_body_ = false;
    have_ = 0;
    std::vector<std::uint8_t> frame;
    frame.swap(body_);
    return frame;
}

std::vector<std::vector<std::uint8_t>> FrameDecoder::feed(std::span<const std::uint8_t> bytes) {
    std::vector<std::vector<std::uint8_t>> frames;
    do {
        auto space = buffer();
        auto n = std::min(space.size(), bytes.size());
        if (n > 0) std::memcpy(space.data(), bytes.data(), n);
        commit(n);
        bytes = bytes.subspan(n);
        while (auto f = next()) frames.push_back(std::move(*f));
    } while (!bytes.empty());
    return frames;
}

}  // namespace kindling::protocol
