#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "kindling/protocol/byte_reader.hpp"

namespace kindling::net {

// A successful response: owns the frame, exposes the payload after the header.
class Response {
public:
    Response() = default;
    Response(std::vector<std::uint8_t> frame, std::size_t payload_offset)
        : frame_(std::move(frame)), payload_offset_(payload_offset) {}

    protocol::ByteReader reader() const {
        return protocol::ByteReader(std::span<const std::uint8_t>(frame_).subspan(payload_offset_));
    }
    bool empty() const noexcept { return payload_offset_ >= frame_.size(); }

private:
    std::vector<std::uint8_t> frame_;
    std::size_t payload_offset_ = 0;
};

}  // namespace kindling::net
