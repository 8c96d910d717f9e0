#pragma once
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "kindling/net/endpoint.hpp"
#include "kindling/net/events.hpp"
#include "kindling/net/tls_options.hpp"

namespace kindling::net {

// What happens to a request whose connection breaks under it. The default is None because that is
// the reference document's failover contract: the operation that meets a dead node reports the
// connection error and the *next* operation goes to a live node. Requests pinned to a connection
// (transactions, open cursors) are never retried: their state lives on that node.
enum class RetryPolicy {
    None,            // report every connection failure (default)
    IdempotentOnly,  // retry once on another node when repeating cannot change the outcome: reads and
                     // writes of a fixed value (get*, contains*, size, peek, put, put_all, metadata)
    All,             // retry once on another node whatever the operation (may apply a write twice)
};

struct ClientOptions {
    // The nodes to connect to. Required: there is no default address (a default 127.0.0.1:10800
    // silently joined whatever listens there to the given list). Empty: ConnectionError "no
    // endpoints given". From user input: Endpoint::parse_list("host:port,...").
    std::vector<Endpoint> endpoints;
    std::string username;
    std::string password;
    TlsOptions tls;
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds handshake_timeout{10'000};
    std::chrono::milliseconds request_timeout{0};      // 0: wait forever
    std::chrono::milliseconds heartbeat_interval{0};   // 0: derived from the server's idle timeout
    bool partition_awareness = true;
    RetryPolicy retry = RetryPolicy::None;
    // Ask the cluster for its other nodes' addresses (protocol 1.7) and connect to them too. Off when
    // the given addresses are the only reachable ones (NAT, proxies, port forwarding).
    bool discover_nodes = true;
    std::size_t max_frame_size = 256u * 1024 * 1024;   // larger frames are a protocol error
    EventHandler on_event;                             // may be empty
};

}  // namespace kindling::net
