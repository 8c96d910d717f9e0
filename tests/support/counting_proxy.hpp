#pragma once
// A TCP proxy in front of one Ignite node that counts the thin-client requests passing through it,
// so routing tests see where requests really went instead of trusting the client's own counters.
// It parses only the client-to-server length prefixes: the first frame of a connection is the
// handshake, every later frame is one request.
#include <boost/asio.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace kindling::test {

class CountingProxy {
public:
    CountingProxy(std::string target_host, std::uint16_t target_port)
        : host_(std::move(target_host)), target_port_(target_port),
          acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
        accept();
        thread_ = std::thread([this] { io_.run(); });
    }
    CountingProxy(const CountingProxy&) = delete;
    CountingProxy& operator=(const CountingProxy&) = delete;
    ~CountingProxy() {
        io_.stop();
        thread_.join();
    }

    std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
    // Requests (frames after the handshake) forwarded to the node.
    std::uint64_t requests() const { return requests_.load(); }
    // Connections that reached the node through this proxy.
    std::uint64_t upstream_connections() const { return upstream_.load(); }

    // Failure injection: hold() stops forwarding requests (they are still counted), so a request
    // can be caught in flight; sever() then drops every connection and refuses new ones, as a
    // node that died would.
    void hold() { holding_ = true; }
    void sever() {
        severed_ = true;
        boost::asio::post(io_, [this] {
            for (auto& w : sessions_)
                if (auto s = w.lock()) s->close();
            sessions_.clear();
        });
    }

private:
    using tcp = boost::asio::ip::tcp;

    struct Session : std::enable_shared_from_this<Session> {
        Session(CountingProxy& p, tcp::socket c) : proxy(p), client(std::move(c)), server(p.io_) {}
        CountingProxy& proxy;
        tcp::socket client, server;
        std::array<std::uint8_t, 65536> up{}, down{};
        // Client-to-server framing state.
        std::uint32_t header_bytes = 0, length = 0;
        std::uint64_t left_in_frame = 0, frames = 0;

        void start() {
            auto self = shared_from_this();
            if (proxy.severed_) return close();
            proxy.sessions_.push_back(self);
            tcp::endpoint target(boost::asio::ip::make_address(proxy.host_), proxy.target_port_);
            server.async_connect(target, [self](const boost::system::error_code& ec) {
                if (ec) return self->close();  // a dead node: the client sees its connection dropped
                ++self->proxy.upstream_;
                self->pump_up();
                self->pump_down();
            });
        }
        void close() {
            boost::system::error_code ignored;
            client.close(ignored);
            server.close(ignored);
        }
        void count(const std::uint8_t* p, std::size_t n) {
            while (n > 0) {
                if (left_in_frame == 0) {
                    length |= static_cast<std::uint32_t>(*p) << (8 * header_bytes);
                    ++p, --n;
                    if (++header_bytes == 4) {
                        if (frames++ > 0) ++proxy.requests_;
                        left_in_frame = length;
                        header_bytes = 0, length = 0;
                    }
                } else {
                    auto k = std::min<std::uint64_t>(left_in_frame, n);
                    left_in_frame -= k, p += k, n -= k;
                }
            }
        }
        void pump_up() {
            auto self = shared_from_this();
            client.async_read_some(boost::asio::buffer(up), [self](const boost::system::error_code& ec, std::size_t n) {
                if (ec) return self->close();
                self->count(self->up.data(), n);
                if (self->proxy.holding_) return self->pump_up();  // swallowed: the request stays in flight
                boost::asio::async_write(self->server, boost::asio::buffer(self->up, n),
                                         [self](const boost::system::error_code& wec, std::size_t) {
                                             if (wec) return self->close();
                                             self->pump_up();
                                         });
            });
        }
        void pump_down() {
            auto self = shared_from_this();
            server.async_read_some(boost::asio::buffer(down), [self](const boost::system::error_code& ec, std::size_t n) {
                if (ec) return self->close();
                boost::asio::async_write(self->client, boost::asio::buffer(self->down, n),
                                         [self](const boost::system::error_code& wec, std::size_t) {
                                             if (wec) return self->close();
                                             self->pump_down();
                                         });
            });
        }
    };

    void accept() {
        acceptor_.async_accept([this](const boost::system::error_code& ec, tcp::socket s) {
            if (!ec) std::make_shared<Session>(*this, std::move(s))->start();
            if (acceptor_.is_open()) accept();
        });
    }

    std::string host_;
    std::uint16_t target_port_;
    boost::asio::io_context io_;
    tcp::acceptor acceptor_;
    std::thread thread_;
    std::atomic<std::uint64_t> requests_{0}, upstream_{0};
    std::atomic<bool> holding_{false}, severed_{false};
    std::vector<std::weak_ptr<Session>> sessions_;  // I/O thread only
};

}  // namespace kindling::test
