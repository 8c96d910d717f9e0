#pragma once
// Little-endian writer over a growable byte buffer. Every byte Kindling puts on the wire goes
// through this one class, so endianness and length patching live in exactly one place.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

namespace kindling::protocol {

class ByteWriter {
public:
    ByteWriter() = default;
    explicit ByteWriter(std::size_t reserve) { buf_.reserve(reserve); }

    void write_u8(std::uint8_t v) { buf_.push_back(v); }
    void write_i8(std::int8_t v) { buf_.push_back(static_cast<std::uint8_t>(v)); }
    void write_bool(bool v) { buf_.push_back(v ? 1 : 0); }
    void write_i16(std::int16_t v) { put_le(static_cast<std::uint16_t>(v)); }
    void write_u16(std::uint16_t v) { put_le(v); }
    void write_i32(std::int32_t v) { put_le(static_cast<std::uint32_t>(v)); }
    void write_u32(std::uint32_t v) { put_le(v); }
    void write_i64(std::int64_t v) { put_le(static_cast<std::uint64_t>(v)); }
    void write_f32(float v) { put_le(std::bit_cast<std::uint32_t>(v)); }
    void write_f64(double v) { put_le(std::bit_cast<std::uint64_t>(v)); }

    void write_bytes(std::span<const std::uint8_t> bytes) { buf_.insert(buf_.end(), bytes.begin(), bytes.end()); }
    void write_bytes(std::string_view bytes) { buf_.insert(buf_.end(), bytes.begin(), bytes.end()); }

    // Reserve an int32 slot (e.g. a length prefix) and return its position for patch_i32().
    std::size_t reserve_i32() {
        auto pos = buf_.size();
        buf_.resize(pos + 4);
        return pos;
    }
    void patch_i32(std::size_t pos, std::int32_t v) {
        auto u = static_cast<std::uint32_t>(v);
        for (int i = 0; i < 4; ++i) buf_[pos + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(u >> (8 * i));
    }

    std::size_t size() const noexcept { return buf_.size(); }
    std::span<const std::uint8_t> bytes() const noexcept { return buf_; }
    std::vector<std::uint8_t>& buffer() noexcept { return buf_; }
    std::vector<std::uint8_t> take() && { return std::move(buf_); }
    void clear() noexcept { buf_.clear(); }

private:
    template <class U>
    void put_le(U v) {
        std::uint8_t tmp[sizeof(U)];
        for (std::size_t i = 0; i < sizeof(U); ++i) tmp[i] = static_cast<std::uint8_t>(v >> (8 * i));
        buf_.insert(buf_.end(), tmp, tmp + sizeof(U));
    }

    std::vector<std::uint8_t> buf_;
};

}  // namespace kindling::protocol
