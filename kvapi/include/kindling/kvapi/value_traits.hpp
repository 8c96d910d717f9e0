#pragma once
// How C++ types map to wire types. The mapping is the type hint: std::int16_t travels as a Short,
// kindling::Char as a Char, std::string as a String, and a kindling::Value as whatever it holds.
#include <cstdint>
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

// Types the Value variant holds directly.
template <class T>
    requires std::is_constructible_v<Value::Variant, T> && (!std::is_same_v<T, Value>)
struct ValueTraits<T> {
    static Value to_value(const T& t) { return Value(t); }
    static T from_value(const Value& v) {
        if (auto p = v.get_if<T>()) return *p;
        throw Error("type mismatch: the server returned " + std::string(type_code_name(v.type_code())) +
                    " (" + v.to_string() + ")");
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
