#include "detail.hpp"
#include "kindling/kvapi/cache.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/scan_messages.hpp"

namespace kindling::kvapi {

namespace {

// Replaces the entries in hand with the cursor's next page (net::QueryCursor notes whether the
// server still holds the cursor after it).
void fetch_next_page(detail::ScanCursorState& s) {
    auto page = s.cursor.next_page(protocol::ScanCursorGetPage{.cursor_id = s.cursor.id()});
    s.page = std::move(page.entries);
    s.row = 0;
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
    if (state_) state_->cursor.close();  // at most once, never for a cursor the server released
}

ScanCursor::iterator ScanCursor::begin() {
    if (state_->started) throw UsageError("a scan cursor can be iterated only once");
    state_->started = true;
    while (state_->page.empty() && state_->cursor.server_open()) fetch_next_page(*state_);
    if (state_->page.empty()) return end();
    return iterator(this);
}

const ScanCursor::Entry& ScanCursor::current() const { return state_->page[state_->row]; }

bool ScanCursor::advance() {
    auto& s = *state_;
    if (++s.row < s.page.size()) return true;
    while (s.cursor.server_open()) {
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
    detail::require_positive(options.page_size, "ScanOptions::page_size");
    if (options.partition && *options.partition < 0) throw UsageError("ScanOptions::partition must not be negative");
    auto tx = state_->current_tx();
    // The cursor lives on one connection: the transaction's, else one the client picks.
    auto channel = tx ? tx->channel : state_->net->acquire_channel();
    protocol::ScanQuery query;
    query.header.cache_id = id_;
    if (tx) query.header.tx_id = tx->id;  // sent only with TX_AWARE_QUERIES (ScanQuery::encode)
    query.page_size = options.page_size;
    query.partition = options.partition.value_or(-1);
    query.local = options.local;
    auto first = net::call(*state_->net, query, net::pinned(channel));
    auto s = std::make_unique<detail::ScanCursorState>();
    s->cursor = net::QueryCursor(state_->net, channel, first.cursor_id, first.page.has_more);
    s->page = std::move(first.page.entries);
    return ScanCursor(std::move(s));
}

}  // namespace kindling::kvapi
