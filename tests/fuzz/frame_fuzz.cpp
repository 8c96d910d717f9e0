// libFuzzer target: a byte stream framed the way the transport frames it (FrameDecoder's
// buffer()/commit()/next(), reads of sizes taken from the first input byte), each frame's response
// header decoded for both header layouts (before and after protocol 1.4.0); and the handshake
// state machine fed the same bytes as a reply.
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/handshake.hpp"
#include "kindling/protocol/message.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kindling;
    if (size < 1) return 0;
    const std::size_t step = 1 + data[0] % 64;  // 1..64 bytes per read
    std::span<const std::uint8_t> in(data + 1, size - 1);
    protocol::FrameDecoder dec(1 << 16);
    try {
        std::size_t pos = 0;
        while (pos < in.size()) {
            auto space = dec.buffer();
            if (space.empty()) __builtin_trap();
            auto n = std::min({space.size(), step, in.size() - pos});
            std::memcpy(space.data(), in.data() + pos, n);
            dec.commit(n);
            pos += n;
            while (auto f = dec.next()) {
                if (f->size() > (1u << 16)) __builtin_trap();
                for (auto v : {protocol::ProtocolVersion{1, 7, 0}, protocol::ProtocolVersion{1, 3, 0}}) {
                    protocol::ProtocolContext ctx{v, {}};
                    try {
                        auto h = protocol::decode_response_header(*f, ctx);
                        if (h.payload_offset > f->size()) __builtin_trap();
                    } catch (const ProtocolError&) {
                    }
                }
            }
        }
    } catch (const ProtocolError&) {
    }
    protocol::Handshake hs({});
    hs.written();
    for (std::size_t pos = 0; pos < in.size() && hs.step() == protocol::Handshake::Step::Read; pos += step)
        hs.feed(in.subspan(pos, std::min(step, in.size() - pos)));
    return 0;
}
