#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kindling::net {

// host:port, or host:first..last for a port range (every port of the range is a candidate).
struct Endpoint {
    std::string host = "127.0.0.1";
    std::uint16_t port = 10800;
    std::uint16_t last_port = 0;  // 0: no range

    // "h1[:p1][,h2[:p2..p3]]..."; default port 10800; IPv6 as [::1]:10800. Throws std::invalid_argument.
    static std::vector<Endpoint> parse_list(std::string_view text, std::uint16_t default_port = 10800);
    std::string to_string() const;
    bool operator==(const Endpoint&) const = default;
};

}  // namespace kindling::net
