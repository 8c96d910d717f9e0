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
// failed one; many can be outstanding on one connection (pipelining).
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
    // Connects to the first reachable endpoint (then, with partition awareness, to the others).
    // Throws ConnectionError / AuthenticationError / TlsError / TimeoutError.
    static std::shared_ptr<ClusterClient> connect(ClientOptions options);

    virtual ~ClusterClient() = default;

    // Sends one request and waits for its response. A server error status is thrown as the
    // matching kindling::Error subclass (SqlError for SQL ops, CacheNotFoundError for 1000, ...).
    virtual Response request(OpCode op, const PayloadWriter& payload, const Route& route = {}) = 0;
    // Sends without waiting: the response is collected with PendingResponse::get().
    virtual PendingResponse request_async(OpCode op, const PayloadWriter& payload, const Route& route = {}) = 0;
    // Asynchronous at heart: sends the request and calls `done` exactly once with the reply or the
    // failure (Response::failure(); raise_if_failed() turns it into the matching exception), on the
    // client's I/O thread, where it must not block. `payload` must own what it writes: a retry
    // encodes it again for another connection.
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
