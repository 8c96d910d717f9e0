// libFuzzer target: SQL query replies and cursor pages, the biggest replies a client decodes.
#include <cstdint>

#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/handshake.hpp"
#include "kindling/protocol/sql_fields_query.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kindling;
    if (size < 1) return 0;
    std::span<const std::uint8_t> body(data + 1, size - 1);
    try {
        protocol::ByteReader r(body);
        switch (data[0] % 3) {
            case 0: protocol::decode_sql_fields_response(r, true); break;
            case 1: {
                protocol::SqlPage page;
                page.column_count = 3;
                protocol::decode_sql_fields_page(r, page);
                break;
            }
            default: protocol::decode_handshake(body, protocol::ProtocolVersion{1, 7, 0}); break;
        }
    } catch (const ProtocolError&) {
    }
    return 0;
}
