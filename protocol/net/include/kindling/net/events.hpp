#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "kindling/protocol/op_code.hpp"

namespace kindling::net {

// Observability hook shared by kvapi and the driver.
struct Event {
    enum class Kind {
        ConnectionOpened, ConnectionLost, HandshakeFailed, AuthenticationFailed, TopologyChanged,
        QueryStarted, QuerySucceeded, QueryFailed,
    };
    Kind kind;
    std::string endpoint;             // "host:port"
    OpCode op = OpCode::Heartbeat;    // for query events
    std::chrono::microseconds duration{0};
    std::string message;              // error text where there is one
};

using EventHandler = std::function<void(const Event&)>;

}  // namespace kindling::net
