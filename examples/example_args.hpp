#pragma once
// Command-line handling shared by the examples: the first argument is the node address
// ("host:port", default 127.0.0.1:10800), later ones are example-specific.
#include <string>
#include <vector>

#include "kindling/net/endpoint.hpp"

inline std::vector<kindling::net::Endpoint> endpoints_from(int argc, char** argv) {
    return kindling::net::Endpoint::parse_list(argc > 1 ? argv[1] : "127.0.0.1:10800");
}
