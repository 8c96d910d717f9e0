#pragma once
// Value: one dynamic value of the Ignite binary format, lossless for every type code, used by
// both the ODBC driver (parameters, result cells) and kvapi (dynamic API, type hints).
// The alternative held *is* the wire type: Value(std::int16_t{42}) travels as a short, which is
// how type hints work (a Python `key_hint=ShortObject` is a C++ std::int16_t).
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "kindling/protocol/type_code.hpp"

namespace kindling {

class Value;

// java.util.UUID: two 64-bit halves, most significant first.
struct Uuid {
    std::uint64_t msb = 0;
    std::uint64_t lsb = 0;
    auto operator<=>(const Uuid&) const = default;
    std::string to_string() const;                       // canonical 8-4-4-4-12 lower-case hex
    static std::optional<Uuid> parse(std::string_view);  // accepts the canonical form
};

// java.util.Date: milliseconds since the Unix epoch, UTC.
struct Date {
    std::int64_t millis = 0;
    auto operator<=>(const Date&) const = default;
};

// java.sql.Timestamp: milliseconds since the epoch (UTC) plus nanoseconds within that millisecond.
struct Timestamp {
    std::int64_t millis = 0;
    std::int32_t nanos = 0;  // 0..999'999
    auto operator<=>(const Timestamp&) const = default;
};

// java.sql.Time: milliseconds since midnight.
struct Time {
    std::int64_t millis = 0;
    auto operator<=>(const Time&) const = default;
};

// A UTF-16 code unit (Java char): distinct from a 1-character string on the wire and as a key.
struct Char {
    char16_t value = 0;
    auto operator<=>(const Char&) const = default;
};

// java.math.BigDecimal: unscaled magnitude (big-endian, unsigned, minimal) with sign and scale.
struct Decimal {
    std::int32_t scale = 0;
    bool negative = false;
    std::vector<std::uint8_t> magnitude;  // big-endian; empty means zero
    bool operator==(const Decimal&) const = default;
    std::string to_string() const;                          // plain notation, e.g. "-12.50"
    static std::optional<Decimal> parse(std::string_view);  // "-12.50", "1e3", ...
    static Decimal from_int64(std::int64_t unscaled, std::int32_t scale = 0);
    double to_double() const;
};

// Enum value (type 28) or binary enum (type 38).
struct EnumValue {
    std::int32_t type_id = 0;
    std::int32_t ordinal = 0;
    bool binary = true;       // true: type code 38, false: 28
    std::string class_name;   // only when type_id == 0 (Java-written, unregistered)
    bool operator==(const EnumValue&) const = default;
};

// Arrays whose elements are full objects (String[], UUID[], Date[], Decimal[], Timestamp[], Time[],
// Enum[]): the element type code says which.
struct TypedArray {
    TypeCode element = TypeCode::String;
    std::int32_t enum_type_id = 0;  // Enum[] only
    std::vector<Value> items;
    bool operator==(const TypedArray&) const;
};

// Object[] (type 23).
struct ObjectArray {
    std::int32_t component_type_id = -1;  // -1 = java.lang.Object
    std::string component_class_name;     // only when component_type_id == 0
    std::vector<Value> items;
    bool operator==(const ObjectArray&) const;
};

// Collection kinds (type 24).
enum class CollectionKind : std::int8_t {
    UserSet = -1, UserCollection = 0, ArrayList = 1, LinkedList = 2, HashSet = 3, LinkedHashSet = 4,
    SingletonList = 5,
};
struct Collection {
    CollectionKind kind = CollectionKind::ArrayList;
    std::vector<Value> items;
    bool operator==(const Collection&) const;
};

enum class MapKind : std::int8_t { HashMap = 1, LinkedHashMap = 2 };
struct MapEntry;
struct Map {
    MapKind kind = MapKind::HashMap;
    std::vector<MapEntry> entries;
    bool operator==(const Map&) const;
};

// A complex (user type) object, type 103, kept as the exact bytes of the object (header, fields,
// footer) so it round-trips byte-for-byte and its hash/equality match the server's. Read fields
// with BinaryObjectReader, build new ones with BinaryObjectBuilder (binary_object.hpp).
struct BinaryObject {
    std::vector<std::uint8_t> bytes;  // starts with the 103 type byte
    bool operator==(const BinaryObject&) const = default;
    std::int32_t type_id() const;
    std::int32_t hash_code() const;
};

using ByteArray = std::vector<std::int8_t>;
using ShortArray = std::vector<std::int16_t>;
using IntArray = std::vector<std::int32_t>;
using LongArray = std::vector<std::int64_t>;
using FloatArray = std::vector<float>;
using DoubleArray = std::vector<double>;
using CharArray = std::vector<char16_t>;
struct BoolArray {
    std::vector<std::uint8_t> items;  // 0/1; std::vector<bool> has no addressable elements
    bool operator==(const BoolArray&) const = default;
};

struct Null {
    bool operator==(const Null&) const = default;
};

class Value {
public:
    using Variant = std::variant<Null, std::int8_t, std::int16_t, std::int32_t, std::int64_t, float, double, Char,
                                 bool, std::string, Uuid, Date, Timestamp, Time, Decimal, EnumValue, ByteArray,
                                 ShortArray, IntArray, LongArray, FloatArray, DoubleArray, CharArray, BoolArray,
                                 TypedArray, ObjectArray, Collection, Map, BinaryObject>;

    Value() = default;
    template <class T>
        requires std::is_constructible_v<Variant, T&&> && (!std::is_same_v<std::remove_cvref_t<T>, Value>) &&
                 (!std::is_same_v<std::remove_cvref_t<T>, const char*>)
    Value(T&& v);                  // NOLINT: implicit on purpose, values read naturally
    Value(const char* s);          // NOLINT
    Value(std::string_view s);     // NOLINT

    // The wire type this value is written as.
    TypeCode type_code() const noexcept;
    bool is_null() const noexcept { return std::holds_alternative<Null>(v_); }

    template <class T>
    bool is() const noexcept { return std::holds_alternative<T>(v_); }
    template <class T>
    const T& get() const { return std::get<T>(v_); }
    template <class T>
    T& get() { return std::get<T>(v_); }
    template <class T>
    const T* get_if() const noexcept { return std::get_if<T>(&v_); }

    // Calls f with the alternative held (read-only). The list of alternatives is the wire format's
    // and may grow with it: give visitors a generic fallback (`[](const auto&) {...}`).
    template <class F>
    decltype(auto) visit(F&& f) const {
        return std::visit(std::forward<F>(f), v_);
    }
    // The same, as the std::variant itself (read-only: a Value changes only by assignment).
    const Variant& variant() const noexcept { return v_; }

    // Human-readable rendering (what isql or an example prints).
    std::string to_string() const;

    // Equality is that of the wire value, as Java's equals() sees it: the type is part of the value
    // (Int 1 != Long 1), floating point compares bit patterns (NaN == NaN, 0.0 != -0.0, as
    // Double.equals), and maps and sets compare their entries in any order (a HashMap's order is
    // an accident of hashing). hash() agrees with it, so a Value can key an std::unordered_map.
    bool operator==(const Value&) const;
    std::size_t hash() const noexcept;

private:
    Variant v_;
};

struct MapEntry {
    Value key;
    Value value;
    bool operator==(const MapEntry&) const = default;
};

// Defined here, where MapEntry is complete: constructing the variant instantiates all of it.
template <class T>
    requires std::is_constructible_v<Value::Variant, T&&> && (!std::is_same_v<std::remove_cvref_t<T>, Value>) &&
             (!std::is_same_v<std::remove_cvref_t<T>, const char*>)
inline Value::Value(T&& v) : v_(std::forward<T>(v)) {}
inline Value::Value(const char* s) : v_(std::string(s)) {}
inline Value::Value(std::string_view s) : v_(std::string(s)) {}

}  // namespace kindling

template <>
struct std::hash<kindling::Value> {
    std::size_t operator()(const kindling::Value& v) const noexcept { return v.hash(); }
};
