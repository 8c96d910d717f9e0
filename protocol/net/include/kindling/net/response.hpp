#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/op_code.hpp"
#include "kindling/protocol/protocol_context.hpp"

namespace kindling::net {

// A successful response: owns the frame, exposes the payload after the header.
class Response {
public:
    Response() = default;
    Response(std::vector<std::uint8_t> frame, std::size_t payload_offset,
             std::shared_ptr<const protocol::ProtocolContext> context = nullptr)
        : frame_(std::move(frame)), payload_offset_(payload_offset), context_(std::move(context)) {}

    protocol::ByteReader reader() const {
        return protocol::ByteReader(std::span<const std::uint8_t>(frame_).subspan(payload_offset_));
    }
    bool empty() const noexcept { return payload_offset_ >= frame_.size(); }
    // What the answering connection negotiated: some replies' layouts depend on it.
    const protocol::ProtocolContext& context() const noexcept {
        static const protocol::ProtocolContext newest;
        return context_ ? *context_ : newest;
    }

    // A failed request travels as a value, not an exception, from the I/O thread to the caller
    // (exception_ptr reference counts are invisible to ThreadSanitizer and were reported as races).
    enum class Failure { None, Server, Connection, Protocol, Timeout };
    static Response failed(Failure kind, std::int32_t status, std::string message) {
        Response r;
        r.failure_ = kind;
        r.status_ = status;
        r.message_ = std::move(message);
        return r;
    }
    Failure failure() const noexcept { return failure_; }
    std::int32_t status() const noexcept { return status_; }
    const std::string& message() const noexcept { return message_; }
    // From the moment the request was queued to the moment its reply (or failure) arrived.
    std::chrono::microseconds elapsed() const noexcept { return elapsed_; }
    void set_elapsed(std::chrono::microseconds e) noexcept { elapsed_ = e; }

private:
    Failure failure_ = Failure::None;
    std::int32_t status_ = 0;
    std::string message_;
    std::chrono::microseconds elapsed_{0};
    std::vector<std::uint8_t> frame_;
    std::size_t payload_offset_ = 0;
    std::shared_ptr<const protocol::ProtocolContext> context_;
};

// Throws the kindling::Error a failed response stands for (the op decides the type: SqlError for
// SQL ops, CacheNotFoundError for status 1000, TimeoutError, ConnectionError ...); returns for a
// successful one.
void raise_if_failed(const Response& r, OpCode op);

}  // namespace kindling::net
