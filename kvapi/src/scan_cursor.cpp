#include "detail.hpp"
#include "kindling/kvapi/cache.hpp"
#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::kvapi {

namespace {

void read_scan_page(protocol::ByteReader& r, detail::ScanCursorState& s) {
    auto n = r.read_length(2);
    s.page.clear();
    s.page.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto k = protocol::read_value(r);
        auto v = protocol::read_value(r);
        s.page.emplace_back(std::move(k), std::move(v));
    }
    s.server_open = r.read_bool();
    s.row = 0;
}

void fetch_next_page(detail::ScanCursorState& s) {
    auto id = s.cursor_id;
    auto resp = s.client->call_plain(
        OpCode::QueryScanCursorGetPage,
        [id](protocol::ByteWriter& w, const protocol::ProtocolContext&) { protocol::encode_resource_id(w, id); }, s.channel);
    auto r = resp.reader();
    read_scan_page(r, s);
}

}  // namespace

ScanCursor::ScanCursor(std::unique_ptr<detail::ScanCursorState> state) : state_(std::move(state)) {}
ScanCursor::ScanCursor(ScanCursor&&) noexcept = default;
ScanCursor& ScanCursor::operator=(ScanCursor&& o) noexcept {
    if (this != &o) {
        close();
        state_ = std::move(o.state_);
    }
    return *this;
}
ScanCursor::~ScanCursor() { close(); }

void ScanCursor::close() {
    if (state_ && state_->server_open) {
        state_->server_open = false;
        detail::close_cursor(*state_->client, state_->channel, state_->cursor_id);
    }
}

ScanCursor::iterator ScanCursor::begin() {
    if (state_->started) throw Error("a scan cursor can be iterated only once");
    state_->started = true;
    while (state_->page.empty() && state_->server_open) fetch_next_page(*state_);
    if (state_->page.empty()) return end();
    return iterator(this);
}

const ScanCursor::Entry& ScanCursor::current() const { return state_->page[state_->row]; }

bool ScanCursor::advance() {
    auto& s = *state_;
    if (++s.row < s.page.size()) return true;
    while (s.server_open) {
        fetch_next_page(s);
        if (!s.page.empty()) return true;
    }
    return false;
}

std::vector<ScanCursor::Entry> ScanCursor::all() {
    std::vector<Entry> out;
    for (const auto& e : *this) out.push_back(e);
    return out;
}

ScanCursor Cache::scan(ScanOptions options) const {
    if (options.page_size <= 0) throw std::invalid_argument("scan page size must be positive");
    auto s = std::make_unique<detail::ScanCursorState>();
    s->client = state_;
    auto* tx = state_->current_tx();
    s->channel = tx ? tx->channel : state_->net->acquire_channel();
    auto resp = state_->call_plain(
        OpCode::QueryScan,
        [&](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) {
            protocol::CacheHeader hdr;
            hdr.cache_id = id_;
            if (tx && ctx.has(protocol::Feature::TxAwareQueries)) hdr.tx_id = tx->id;
            hdr.encode(w, ctx);
            protocol::write_null(w);  // no filter
            w.write_i32(options.page_size);
            w.write_i32(options.partition.value_or(-1));
            w.write_bool(options.local);
        },
        s->channel);
    auto r = resp.reader();
    s->cursor_id = r.read_i64();
    read_scan_page(r, *s);
    return ScanCursor(std::move(s));
}

}  // namespace kindling::kvapi
