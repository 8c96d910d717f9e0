#include "kindling/net/channel.hpp"

#include <array>
#include <deque>
#include <variant>

#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/handshake.hpp"
#include "kindling/protocol/server_error.hpp"
#include "kindling/protocol/connection_messages.hpp"
#include "link.hpp"

namespace kindling::net {

void OpenFailure::raise() const {
    switch (kind) {
        case Kind::Tls: throw TlsError(message, status);
        case Kind::Authentication: throw AuthenticationError(message, status);
        case Kind::Timeout: throw TimeoutError(message, status);
        case Kind::Protocol: throw ProtocolError(message, status);
        case Kind::InvalidArgument: throw std::invalid_argument(message);
        case Kind::Connection: break;
    }
    throw ConnectionError(message, status);
}

struct Channel::Impl : std::enable_shared_from_this<Impl> {
    // Everything below that is not guarded by `mu` is touched only on this strand.
    std::shared_ptr<void> keep_alive;  // the io_context's owner: first member, so destroyed last
    asio::any_io_executor strand;
    tcp::socket socket;
    std::unique_ptr<asio::ssl::context> ssl_ctx;
    std::unique_ptr<asio::ssl::stream<tcp::socket>> tls;
    std::string host;
    std::uint16_t port = 0;
    std::string local_address;

    ClientOptions options;  // the open's settings (timeouts, TLS, credentials)
    EventHandler on_event;
    protocol::ProtocolContext ctx;                                // immutable once open
    std::shared_ptr<const protocol::ProtocolContext> shared_ctx;  // the same, for the responses
    std::optional<Uuid> node;

    std::mutex mu;  // guards pending, listeners, early, closed_error, topology
    using Waiter = std::variant<std::promise<Response>, Channel::Completion>;
    struct Pending {
        Waiter done;
        std::chrono::steady_clock::time_point queued;
        OpCode op = OpCode::Heartbeat;
        bool silent = false;                        // the channel's own requests report no events
        std::unique_ptr<asio::steady_timer> timer;  // the request's timeout, if it has one
    };
    std::unordered_map<std::int64_t, Pending> pending;
    // Notifications: handlers by resource id, and what came before its handler (bounded).
    std::unordered_map<std::int64_t, Channel::NotificationHandler> listeners;
    std::unordered_map<std::int64_t, std::vector<std::pair<OpCode, Response>>> early;
    std::size_t early_count = 0;
    static constexpr std::size_t kMaxEarly = 10'000;
    std::atomic<std::int64_t> next_id{1};
    std::optional<std::string> closed_error;
    std::optional<protocol::AffinityTopologyVersion> topology;
    std::atomic<bool> is_alive{false};

    // Strand only.
    std::deque<std::vector<std::uint8_t>> write_queue;
    std::vector<std::vector<std::uint8_t>> in_flight;  // owned by the async_write under way
    std::vector<asio::const_buffer> gather;
    bool writing = false;
    bool failed = false;
    protocol::FrameDecoder decoder{0};
    std::unique_ptr<asio::steady_timer> heartbeat;
    // Opening.
    Channel::OpenHandler open_done;
    asio::steady_timer deadline;
    unsigned phase = 0;       // which step `deadline` bounds: a stale expiry is ignored
    bool timed_out = false;   // the current step's deadline passed
    std::optional<protocol::Handshake> handshake;
    std::array<std::uint8_t, 4096> hs_buf{};

    Impl(asio::any_io_executor ex, std::shared_ptr<void> owner)
        : keep_alive(std::move(owner)), strand(std::move(ex)), socket(strand), deadline(strand) {}

    std::string endpoint() const { return host + ":" + std::to_string(port); }

    template <class F>
    void with_stream(F&& f) {
        if (tls) f(*tls);
        else f(socket);
    }
    void close_socket() {
        boost::system::error_code ignored;
        if (tls) tls->lowest_layer().close(ignored);
        else socket.close(ignored);
    }

    void emit(Event::Kind kind, std::string message = {}) {
        if (!on_event) return;
        Event e{kind, endpoint(), OpCode::Heartbeat, {}, std::move(message)};
        try { on_event(e); } catch (...) {}  // a throwing hook must not break the connection
    }
    void emit_query(Event::Kind kind, OpCode op, std::chrono::microseconds took, std::string message = {}) {
        if (!on_event) return;
        Event e{kind, endpoint(), op, took, std::move(message)};
        try { on_event(e); } catch (...) {}
    }

    // Every request ends here, once: the events, then the waiter.
    void finish(Pending& p, Response r) {
        auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - p.queued);
        r.set_elapsed(took);
        if (!p.silent) {
            if (r.failure() == Response::Failure::None) emit_query(Event::Kind::QuerySucceeded, p.op, took);
            else emit_query(Event::Kind::QueryFailed, p.op, took, r.message());
        }
        p.timer.reset();
        if (auto* pr = std::get_if<std::promise<Response>>(&p.done)) pr->set_value(std::move(r));
        else if (auto& cb = std::get<Channel::Completion>(p.done)) cb(std::move(r));
    }

    // --- opening (strand) -----------------------------------------------------------------------
    void arm_deadline(std::chrono::milliseconds timeout) {
        timed_out = false;
        auto my_phase = ++phase;
        deadline.expires_after(timeout.count() > 0 ? timeout : std::chrono::hours(24 * 365));
        deadline.async_wait([self = shared_from_this(), my_phase](const boost::system::error_code& ec) {
            if (ec || my_phase != self->phase || self->failed) return;
            self->timed_out = true;
            self->close_socket();  // the step under way completes with an error
        });
    }
    void disarm_deadline() {
        ++phase;
        deadline.cancel();
    }

    void open_failed(OpenFailure::Kind kind, std::string message, std::int32_t status = 0) {
        disarm_deadline();
        fail(message);
        if (!open_done) return;
        auto done = std::move(open_done);
        open_done = nullptr;
        OpenFailure f{kind, std::move(message), status};
        done(&f);
    }
    // The client closed the channel while it was opening.
    bool cancelled() {
        if (!failed) return false;
        open_failed(OpenFailure::Kind::Connection, "connecting to " + endpoint() + " was cancelled: the channel was closed");
        return true;
    }

    void start_open() {
        arm_deadline(options.connect_timeout);
        boost::system::error_code addr_ec;
        auto address = asio::ip::make_address(host, addr_ec);
        if (!addr_ec) {
            // An address needs no resolver (whose service would start a thread of its own).
            std::array<tcp::endpoint, 1> eps{tcp::endpoint(address, port)};
            asio::async_connect(socket, eps, [self = shared_from_this()](const boost::system::error_code& ec, const tcp::endpoint&) {
                self->on_connected(ec);
            });
            return;
        }
        auto resolver = std::make_shared<tcp::resolver>(strand);
        resolver->async_resolve(host, std::to_string(port),
                                [self = shared_from_this(), resolver](const boost::system::error_code& ec, tcp::resolver::results_type results) {
                                    if (self->cancelled()) return;
                                    if (ec) return self->open_failed(OpenFailure::Kind::Connection, "cannot resolve " + self->host + ": " + ec.message());
                                    asio::async_connect(self->socket, results, [self](const boost::system::error_code& e, const tcp::endpoint&) {
                                        self->on_connected(e);
                                    });
                                });
    }

    void on_connected(const boost::system::error_code& ec) {
        if (cancelled()) return;
        if (ec && timed_out)
            return open_failed(OpenFailure::Kind::Timeout, "connecting to " + endpoint() + " timed out after " +
                                                               std::to_string(options.connect_timeout.count()) + " ms");
        if (ec) return open_failed(OpenFailure::Kind::Connection, "cannot connect to " + endpoint() + ": " + ec.message());
        disarm_deadline();
        boost::system::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        auto local = socket.local_endpoint(ignored);
        if (!ignored) local_address = local.address().to_string() + ":" + std::to_string(local.port());
        if (tls_enabled(options.tls, !options.username.empty())) return start_tls();
        start_handshake();
    }

    void start_tls() {
        try {
            ssl_ctx = make_ssl_context(options.tls);
        } catch (const TlsError& e) {
            return open_failed(OpenFailure::Kind::Tls, e.what());
        } catch (const std::invalid_argument& e) {
            return open_failed(OpenFailure::Kind::InvalidArgument, e.what());
        }
        tls = std::make_unique<asio::ssl::stream<tcp::socket>>(std::move(socket), *ssl_ctx);
        prepare_tls_stream(*tls, options.tls, host);
        arm_deadline(options.handshake_timeout);
        tls->async_handshake(asio::ssl::stream_base::client, [self = shared_from_this()](const boost::system::error_code& ec) {
            if (self->cancelled()) return;
            if (ec && self->timed_out)
                return self->open_failed(OpenFailure::Kind::Tls, "TLS handshake to " + self->endpoint() + " timed out after " +
                                                                      std::to_string(self->options.handshake_timeout.count()) + " ms");
            if (ec)
                return self->open_failed(OpenFailure::Kind::Tls, "TLS handshake with " + self->endpoint() + " failed: " +
                                                                      tls_handshake_failure(self->tls->native_handle(), ec, self->options.tls));
            self->disarm_deadline();
            self->start_handshake();
        });
    }

    // The Ignite handshake: protocol::Handshake says what to do next, this drives the socket.
    void start_handshake() {
        protocol::HandshakeRequest req;
        req.username = options.username;
        req.password = options.password;
        handshake.emplace(std::move(req));
        arm_deadline(options.handshake_timeout);
        handshake_step();
    }

    void handshake_step() {
        auto self = shared_from_this();
        switch (handshake->step()) {
            case protocol::Handshake::Step::Write:
                with_stream([&](auto& s) {
                    asio::async_write(s, asio::buffer(handshake->output()), [self](const boost::system::error_code& ec, std::size_t) {
                        if (self->cancelled()) return;
                        if (ec) return self->handshake_io_failed(ec, "sending the handshake to " + self->endpoint() + " failed: " + ec.message());
                        self->handshake->written();
                        self->handshake_step();
                    });
                });
                return;
            case protocol::Handshake::Step::Read:
                with_stream([&](auto& s) {
                    s.async_read_some(asio::buffer(hs_buf), [self](const boost::system::error_code& ec, std::size_t n) {
                        if (self->cancelled()) return;
                        if (ec) {
                            if (self->tls)
                                return self->handshake_io_failed(ec, "the server closed the TLS session during the handshake (" + ssl_error_text(ec) +
                                                                         "): does it require a client certificate that was not given or not trusted?",
                                                                 OpenFailure::Kind::Tls);
                            return self->handshake_io_failed(ec, "the server at " + self->endpoint() + " closed the connection during the handshake (" +
                                                                     ec.message() + "): is it a TLS port? then turn TLS on");
                        }
                        auto before = self->handshake->rejections().size();
                        self->handshake->feed(std::span<const std::uint8_t>(self->hs_buf.data(), n));
                        const auto& rej = self->handshake->rejections();
                        for (auto i = before; i < rej.size(); ++i)
                            if (rej[i].status != kindling::status::auth_failed) self->emit(Event::Kind::HandshakeFailed, rej[i].message);
                        self->handshake_step();
                    });
                });
                return;
            case protocol::Handshake::Step::Failed: {
                const auto& h = *handshake;
                switch (h.error()) {
                    case protocol::Handshake::Error::Authentication:
                        emit(Event::Kind::AuthenticationFailed, h.message());
                        return open_failed(OpenFailure::Kind::Authentication, "authentication failed at " + endpoint() + ": " + h.message(), h.status());
                    case protocol::Handshake::Error::Protocol:
                        return open_failed(OpenFailure::Kind::Protocol, "protocol error from " + endpoint() + ": " + h.message());
                    default:
                        return open_failed(OpenFailure::Kind::Connection, "handshake with " + endpoint() + " failed: " + h.message(), h.status());
                }
            }
            case protocol::Handshake::Step::Done: break;
        }
        disarm_deadline();
        const auto& res = handshake->result();
        ctx = res.context;
        shared_ctx = std::make_shared<const protocol::ProtocolContext>(ctx);
        node = res.node_id;
        handshake.reset();
        decoder = protocol::FrameDecoder(options.max_frame_size);
        is_alive = true;
        emit(Event::Kind::ConnectionOpened);
        start_read();
        start_heartbeats();
        if (open_done) {
            auto done = std::move(open_done);
            open_done = nullptr;
            done(nullptr);
        }
    }

    void handshake_io_failed(const boost::system::error_code&, std::string what, OpenFailure::Kind kind = OpenFailure::Kind::Connection) {
        if (timed_out)
            return open_failed(OpenFailure::Kind::Timeout, "handshake to " + endpoint() + " timed out after " +
                                                               std::to_string(options.handshake_timeout.count()) + " ms");
        open_failed(kind, std::move(what));
    }

    // Heartbeats keep a connection alive on servers that close idle clients.
    void start_heartbeats() {
        if (!ctx.has(protocol::Feature::Heartbeat)) return;
        std::weak_ptr<Impl> weak = shared_from_this();
        auto configured = options.heartbeat_interval;
        try {
            enqueue(OpCode::GetIdleTimeout, [](protocol::ByteWriter&, const protocol::ProtocolContext&) {},
                    Channel::Completion([weak, configured](Response r) {
                        auto self = weak.lock();
                        if (!self || r.failure() != Response::Failure::None) return;  // not fatal: no heartbeats
                        std::int64_t idle = 0;
                        try {
                            auto reader = r.reader();
                            idle = protocol::GetIdleTimeout::decode(reader, r.context()).count();
                        } catch (const Error&) {
                            return;
                        }
                        auto every = configured.count() > 0 ? configured
                                                            : std::chrono::milliseconds(idle > 0 ? std::max<std::int64_t>(idle / 3, 500) : 0);
                        if (every.count() <= 0 || self->failed) return;
                        self->heartbeat = std::make_unique<asio::steady_timer>(self->strand);
                        self->arm_heartbeat(every);
                    }),
                    options.handshake_timeout, true);
        } catch (const Error&) {
        }
    }
    void arm_heartbeat(std::chrono::milliseconds every) {
        heartbeat->expires_after(every);
        heartbeat->async_wait([weak = std::weak_ptr<Impl>(shared_from_this()), every](const boost::system::error_code& ec) {
            auto self = weak.lock();
            if (ec || !self || !self->is_alive) return;
            try {
                self->enqueue(OpCode::Heartbeat, [](protocol::ByteWriter&, const protocol::ProtocolContext&) {}, Channel::Completion([](Response) {}),
                              {}, true);
            } catch (const Error&) {
                return;
            }
            self->arm_heartbeat(every);
        });
    }

    // --- running (strand) ------------------------------------------------------------------------
    // Reads whatever arrived into the frame decoder (large bodies in place) and dispatches every
    // complete frame.
    void start_read() {
        auto space = decoder.buffer();
        with_stream([&](auto& s) {
            s.async_read_some(asio::buffer(space.data(), space.size()), [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
                if (self->failed) return;
                if (ec) return self->fail("connection to " + self->endpoint() + " lost: " + ec.message());
                self->decoder.commit(n);
                try {
                    while (auto frame = self->decoder.next()) {
                        self->dispatch(std::move(*frame));
                        if (self->failed) return;
                    }
                } catch (const ProtocolError& e) {
                    return self->fail(std::string("protocol error from ") + self->endpoint() + ": " + e.what(), true);
                }
                self->start_read();
            });
        });
    }

    void dispatch(std::vector<std::uint8_t> frame) {
        auto h = protocol::decode_response_header(frame, ctx);
        if (h.notification) return notify(h, std::move(frame));
        std::optional<Pending> p;
        {
            std::lock_guard lock(mu);
            if (h.topology && (!topology || *topology < *h.topology)) topology = h.topology;
            auto it = pending.find(h.request_id);
            if (it == pending.end()) {
                // A request that timed out on our side may still be answered; anything else is a lie.
                if (h.request_id >= next_id.load() || h.request_id <= 0)
                    throw ProtocolError("response to unknown request id " + std::to_string(h.request_id));
                return;
            }
            p.emplace(std::move(it->second));
            pending.erase(it);
        }
        if (h.status != 0) {
            // Turned into the matching kindling::Error by whoever knows the op.
            finish(*p, Response::failed(Response::Failure::Server, h.status, h.message));
            return;
        }
        finish(*p, Response(std::move(frame), h.payload_offset, shared_ctx));
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

    // One write at a time; what queued meanwhile goes out together in the next (gathered) write.
    void write_next() {
        if (write_queue.empty() || writing || failed) return;
        writing = true;
        in_flight.clear();
        gather.clear();
        while (!write_queue.empty()) {
            in_flight.push_back(std::move(write_queue.front()));
            write_queue.pop_front();
        }
        for (const auto& f : in_flight) gather.emplace_back(asio::buffer(f));
        with_stream([&](auto& s) {
            asio::async_write(s, gather, [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                self->writing = false;  // the buffers are ours again only now
                self->in_flight.clear();
                if (self->failed) return;
                if (ec) return self->fail("sending to " + self->endpoint() + " failed: " + ec.message());
                self->write_next();
            });
        });
    }

    void expire(std::int64_t id, OpCode op, std::chrono::milliseconds timeout) {
        std::optional<Pending> p;
        {
            std::lock_guard lock(mu);
            auto it = pending.find(id);
            if (it == pending.end()) return;
            p.emplace(std::move(it->second));
            pending.erase(it);
        }
        finish(*p, Response::failed(Response::Failure::Timeout, 0,
                                   "request " + std::to_string(static_cast<int>(op)) + " to " + endpoint() + " timed out after " +
                                       std::to_string(timeout.count()) + " ms"));
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
        failed = true;
        bool was_alive = is_alive.exchange(false);
        if (heartbeat) heartbeat->cancel();
        deadline.cancel();
        close_socket();
        write_queue.clear();
        for (auto& [id, handler] : deaf) {
            try { handler(OpCode::ResourceClose, Response::failed(Response::Failure::Connection, 0, why)); } catch (...) {}
        }
        for (auto& [id, p] : orphans)
            finish(p, Response::failed(protocol_error ? Response::Failure::Protocol : Response::Failure::Connection, 0, why));
        if (was_alive) emit(Event::Kind::ConnectionLost, why);
    }

    // Queues one request (any thread). Encoding happens here, on the caller's thread; the write,
    // the timeout and the reply happen on the strand.
    void enqueue(OpCode op, const PayloadWriterFn& payload, Waiter done, std::chrono::milliseconds timeout, bool silent) {
        auto id = next_id.fetch_add(1);
        protocol::ByteWriter w(64);
        auto slot = protocol::begin_request(w, op, id);
        payload(w, ctx);
        protocol::finish_request(w, slot);
        {
            std::lock_guard lock(mu);
            if (closed_error) throw ConnectionError(*closed_error);
            if (!is_alive) throw ConnectionError("the connection to " + endpoint() + " is not open");
            pending.emplace(id, Pending{std::move(done), std::chrono::steady_clock::now(), op, silent, nullptr});
        }
        if (!silent) emit_query(Event::Kind::QueryStarted, op, {});
        asio::post(strand, [self = shared_from_this(), id, op, timeout, frame = std::move(w).take()]() mutable {
            if (self->failed) return;  // the connection is gone; its callers were already failed
            if (timeout.count() > 0) {
                std::lock_guard lock(self->mu);
                auto it = self->pending.find(id);
                if (it != self->pending.end()) {
                    it->second.timer = std::make_unique<asio::steady_timer>(self->strand, timeout);
                    it->second.timer->async_wait([weak = std::weak_ptr<Impl>(self), id, op, timeout](const boost::system::error_code& ec) {
                        auto s = weak.lock();
                        if (!ec && s) s->expire(id, op, timeout);
                    });
                }
            }
            self->write_queue.push_back(std::move(frame));
            self->write_next();
        });
    }
};

Channel::Channel(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

Channel::~Channel() {
    close();
}

std::shared_ptr<Channel> Channel::async_open(boost::asio::any_io_executor executor, const std::string& host, std::uint16_t port,
                                             const ClientOptions& o, OpenHandler done, std::shared_ptr<void> keep_alive) {
    auto impl = std::make_shared<Impl>(std::move(executor), std::move(keep_alive));
    impl->host = host;
    impl->port = port;
    impl->options = o;
    impl->options.on_event = nullptr;
    impl->on_event = o.on_event;
    impl->open_done = std::move(done);
    std::shared_ptr<Channel> ch(new Channel(impl));
    asio::post(impl->strand, [impl] {
        if (impl->cancelled()) return;
        impl->start_open();
    });
    return ch;
}

void Channel::send_with(OpCode op, const PayloadWriterFn& payload, Completion done, std::chrono::milliseconds timeout) {
    impl_->enqueue(op, payload, std::move(done), timeout, false);
}

std::future<Response> Channel::send(OpCode op, const PayloadWriterFn& payload) {
    std::promise<Response> promise;
    auto f = promise.get_future();
    impl_->enqueue(op, payload, std::move(promise), {}, false);
    return f;
}

boost::asio::any_io_executor Channel::executor() const { return impl_->strand; }

bool Channel::running_in_this_thread() const noexcept {
    if (auto* s = impl_->strand.target<asio::strand<asio::any_io_executor>>()) return s->running_in_this_thread();
    if (auto* e = impl_->strand.target<asio::io_context::executor_type>()) return e->running_in_this_thread();
    return false;
}

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
    std::promise<Response> promise;
    auto f = promise.get_future();
    impl_->enqueue(op, payload, std::move(promise), timeout, false);
    auto r = f.get();
    raise_if_failed(r, op);
    return r;
}

Response Channel::receive(std::future<Response>& f, OpCode op, std::chrono::milliseconds timeout) {
    if (timeout.count() > 0 && f.wait_for(timeout) != std::future_status::ready)
        throw TimeoutError("request " + std::to_string(static_cast<int>(op)) + " to " + endpoint() + " timed out after " +
                           std::to_string(timeout.count()) + " ms");
    auto r = f.get();
    raise_if_failed(r, op);
    return r;
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
    // Registered on the strand, where notifications are dispatched: those that came before are
    // delivered first and in order, later ones go straight to the handler.
    asio::post(impl_->strand, [raw = impl_, resource_id, handler = std::move(handler)] {
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
    asio::post(impl_->strand, [raw = impl_, resource_id] {
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

// Asynchronous: the socket closes on the strand; every request in flight completes with a
// connection failure there (the client's close() waits for its I/O thread to finish that).
void Channel::close() {
    if (!impl_) return;
    {
        std::lock_guard lock(impl_->mu);
        if (impl_->closed_error) return;
    }
    asio::post(impl_->strand, [raw = impl_] {
        if (raw->open_done) return raw->open_failed(OpenFailure::Kind::Connection, "connecting to " + raw->endpoint() + " was cancelled: the channel was closed");
        raw->fail("connection to " + raw->endpoint() + " closed by the client");
    });
}

}  // namespace kindling::net
