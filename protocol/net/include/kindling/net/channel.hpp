#pragma once
// One connection to one node: TCP or TLS, length-prefixed frames, many requests in flight matched
// by request id. Each channel runs its own I/O thread; callers on any thread block on futures.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "kindling/net/client_options.hpp"
#include "kindling/net/response.hpp"
#include "kindling/protocol/message.hpp"
#include "kindling/protocol/op_code.hpp"
#include "kindling/protocol/protocol_context.hpp"
#include "kindling/protocol/value.hpp"

namespace kindling::net {

using PayloadWriterFn = std::function<void(protocol::ByteWriter&, const protocol::ProtocolContext&)>;

class Channel : public std::enable_shared_from_this<Channel> {
public:
    // Connects, does TLS (if on) and the Ignite handshake. Throws ConnectionError, TlsError,
    // AuthenticationError, TimeoutError, ProtocolError.
    static std::shared_ptr<Channel> open(const std::string& host, std::uint16_t port, const ClientOptions& options);
    ~Channel();
    Channel(const Channel&) = delete;
    Channel& operator=(const Channel&) = delete;

    // Pipelining: send() many requests, then receive() each; receive turns a failed response into
    // the matching kindling::Error (timeout 0: wait as long as it takes).
    std::future<Response> send(OpCode op, const PayloadWriterFn& payload);
    Response receive(std::future<Response>& pending, OpCode op, std::chrono::milliseconds timeout);
    Response request(OpCode op, const PayloadWriterFn& payload, std::chrono::milliseconds timeout);

    const protocol::ProtocolContext& context() const noexcept;
    const std::optional<Uuid>& node_id() const noexcept;
    std::string endpoint() const;
    // This side's "address:port" of the socket; the server names the connection after it
    // (SYS.SQL_QUERIES.INITIATOR_ID is "cli:" + this), which is how a query is found to cancel it.
    const std::string& local_address() const noexcept;
    bool alive() const noexcept;
    // Server notifications (continuous-query events, compute results) for one resource id. The
    // handler runs on this channel's I/O thread: it must not block or make requests (hand the
    // work to another thread). Notifications that arrived before listen() are delivered by it.
    // When the connection dies, the handler gets one Response with Failure::Connection.
    using NotificationHandler = std::function<void(OpCode op, Response notification)>;
    void listen(std::int64_t resource_id, NotificationHandler handler);
    void unlisten(std::int64_t resource_id);

    // The newest affinity topology version any response on this channel reported.
    std::optional<protocol::AffinityTopologyVersion> topology() const;
    void close();

    struct Impl;

private:
    explicit Channel(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace kindling::net
