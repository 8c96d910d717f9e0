#pragma once
// The shared client core: a set of connections to the cluster's nodes, failover, partition-aware
// routing, request/response matching. kvapi and the ODBC driver both talk to the server only
// through this class; the per-operation payloads come from the sans-io encoders in protocol/.
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <string>
#include <vector>
#include <memory>
#include <optional>

#include "kindling/net/client_options.hpp"
#include "kindling/net/response.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/op_code.hpp"
#include "kindling/protocol/protocol_context.hpp"
#include "kindling/protocol/value.hpp"

namespace kindling::net {

class Channel;  // one connection to one node (channel.hpp)

// A request in flight. get() waits for its response and throws the matching kindling::Error for a
// failed one; many can be outstanding on one connection (pipelining). The engine already applied
// the retry policy and the request timeout to it.
class PendingResponse {
public:
    PendingResponse() = default;
    PendingResponse(std::shared_ptr<Channel> channel, std::future<Response> future, OpCode op)
        : channel_(std::move(channel)), future_(std::move(future)), op_(op) {}
    Response get();
    bool valid() const noexcept { return future_.valid(); }

private:
    std::shared_ptr<Channel> channel_;
    std::future<Response> future_;
    OpCode op_ = OpCode::Heartbeat;
};

// Where requests went (partition awareness is checked against these and against the server).
struct RoutingStats {
    std::uint64_t to_primary = 0;  // keyed requests sent to the key's primary node
    std::uint64_t elsewhere = 0;   // keyed requests that could not be routed (no mapping, node not connected)
    std::map<std::string, std::uint64_t> per_endpoint;  // every request, by "host:port"
};

// Writes an operation's payload (everything after op code and request id) for the connection's
// negotiated protocol.
using PayloadWriter = std::function<void(protocol::ByteWriter&, const protocol::ProtocolContext&)>;

// Where a request should go.
struct Route {
    std::optional<std::int32_t> cache_id;     // with key: partition-aware routing
    const Value* key = nullptr;               // the (affinity) key, if any
    std::shared_ptr<Channel> channel;         // pinned: transactions and cursors stay on one connection
};

class ClusterClient : public std::enable_shared_from_this<ClusterClient> {
public:
    // Connects to the first reachable endpoint (with partition awareness: to all of them at once;
    // the first of the given order that answers is the default). The client runs one I/O thread
    // for all its connections (kindling/net/io.hpp: on an executor of your own instead); opens and
    // reconnects run there, so no caller waits for a node that does not answer while another is
    // live. Throws ConnectionError / AuthenticationError / TlsError.
    static std::shared_ptr<ClusterClient> connect(ClientOptions options);

    virtual ~ClusterClient() = default;

    // One engine serves the three forms below: routing (pinned channel, else the key's primary
    // with partition awareness, else the default node), ClientOptions::retry (once, on another
    // live node, from the failed attempt's completion; never for a pinned request),
    // request_timeout (a timer on the I/O thread: the request leaves the connection's pending
    // map and fails with Failure::Timeout / TimeoutError; a late reply is dropped), affinity
    // topology refresh, dead-node handling and the QueryStarted / QuerySucceeded / QueryFailed
    // events (one pair per attempt) are the same whichever form is used.
    //
    // Sends one request and waits for its response. A server error status is thrown as the
    // matching kindling::Error subclass (SqlError for SQL ops, CacheNotFoundError for 1000, ...).
    // Not from a completion or handler on the client's I/O thread (it would wait for itself:
    // that throws kindling::Error).
    virtual Response request(OpCode op, const PayloadWriter& payload, const Route& route = {}) = 0;
    // Sends without waiting: the response is collected with PendingResponse::get(). `payload` is
    // used during the call only (encoded once; a retry resends those bytes to a connection that
    // negotiated the same protocol).
    virtual PendingResponse request_async(OpCode op, const PayloadWriter& payload, const Route& route = {}) = 0;
    // Asynchronous at heart: sends the request and calls `done` exactly once with the reply or the
    // failure (Response::failure(); raise_if_failed() turns it into the matching exception), on the
    // client's I/O thread, where it must not block. `payload` must own what it writes: a retry
    // encodes it again for another connection. Routing happens before this returns (the route's
    // key is not kept); what `payload` throws, and ReconnectError when no node can be reached,
    // are thrown from here (then `done` is never called).
    using Completion = std::function<void(Response)>;
    virtual void request_async(OpCode op, PayloadWriter payload, Route route, Completion done) = 0;

    // A connection to use for a sequence of requests that must stay together (a transaction, a
    // cursor's pages). The channel answers `context()` for its own negotiated protocol.
    virtual std::shared_ptr<Channel> acquire_channel(const Route& route = {}) = 0;
    virtual const protocol::ProtocolContext& context(const std::shared_ptr<Channel>& channel) const = 0;

    // The protocol negotiated with the node this client talks to by default.
    virtual protocol::ProtocolContext default_context() const = 0;

    // The live connections, one per connected node.
    virtual std::vector<std::shared_ptr<Channel>> channels() const = 0;
    virtual RoutingStats routing_stats() const = 0;

    virtual void close() = 0;
};

}  // namespace kindling::net
