#pragma once
// Binary type metadata on the server (OP_BINARY_TYPE_GET 3002, OP_BINARY_TYPE_PUT 3003; facts
// §8.8): a compact-footer object is readable only once its schema is registered.
#include <cstdint>
#include <optional>

#include "kindling/protocol/binary_object.hpp"
#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/op_code.hpp"
#include "kindling/protocol/protocol_context.hpp"
#include "kindling/protocol/request.hpp"

namespace kindling::protocol {

struct BinaryTypeGet {
    static constexpr OpCode op = OpCode::BinaryTypeGet;
    std::int32_t type_id = 0;
    using Reply = std::optional<BinaryTypeMetadata>;  // nullopt: the type is not registered
    void encode(ByteWriter& w, const ProtocolContext&) const { w.write_i32(type_id); }
    static Reply decode(ByteReader& r, const ProtocolContext&) {
        if (!r.read_bool()) return std::nullopt;
        return BinaryTypeMetadata::decode(r);
    }
};

// Registers a type or adds schemas/fields to it (the server merges with what it has).
struct BinaryTypePut {
    static constexpr OpCode op = OpCode::BinaryTypePut;
    BinaryTypeMetadata metadata;
    using Reply = NoReply;
    void encode(ByteWriter& w, const ProtocolContext&) const { metadata.encode(w); }
    static Reply decode(ByteReader&, const ProtocolContext&) { return {}; }
};

static_assert(Message<BinaryTypeGet> && Message<BinaryTypePut>);

}  // namespace kindling::protocol
