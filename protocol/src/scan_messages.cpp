#include "kindling/protocol/scan_messages.hpp"

#include <stdexcept>

#include "kindling/protocol/binary_codec.hpp"

namespace kindling::protocol {

void ScanQuery::encode(ByteWriter& w, const ProtocolContext& ctx) const {
    if (page_size <= 0) throw std::invalid_argument("scan page size must be positive");
    CacheHeader h = header;
    if (!ctx.has(Feature::TxAwareQueries)) h.tx_id.reset();
    h.encode(w, ctx);
    write_null(w);  // filter
    w.write_i32(page_size);
    w.write_i32(partition);
    w.write_bool(local);
}

ScanPage ScanCursorGetPage::decode(ByteReader& r, const ProtocolContext&) {
    auto n = r.read_length(2);  // each entry: at least two 1-byte objects
    ScanPage page;
    page.entries.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto k = read_value(r);
        auto v = read_value(r);
        page.entries.emplace_back(std::move(k), std::move(v));
    }
    page.has_more = r.read_bool();
    return page;
}

ScanFirstPage ScanQuery::decode(ByteReader& r, const ProtocolContext& ctx) {
    ScanFirstPage first;
    first.cursor_id = r.read_i64();
    first.page = ScanCursorGetPage::decode(r, ctx);
    return first;
}

static_assert(Message<ScanQuery> && Message<ScanCursorGetPage>);

}  // namespace kindling::protocol
