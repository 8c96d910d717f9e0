// libFuzzer target: a byte stream split into frames (in two arbitrary chunks), each frame's
// response header decoded for both header layouts (before and after protocol 1.4.0).
#include <cstdint>

#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/message.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kindling;
    if (size < 1) return 0;
    std::size_t split = data[0] % (size);
    protocol::FrameDecoder dec(1 << 16);
    try {
        auto frames = dec.feed(std::span<const std::uint8_t>(data + 1, split > 0 ? split - 1 : 0));
        auto more = dec.feed(std::span<const std::uint8_t>(data + (split > 0 ? split : 1), size - (split > 0 ? split : 1)));
        frames.insert(frames.end(), more.begin(), more.end());
        for (const auto& f : frames) {
            for (auto v : {protocol::ProtocolVersion{1, 7, 0}, protocol::ProtocolVersion{1, 3, 0}}) {
                protocol::ProtocolContext ctx{v, {}};
                try {
                    auto h = protocol::decode_response_header(f, ctx);
                    if (h.payload_offset > f.size()) __builtin_trap();
                } catch (const ProtocolError&) {
                }
            }
        }
    } catch (const ProtocolError&) {
    }
    return 0;
}
