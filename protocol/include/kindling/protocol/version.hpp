#pragma once
namespace kindling {
// The Kindling release, also sent nowhere on the wire (the protocol version is negotiated separately).
inline constexpr const char* version_string = "0.1.0";
}  // namespace kindling
