#pragma once
// TLS setup every kind of connection shares, and Link: TCP connect, TLS and blocking frame
// exchange driven by the connection's own io_context, each step bounded by a deadline, for
// SequentialConnection (one request at a time, on the caller's thread). Channel is asynchronous
// (channel.cpp). Private to protocol/net.
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kindling/net/tls_options.hpp"
#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/message.hpp"

namespace kindling::net {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

inline std::string ssl_error_text(const boost::system::error_code& ec) {
    std::string s = ec.message();
    if (ec.category() == asio::error::get_ssl_category()) {
        if (auto reason = ERR_reason_error_string(static_cast<unsigned long>(ec.value()))) s = reason;
    }
    return s;
}

inline int tls_version(const std::string& v) {
    if (v.empty() || v == "TLSv1.2" || v == "1.2") return TLS1_2_VERSION;
    if (v == "TLSv1.3" || v == "1.3") return TLS1_3_VERSION;
    throw std::invalid_argument("unsupported minimum TLS version '" + v + "' (use TLSv1.2 or TLSv1.3)");
}

// The client-side TLS context for these options (one TLS rule for every kind of connection).
// Throws TlsError for a configuration that cannot work, std::invalid_argument for a bad version.
inline std::unique_ptr<asio::ssl::context> make_ssl_context(const TlsOptions& o) {
    auto ctx = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
    SSL_CTX_set_min_proto_version(ctx->native_handle(), tls_version(o.min_version));
    try {
        if (!o.ca_file.empty()) ctx->load_verify_file(o.ca_file);
        else ctx->set_default_verify_paths();
        if (!o.cert_file.empty()) ctx->use_certificate_chain_file(o.cert_file);
        if (!o.key_password.empty())
            ctx->set_password_callback([pw = o.key_password](std::size_t, asio::ssl::context::password_purpose) { return pw; });
        if (!o.key_file.empty()) ctx->use_private_key_file(o.key_file, asio::ssl::context::pem);
    } catch (const boost::system::system_error& e) {
        throw TlsError("TLS configuration failed: " + ssl_error_text(e.code()) +
                       " (ca_file='" + o.ca_file + "', cert_file='" + o.cert_file + "', key_file='" + o.key_file + "')");
    }
    if (!o.ciphers.empty() && SSL_CTX_set_cipher_list(ctx->native_handle(), o.ciphers.c_str()) != 1)
        throw TlsError("no usable cipher in the cipher list '" + o.ciphers + "'");
    ctx->set_verify_mode(o.verify_peer ? asio::ssl::verify_peer : asio::ssl::verify_none);
    return ctx;
}

// Peer verification and SNI on a new TLS stream to `host`.
template <class Stream>
void prepare_tls_stream(Stream& tls, const TlsOptions& o, const std::string& host) {
    if (o.verify_peer && o.verify_hostname) tls.set_verify_callback(asio::ssl::host_name_verification(host));
    boost::system::error_code addr_ec;
    asio::ip::make_address(host, addr_ec);
    if (addr_ec) SSL_set_tlsext_host_name(tls.native_handle(), host.c_str());  // SNI for names only
}

// The text of a failed TLS handshake.
inline std::string tls_handshake_failure(SSL* ssl, const boost::system::error_code& ec, const TlsOptions& o) {
    long verify = SSL_get_verify_result(ssl);
    std::string detail = ssl_error_text(ec);
    if (verify != X509_V_OK) detail += ": " + std::string(X509_verify_cert_error_string(verify));
    if (o.mode == TlsMode::Auto)
        detail += " (TLS is on because credentials were given; to send them without TLS, switch TLS off"
                  " explicitly: TlsMode::Disabled, or SSL_MODE=disable in ODBC)";
    return detail;
}

struct Link {
    asio::io_context io;
    std::unique_ptr<asio::ssl::context> ssl_ctx;
    std::unique_ptr<asio::ssl::stream<tcp::socket>> tls;
    tcp::socket socket{io};
    std::string host;
    std::uint16_t port = 0;
    std::string local_address;
    std::size_t max_frame = 0;
    template <class F>
    void with_stream(F&& f) {
        if (tls) f(*tls);
        else f(socket);
    }

    std::string endpoint() const { return host + ":" + std::to_string(port); }

    // After TLS is set up the socket lives inside the TLS stream.
    void close_socket() {
        boost::system::error_code ignored;
        if (tls) tls->lowest_layer().close(ignored);
        else socket.close(ignored);
    }


    // --- setup (blocking, before the I/O thread starts) ------------------------------------
    // Runs the io_context until `done` or the deadline; on the deadline closes the socket.
    void run_until(bool& done, std::chrono::milliseconds timeout, const char* what) {
        io.restart();
        auto deadline = std::chrono::steady_clock::now() + timeout;
        while (!done) {
            if (io.run_one_until(deadline) == 0 && std::chrono::steady_clock::now() >= deadline) {
                close_socket();
                io.restart();
                io.poll();
                throw TimeoutError(std::string(what) + " to " + endpoint() + " timed out after " +
                                   std::to_string(timeout.count()) + " ms");
            }
        }
    }

    void connect(std::chrono::milliseconds timeout) {
        tcp::resolver resolver(io);
        boost::system::error_code ec;
        auto results = resolver.resolve(host, std::to_string(port), ec);
        if (ec) throw ConnectionError("cannot resolve " + host + ": " + ec.message());
        bool done = false;
        asio::async_connect(socket, results, [&](const boost::system::error_code& e, const tcp::endpoint&) {
            ec = e;
            done = true;
        });
        run_until(done, timeout, "connecting");
        if (ec) throw ConnectionError("cannot connect to " + endpoint() + ": " + ec.message());
        socket.set_option(tcp::no_delay(true));
        auto local = socket.local_endpoint(ec);
        if (!ec) local_address = local.address().to_string() + ":" + std::to_string(local.port());
    }

    void setup_tls(const TlsOptions& o, std::chrono::milliseconds timeout) {
        ssl_ctx = make_ssl_context(o);
        tls = std::make_unique<asio::ssl::stream<tcp::socket>>(std::move(socket), *ssl_ctx);
        prepare_tls_stream(*tls, o, host);
        boost::system::error_code ec;
        bool done = false;
        tls->async_handshake(asio::ssl::stream_base::client, [&](const boost::system::error_code& e) {
            ec = e;
            done = true;
        });
        try {
            run_until(done, timeout, "TLS handshake");
        } catch (const TimeoutError& e) {
            throw TlsError(e.what());
        }
        if (ec) throw TlsError("TLS handshake with " + endpoint() + " failed: " + tls_handshake_failure(tls->native_handle(), ec, o));
    }

    // Blocking exchange of one frame: the handshake, and every request of a sequential connection.
    // The timeout bounds each step; `what` names the exchange in errors.
    std::vector<std::uint8_t> exchange(const std::vector<std::uint8_t>& frame, std::chrono::milliseconds timeout,
                                       const char* what = "handshake") {
        boost::system::error_code ec;
        bool done = false;
        with_stream([&](auto& s) {
            asio::async_write(s, asio::buffer(frame), [&](const boost::system::error_code& e, std::size_t) {
                ec = e;
                done = true;
            });
        });
        run_until(done, timeout, what);
        if (ec) throw ConnectionError("sending the " + std::string(what) + " to " + endpoint() + " failed: " + ec.message());
        std::uint8_t lb[4];
        done = false;
        with_stream([&](auto& s) {
            asio::async_read(s, asio::buffer(lb), [&](const boost::system::error_code& e, std::size_t) {
                ec = e;
                done = true;
            });
        });
        run_until(done, timeout, what);
        if (ec && std::string_view(what) != "handshake")
            throw ConnectionError("connection to " + endpoint() + " lost during the " + what + ": " + ec.message());
        if (ec) {
            if (tls)
                throw TlsError("the server closed the TLS session during the handshake (" + ssl_error_text(ec) +
                               "): does it require a client certificate that was not given or not trusted?");
            throw ConnectionError("the server at " + endpoint() + " closed the connection during the handshake (" +
                                  ec.message() + "): is it a TLS port? then turn TLS on");
        }
        protocol::ByteReader lr(std::span<const std::uint8_t>(lb, 4));
        auto len = protocol::FrameDecoder::check_length(lr.read_i32(), max_frame);
        std::vector<std::uint8_t> reply(len);
        done = false;
        with_stream([&](auto& s) {
            asio::async_read(s, asio::buffer(reply), [&](const boost::system::error_code& e, std::size_t) {
                ec = e;
                done = true;
            });
        });
        run_until(done, timeout, what);
        if (ec) throw ConnectionError("reading the " + std::string(what) + " reply from " + endpoint() + " failed: " + ec.message());
        return reply;
    }

};

}  // namespace kindling::net
