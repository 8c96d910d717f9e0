#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "kindling/protocol/op_code.hpp"

namespace kindling::protocol {

// Throws the kindling::Error subclass that matches a failed response to `op`: what() is
// concise_server_message(message), server_message() all of it.
[[noreturn]] void throw_server_error(OpCode op, std::int32_t status, const std::string& message);

// The server's message without what Ignite may append to it: the Java stack trace ("\tat ..."
// lines, with ThinClientConfiguration.sendServerExceptionStackTraceToClient) and "Caused by:"
// chains; at most max_chars characters (longer text ends in "... [N more characters]").
std::string concise_server_message(std::string_view message, std::size_t max_chars = 1000);

}  // namespace kindling::protocol
