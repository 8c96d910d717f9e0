#include "kindling/net/sequential_connection.hpp"

#include "link.hpp"

namespace kindling::net {

struct SequentialConnection::Impl : Link {
    std::vector<std::uint8_t> handshake_reply;
    std::chrono::milliseconds request_timeout{0};
    bool alive = false;
};

SequentialConnection::SequentialConnection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SequentialConnection::~SequentialConnection() {
    impl_->close_socket();
}

std::unique_ptr<SequentialConnection> SequentialConnection::open(const std::string& host, std::uint16_t port, const ClientOptions& o,
                                                                 const std::vector<std::uint8_t>& handshake_frame) {
    auto impl = std::make_unique<Impl>();
    impl->host = host;
    impl->port = port;
    impl->max_frame = o.max_frame_size;
    impl->request_timeout = o.request_timeout;
    impl->connect(o.connect_timeout);
    if (tls_enabled(o.tls, !o.username.empty())) impl->setup_tls(o.tls, o.handshake_timeout);
    impl->handshake_reply = impl->exchange(handshake_frame, o.handshake_timeout);
    impl->alive = true;
    return std::unique_ptr<SequentialConnection>(new SequentialConnection(std::move(impl)));
}

const std::vector<std::uint8_t>& SequentialConnection::handshake_reply() const noexcept { return impl_->handshake_reply; }

std::vector<std::uint8_t> SequentialConnection::exchange(const std::vector<std::uint8_t>& frame, std::chrono::milliseconds timeout) {
    if (!impl_->alive) throw ConnectionError("the connection to " + impl_->endpoint() + " is closed");
    if (timeout.count() <= 0) timeout = impl_->request_timeout;
    // No bound asked for: a day stands for "as long as it takes" on the deadline clock.
    if (timeout.count() <= 0) timeout = std::chrono::hours(24);
    try {
        return impl_->exchange(frame, timeout, "request");
    } catch (...) {
        // A reply may still be on its way: the next request would read it as its own.
        impl_->alive = false;
        impl_->close_socket();
        throw;
    }
}

bool SequentialConnection::alive() const noexcept { return impl_->alive; }

std::string SequentialConnection::endpoint() const { return impl_->endpoint(); }

}  // namespace kindling::net
