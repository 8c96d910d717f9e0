#pragma once
// One connection to one node that carries one request at a time, on the calling thread: for the
// client connector's JDBC and ODBC flavours, whose messages carry no request id (the server
// answers in order). TCP or TLS like Channel; frames are built and read by protocol/.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kindling/net/client_options.hpp"

namespace kindling::net {

class SequentialConnection {
public:
    // Connects (TLS as `options.tls` and the credentials say), sends `handshake_frame` and keeps
    // the reply body for the caller to decode. Throws ConnectionError, TlsError, TimeoutError.
    static std::unique_ptr<SequentialConnection> open(const std::string& host, std::uint16_t port, const ClientOptions& options,
                                                      const std::vector<std::uint8_t>& handshake_frame);
    ~SequentialConnection();
    SequentialConnection(const SequentialConnection&) = delete;
    SequentialConnection& operator=(const SequentialConnection&) = delete;

    const std::vector<std::uint8_t>& handshake_reply() const noexcept;
    // Sends one whole frame and returns the reply body. `timeout` bounds each read and write
    // (0: the options' request timeout, and if that is 0 too, no bound). After any failure the
    // connection is dead: alive() is false and every later call throws ConnectionError.
    std::vector<std::uint8_t> exchange(const std::vector<std::uint8_t>& frame, std::chrono::milliseconds timeout = {});
    bool alive() const noexcept;
    std::string endpoint() const;

    struct Impl;

private:
    explicit SequentialConnection(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace kindling::net
