#include "kindling/net/endpoint.hpp"

#include <charconv>
#include <stdexcept>

namespace kindling::net {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::uint16_t parse_port(std::string_view text, std::string_view whole) {
    unsigned value = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || p != text.data() + text.size() || value == 0 || value > 65535)
        throw std::invalid_argument("invalid port '" + std::string(text) + "' in address '" + std::string(whole) + "'");
    return static_cast<std::uint16_t>(value);
}

Endpoint parse_one(std::string_view item, std::uint16_t default_port) {
    Endpoint ep;
    std::string_view host = item;
    std::string_view ports;
    if (item.starts_with('[')) {  // [IPv6]:port
        auto close = item.find(']');
        if (close == std::string_view::npos) throw std::invalid_argument("unterminated '[' in address '" + std::string(item) + "'");
        host = item.substr(1, close - 1);
        auto rest = item.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') throw std::invalid_argument("unexpected text after ']' in address '" + std::string(item) + "'");
            ports = rest.substr(1);
        }
    } else if (auto colon = item.rfind(':'); colon != std::string_view::npos) {
        host = item.substr(0, colon);
        ports = item.substr(colon + 1);
    }
    if (host.empty()) throw std::invalid_argument("missing host in address '" + std::string(item) + "'");
    ep.host = std::string(host);
    ep.port = default_port;
    if (!ports.empty()) {
        if (auto dots = ports.find(".."); dots != std::string_view::npos) {
            ep.port = parse_port(ports.substr(0, dots), item);
            ep.last_port = parse_port(ports.substr(dots + 2), item);
            if (ep.last_port < ep.port)
                throw std::invalid_argument("port range is reversed in address '" + std::string(item) + "'");
            if (ep.last_port == ep.port) ep.last_port = 0;
        } else {
            ep.port = parse_port(ports, item);
        }
    }
    return ep;
}

}  // namespace

std::vector<Endpoint> Endpoint::parse_list(std::string_view text, std::uint16_t default_port) {
    std::vector<Endpoint> out;
    while (true) {
        auto comma = text.find(',');
        auto item = trim(text.substr(0, comma));
        if (!item.empty()) out.push_back(parse_one(item, default_port));
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    if (out.empty()) throw std::invalid_argument("no address given");
    return out;
}

std::string Endpoint::to_string() const {
    std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    std::string s = h + ":" + std::to_string(port);
    if (last_port != 0) s += ".." + std::to_string(last_port);
    return s;
}

}  // namespace kindling::net
