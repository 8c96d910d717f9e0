#include "kindling/protocol/java_hash.hpp"

#include <bit>

namespace kindling::protocol {

namespace {

// Decodes UTF-8 into UTF-16 code units and feeds each to `f` (Java strings are UTF-16, so a
// character outside the BMP contributes its two surrogates). Invalid bytes become U+FFFD as Java's
// decoder does.
template <class F>
void for_each_utf16(std::string_view s, F f) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto b0 = static_cast<unsigned char>(s[i]);
        std::uint32_t cp;
        std::size_t len;
        if (b0 < 0x80) { cp = b0; len = 1; }
        else if ((b0 & 0xE0) == 0xC0) { cp = b0 & 0x1F; len = 2; }
        else if ((b0 & 0xF0) == 0xE0) { cp = b0 & 0x0F; len = 3; }
        else if ((b0 & 0xF8) == 0xF0) { cp = b0 & 0x07; len = 4; }
        else { f(char16_t{0xFFFD}); ++i; continue; }
        if (i + len > s.size()) { f(char16_t{0xFFFD}); ++i; continue; }
        bool ok = true;
        for (std::size_t k = 1; k < len; ++k) {
            auto b = static_cast<unsigned char>(s[i + k]);
            if ((b & 0xC0) != 0x80) { ok = false; break; }
            cp = (cp << 6) | (b & 0x3F);
        }
        if (!ok) { f(char16_t{0xFFFD}); ++i; continue; }
        i += len;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            f(static_cast<char16_t>(0xD800 + (cp >> 10)));
            f(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
        } else {
            f(static_cast<char16_t>(cp));
        }
    }
}

std::int32_t hash_long(std::int64_t v) {
    auto u = static_cast<std::uint64_t>(v);
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(u ^ (u >> 32)));
}

// Character.toLowerCase for the BMP subset Ignite type/field names use in practice (ASCII and
// Latin-1 plus the common Latin Extended and Greek/Cyrillic blocks).
char16_t java_lower(char16_t c) {
    if (c >= u'A' && c <= u'Z') return static_cast<char16_t>(c + 32);
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return static_cast<char16_t>(c + 32);
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return static_cast<char16_t>(c + 32);
    if (c >= 0x410 && c <= 0x42F) return static_cast<char16_t>(c + 32);
    if (c >= 0x400 && c <= 0x40F) return static_cast<char16_t>(c + 80);
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 && c != 0x17F) {
        bool even_upper = (c < 0x138) || (c > 0x148 && c < 0x178);
        if (even_upper ? (c % 2 == 0) : (c % 2 == 1)) return static_cast<char16_t>(c + 1);
    }
    return c;
}

// BigInteger.hashCode: over the magnitude as big-endian int32 words, times the signum.
std::int32_t big_integer_hash(const Decimal& d) {
    const auto& mag = d.magnitude;
    std::size_t first = 0;
    while (first < mag.size() && mag[first] == 0) ++first;
    std::size_t n = mag.size() - first;
    if (n == 0) return 0;
    std::int32_t h = 0;
    std::size_t lead = n % 4 == 0 ? 4 : n % 4;
    std::size_t pos = first;
    std::size_t take = lead;
    while (pos < mag.size()) {
        std::uint32_t word = 0;
        for (std::size_t k = 0; k < take; ++k) word = (word << 8) | mag[pos + k];
        pos += take;
        take = 4;
        h = static_cast<std::int32_t>(31u * static_cast<std::uint32_t>(h) + word);
    }
    return d.negative ? -h : h;
}

}  // namespace

std::int32_t java_string_hash(std::string_view utf8) {
    std::uint32_t h = 0;
    for_each_utf16(utf8, [&](char16_t c) { h = 31u * h + c; });
    return static_cast<std::int32_t>(h);
}

std::int32_t cache_id(std::string_view cache_name) {
    auto h = java_string_hash(cache_name);
    return h == 0 ? 1 : h;  // GridCacheUtils.cacheId never yields 0
}

std::int32_t type_id(std::string_view type_name) {
    std::uint32_t h = 0;
    for_each_utf16(type_name, [&](char16_t c) { h = 31u * h + java_lower(c); });
    return static_cast<std::int32_t>(h);
}

std::int32_t field_id(std::string_view field_name) { return type_id(field_name); }

std::int32_t java_hash(const Value& v) {
    return std::visit(
        [](const auto& x) -> std::int32_t {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, Null>) return 0;
            else if constexpr (std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::int16_t> ||
                               std::is_same_v<T, std::int32_t>)
                return x;
            else if constexpr (std::is_same_v<T, std::int64_t>) return hash_long(x);
            else if constexpr (std::is_same_v<T, bool>) return x ? 1231 : 1237;
            else if constexpr (std::is_same_v<T, Char>) return x.value;
            else if constexpr (std::is_same_v<T, float>)
                return x != x ? 0x7fc00000 : std::bit_cast<std::int32_t>(x);
            else if constexpr (std::is_same_v<T, double>)
                return hash_long(x != x ? 0x7ff8000000000000LL : std::bit_cast<std::int64_t>(x));
            else if constexpr (std::is_same_v<T, std::string>) return java_string_hash(x);
            else if constexpr (std::is_same_v<T, Uuid>) {
                auto hilo = x.msb ^ x.lsb;
                return static_cast<std::int32_t>(static_cast<std::uint32_t>(hilo >> 32) ^ static_cast<std::uint32_t>(hilo));
            } else if constexpr (std::is_same_v<T, Date> || std::is_same_v<T, Time>) return hash_long(x.millis);
            else if constexpr (std::is_same_v<T, Timestamp>) return hash_long(x.millis);
            else if constexpr (std::is_same_v<T, Decimal>)
                return static_cast<std::int32_t>(31u * static_cast<std::uint32_t>(big_integer_hash(x)) +
                                                 static_cast<std::uint32_t>(x.scale));
            else if constexpr (std::is_same_v<T, BinaryObject>) return x.hash_code();
            else if constexpr (std::is_same_v<T, EnumValue>) return x.ordinal;
            else return 0;  // arrays and collections are not usable as affinity keys
        },
        v.variant());
}

}  // namespace kindling::protocol
