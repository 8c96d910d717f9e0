#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kindling::net {

// host:port, or host:first..last for a port range (every port of the range is a candidate).
// There is no default address: an Endpoint{} names no node (empty host, port 0) and ClusterClient
// rejects it. The one "nothing given" convenience is parse_list's default port, for user input.
struct Endpoint {
    std::string host;             // required
    std::uint16_t port = 0;       // required (1..65535)
    std::uint16_t last_port = 0;  // 0: no range

    // User input: "h1[:p1][,h2[:p2..p3]]..."; a host without a port gets default_port (10800, the
    // Ignite thin-client port); IPv6 as [::1]:10800. An empty text is an error ("no address
    // given"), never 127.0.0.1. Throws std::invalid_argument.
    static std::vector<Endpoint> parse_list(std::string_view text, std::uint16_t default_port = 10800);
    std::string to_string() const;
    bool operator==(const Endpoint&) const = default;
};

}  // namespace kindling::net
