#pragma once
// Scan queries (OP_QUERY_SCAN 2000 and its cursor pages, OP_QUERY_SCAN_CURSOR_GET_PAGE 2001; facts
// §6.4). The cursor lives on the connection that opened it: fetch its pages there, and close a
// cursor abandoned with pages left with OP_RESOURCE_CLOSE (a last page releases it on the server).
#include <cstdint>
#include <utility>
#include <vector>

#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/cache_header.hpp"
#include "kindling/protocol/op_code.hpp"
#include "kindling/protocol/protocol_context.hpp"
#include "kindling/protocol/request.hpp"
#include "kindling/protocol/value.hpp"

namespace kindling::protocol {

struct ScanPage {
    std::vector<std::pair<Value, Value>> entries;
    bool has_more = false;
    bool operator==(const ScanPage&) const = default;
};

struct ScanFirstPage {
    std::int64_t cursor_id = 0;
    ScanPage page;
    bool operator==(const ScanFirstPage&) const = default;
};

// No filter: a C++ client cannot ship Java code. The header's transaction id is sent only when
// TX_AWARE_QUERIES was negotiated (older servers do not read one in a scan request, facts §7.3).
struct ScanQuery {
    static constexpr OpCode op = OpCode::QueryScan;
    CacheHeader header;
    std::int32_t page_size = 1024;  // must be positive
    std::int32_t partition = -1;    // < 0: every partition
    bool local = false;
    using Reply = ScanFirstPage;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext& ctx);
};

struct ScanCursorGetPage {
    static constexpr OpCode op = OpCode::QueryScanCursorGetPage;
    std::int64_t cursor_id = 0;
    using Reply = ScanPage;
    void encode(ByteWriter& w, const ProtocolContext&) const { w.write_i64(cursor_id); }
    static Reply decode(ByteReader& r, const ProtocolContext& ctx);
};

}  // namespace kindling::protocol
