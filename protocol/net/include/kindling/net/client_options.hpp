#pragma once
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "kindling/net/endpoint.hpp"
#include "kindling/net/events.hpp"
#include "kindling/net/tls_options.hpp"

namespace kindling::net {

enum class RetryPolicy {
    None,            // report every connection failure
    IdempotentOnly,  // retry reads and idempotent writes on another node (default)
    All,             // retry everything outside transactions
};

struct ClientOptions {
    std::vector<Endpoint> endpoints{Endpoint{}};
    std::string username;
    std::string password;
    TlsOptions tls;
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds handshake_timeout{10'000};
    std::chrono::milliseconds request_timeout{0};      // 0: wait forever
    std::chrono::milliseconds heartbeat_interval{0};   // 0: derived from the server's idle timeout
    bool partition_awareness = true;
    RetryPolicy retry = RetryPolicy::IdempotentOnly;
    std::size_t max_frame_size = 256u * 1024 * 1024;   // larger frames are a protocol error
    EventHandler on_event;                             // may be empty
};

}  // namespace kindling::net
