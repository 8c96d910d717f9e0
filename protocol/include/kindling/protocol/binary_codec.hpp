#pragma once
// Encoding and decoding of full binary objects (type byte + payload) to and from Value.
#include <optional>
#include <string>
#include <string_view>

#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/value.hpp"

namespace kindling::protocol {

// Writes `v` as a full object: type code, then payload.
void write_value(ByteWriter& w, const Value& v);

// Reads one full object. A wrapped object (27) is unwrapped into a BinaryObject holding the
// complex object's bytes. Unknown or Java-only type codes raise ProtocolError.
Value read_value(ByteReader& r);

// A typed String object (9 + length + UTF-8), or NULL (101) for std::nullopt.
void write_string(ByteWriter& w, std::string_view s);
void write_nullable_string(ByteWriter& w, const std::optional<std::string>& s);
void write_null(ByteWriter& w);
// Reads a typed String object or NULL; anything else is a ProtocolError.
std::optional<std::string> read_nullable_string(ByteReader& r);
// As above but NULL reads as the empty string.
std::string read_string(ByteReader& r);

}  // namespace kindling::protocol
