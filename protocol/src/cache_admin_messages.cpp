#include "kindling/protocol/cache_admin_messages.hpp"

#include <stdexcept>

#include "kindling/protocol/binary_codec.hpp"

namespace kindling::protocol {

void CacheCreateWithName::encode(ByteWriter& w, const ProtocolContext&) const {
    if (name.empty()) throw std::invalid_argument("a cache needs a name");
    write_string(w, name);
}

void CacheGetOrCreateWithName::encode(ByteWriter& w, const ProtocolContext&) const {
    if (name.empty()) throw std::invalid_argument("a cache needs a name");
    write_string(w, name);
}

void CacheGetConfiguration::encode(ByteWriter& w, const ProtocolContext&) const {
    w.write_i32(cache_id);
    w.write_u8(0);  // flags: none (KEEP_BINARY means nothing to a non-Java client)
}

}  // namespace kindling::protocol
