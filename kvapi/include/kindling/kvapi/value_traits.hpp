#pragma once
// How C++ types map to wire types. The mapping is the type hint: std::int16_t travels as a Short,
// kindling::Char as a Char, std::string as a String, and a kindling::Value as whatever it holds.
//
// Reading is lossless: get<T> returns the value if it holds a T, or a number that T holds
// exactly (a widening read: get<std::int64_t> of an Int, get<double> of a Float or an Int, as
// Java/Python writers often store Longs and Doubles). Never narrowing: get<int> of a Long throws an
// Error that names the type to read it as. Everything here is stateless and thread-safe.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/value.hpp"

namespace kindling::kvapi {

template <class T>
struct ValueTraits;  // specialise to map a user type

template <class T>
concept Mapped = requires(const T& t, const Value& v) {
    { ValueTraits<T>::to_value(t) } -> std::convertible_to<Value>;
    { ValueTraits<T>::from_value(v) } -> std::convertible_to<T>;
};

namespace detail {

template <class T>
constexpr const char* cpp_type_name() {
    if constexpr (std::is_same_v<T, std::int8_t>) return "std::int8_t";
    else if constexpr (std::is_same_v<T, std::int16_t>) return "std::int16_t";
    else if constexpr (std::is_same_v<T, std::int32_t>) return "std::int32_t";
    else if constexpr (std::is_same_v<T, std::int64_t>) return "std::int64_t";
    else if constexpr (std::is_same_v<T, float>) return "float";
    else if constexpr (std::is_same_v<T, double>) return "double";
    else return "?";
}

// Whether every value of From is exactly a To (Java's widening primitive conversions that lose nothing).
template <class From, class To>
constexpr bool widens_losslessly() {
    if constexpr (std::is_same_v<From, To> || std::is_same_v<From, bool> || std::is_same_v<To, bool>) return false;
    else if constexpr (std::is_integral_v<From> && std::is_integral_v<To>) return sizeof(From) < sizeof(To);
    else if constexpr (std::is_integral_v<From> && std::is_floating_point_v<To>)
        return sizeof(From) * 8 <= std::numeric_limits<To>::digits;  // int8/16 -> float, int8/16/32 -> double
    else if constexpr (std::is_floating_point_v<From> && std::is_floating_point_v<To>) return sizeof(From) < sizeof(To);
    else return false;
}

template <class T>
T read_number(const Value& v) {
    if (auto p = v.get_if<T>()) return *p;
    std::optional<T> widened;
    const char* held = nullptr;
    v.visit([&](const auto& x) {
        using H = std::decay_t<decltype(x)>;
        if constexpr (std::is_arithmetic_v<H> && !std::is_same_v<H, bool>) {
            if constexpr (widens_losslessly<H, T>()) widened = static_cast<T>(x);
            else held = cpp_type_name<H>();
        }
    });
    if (widened) return *widened;
    if (held)
        throw Error(std::string("narrowing read refused: the server returned ") + std::string(type_code_name(v.type_code())) +
                    " (" + v.to_string() + "), which a " + cpp_type_name<T>() + " cannot hold exactly; read it as get<" + held +
                    ">");
    throw Error("type mismatch: the server returned " + std::string(type_code_name(v.type_code())) + " (" + v.to_string() +
                "), not a number");
}

}  // namespace detail

// Types the Value variant holds directly.
template <class T>
    requires std::is_constructible_v<Value::Variant, T> && (!std::is_same_v<T, Value>)
struct ValueTraits<T> {
    static Value to_value(const T& t) { return Value(t); }
    static T from_value(const Value& v) {
        if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) {
            return detail::read_number<T>(v);
        } else {
            if (auto p = v.get_if<T>()) return *p;
            throw Error("type mismatch: the server returned " + std::string(type_code_name(v.type_code())) + " (" +
                        v.to_string() + ")");
        }
    }
};

template <>
struct ValueTraits<Value> {
    static Value to_value(const Value& v) { return v; }
    static Value from_value(const Value& v) { return v; }
};

template <>
struct ValueTraits<const char*> {
    static Value to_value(const char* s) { return Value(std::string(s)); }
};

template <class T>
Value to_value(const T& t) {
    if constexpr (std::is_array_v<T> || std::is_same_v<std::decay_t<T>, const char*> || std::is_same_v<std::decay_t<T>, char*>)
        return Value(std::string(t));
    else
        return ValueTraits<T>::to_value(t);
}

template <class T>
T from_value(const Value& v) {
    return ValueTraits<T>::from_value(v);
}

}  // namespace kindling::kvapi
