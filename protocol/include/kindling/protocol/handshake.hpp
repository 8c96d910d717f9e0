#pragma once
// The thin-client handshake (facts §2), sans-io: bytes out, bytes in.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kindling/protocol/message.hpp"
#include "kindling/protocol/protocol_context.hpp"
#include "kindling/protocol/value.hpp"

namespace kindling::protocol {

inline constexpr ProtocolVersion kNewestVersion{1, 7, 0};

// The versions a 2.x server accepts (exact match), newest first.
const std::vector<ProtocolVersion>& supported_versions();

// The 1.7 feature bits Kindling advertises: only those whose layouts its encoders honour.
std::vector<std::uint8_t> supported_features();

struct HandshakeRequest {
    ProtocolVersion version = kNewestVersion;
    std::vector<std::uint8_t> features = supported_features();
    std::string username;  // empty: no credentials
    std::string password;
};

// The whole frame: int32 length prefix + body.
std::vector<std::uint8_t> encode_handshake(const HandshakeRequest& request);

struct HandshakeResponse {
    bool success = false;
    ProtocolContext context;            // on success: negotiated version and features
    std::optional<Uuid> node_id;        // 1.4.0+
    ProtocolVersion server_version;     // on failure: what the server offers
    std::string message;                // on failure
    std::int32_t status = 0;            // on failure (1.1.0+): 2000 = authentication failed
};

// Decodes a handshake reply body (without the length prefix) to a request made at `proposed`.
HandshakeResponse decode_handshake(std::span<const std::uint8_t> body, const ProtocolVersion& proposed);

// The handshake as a state machine the transport drives (sans-io): it says what I/O it needs next
// (write output(), or read and feed() the bytes), and ends Done (the negotiated context) or
// Failed. A server that rejects the proposed version but offers one Kindling speaks is asked again
// once, at that version, on the same connection (a 2.x server keeps the connection open after a
// version mismatch: ClientListenerNioListener answers and waits for the next handshake).
class Handshake {
public:
    enum class Step { Write, Read, Done, Failed };
    enum class Error { None, Authentication, Rejected, Protocol };
    // A handshake reply is small: a cap far below max_frame_size keeps a lying peer cheap.
    static constexpr std::size_t kMaxReply = 64 * 1024;

    explicit Handshake(HandshakeRequest request, std::size_t max_reply = kMaxReply);

    Step step() const noexcept { return step_; }
    // Step::Write: the whole frame to send; call written() once it is sent.
    const std::vector<std::uint8_t>& output() const noexcept { return output_; }
    void written();
    // Step::Read: bytes from the peer (any chunking). Returns the new step.
    Step feed(std::span<const std::uint8_t> bytes);

    // Done: the negotiated protocol and the node id.
    const HandshakeResponse& result() const noexcept { return result_; }
    // Failed: why (the server's status and message for Authentication and Rejected).
    Error error() const noexcept { return error_; }
    const std::string& message() const noexcept { return message_; }
    std::int32_t status() const noexcept { return status_; }
    // Every rejection the server sent, including one that was then retried at its version.
    const std::vector<HandshakeResponse>& rejections() const noexcept { return rejections_; }
    const ProtocolVersion& proposed() const noexcept { return request_.version; }

private:
    void fail(Error e, std::string message, std::int32_t status = 0);
    void on_reply(const std::vector<std::uint8_t>& body);

    HandshakeRequest request_;
    std::size_t max_reply_;
    FrameDecoder decoder_;
    Step step_ = Step::Write;
    int attempts_ = 0;
    std::vector<std::uint8_t> output_;
    HandshakeResponse result_;
    std::vector<HandshakeResponse> rejections_;
    Error error_ = Error::None;
    std::string message_;
    std::int32_t status_ = 0;
};

}  // namespace kindling::protocol
