#include "detail.hpp"
#include "kindling/kvapi/cache.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::kvapi {

namespace {

protocol::SqlFieldsQuery make_query(std::int32_t cache_id, std::string sql, std::vector<Value> args, const SqlOptions& o,
                                    bool default_public) {
    protocol::SqlFieldsQuery q;
    q.cache_id = cache_id;
    q.schema = o.schema ? o.schema : (default_public ? std::optional<std::string>("PUBLIC") : std::nullopt);
    q.page_size = o.page_size;
    q.sql = std::move(sql);
    q.args = std::move(args);
    q.statement_type = static_cast<protocol::StatementType>(o.statement_type);
    q.distributed_joins = o.distributed_joins;
    q.local = o.local;
    q.replicated_only = o.replicated_only;
    q.enforce_join_order = o.enforce_join_order;
    q.collocated = o.collocated;
    q.lazy = o.lazy;
    q.timeout_ms = o.timeout.count();
    q.include_field_names = o.include_field_names;
    return q;
}

SqlCursor run_sql(const std::shared_ptr<detail::ClientState>& st, protocol::SqlFieldsQuery q, std::optional<std::int64_t> max_rows,
                  std::unique_ptr<detail::SqlCursorState>& out) {
    auto state = std::make_unique<detail::SqlCursorState>();
    state->client = st;
    state->max_rows = max_rows;
    auto* tx = st->current_tx();
    if (tx) {
        q.tx_id = tx->id;
        state->channel = tx->channel;
    } else {
        state->channel = st->net->acquire_channel();
    }
    auto resp = st->call_plain(OpCode::QuerySqlFields,
                               [&](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) { q.encode(w, ctx); },
                               state->channel);
    auto r = resp.reader();
    auto first = protocol::decode_sql_fields_response(r, q.include_field_names);
    state->cursor_id = first.cursor_id;
    state->server_open = first.page.has_more;
    state->names = std::move(first.column_names);
    state->page = std::move(first.page);
    out = std::move(state);
    return SqlCursor(std::move(out));
}

}  // namespace

SqlCursor::SqlCursor(std::unique_ptr<detail::SqlCursorState> state) : state_(std::move(state)) {}
SqlCursor::SqlCursor(SqlCursor&&) noexcept = default;
SqlCursor& SqlCursor::operator=(SqlCursor&& o) noexcept {
    if (this != &o) {
        close();
        state_ = std::move(o.state_);
    }
    return *this;
}
SqlCursor::~SqlCursor() { close(); }

void SqlCursor::close() {
    if (state_ && state_->server_open) {
        state_->server_open = false;
        detail::close_cursor(*state_->client, state_->channel, state_->cursor_id);
    }
    if (state_) state_->done = true;
}

const std::vector<std::string>& SqlCursor::column_names() const { return state_->names; }

SqlCursor::iterator SqlCursor::begin() {
    if (state_->started) throw Error("an SQL cursor can be iterated only once");
    state_->started = true;
    state_->row = 0;
    // Skip to the first available row (the first page may be empty while more pages exist).
    while (state_->page.row_count() == 0 && state_->server_open) {
        auto id = state_->cursor_id;
        auto resp = state_->client->call_plain(
            OpCode::QuerySqlFieldsCursorGetPage,
            [id](protocol::ByteWriter& w, const protocol::ProtocolContext&) { protocol::encode_resource_id(w, id); },
            state_->channel);
        auto r = resp.reader();
        protocol::decode_sql_fields_page(r, state_->page);
        state_->server_open = state_->page.has_more;
    }
    if (state_->page.row_count() == 0 || (state_->max_rows && *state_->max_rows <= 0)) {
        close();
        return end();
    }
    state_->delivered = 1;
    return iterator(this);
}

SqlRow SqlCursor::current() const {
    auto cols = static_cast<std::size_t>(state_->page.column_count);
    return SqlRow(std::span<const Value>(state_->page.cells).subspan(state_->row * cols, cols));
}

bool SqlCursor::advance() {
    auto& s = *state_;
    if (s.max_rows && s.delivered >= *s.max_rows) {
        close();
        return false;
    }
    if (++s.row < s.page.row_count()) {
        ++s.delivered;
        return true;
    }
    while (s.server_open) {
        auto id = s.cursor_id;
        auto resp = s.client->call_plain(
            OpCode::QuerySqlFieldsCursorGetPage,
            [id](protocol::ByteWriter& w, const protocol::ProtocolContext&) { protocol::encode_resource_id(w, id); },
            s.channel);
        auto r = resp.reader();
        protocol::decode_sql_fields_page(r, s.page);
        // The server releases the cursor itself after sending its last page.
        s.server_open = s.page.has_more;
        s.row = 0;
        if (s.page.row_count() > 0) {
            ++s.delivered;
            return true;
        }
    }
    s.done = true;
    return false;
}

std::vector<std::vector<Value>> SqlCursor::all() {
    std::vector<std::vector<Value>> rows;
    for (auto row : *this) rows.emplace_back(row.begin(), row.end());
    return rows;
}

SqlCursor Client::sql(std::string query, std::vector<Value> args, SqlOptions options) const {
    auto& st = state();
    (void)st;
    std::unique_ptr<detail::SqlCursorState> holder;
    return run_sql(state_, make_query(0, std::move(query), std::move(args), options, true), options.max_rows, holder);
}

SqlCursor Cache::sql(std::string query, std::vector<Value> args, SqlOptions options) const {
    std::unique_ptr<detail::SqlCursorState> holder;
    return run_sql(state_, make_query(id_, std::move(query), std::move(args), options, false), options.max_rows, holder);
}

}  // namespace kindling::kvapi
