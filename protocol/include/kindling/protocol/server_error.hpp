#pragma once
#include <cstdint>
#include <string>

#include "kindling/protocol/op_code.hpp"

namespace kindling::protocol {

// Throws the kindling::Error subclass that matches a failed response to `op`.
[[noreturn]] void throw_server_error(OpCode op, std::int32_t status, const std::string& message);

}  // namespace kindling::protocol
