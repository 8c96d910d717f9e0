#pragma once
// The typed edge of the request engine: a protocol message in, its decoded reply out. kvapi and the
// driver call these and never see bytes.
//
//   auto value = net::call(client, protocol::CacheGet{header, key}, route);
//   net::call_async(client, protocol::CacheGet{header, key}, route, [](net::Outcome<Value> o) { ... });
#include <exception>
#include <memory>
#include <optional>
#include <utility>

#include "kindling/net/cluster_client.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/request.hpp"

namespace kindling::net {

// The result of an asynchronous typed call: the decoded reply, or the failure it met.
template <class T>
class Outcome {
public:
    static Outcome success(T value) {
        Outcome o;
        o.value_.emplace(std::move(value));
        return o;
    }
    static Outcome failure(Response failed, OpCode op) {
        Outcome o;
        o.failed_ = std::move(failed);
        o.op_ = op;
        return o;
    }
    bool ok() const noexcept { return value_.has_value(); }
    const Response& failed_response() const noexcept { return failed_; }
    // The reply, or the matching kindling::Error thrown.
    T get() && {
        if (!value_) raise();
        return std::move(*value_);
    }
    [[noreturn]] void raise() const {
        raise_if_failed(failed_, op_);
        throw ProtocolError("a failed call without a failure");  // unreachable: failed_ is a failure
    }

private:
    std::optional<T> value_;
    Response failed_;
    OpCode op_ = OpCode::Heartbeat;
};

template <protocol::Message M>
typename M::Reply decode_reply(const M& message, const Response& response) {
    auto reader = response.reader();
    return message.decode(reader, response.context());
}

// A server notification's payload (continuous-query events, a compute task's result), decoded by
// its protocol type, e.g. decode_notification<protocol::ContinuousQueryEvents>(n).
template <class N>
auto decode_notification(const Response& notification) {
    auto reader = notification.reader();
    return N::decode(reader, notification.context());
}

// Blocking: the engine's asynchronous call plus a wait.
template <protocol::Message M>
typename M::Reply call(ClusterClient& client, const M& message, const Route& route = {}) {
    auto response = client.request(
        M::op, [&message](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) { message.encode(w, ctx); }, route);
    return decode_reply(message, response);
}

// Asynchronous: `done(Outcome<M::Reply>)` runs once on the client's I/O thread (it must not block).
// The message is kept until then: a retry encodes it again. The route (and the key it points to)
// is used before call_async returns.
template <protocol::Message M, class Done>
void call_async(ClusterClient& client, M message, Route route, Done done) {
    auto owned = std::make_shared<const M>(std::move(message));
    client.request_async(
        M::op, [owned](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) { owned->encode(w, ctx); },
        std::move(route), [owned, done = std::move(done)](Response r) mutable {
            using Reply = typename M::Reply;
            if (r.failure() != Response::Failure::None) return done(Outcome<Reply>::failure(std::move(r), M::op));
            std::optional<Outcome<Reply>> outcome;
            try {
                outcome.emplace(Outcome<Reply>::success(decode_reply(*owned, r)));
            } catch (const Error& e) {
                outcome.emplace(Outcome<Reply>::failure(Response::failed(Response::Failure::Protocol, 0, e.what()), M::op));
            }
            done(std::move(*outcome));
        });
}

}  // namespace kindling::net
