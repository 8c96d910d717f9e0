#pragma once
// The thin-client handshake (facts §2), sans-io: bytes out, bytes in.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

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

}  // namespace kindling::protocol
