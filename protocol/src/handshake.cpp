#include "kindling/protocol/handshake.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::protocol {

namespace {
constexpr std::uint8_t kHandshakeCode = 1;
constexpr std::uint8_t kThinClient = 2;
}  // namespace

const std::vector<ProtocolVersion>& supported_versions() {
    static const std::vector<ProtocolVersion> v{{1, 7, 0}, {1, 6, 0}, {1, 5, 0}, {1, 4, 0},
                                                {1, 3, 0}, {1, 2, 0}, {1, 1, 0}, {1, 0, 0}};
    return v;
}

std::vector<std::uint8_t> supported_features() {
    std::vector<std::uint8_t> bits(3, 0);
    auto set = [&](Feature f) {
        auto b = static_cast<unsigned>(f);
        bits[b / 8] = static_cast<std::uint8_t>(bits[b / 8] | (1u << (b % 8)));
    };
    // Each of these changes a layout or enables an op that Kindling's encoders handle.
    set(Feature::ExecuteTaskByName);
    set(Feature::ClusterStates);
    set(Feature::ClusterGroupGetNodesEndpoints);
    set(Feature::Heartbeat);
    set(Feature::DefaultQueryTimeout);
    set(Feature::QueryPartitionsBatchSize);
    set(Feature::BinaryConfiguration);
    set(Feature::TxAwareQueries);
    return bits;
}

std::vector<std::uint8_t> encode_handshake(const HandshakeRequest& req) {
    ByteWriter w(64);
    auto len = w.reserve_i32();
    w.write_u8(kHandshakeCode);
    w.write_i16(req.version.major);
    w.write_i16(req.version.minor);
    w.write_i16(req.version.patch);
    w.write_u8(kThinClient);
    if (req.version >= ProtocolVersion{1, 7, 0}) {
        w.write_i8(static_cast<std::int8_t>(TypeCode::ByteArray));
        w.write_i32(static_cast<std::int32_t>(req.features.size()));
        w.write_bytes(req.features);
    }
    if (!req.username.empty() && req.version >= ProtocolVersion{1, 1, 0}) {
        write_string(w, req.username);
        write_string(w, req.password);
    }
    w.patch_i32(len, static_cast<std::int32_t>(w.size() - 4));
    return std::move(w).take();
}

HandshakeResponse decode_handshake(std::span<const std::uint8_t> body, const ProtocolVersion& proposed) {
    ByteReader r(body);
    HandshakeResponse res;
    res.success = r.read_u8() == 1;
    if (res.success) {
        res.context.version = proposed;
        if (proposed >= ProtocolVersion{1, 7, 0}) {
            auto v = read_value(r);
            if (!v.is<ByteArray>()) throw ProtocolError("handshake reply: feature mask is not a byte array");
            for (auto b : v.get<ByteArray>()) res.context.features.push_back(static_cast<std::uint8_t>(b));
        }
        if (proposed >= ProtocolVersion{1, 4, 0} && !r.at_end()) {
            auto v = read_value(r);
            if (v.is<Uuid>()) res.node_id = v.get<Uuid>();
        }
        return res;
    }
    res.server_version.major = r.read_i16();
    res.server_version.minor = r.read_i16();
    res.server_version.patch = r.read_i16();
    res.message = read_string(r);
    if (proposed >= ProtocolVersion{1, 1, 0} && r.remaining() >= 4) res.status = r.read_i32();
    return res;
}

Handshake::Handshake(HandshakeRequest request, std::size_t max_reply)
    : request_(std::move(request)), max_reply_(max_reply), decoder_(max_reply), output_(encode_handshake(request_)) {}

void Handshake::written() {
    if (step_ != Step::Write) throw std::logic_error("Handshake::written() outside the write step");
    step_ = Step::Read;
    ++attempts_;
}

void Handshake::fail(Error e, std::string message, std::int32_t status) {
    step_ = Step::Failed;
    error_ = e;
    message_ = std::move(message);
    status_ = status;
}

Handshake::Step Handshake::feed(std::span<const std::uint8_t> bytes) {
    if (step_ != Step::Read) {
        // A server says nothing before it is asked: bytes after the reply break the protocol.
        if (step_ == Step::Done && !bytes.empty()) fail(Error::Protocol, "handshake reply: unexpected bytes after the reply");
        return step_;
    }
    try {
        while (!bytes.empty() && step_ == Step::Read) {
            auto space = decoder_.buffer();
            auto n = std::min(space.size(), bytes.size());
            std::memcpy(space.data(), bytes.data(), n);
            decoder_.commit(n);
            bytes = bytes.subspan(n);
            if (auto body = decoder_.next()) {
                if (decoder_.buffered() > 0 || !bytes.empty())
                    throw ProtocolError("unexpected bytes after the reply");
                on_reply(*body);
            }
        }
    } catch (const ProtocolError& e) {
        fail(Error::Protocol, std::string("handshake reply: ") + e.what());
    }
    return step_;
}

void Handshake::on_reply(const std::vector<std::uint8_t>& body) {
    auto res = decode_handshake(body, request_.version);
    if (res.success) {
        result_ = std::move(res);
        step_ = Step::Done;
        return;
    }
    rejections_.push_back(res);
    if (res.status == status::auth_failed) return fail(Error::Authentication, res.message, res.status);
    bool known = false;
    for (const auto& v : supported_versions()) known = known || v == res.server_version;
    if (attempts_ == 1 && known && res.server_version != request_.version) {
        request_.version = res.server_version;  // once, at the version the server offers
        output_ = encode_handshake(request_);
        decoder_ = FrameDecoder(max_reply_);
        step_ = Step::Write;
        return;
    }
    fail(Error::Rejected, res.message, res.status);
}

}  // namespace kindling::protocol
