#pragma once
// Ids and hashes exactly as the Java server computes them (see ignite-protocol-facts.md §8.3, §8.7).
#include <cstdint>
#include <string_view>

#include "kindling/protocol/value.hpp"

namespace kindling::protocol {

// java.lang.String.hashCode() of a UTF-8 string, over its UTF-16 code units.
std::int32_t java_string_hash(std::string_view utf8);

// Cache id: String.hashCode of the exact cache name (not lower-cased).
std::int32_t cache_id(std::string_view cache_name);

// Type id and field id (BinaryBasicIdMapper, lower-case mode).
std::int32_t type_id(std::string_view type_name);
std::int32_t field_id(std::string_view field_name);

// Java hashCode() of the deserialized value (used for partition mapping of keys). Complex
// objects use the hash stored in their header.
std::int32_t java_hash(const Value& v);

}  // namespace kindling::protocol
