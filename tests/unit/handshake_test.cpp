// protocol::Handshake, the state machine the transport drives: request bytes, replies fed one byte
// at a time and in random chunkings, the version-mismatch retry, authentication failure, and
// broken replies.
#include <gtest/gtest.h>

#include <random>

#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/handshake.hpp"

using namespace kindling;
using protocol::Handshake;
using protocol::ProtocolVersion;
using Bytes = std::vector<std::uint8_t>;

namespace {

Bytes framed(const Bytes& body) {
    protocol::ByteWriter w(4);
    w.write_i32(static_cast<std::int32_t>(body.size()));
    auto out = std::move(w).take();
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

// What a 2.17 node answers a 1.7.0 handshake with: success, its feature mask, its node id.
Bytes success_reply(std::vector<std::uint8_t> features, Uuid node) {
    protocol::ByteWriter w(64);
    w.write_u8(1);
    ByteArray mask(features.begin(), features.end());
    protocol::write_value(w, Value(mask));
    protocol::write_value(w, Value(node));
    return framed(std::move(w).take());
}

Bytes failure_reply(ProtocolVersion server, const std::string& message, std::int32_t status) {
    protocol::ByteWriter w(64);
    w.write_u8(0);
    w.write_i16(server.major);
    w.write_i16(server.minor);
    w.write_i16(server.patch);
    protocol::write_string(w, message);
    w.write_i32(status);
    return framed(std::move(w).take());
}

Handshake::Step feed_one_at_a_time(Handshake& h, const Bytes& bytes) {
    auto step = h.step();
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        EXPECT_EQ(step, Handshake::Step::Read) << "finished before byte " << i << " of " << bytes.size();
        step = h.feed(std::span<const std::uint8_t>(&bytes[i], 1));
    }
    return step;
}

const Uuid kNode{0x0123456789abcdefULL, 0xfedcba9876543210ULL};

}  // namespace

TEST(Handshake, WritesTheRequestThenReadsTheReplyByteByByte) {
    Handshake h({});
    ASSERT_EQ(h.step(), Handshake::Step::Write);
    EXPECT_EQ(h.output(), protocol::encode_handshake({}));
    // 1.7.0 without credentials: length 16, code 1, version 1.7.0, client 2, then the feature
    // mask as a byte array (type 12, 3 bytes).
    EXPECT_EQ(Bytes(h.output().begin(), h.output().begin() + 17),
              (Bytes{0x10, 0, 0, 0, 0x01, 0x01, 0, 0x07, 0, 0, 0, 0x02, 0x0c, 0x03, 0, 0, 0}));
    EXPECT_EQ(h.output().size(), 20u);
    h.written();
    ASSERT_EQ(h.step(), Handshake::Step::Read);
    auto step = feed_one_at_a_time(h, success_reply({0x0e, 0x08, 0x04}, kNode));
    ASSERT_EQ(step, Handshake::Step::Done);
    EXPECT_EQ(h.result().context.version, (ProtocolVersion{1, 7, 0}));
    EXPECT_TRUE(h.result().context.has(protocol::Feature::ClusterStates));
    EXPECT_TRUE(h.result().context.has(protocol::Feature::Heartbeat));
    EXPECT_FALSE(h.result().context.has(protocol::Feature::UserAttributes));
    ASSERT_TRUE(h.result().node_id.has_value());
    EXPECT_EQ(*h.result().node_id, kNode);
    EXPECT_TRUE(h.rejections().empty());
}

TEST(Handshake, RandomChunkingsGiveTheSameResult) {
    auto reply = success_reply({0xff, 0xff, 0x07}, kNode);
    std::mt19937 rng(42);
    for (int round = 0; round < 100; ++round) {
        Handshake h({});
        h.written();
        std::size_t pos = 0;
        while (pos < reply.size()) {
            auto n = std::min(reply.size() - pos, std::uniform_int_distribution<std::size_t>(1, 9)(rng));
            h.feed(std::span<const std::uint8_t>(reply.data() + pos, n));
            pos += n;
        }
        ASSERT_EQ(h.step(), Handshake::Step::Done) << "round " << round;
        EXPECT_EQ(*h.result().node_id, kNode);
    }
}

TEST(Handshake, VersionMismatchRetriesOnceAtTheServersVersion) {
    Handshake h({});
    h.written();
    auto step = feed_one_at_a_time(h, failure_reply({1, 6, 0}, "Unsupported version.", 1));
    ASSERT_EQ(step, Handshake::Step::Write);
    ASSERT_EQ(h.rejections().size(), 1u);
    EXPECT_EQ(h.rejections()[0].message, "Unsupported version.");
    EXPECT_EQ(h.proposed(), (ProtocolVersion{1, 6, 0}));
    // 1.6.0 carries no feature mask: length 8, code 1, 1.6.0, client 2.
    EXPECT_EQ(h.output(), (Bytes{0x08, 0, 0, 0, 0x01, 0x01, 0, 0x06, 0, 0, 0, 0x02}));
    h.written();
    // A 1.6.0 success reply has no feature mask: success flag, then the node id.
    protocol::ByteWriter w(32);
    w.write_u8(1);
    protocol::write_value(w, Value(kNode));
    step = feed_one_at_a_time(h, framed(std::move(w).take()));
    ASSERT_EQ(step, Handshake::Step::Done);
    EXPECT_EQ(h.result().context.version, (ProtocolVersion{1, 6, 0}));
    EXPECT_TRUE(h.result().context.features.empty());
}

TEST(Handshake, ASecondMismatchOrAnUnknownVersionFails) {
    Handshake h({});
    h.written();
    feed_one_at_a_time(h, failure_reply({1, 6, 0}, "no", 1));
    h.written();
    auto step = feed_one_at_a_time(h, failure_reply({1, 5, 0}, "still no", 1));
    EXPECT_EQ(step, Handshake::Step::Failed);
    EXPECT_EQ(h.error(), Handshake::Error::Rejected);
    EXPECT_EQ(h.message(), "still no");
    EXPECT_EQ(h.rejections().size(), 2u);

    Handshake unknown({});
    unknown.written();
    step = feed_one_at_a_time(unknown, failure_reply({9, 9, 9}, "from the future", 1));
    EXPECT_EQ(step, Handshake::Step::Failed);
    EXPECT_EQ(unknown.error(), Handshake::Error::Rejected);
}

TEST(Handshake, AuthenticationFailureIsNotRetried) {
    protocol::HandshakeRequest req;
    req.username = "ignite";
    req.password = "wrong";
    Handshake h(req);
    h.written();
    auto step = feed_one_at_a_time(h, failure_reply({1, 7, 0}, "The user name or password is incorrect", status::auth_failed));
    EXPECT_EQ(step, Handshake::Step::Failed);
    EXPECT_EQ(h.error(), Handshake::Error::Authentication);
    EXPECT_EQ(h.status(), status::auth_failed);
    EXPECT_EQ(h.message(), "The user name or password is incorrect");
}

TEST(Handshake, BadReplyLengthsAreProtocolErrors) {
    for (std::int32_t bad : {0, -5, 64 * 1024 + 1}) {
        Handshake h({});
        h.written();
        protocol::ByteWriter w(4);
        w.write_i32(bad);
        auto step = feed_one_at_a_time(h, std::move(w).take());
        EXPECT_EQ(step, Handshake::Step::Failed) << bad;
        EXPECT_EQ(h.error(), Handshake::Error::Protocol) << bad;
    }
    // A 1 MB reply is fine for requests, not for a handshake (the cap is 64 KB by default).
    Handshake big({}, 2 * 1024 * 1024);
    big.written();
    protocol::ByteWriter w(4);
    w.write_i32(1024 * 1024);
    EXPECT_EQ(big.feed(std::move(w).take()), Handshake::Step::Read);
}

TEST(Handshake, TruncatedOrTrailingBytesFail) {
    // The frame says 3 bytes: a success flag and half a byte array header.
    Handshake h({});
    h.written();
    EXPECT_EQ(feed_one_at_a_time(h, framed({1, 12, 3})), Handshake::Step::Failed);
    EXPECT_EQ(h.error(), Handshake::Error::Protocol);

    Handshake t({});
    t.written();
    auto reply = success_reply({1}, kNode);
    reply.push_back(0x00);  // the server says nothing unasked
    t.feed(reply);
    EXPECT_EQ(t.step(), Handshake::Step::Failed);
    EXPECT_EQ(t.error(), Handshake::Error::Protocol);
}
