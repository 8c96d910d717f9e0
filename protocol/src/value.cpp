#include "kindling/protocol/value.hpp"

#include "kindling/protocol/civil_time.hpp"

#include <algorithm>
#include <bit>
#include <limits>
#include <charconv>
#include <unordered_map>
#include <cmath>
#include <cstdio>

namespace kindling {

namespace {

// Unsigned big-endian magnitude arithmetic for Decimal text conversion (small, not hot).
void mul_add(std::vector<std::uint8_t>& mag, unsigned mul, unsigned add) {
    unsigned carry = add;
    for (auto it = mag.rbegin(); it != mag.rend(); ++it) {
        unsigned v = *it * mul + carry;
        *it = static_cast<std::uint8_t>(v & 0xFF);
        carry = v >> 8;
    }
    while (carry) {
        mag.insert(mag.begin(), static_cast<std::uint8_t>(carry & 0xFF));
        carry >>= 8;
    }
}

unsigned div_small(std::vector<std::uint8_t>& mag, unsigned div) {
    unsigned rem = 0;
    for (auto& b : mag) {
        unsigned cur = (rem << 8) | b;
        b = static_cast<std::uint8_t>(cur / div);
        rem = cur % div;
    }
    auto nz = std::find_if(mag.begin(), mag.end(), [](std::uint8_t b) { return b != 0; });
    mag.erase(mag.begin(), nz);
    return rem;
}

std::string hex(std::uint64_t v, int digits) {
    static const char* d = "0123456789abcdef";
    std::string s(static_cast<std::size_t>(digits), '0');
    for (int i = digits - 1; i >= 0; --i) {
        s[static_cast<std::size_t>(i)] = d[v & 0xF];
        v >>= 4;
    }
    return s;
}

std::string utf16_unit_to_utf8(char16_t c) {
    std::string out;
    auto u = static_cast<unsigned>(c);
    if (u < 0x80) {
        out += static_cast<char>(u);
    } else if (u < 0x800) {
        out += static_cast<char>(0xC0 | (u >> 6));
        out += static_cast<char>(0x80 | (u & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (u >> 12));
        out += static_cast<char>(0x80 | ((u >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (u & 0x3F));
    }
    return out;
}

template <class Seq>
std::string join(const Seq& items) {
    std::string s = "[";
    bool first = true;
    for (const auto& v : items) {
        if (!first) s += ", ";
        first = false;
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, Value>)
            s += v.to_string();
        else if constexpr (std::is_same_v<std::decay_t<decltype(v)>, char16_t>)
            s += utf16_unit_to_utf8(v);
        else if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::int8_t>)
            s += std::to_string(static_cast<int>(v));
        else if constexpr (std::is_floating_point_v<std::decay_t<decltype(v)>>) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.17g", static_cast<double>(v));
            s += buf;
        } else
            s += std::to_string(v);
    }
    return s + "]";
}

std::string format_millis_utc(std::int64_t ms, bool date_part, bool time_part) {
    auto c = protocol::civil_from_millis(ms);
    auto y = c.year;
    auto m = c.month;
    auto d = c.day;
    std::int64_t rem = static_cast<std::int64_t>(c.hour) * 3600000 + c.minute * 60000 + c.second * 1000;
    char buf[64];
    std::string out;
    if (date_part) {
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
        out += buf;
    }
    if (time_part) {
        if (!out.empty()) out += ' ';
        std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(rem / 3600000),
                      static_cast<long long>(rem / 60000 % 60), static_cast<long long>(rem / 1000 % 60));
        out += buf;
    }
    return out;
}

}  // namespace

std::string Uuid::to_string() const {
    return hex(msb >> 32, 8) + "-" + hex((msb >> 16) & 0xFFFF, 4) + "-" + hex(msb & 0xFFFF, 4) + "-" +
           hex(lsb >> 48, 4) + "-" + hex(lsb & 0xFFFFFFFFFFFFull, 12);
}

std::optional<Uuid> Uuid::parse(std::string_view s) {
    if (s.size() != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') return std::nullopt;
    std::uint64_t parts[2] = {0, 0};
    int nibble = 0;
    for (char c : s) {
        if (c == '-') continue;
        unsigned v;
        if (c >= '0' && c <= '9') v = static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f') v = static_cast<unsigned>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v = static_cast<unsigned>(c - 'A' + 10);
        else return std::nullopt;
        auto& p = parts[nibble / 16];
        p = (p << 4) | v;
        ++nibble;
    }
    return Uuid{parts[0], parts[1]};
}

std::string Decimal::to_string() const {
    std::vector<std::uint8_t> mag = magnitude;
    auto nz = std::find_if(mag.begin(), mag.end(), [](std::uint8_t b) { return b != 0; });
    mag.erase(mag.begin(), nz);
    std::string digits;
    while (!mag.empty()) digits += static_cast<char>('0' + div_small(mag, 10));
    if (digits.empty()) digits = "0";
    std::reverse(digits.begin(), digits.end());
    bool is_zero = digits == "0";
    std::string out;
    if (scale > 0) {
        auto sc = static_cast<std::size_t>(scale);
        if (digits.size() <= sc) digits.insert(0, sc - digits.size() + 1, '0');
        out = digits.substr(0, digits.size() - sc) + "." + digits.substr(digits.size() - sc);
    } else {
        out = digits;
        if (!is_zero) out.append(static_cast<std::size_t>(-static_cast<std::int64_t>(scale)), '0');
    }
    return (negative && !is_zero ? "-" : "") + out;
}

std::optional<Decimal> Decimal::parse(std::string_view s) {
    Decimal d;
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) d.negative = s[i++] == '-';
    bool any = false, dot = false;
    std::int64_t scale = 0;
    for (; i < s.size(); ++i) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            mul_add(d.magnitude, 10, static_cast<unsigned>(c - '0'));
            any = true;
            if (dot) ++scale;
        } else if (c == '.' && !dot) {
            dot = true;
        } else if (c == 'e' || c == 'E') {
            int exp = 0;
            auto rest = s.substr(i + 1);
            if (!rest.empty() && rest.front() == '+') rest.remove_prefix(1);
            auto [p, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), exp);
            if (ec != std::errc{} || p != rest.data() + rest.size()) return std::nullopt;
            scale -= exp;
            break;
        } else {
            return std::nullopt;
        }
    }
    if (!any || scale > INT32_MAX || scale < INT32_MIN) return std::nullopt;
    d.scale = static_cast<std::int32_t>(scale);
    auto nz = std::find_if(d.magnitude.begin(), d.magnitude.end(), [](std::uint8_t b) { return b != 0; });
    d.magnitude.erase(d.magnitude.begin(), nz);
    if (d.magnitude.empty()) d.negative = false;
    return d;
}

Decimal Decimal::from_int64(std::int64_t unscaled, std::int32_t scale) {
    Decimal d;
    d.scale = scale;
    d.negative = unscaled < 0;
    auto mag = d.negative ? static_cast<std::uint64_t>(-(unscaled + 1)) + 1 : static_cast<std::uint64_t>(unscaled);
    while (mag) {
        d.magnitude.insert(d.magnitude.begin(), static_cast<std::uint8_t>(mag & 0xFF));
        mag >>= 8;
    }
    return d;
}

double Decimal::to_double() const {
    double v = 0;
    for (auto b : magnitude) v = v * 256 + b;
    v *= std::pow(10.0, -scale);
    return negative ? -v : v;
}

bool TypedArray::operator==(const TypedArray& o) const {
    return element == o.element && enum_type_id == o.enum_type_id && items == o.items;
}
bool ObjectArray::operator==(const ObjectArray& o) const {
    return component_type_id == o.component_type_id && component_class_name == o.component_class_name &&
           items == o.items;
}
namespace {

bool is_set(CollectionKind k) {
    return k == CollectionKind::UserSet || k == CollectionKind::HashSet || k == CollectionKind::LinkedHashSet;
}

// Equal as multisets: every element of `a` matches a distinct equal element of `b`.
template <class T, class Hash>
bool same_elements_any_order(const std::vector<T>& a, const std::vector<T>& b, Hash hash) {
    if (a.size() != b.size()) return false;
    std::unordered_multimap<std::size_t, std::size_t> by_hash;
    by_hash.reserve(b.size());
    for (std::size_t i = 0; i < b.size(); ++i) by_hash.emplace(hash(b[i]), i);
    for (const auto& x : a) {
        auto [lo, hi] = by_hash.equal_range(hash(x));
        auto it = std::find_if(lo, hi, [&](const auto& e) { return b[e.second] == x; });
        if (it == hi) return false;
        by_hash.erase(it);
    }
    return true;
}

std::size_t mix(std::size_t seed, std::size_t h) noexcept {
    return seed ^ (h + 0x9e3779b97f4a7c15ull + (seed << 6) + (seed >> 2));
}

std::size_t entry_hash(const MapEntry& e) noexcept { return mix(e.key.hash(), e.value.hash()); }
std::size_t item_hash(const Value& v) noexcept { return v.hash(); }

// Java's Float/Double.equals: bit patterns, with every NaN the same.
template <class F>
auto float_bits(F f) noexcept {
    if (f != f) f = std::numeric_limits<F>::quiet_NaN();
    if constexpr (sizeof(F) == 4) return std::bit_cast<std::uint32_t>(f);
    else return std::bit_cast<std::uint64_t>(f);
}

template <class Seq>
std::size_t seq_hash(std::size_t seed, const Seq& items) noexcept {
    for (const auto& x : items) {
        using E = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<E, Value>) seed = mix(seed, x.hash());
        else if constexpr (std::is_floating_point_v<E>) seed = mix(seed, std::hash<decltype(float_bits(x))>{}(float_bits(x)));
        else seed = mix(seed, std::hash<E>{}(x));
    }
    return seed;
}

}  // namespace

bool Collection::operator==(const Collection& o) const {
    if (kind != o.kind) return false;
    if (is_set(kind)) return same_elements_any_order(items, o.items, item_hash);
    return items == o.items;
}
bool Map::operator==(const Map& o) const { return kind == o.kind && same_elements_any_order(entries, o.entries, entry_hash); }

std::int32_t BinaryObject::type_id() const {
    if (bytes.size() < 24) return 0;
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(bytes[4]) | static_cast<std::uint32_t>(bytes[5]) << 8 |
                                     static_cast<std::uint32_t>(bytes[6]) << 16 | static_cast<std::uint32_t>(bytes[7]) << 24);
}
std::int32_t BinaryObject::hash_code() const {
    if (bytes.size() < 24) return 0;
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(bytes[8]) | static_cast<std::uint32_t>(bytes[9]) << 8 |
                                     static_cast<std::uint32_t>(bytes[10]) << 16 | static_cast<std::uint32_t>(bytes[11]) << 24);
}

TypeCode Value::type_code() const noexcept {
    struct V {
        TypeCode operator()(const Null&) const { return TypeCode::Null; }
        TypeCode operator()(std::int8_t) const { return TypeCode::Byte; }
        TypeCode operator()(std::int16_t) const { return TypeCode::Short; }
        TypeCode operator()(std::int32_t) const { return TypeCode::Int; }
        TypeCode operator()(std::int64_t) const { return TypeCode::Long; }
        TypeCode operator()(float) const { return TypeCode::Float; }
        TypeCode operator()(double) const { return TypeCode::Double; }
        TypeCode operator()(const Char&) const { return TypeCode::Char; }
        TypeCode operator()(bool) const { return TypeCode::Bool; }
        TypeCode operator()(const std::string&) const { return TypeCode::String; }
        TypeCode operator()(const Uuid&) const { return TypeCode::Uuid; }
        TypeCode operator()(const Date&) const { return TypeCode::Date; }
        TypeCode operator()(const Timestamp&) const { return TypeCode::Timestamp; }
        TypeCode operator()(const Time&) const { return TypeCode::Time; }
        TypeCode operator()(const Decimal&) const { return TypeCode::Decimal; }
        TypeCode operator()(const EnumValue& e) const { return e.binary ? TypeCode::BinaryEnum : TypeCode::Enum; }
        TypeCode operator()(const ByteArray&) const { return TypeCode::ByteArray; }
        TypeCode operator()(const ShortArray&) const { return TypeCode::ShortArray; }
        TypeCode operator()(const IntArray&) const { return TypeCode::IntArray; }
        TypeCode operator()(const LongArray&) const { return TypeCode::LongArray; }
        TypeCode operator()(const FloatArray&) const { return TypeCode::FloatArray; }
        TypeCode operator()(const DoubleArray&) const { return TypeCode::DoubleArray; }
        TypeCode operator()(const CharArray&) const { return TypeCode::CharArray; }
        TypeCode operator()(const BoolArray&) const { return TypeCode::BoolArray; }
        TypeCode operator()(const TypedArray& a) const {
            switch (a.element) {
                case TypeCode::String: return TypeCode::StringArray;
                case TypeCode::Uuid: return TypeCode::UuidArray;
                case TypeCode::Date: return TypeCode::DateArray;
                case TypeCode::Decimal: return TypeCode::DecimalArray;
                case TypeCode::Timestamp: return TypeCode::TimestampArray;
                case TypeCode::Time: return TypeCode::TimeArray;
                default: return TypeCode::EnumArray;
            }
        }
        TypeCode operator()(const ObjectArray&) const { return TypeCode::ObjectArray; }
        TypeCode operator()(const Collection&) const { return TypeCode::Collection; }
        TypeCode operator()(const Map&) const { return TypeCode::Map; }
        TypeCode operator()(const BinaryObject&) const { return TypeCode::Complex; }
    };
    return std::visit(V{}, v_);
}

bool Value::operator==(const Value& o) const {
    if (v_.index() != o.v_.index()) return false;
    return std::visit(
        [&](const auto& a) -> bool {
            using T = std::decay_t<decltype(a)>;
            const auto& b = std::get<T>(o.v_);
            if constexpr (std::is_floating_point_v<T>) return float_bits(a) == float_bits(b);
            else if constexpr (std::is_same_v<T, FloatArray> || std::is_same_v<T, DoubleArray>)
                return a.size() == b.size() &&
                       std::equal(a.begin(), a.end(), b.begin(), [](auto x, auto y) { return float_bits(x) == float_bits(y); });
            else return a == b;
        },
        v_);
}

std::size_t Value::hash() const noexcept {
    std::size_t seed = v_.index();
    return std::visit(
        [seed](const auto& x) -> std::size_t {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, Null>) return seed;
            else if constexpr (std::is_floating_point_v<T>) return mix(seed, std::hash<decltype(float_bits(x))>{}(float_bits(x)));
            else if constexpr (std::is_arithmetic_v<T> || std::is_same_v<T, std::string>) return mix(seed, std::hash<T>{}(x));
            else if constexpr (std::is_same_v<T, Char>) return mix(seed, std::hash<char16_t>{}(x.value));
            else if constexpr (std::is_same_v<T, Uuid>) return mix(mix(seed, std::hash<std::uint64_t>{}(x.msb)), std::hash<std::uint64_t>{}(x.lsb));
            else if constexpr (std::is_same_v<T, Date> || std::is_same_v<T, Time>) return mix(seed, std::hash<std::int64_t>{}(x.millis));
            else if constexpr (std::is_same_v<T, Timestamp>)
                return mix(mix(seed, std::hash<std::int64_t>{}(x.millis)), std::hash<std::int32_t>{}(x.nanos));
            else if constexpr (std::is_same_v<T, Decimal>)
                return seq_hash(mix(mix(seed, std::hash<std::int32_t>{}(x.scale)), x.negative ? 1u : 0u), x.magnitude);
            else if constexpr (std::is_same_v<T, EnumValue>)
                return mix(mix(mix(mix(seed, std::hash<std::int32_t>{}(x.type_id)), std::hash<std::int32_t>{}(x.ordinal)), x.binary),
                           std::hash<std::string>{}(x.class_name));
            else if constexpr (std::is_same_v<T, BoolArray>) return seq_hash(seed, x.items);
            else if constexpr (std::is_same_v<T, TypedArray>)
                return seq_hash(mix(mix(seed, static_cast<std::size_t>(x.element)), std::hash<std::int32_t>{}(x.enum_type_id)), x.items);
            else if constexpr (std::is_same_v<T, ObjectArray>)
                return seq_hash(mix(mix(seed, std::hash<std::int32_t>{}(x.component_type_id)), std::hash<std::string>{}(x.component_class_name)),
                                x.items);
            else if constexpr (std::is_same_v<T, Collection>) {
                auto base = mix(seed, static_cast<std::size_t>(static_cast<std::int8_t>(x.kind) + 128));
                if (!is_set(x.kind)) return seq_hash(base, x.items);
                std::size_t sum = 0;  // order-independent, as equality
                for (const auto& i : x.items) sum += i.hash();
                return mix(base, sum);
            } else if constexpr (std::is_same_v<T, Map>) {
                std::size_t sum = 0;
                for (const auto& e : x.entries) sum += entry_hash(e);
                return mix(mix(seed, static_cast<std::size_t>(x.kind)), sum);
            } else if constexpr (std::is_same_v<T, BinaryObject>) return seq_hash(seed, x.bytes);
            else return seq_hash(seed, x);  // primitive arrays
        },
        v_);
}

std::string Value::to_string() const {
    return std::visit(
        [](const auto& x) -> std::string {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, Null>) return "NULL";
            else if constexpr (std::is_same_v<T, bool>) return x ? "true" : "false";
            else if constexpr (std::is_same_v<T, std::int8_t>) return std::to_string(static_cast<int>(x));
            else if constexpr (std::is_integral_v<T>) return std::to_string(x);
            else if constexpr (std::is_floating_point_v<T>) {
                char buf[32];
                std::snprintf(buf, sizeof buf, "%.17g", static_cast<double>(x));
                // Shortest text that reads back the same value.
                for (int prec = 1; prec < 18; ++prec) {
                    char b2[32];
                    std::snprintf(b2, sizeof b2, "%.*g", prec, static_cast<double>(x));
                    if (static_cast<T>(std::strtod(b2, nullptr)) == x) return b2;
                }
                return buf;
            } else if constexpr (std::is_same_v<T, Char>) return utf16_unit_to_utf8(x.value);
            else if constexpr (std::is_same_v<T, std::string>) return x;
            else if constexpr (std::is_same_v<T, Uuid> || std::is_same_v<T, Decimal>) return x.to_string();
            else if constexpr (std::is_same_v<T, Date>) return format_millis_utc(x.millis, true, true);
            else if constexpr (std::is_same_v<T, Timestamp>) {
                std::string s = format_millis_utc(x.millis, true, true);
                auto ms = ((x.millis % 1000) + 1000) % 1000;
                std::int64_t frac = ms * 1000000 + x.nanos;
                if (frac) {
                    char buf[16];
                    std::snprintf(buf, sizeof buf, ".%09lld", static_cast<long long>(frac));
                    std::string f = buf;
                    while (f.back() == '0') f.pop_back();
                    s += f;
                }
                return s;
            } else if constexpr (std::is_same_v<T, Time>) return format_millis_utc(x.millis, false, true);
            else if constexpr (std::is_same_v<T, EnumValue>)
                return "enum(" + std::to_string(x.type_id) + ":" + std::to_string(x.ordinal) + ")";
            else if constexpr (std::is_same_v<T, BoolArray>) return join(x.items);
            else if constexpr (std::is_same_v<T, TypedArray> || std::is_same_v<T, ObjectArray> ||
                               std::is_same_v<T, Collection>)
                return join(x.items);
            else if constexpr (std::is_same_v<T, Map>) {
                std::string s = "{";
                for (std::size_t i = 0; i < x.entries.size(); ++i) {
                    if (i) s += ", ";
                    s += x.entries[i].key.to_string() + ": " + x.entries[i].value.to_string();
                }
                return s + "}";
            } else if constexpr (std::is_same_v<T, BinaryObject>)
                return "object(type " + std::to_string(x.type_id()) + ", " + std::to_string(x.bytes.size()) + " bytes)";
            else return join(x);
        },
        v_);
}

}  // namespace kindling
