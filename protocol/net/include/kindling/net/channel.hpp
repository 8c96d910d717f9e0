#pragma once
// One connection to one node: TCP or TLS, length-prefixed frames, many requests in flight matched
// by request id. A channel runs on a strand of its client's executor (by default the client's one
// I/O thread, shared by all its channels); callers on any thread queue requests, completions run
// on that strand. Opening is asynchronous too (TCP, TLS and the Ignite handshake, each bounded by
// its timeout), so no thread and no lock waits for a node that does not answer.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/system/error_code.hpp>

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

// Error codes for the completion-token API: the Response passed along says more (status, message).
enum class Errc { server_error = 1, connection_lost = 2, protocol_error = 3, timed_out = 4 };
const boost::system::error_category& error_category() noexcept;
boost::system::error_code make_error_code(Errc e) noexcept;
boost::system::error_code error_code_of(const Response& r) noexcept;

// Why a connection could not be opened; raise() throws the matching kindling::Error.
struct OpenFailure {
    enum class Kind { Connection, Tls, Authentication, Timeout, Protocol, InvalidArgument };
    Kind kind = Kind::Connection;
    std::string message;
    std::int32_t status = 0;
    [[noreturn]] void raise() const;
};

class Channel : public std::enable_shared_from_this<Channel> {
public:
    // Starts connecting to host:port on `executor`, which must be a strand (or single-threaded,
    // like the client's own I/O thread: an implicit strand): TCP (connect_timeout), TLS and the
    // Ignite handshake (handshake_timeout). Returns the channel at once (alive() turns true when
    // it is open); `done` runs once on the channel's strand: null on success, else why it failed.
    // close() (or dropping the channel) during the open cancels it. `keep_alive` is held until the
    // channel is destroyed (the owner of the executor's io_context).
    using OpenHandler = std::function<void(const OpenFailure*)>;
    static std::shared_ptr<Channel> async_open(boost::asio::any_io_executor executor, const std::string& host,
                                               std::uint16_t port, const ClientOptions& options, OpenHandler done,
                                               std::shared_ptr<void> keep_alive = nullptr);
    ~Channel();
    Channel(const Channel&) = delete;
    Channel& operator=(const Channel&) = delete;

    // Pipelining: send() many requests, then receive() each; receive turns a failed response into
    // the matching kindling::Error (timeout 0: wait as long as it takes).
    std::future<Response> send(OpCode op, const PayloadWriterFn& payload);

    // What every form shares: queues the request and calls `done` on this channel's strand with
    // the response or the failure (QuerySucceeded / QueryFailed are reported just before). With a
    // timeout, a request unanswered in time leaves the pending map and completes with
    // Failure::Timeout; a late reply is dropped. Throws ConnectionError when the channel is closed
    // and whatever `payload` throws (then `done` is never called).
    using Completion = std::function<void(Response)>;
    void send_with(OpCode op, const PayloadWriterFn& payload, Completion done,
                   std::chrono::milliseconds timeout = std::chrono::milliseconds(0));

    // Asio completion-token form: async_request(op, payload, token) with a callback
    // void(boost::system::error_code, Response), boost::asio::use_awaitable, use_future, deferred...
    // The handler runs on its associated executor, or else on this channel's strand (where it must
    // not block: it shares the I/O thread with every other channel of the client).
    template <class CompletionToken>
    auto async_request(OpCode op, PayloadWriterFn payload, CompletionToken&& token) {
        return boost::asio::async_initiate<CompletionToken, void(boost::system::error_code, Response)>(
            [this, op, payload = std::move(payload)](auto handler) {
                using Handler = decltype(handler);
                auto ex = boost::asio::get_associated_executor(handler, executor());
                // std::function needs a copyable callable; Asio handlers are move-only.
                auto state = std::make_shared<std::pair<Handler, boost::asio::executor_work_guard<decltype(ex)>>>(
                    std::move(handler), boost::asio::make_work_guard(ex));
                send_with(op, payload, [state](Response r) {
                    auto ex2 = state->second.get_executor();
                    boost::asio::dispatch(ex2, [state, r = std::move(r)]() mutable {
                        auto ec = error_code_of(r);
                        auto h = std::move(state->first);
                        state->second.reset();
                        std::move(h)(ec, std::move(r));
                    });
                });
            },
            token);
    }
    boost::asio::any_io_executor executor() const;
    // Waits for a send() (timeout 0: as long as it takes; a timeout here leaves the request
    // pending: prefer request(), whose timeout is enforced on the I/O thread).
    Response receive(std::future<Response>& pending, OpCode op, std::chrono::milliseconds timeout);
    Response request(OpCode op, const PayloadWriterFn& payload, std::chrono::milliseconds timeout);
    // True while called from a completion or handler on this channel's strand.
    bool running_in_this_thread() const noexcept;

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
    explicit Channel(std::shared_ptr<Impl> impl);
    std::shared_ptr<Impl> impl_;
};

}  // namespace kindling::net

template <>
struct boost::system::is_error_code_enum<kindling::net::Errc> : std::true_type {};
