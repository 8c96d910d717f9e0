// libFuzzer target: any bytes decoded as one binary object must either decode (and then re-encode
// and decode to the same value) or raise ProtocolError. Never a crash, never a huge allocation.
#include <cstdint>
#include <algorithm>
#include <cstdlib>

#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kindling;
    protocol::ByteReader r(std::span<const std::uint8_t>(data, size));
    try {
        // Decoding is lossless: what was decoded encodes to bytes that decode and encode to the
        // very same bytes (compared as bytes, so NaN payloads do not need special cases).
        auto v = protocol::read_value(r);
        protocol::ByteWriter w1;
        protocol::write_value(w1, v);
        protocol::ByteReader again(w1.bytes());
        auto v2 = protocol::read_value(again);
        protocol::ByteWriter w2;
        protocol::write_value(w2, v2);
        if (!std::ranges::equal(w1.bytes(), w2.bytes()) || !again.at_end()) std::abort();
    } catch (const ProtocolError&) {
    }
    return 0;
}
