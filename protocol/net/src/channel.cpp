#include "kindling/net/channel.hpp"

#include <variant>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <deque>
#include <thread>

#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/handshake.hpp"
#include "kindling/protocol/server_error.hpp"
#include "link.hpp"

namespace kindling::net {

struct Channel::Impl : Link {
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
    std::thread thread;

    EventHandler on_event;
    protocol::ProtocolContext ctx;
    std::shared_ptr<const protocol::ProtocolContext> shared_ctx;  // the same, for the responses
    std::optional<Uuid> node;

    std::mutex mu;  // guards pending, next_id, closed_error, topology
    // A waiting caller's promise (send/request: no extra allocation on that hot path) or a
    // completion callback (send_with, completion tokens).
    using Waiter = std::variant<std::promise<Response>, Channel::Completion>;
    struct Pending {
        Waiter done;
        std::chrono::steady_clock::time_point queued;
        void complete(Response r) {
            r.set_elapsed(std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - queued));
            if (auto* p = std::get_if<std::promise<Response>>(&done)) p->set_value(std::move(r));
            else std::get<Channel::Completion>(done)(std::move(r));
        }
    };
    std::unordered_map<std::int64_t, Pending> pending;
    // Notifications: handlers by resource id, and what came before its handler (bounded).
    std::unordered_map<std::int64_t, Channel::NotificationHandler> listeners;
    std::unordered_map<std::int64_t, std::vector<std::pair<OpCode, Response>>> early;
    std::size_t early_count = 0;
    static constexpr std::size_t kMaxEarly = 10'000;
    std::int64_t next_id = 1;
    std::optional<std::string> closed_error;
    std::optional<protocol::AffinityTopologyVersion> topology;
    std::atomic<bool> is_alive{false};

    // Touched only on the I/O thread.
    std::deque<std::vector<std::uint8_t>> write_queue;
    bool writing = false;  // an async_write owns write_queue.front() until it completes
    bool failed = false;
    std::uint8_t len_buf[4]{};
    std::vector<std::uint8_t> body;
    std::unique_ptr<asio::steady_timer> heartbeat;

    void started(OpCode op) {
        if (!on_event) return;
        Event e{Event::Kind::QueryStarted, endpoint(), op, {}, {}};
        try { on_event(e); } catch (...) {}
    }

    void emit(Event::Kind kind, std::string message = {}) {
        if (on_event) {
            Event e{kind, endpoint(), OpCode::Heartbeat, {}, std::move(message)};
            try { on_event(e); } catch (...) {}  // a throwing hook must not break the connection
        }
    }

    void handshake(const ClientOptions& o) {
        protocol::HandshakeRequest req;
        req.username = o.username;
        req.password = o.password;
        for (int attempt = 0; attempt < 2; ++attempt) {
            auto reply = exchange(protocol::encode_handshake(req), o.handshake_timeout);
            auto res = protocol::decode_handshake(reply, req.version);
            if (res.success) {
                ctx = res.context;
                shared_ctx = std::make_shared<const protocol::ProtocolContext>(ctx);
                node = res.node_id;
                return;
            }
            if (res.status == kindling::status::auth_failed) {
                emit(Event::Kind::AuthenticationFailed, res.message);
                throw AuthenticationError("authentication failed at " + endpoint() + ": " + res.message, res.status);
            }
            emit(Event::Kind::HandshakeFailed, res.message);
            bool known = false;
            for (const auto& v : protocol::supported_versions()) known = known || v == res.server_version;
            if (attempt == 0 && known && res.server_version != req.version) {
                req.version = res.server_version;  // retry once at the version the server offers
                continue;
            }
            throw ConnectionError("handshake with " + endpoint() + " failed: " + res.message, res.status);
        }
    }

    // --- running (I/O thread) ------------------------------------------------------------------
    void start_read() {
        with_stream([&](auto& s) {
            asio::async_read(s, asio::buffer(len_buf), [this](const boost::system::error_code& ec, std::size_t) {
                if (ec) return fail("connection to " + endpoint() + " lost: " + ec.message());
                try {
                    protocol::ByteReader lr(std::span<const std::uint8_t>(len_buf, 4));
                    body.resize(protocol::FrameDecoder::check_length(lr.read_i32(), max_frame));
                } catch (const ProtocolError& e) {
                    return fail(std::string("protocol error from ") + endpoint() + ": " + e.what(), true);
                }
                read_body();
            });
        });
    }

    void read_body() {
        with_stream([&](auto& s) {
            asio::async_read(s, asio::buffer(body), [this](const boost::system::error_code& ec, std::size_t) {
                if (ec) return fail("connection to " + endpoint() + " lost: " + ec.message());
                try {
                    dispatch(std::move(body));
                } catch (const ProtocolError& e) {
                    return fail(std::string("protocol error from ") + endpoint() + ": " + e.what(), true);
                }
                body = {};
                start_read();
            });
        });
    }

    void dispatch(std::vector<std::uint8_t> frame) {
        auto h = protocol::decode_response_header(frame, ctx);
        if (h.notification) return notify(h, std::move(frame));
        Pending p;
        {
            std::lock_guard lock(mu);
            if (h.topology && (!topology || *topology < *h.topology)) topology = h.topology;
            auto it = pending.find(h.request_id);
            if (it == pending.end()) {
                // A request that timed out on our side may still be answered; anything else is a lie.
                if (h.request_id >= next_id || h.request_id <= 0)
                    throw ProtocolError("response to unknown request id " + std::to_string(h.request_id));
                return;
            }
            p = std::move(it->second);
            pending.erase(it);
        }
        if (h.status != 0) {
            // Turned into the matching kindling::Error on the requesting thread, which knows the op.
            p.complete(Response::failed(Response::Failure::Server, h.status, h.message));
            return;
        }
        p.complete(Response(std::move(frame), h.payload_offset, shared_ctx));
    }

    void notify(const protocol::ResponseHeader& h, std::vector<std::uint8_t> frame) {
        auto op = static_cast<OpCode>(h.notification_op);
        Response r = h.status != 0 ? Response::failed(Response::Failure::Server, h.status, h.message)
                                   : Response(std::move(frame), h.payload_offset, shared_ctx);
        Channel::NotificationHandler handler;
        {
            std::lock_guard lock(mu);
            auto it = listeners.find(h.request_id);
            if (it == listeners.end()) {
                // The reply that names this resource may still be on its way to the caller.
                // Bounded: notifications for resources nobody listens to any more are dropped.
                if (early_count >= kMaxEarly) return;
                early[h.request_id].emplace_back(op, std::move(r));
                ++early_count;
                return;
            }
            handler = it->second;
        }
        try { handler(op, std::move(r)); } catch (...) {}  // a listener's failure is its own
    }

    void write_next() {
        if (write_queue.empty() || writing) return;
        if (failed) {
            write_queue.clear();
            return;
        }
        writing = true;
        with_stream([&](auto& s) {
            asio::async_write(s, asio::buffer(write_queue.front()), [this](const boost::system::error_code& ec, std::size_t) {
                writing = false;
                // The buffer is ours again only now, even if the connection failed meanwhile.
                write_queue.pop_front();
                if (ec) return fail("sending to " + endpoint() + " failed: " + ec.message());
                write_next();
            });
        });
    }

    // Fails every request in flight and closes the socket; the channel is dead afterwards.
    void fail(const std::string& why, bool protocol_error = false) {
        std::unordered_map<std::int64_t, Pending> orphans;
        std::unordered_map<std::int64_t, Channel::NotificationHandler> deaf;
        {
            std::lock_guard lock(mu);
            if (closed_error) return;
            closed_error = why;
            orphans.swap(pending);
            deaf.swap(listeners);
        }
        for (auto& [id, handler] : deaf) {
            try { handler(OpCode::ResourceClose, Response::failed(Response::Failure::Connection, 0, why)); } catch (...) {}
        }
        bool was_alive = is_alive.exchange(false);
        for (auto& [id, p] : orphans) {
            p.complete(Response::failed(protocol_error ? Response::Failure::Protocol : Response::Failure::Connection, 0, why));
        }
        boost::system::error_code ignored;
        if (heartbeat) heartbeat->cancel();
        if (tls) tls->lowest_layer().close(ignored);
        else socket.close(ignored);
        failed = true;
        // A write in flight still reads its buffer: it is dropped when that write completes.
        if (writing) write_queue.erase(write_queue.begin() + 1, write_queue.end());
        else write_queue.clear();
        if (was_alive) emit(Event::Kind::ConnectionLost, why);
    }

    void schedule_heartbeat(std::chrono::milliseconds every) {
        heartbeat = std::make_unique<asio::steady_timer>(io);
        arm_heartbeat(every);
    }
    void arm_heartbeat(std::chrono::milliseconds every) {
        heartbeat->expires_after(every);
        heartbeat->async_wait([this, every](const boost::system::error_code& ec) {
            if (ec || !is_alive) return;
            enqueue(OpCode::Heartbeat, [](protocol::ByteWriter&, const protocol::ProtocolContext&) {}, Channel::Completion([](Response) {}));
            arm_heartbeat(every);
        });
    }

    // The one engine: every request, blocking or not, is queued here and completed by `done` on
    // the I/O thread when its response (or the connection's failure) arrives.
    void enqueue(OpCode op, const PayloadWriterFn& payload, Waiter done) {
        protocol::ByteWriter w(64);
        std::int64_t id;
        {
            std::lock_guard lock(mu);
            if (closed_error) throw ConnectionError(*closed_error);
            id = next_id++;
            auto slot = protocol::begin_request(w, op, id);
            payload(w, ctx);
            protocol::finish_request(w, slot);
            pending.emplace(id, Pending{std::move(done), std::chrono::steady_clock::now()});
        }
        asio::post(io, [this, frame = std::move(w).take()]() mutable {
            if (failed) return;  // the connection is gone; its callers were already failed
            write_queue.push_back(std::move(frame));
            write_next();
        });
    }
};

Channel::Channel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Channel::~Channel() {
    close();
}

std::shared_ptr<Channel> Channel::open(const std::string& host, std::uint16_t port, const ClientOptions& o) {
    auto impl = std::make_unique<Impl>();
    impl->host = host;
    impl->port = port;
    impl->max_frame = o.max_frame_size;
    impl->on_event = o.on_event;
    impl->connect(o.connect_timeout);
    bool creds = !o.username.empty();
    if (tls_enabled(o.tls, creds)) impl->setup_tls(o.tls, o.handshake_timeout);
    impl->handshake(o);
    impl->is_alive = true;
    impl->emit(Event::Kind::ConnectionOpened);
    auto* raw = impl.get();
    raw->work.emplace(asio::make_work_guard(raw->io));
    raw->io.restart();
    raw->start_read();
    raw->thread = std::thread([raw] { raw->io.run(); });
    std::shared_ptr<Channel> ch(new Channel(std::move(impl)));
    // Heartbeats keep a connection alive on servers that close idle clients.
    if (ch->impl_->ctx.has(protocol::Feature::Heartbeat)) {
        try {
            auto r = ch->request(OpCode::GetIdleTimeout, [](protocol::ByteWriter&, const protocol::ProtocolContext&) {},
                                 o.handshake_timeout);
            auto idle = r.reader().read_i64();
            auto every = o.heartbeat_interval.count() > 0 ? o.heartbeat_interval
                                                          : std::chrono::milliseconds(idle > 0 ? std::max<std::int64_t>(idle / 3, 500) : 0);
            if (every.count() > 0) asio::post(raw->io, [raw, every] { raw->schedule_heartbeat(every); });
        } catch (const Error&) {
            // Not fatal: the connection works without heartbeats.
        }
    }
    return ch;
}

void Channel::send_with(OpCode op, const PayloadWriterFn& payload, Completion done) {
    impl_->started(op);
    impl_->enqueue(op, payload, std::move(done));
}

std::future<Response> Channel::send(OpCode op, const PayloadWriterFn& payload) {
    impl_->started(op);
    std::promise<Response> promise;
    auto f = promise.get_future();
    impl_->enqueue(op, payload, std::move(promise));
    return f;
}

boost::asio::any_io_executor Channel::executor() const { return impl_->io.get_executor(); }

// Boost's error_category has a protected non-virtual destructor by design; categories are statics.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"
const boost::system::error_category& error_category() noexcept {
    struct Category final : boost::system::error_category {
        const char* name() const noexcept override { return "kindling"; }
        std::string message(int ev) const override {
            switch (static_cast<Errc>(ev)) {
                case Errc::server_error: return "the server answered with an error status";
                case Errc::connection_lost: return "the connection failed";
                case Errc::protocol_error: return "the server's reply broke the protocol";
                case Errc::timed_out: return "the request timed out";
            }
            return "unknown kindling error";
        }
    };
    static const Category category;
    return category;
}
#pragma GCC diagnostic pop

boost::system::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), error_category()}; }

boost::system::error_code error_code_of(const Response& r) noexcept {
    switch (r.failure()) {
        case Response::Failure::None: return {};
        case Response::Failure::Server: return make_error_code(Errc::server_error);
        case Response::Failure::Connection: return make_error_code(Errc::connection_lost);
        case Response::Failure::Protocol: return make_error_code(Errc::protocol_error);
        case Response::Failure::Timeout: return make_error_code(Errc::timed_out);
    }
    return make_error_code(Errc::protocol_error);
}

Response Channel::request(OpCode op, const PayloadWriterFn& payload, std::chrono::milliseconds timeout) {
    auto f = send(op, payload);
    return receive(f, op, timeout);
}

Response Channel::receive(std::future<Response>& f, OpCode op, std::chrono::milliseconds timeout) {
    auto emit = [&](Event::Kind kind, std::chrono::microseconds took, std::string message) {
        if (!impl_->on_event) return;
        Event e{kind, endpoint(), op, took, std::move(message)};
        try { impl_->on_event(e); } catch (...) {}
    };
    if (timeout.count() > 0 && f.wait_for(timeout) != std::future_status::ready) {
        std::string what = "request " + std::to_string(static_cast<int>(op)) + " to " + endpoint() + " timed out after " +
                           std::to_string(timeout.count()) + " ms";
        emit(Event::Kind::QueryFailed, std::chrono::duration_cast<std::chrono::microseconds>(timeout), what);
        throw TimeoutError(what);
    }
    auto r = f.get();
    switch (r.failure()) {
        case Response::Failure::None:
            emit(Event::Kind::QuerySucceeded, r.elapsed(), {});
            return r;
        case Response::Failure::Server:
            emit(Event::Kind::QueryFailed, r.elapsed(), r.message());
            protocol::throw_server_error(op, r.status(), r.message());
        case Response::Failure::Protocol:
            emit(Event::Kind::QueryFailed, r.elapsed(), r.message());
            throw ProtocolError(r.message());
        case Response::Failure::Timeout:
            emit(Event::Kind::QueryFailed, r.elapsed(), r.message());
            throw TimeoutError(r.message());
        case Response::Failure::Connection: break;
    }
    emit(Event::Kind::QueryFailed, r.elapsed(), r.message());
    throw ConnectionError(r.message());
}

void raise_if_failed(const Response& r, OpCode op) {
    switch (r.failure()) {
        case Response::Failure::None: return;
        case Response::Failure::Server: protocol::throw_server_error(op, r.status(), r.message());
        case Response::Failure::Protocol: throw ProtocolError(r.message());
        case Response::Failure::Timeout: throw TimeoutError(r.message());
        case Response::Failure::Connection: break;
    }
    throw ConnectionError(r.message());
}

const protocol::ProtocolContext& Channel::context() const noexcept { return impl_->ctx; }
const std::optional<Uuid>& Channel::node_id() const noexcept { return impl_->node; }
std::string Channel::endpoint() const { return impl_->endpoint(); }
const std::string& Channel::local_address() const noexcept { return impl_->local_address; }
bool Channel::alive() const noexcept { return impl_->is_alive; }

void Channel::listen(std::int64_t resource_id, NotificationHandler handler) {
    // Registered on the I/O thread, where notifications are dispatched: those that came before
    // are delivered first and in order, later ones go straight to the handler.
    auto* raw = impl_.get();
    asio::post(raw->io, [raw, resource_id, handler = std::move(handler)] {
        std::vector<std::pair<OpCode, Response>> backlog;
        std::optional<std::string> dead;
        {
            std::lock_guard lock(raw->mu);
            if (auto it = raw->early.find(resource_id); it != raw->early.end()) {
                backlog = std::move(it->second);
                raw->early_count -= backlog.size();
                raw->early.erase(it);
            }
            dead = raw->closed_error;
            if (!dead) raw->listeners[resource_id] = handler;
        }
        for (auto& [op, r] : backlog) {
            try { handler(op, std::move(r)); } catch (...) {}
        }
        if (dead) {
            try { handler(OpCode::ResourceClose, Response::failed(Response::Failure::Connection, 0, *dead)); } catch (...) {}
        }
    });
}

void Channel::unlisten(std::int64_t resource_id) {
    auto* raw = impl_.get();
    asio::post(raw->io, [raw, resource_id] {
        std::lock_guard lock(raw->mu);
        raw->listeners.erase(resource_id);
        if (auto it = raw->early.find(resource_id); it != raw->early.end()) {
            raw->early_count -= it->second.size();
            raw->early.erase(it);
        }
    });
}

std::optional<protocol::AffinityTopologyVersion> Channel::topology() const {
    std::lock_guard lock(impl_->mu);
    return impl_->topology;
}

void Channel::close() {
    if (!impl_ || !impl_->thread.joinable()) return;
    auto* raw = impl_.get();
    asio::post(raw->io, [raw] {
        raw->fail("connection to " + raw->endpoint() + " closed by the client");
        raw->work.reset();
    });
    raw->thread.join();
}

}  // namespace kindling::net
