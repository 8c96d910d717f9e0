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
    static_cast<protocol::SqlFlags&>(q) = protocol::SqlFlags{.distributed_joins = o.distributed_joins,
                                                            .enforce_join_order = o.enforce_join_order,
                                                            .collocated = o.collocated,
                                                            .lazy = o.lazy,
                                                            .replicated_only = o.replicated_only};
    q.local = o.local;
    q.timeout_ms = o.timeout.count();
    q.include_field_names = o.include_field_names;
    return q;
}

// Moves the cursor's current row out of the page into an owning SqlRow (each cell is read once).
void take_row(detail::SqlCursorState& s) {
    auto& page = s.cursor.page();
    auto cols = static_cast<std::size_t>(page.column_count);
    auto first = page.cells.begin() + static_cast<std::ptrdiff_t>(s.row * cols);
    s.current = SqlRow(std::vector<Value>(std::make_move_iterator(first), std::make_move_iterator(first + static_cast<std::ptrdiff_t>(cols))));
}

void validate(const std::string& query, const SqlOptions& o) {
    if (query.empty()) throw UsageError("an SQL query must not be empty");
    detail::require_positive(o.page_size, "SqlOptions::page_size");
    detail::require_not_negative(o.timeout, "SqlOptions::timeout");
    if (o.max_rows && *o.max_rows < 0) throw UsageError("SqlOptions::max_rows must not be negative");
    if (o.schema && o.schema->empty()) throw UsageError("SqlOptions::schema must not be empty when set");
}

SqlCursor run_sql(const std::shared_ptr<detail::ClientState>& st, protocol::SqlFieldsQuery q, std::optional<std::int64_t> max_rows) {
    auto state = std::make_unique<detail::SqlCursorState>();
    state->max_rows = max_rows;
    // Inside a transaction the query runs on its connection (and carries its id when the server
    // has TX_AWARE_QUERIES); the cursor's pages come from the connection that holds it.
    auto tx = st->current_tx();
    if (tx) q.tx_id = tx->id;
    state->cursor = net::SqlFieldsCursor::execute(st->net, q, tx ? tx->channel : nullptr);
    return SqlCursor(std::move(state));
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
    if (!state_) return;
    state_->cursor.close();  // at most once, never for a cursor the server released
    state_->done = true;
}

const std::vector<std::string>& SqlCursor::column_names() const { return state_->cursor.column_names(); }

SqlCursor::iterator SqlCursor::begin() {
    if (state_->started) throw UsageError("an SQL cursor can be iterated only once");
    state_->started = true;
    state_->row = 0;
    auto& cursor = state_->cursor;
    // Skip to the first available row (the first page may be empty while more pages exist).
    while (cursor.page().row_count() == 0 && cursor.next_page()) {
    }
    if (cursor.page().row_count() == 0 || (state_->max_rows && *state_->max_rows <= 0)) {
        close();
        return end();
    }
    state_->delivered = 1;
    take_row(*state_);
    return iterator(this);
}

const SqlRow& SqlCursor::current() const { return state_->current; }

bool SqlCursor::advance() {
    auto& s = *state_;
    if (s.max_rows && s.delivered >= *s.max_rows) {
        close();
        return false;
    }
    if (++s.row < s.cursor.page().row_count()) {
        ++s.delivered;
        take_row(s);
        return true;
    }
    // The server releases the cursor itself after sending its last page.
    while (s.cursor.next_page()) {
        s.row = 0;
        if (s.cursor.page().row_count() > 0) {
            ++s.delivered;
            take_row(s);
            return true;
        }
    }
    s.done = true;
    return false;
}

std::vector<SqlRow> SqlCursor::all() {
    std::vector<SqlRow> rows;
    for (auto it = begin(); it != end(); ++it) rows.push_back(std::move(state_->current));
    return rows;
}

SqlCursor Client::sql(std::string query, std::vector<Value> args, SqlOptions options) const {
    validate(query, options);
    state();  // ConnectionError when not connected
    return run_sql(state_, make_query(0, std::move(query), std::move(args), options, true), options.max_rows);
}

SqlCursor Cache::sql(std::string query, std::vector<Value> args, SqlOptions options) const {
    validate(query, options);
    return run_sql(state_, make_query(id_, std::move(query), std::move(args), options, false), options.max_rows);
}

}  // namespace kindling::kvapi
