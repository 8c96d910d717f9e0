#pragma once
// Little-endian reader over borrowed bytes. Every read is bounds-checked: a short or lying buffer
// raises ProtocolError instead of reading past the end (malformed replies must never be UB).
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "kindling/protocol/errors.hpp"

namespace kindling::protocol {

class ByteReader {
public:
    ByteReader() = default;
    explicit ByteReader(std::span<const std::uint8_t> data) : data_(data) {}

    std::uint8_t read_u8() { return take(1)[0]; }
    std::int8_t read_i8() { return static_cast<std::int8_t>(take(1)[0]); }
    bool read_bool() { return take(1)[0] != 0; }
    std::int16_t read_i16() { return static_cast<std::int16_t>(get_le<std::uint16_t>()); }
    std::uint16_t read_u16() { return get_le<std::uint16_t>(); }
    std::int32_t read_i32() { return static_cast<std::int32_t>(get_le<std::uint32_t>()); }
    std::uint32_t read_u32() { return get_le<std::uint32_t>(); }
    std::int64_t read_i64() { return static_cast<std::int64_t>(get_le<std::uint64_t>()); }
    float read_f32() { return std::bit_cast<float>(get_le<std::uint32_t>()); }
    double read_f64() { return std::bit_cast<double>(get_le<std::uint64_t>()); }

    // n bytes as a view into the underlying buffer.
    std::span<const std::uint8_t> read_bytes(std::size_t n) { return take(n); }
    std::string_view read_string_view(std::size_t n) {
        auto s = take(n);
        return {reinterpret_cast<const char*>(s.data()), s.size()};
    }

    // A length read from the wire, checked to be non-negative and to fit in what is left when
    // each element takes at least `min_element_size` bytes. Guards against huge allocations.
    std::size_t read_length(std::size_t min_element_size = 1) {
        auto n = read_i32();
        if (n < 0) throw ProtocolError("negative length " + std::to_string(n) + " at offset " + std::to_string(pos_ - 4));
        if (min_element_size > 0 && static_cast<std::size_t>(n) > remaining() / min_element_size)
            throw ProtocolError("length " + std::to_string(n) + " exceeds the " + std::to_string(remaining()) +
                                " bytes left at offset " + std::to_string(pos_ - 4));
        return static_cast<std::size_t>(n);
    }

    std::uint8_t peek_u8() const {
        if (remaining() < 1) throw ProtocolError("unexpected end of data at offset " + std::to_string(pos_));
        return data_[pos_];
    }
    void skip(std::size_t n) { take(n); }
    std::size_t position() const noexcept { return pos_; }
    void seek(std::size_t pos) {
        if (pos > data_.size()) throw ProtocolError("seek past end of data");
        pos_ = pos;
    }
    std::size_t remaining() const noexcept { return data_.size() - pos_; }
    bool at_end() const noexcept { return pos_ == data_.size(); }
    std::span<const std::uint8_t> data() const noexcept { return data_; }

private:
    std::span<const std::uint8_t> take(std::size_t n) {
        if (n > remaining())
            throw ProtocolError("unexpected end of data: need " + std::to_string(n) + " bytes at offset " +
                                std::to_string(pos_) + ", have " + std::to_string(remaining()));
        auto s = data_.subspan(pos_, n);
        pos_ += n;
        return s;
    }
    template <class U>
    U get_le() {
        auto s = take(sizeof(U));
        U v = 0;
        for (std::size_t i = 0; i < sizeof(U); ++i) v |= static_cast<U>(static_cast<U>(s[i]) << (8 * i));
        return v;
    }

    std::span<const std::uint8_t> data_;
    std::size_t pos_ = 0;
};

}  // namespace kindling::protocol
