#pragma once
// Hex text of bytes, as the golden tests and the tool that captured them write it.
#include <cstdint>
#include <span>
#include <string>

namespace kindling::test {

inline std::string to_hex(std::span<const std::uint8_t> bytes) {
    static const char* digits = "0123456789abcdef";
    std::string s;
    for (auto b : bytes) {
        s += digits[b >> 4];
        s += digits[b & 15];
    }
    return s;
}

}  // namespace kindling::test
