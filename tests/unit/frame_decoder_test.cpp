// protocol::FrameDecoder, the transport's framing: bytes one at a time and in random chunkings,
// frames read in place through buffer()/commit(), and the errors (bad and oversized lengths,
// a lying length prefix that must not allocate what it claims).
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/message.hpp"

using kindling::ProtocolError;
using kindling::protocol::ByteWriter;
using kindling::protocol::FrameDecoder;
using Bytes = std::vector<std::uint8_t>;

namespace {

Bytes body_of(std::size_t n, std::uint8_t seed) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(seed + i * 7);
    return b;
}

void append_frame(Bytes& stream, const Bytes& body) {
    ByteWriter w(4);
    w.write_i32(static_cast<std::int32_t>(body.size()));
    auto len = std::move(w).take();
    stream.insert(stream.end(), len.begin(), len.end());
    stream.insert(stream.end(), body.begin(), body.end());
}

Bytes length_prefix(std::int32_t n) {
    ByteWriter w(4);
    w.write_i32(n);
    return std::move(w).take();
}

// Three frames of different sizes: 1 byte, 300 bytes, 200 KB (larger than the staging buffer).
std::vector<Bytes> sample_bodies() { return {body_of(1, 1), body_of(300, 2), body_of(200 * 1024, 3)}; }

Bytes stream_of(const std::vector<Bytes>& bodies) {
    Bytes s;
    for (const auto& b : bodies) append_frame(s, b);
    return s;
}

}  // namespace

TEST(FrameDecoder, BytesOneAtATime) {
    auto bodies = sample_bodies();
    auto stream = stream_of(bodies);
    FrameDecoder dec(1 << 20);
    std::vector<Bytes> got;
    for (std::size_t i = 0; i < stream.size(); ++i) {
        auto frames = dec.feed(std::span<const std::uint8_t>(&stream[i], 1));
        // A frame is complete exactly with its last byte.
        for (auto& f : frames) got.push_back(std::move(f));
    }
    ASSERT_EQ(got.size(), 3u);
    EXPECT_EQ(got, bodies);
    EXPECT_EQ(dec.buffered(), 0u);
}

TEST(FrameDecoder, FrameCompletesOnItsLastByteNotBefore) {
    Bytes stream;
    append_frame(stream, {0xAA, 0xBB, 0xCC});
    FrameDecoder dec(64);
    for (std::size_t i = 0; i + 1 < stream.size(); ++i) {
        EXPECT_TRUE(dec.feed(std::span<const std::uint8_t>(&stream[i], 1)).empty()) << "at byte " << i;
        EXPECT_EQ(dec.buffered(), i + 1);
    }
    auto frames = dec.feed(std::span<const std::uint8_t>(&stream.back(), 1));
    ASSERT_EQ(frames.size(), 1u);
    EXPECT_EQ(frames[0], (Bytes{0xAA, 0xBB, 0xCC}));
}

TEST(FrameDecoder, RandomChunkings) {
    auto bodies = sample_bodies();
    bodies.push_back(body_of(17, 9));
    auto stream = stream_of(bodies);
    std::mt19937 rng(20261201);
    for (int round = 0; round < 200; ++round) {
        FrameDecoder dec(1 << 20);
        std::vector<Bytes> got;
        std::size_t pos = 0;
        auto max_chunk = std::uniform_int_distribution<std::size_t>(1, round % 2 ? 64 : 70000)(rng);
        while (pos < stream.size()) {
            auto n = std::min(stream.size() - pos, std::uniform_int_distribution<std::size_t>(1, max_chunk)(rng));
            for (auto& f : dec.feed(std::span<const std::uint8_t>(stream.data() + pos, n))) got.push_back(std::move(f));
            pos += n;
        }
        ASSERT_EQ(got, bodies) << "round " << round << ", chunks up to " << max_chunk;
    }
}

// The transport's way: read into buffer(), commit what arrived (here in random short reads).
TEST(FrameDecoder, ReadsInPlaceThroughBufferAndCommit) {
    auto bodies = sample_bodies();
    auto stream = stream_of(bodies);
    std::mt19937 rng(7);
    FrameDecoder dec(1 << 20);
    std::vector<Bytes> got;
    std::size_t pos = 0;
    bool saw_large_space = false;
    while (pos < stream.size()) {
        auto space = dec.buffer();
        ASSERT_FALSE(space.empty());
        saw_large_space = saw_large_space || space.size() > 16 * 1024;
        auto n = std::min({space.size(), stream.size() - pos, std::uniform_int_distribution<std::size_t>(1, 50000)(rng)});
        std::memcpy(space.data(), stream.data() + pos, n);
        dec.commit(n);
        pos += n;
        while (auto f = dec.next()) got.push_back(std::move(*f));
    }
    EXPECT_EQ(got, bodies);
    EXPECT_TRUE(saw_large_space) << "the 200 KB body was never read in place";
}

TEST(FrameDecoder, ZeroAndNegativeLengthsAreProtocolErrors) {
    for (std::int32_t bad : {0, -1, std::numeric_limits<std::int32_t>::min()}) {
        auto prefix = length_prefix(bad);
        FrameDecoder dec(1024);
        for (int i = 0; i < 3; ++i) EXPECT_TRUE(dec.feed(std::span<const std::uint8_t>(&prefix[i], 1)).empty());
        try {
            dec.feed(std::span<const std::uint8_t>(&prefix[3], 1));
            FAIL() << "length " << bad << " accepted";
        } catch (const ProtocolError& e) {
            EXPECT_EQ(std::string(e.what()), "invalid frame length " + std::to_string(bad));
        }
    }
}

TEST(FrameDecoder, OversizedFrameIsAProtocolError) {
    auto prefix = length_prefix(1025);
    FrameDecoder dec(1024);
    try {
        dec.feed(prefix);
        FAIL() << "an oversized frame was accepted";
    } catch (const ProtocolError& e) {
        EXPECT_EQ(std::string(e.what()), "frame of 1025 bytes exceeds the limit of 1024 bytes");
    }
    // Exactly the limit is fine.
    FrameDecoder ok(1024);
    Bytes s;
    append_frame(s, body_of(1024, 5));
    EXPECT_EQ(ok.feed(s).size(), 1u);
}

// A peer claims 250 MB and sends 10 bytes: the decoder holds what came, not what was claimed.
TEST(FrameDecoder, ALyingLengthPrefixDoesNotAllocateTheClaimedSize) {
    FrameDecoder dec(256u * 1024 * 1024);
    auto prefix = length_prefix(250 * 1024 * 1024);
    EXPECT_TRUE(dec.feed(prefix).empty());
    Bytes ten(10, 0x42);
    EXPECT_TRUE(dec.feed(ten).empty());
    EXPECT_EQ(dec.buffered(), 14u);  // the length prefix and the 10 bytes
    auto space = dec.buffer();
    EXPECT_LE(space.size(), 128u * 1024) << "the buffer grew towards the claimed length";
    // Still reading: more bytes grow it step by step.
    std::memset(space.data(), 1, space.size());
    dec.commit(space.size());
    EXPECT_FALSE(dec.next().has_value());
    EXPECT_LE(dec.buffer().size(), 256u * 1024);
}
