#include "kindling/net/cursor.hpp"

namespace kindling::net {

QueryCursor::QueryCursor(std::shared_ptr<ClusterClient> client, std::shared_ptr<Channel> channel, std::int64_t id, bool server_open)
    : client_(std::move(client)), channel_(std::move(channel)), id_(id), server_open_(server_open) {}

QueryCursor::QueryCursor(QueryCursor&& other) noexcept
    : client_(std::move(other.client_)), channel_(std::move(other.channel_)), id_(other.id_),
      server_open_(std::exchange(other.server_open_, false)) {}

QueryCursor& QueryCursor::operator=(QueryCursor&& other) noexcept {
    if (this != &other) {
        close();
        client_ = std::move(other.client_);
        channel_ = std::move(other.channel_);
        id_ = other.id_;
        server_open_ = std::exchange(other.server_open_, false);
    }
    return *this;
}

QueryCursor::~QueryCursor() { close(); }

void QueryCursor::close() noexcept {
    // Cleared before the request: a failed close is not repeated (the server answers a second one
    // with "resource does not exist", and a dead connection already took the cursor).
    if (!std::exchange(server_open_, false) || !client_) return;
    try {
        call(*client_, protocol::ResourceClose{id_}, route());
    } catch (...) {
        // The connection may be gone, and the cursor with it.
    }
}

void QueryCursor::require_open() const {
    if (!server_open_)
        throw Error("cursor " + std::to_string(id_) + " has no more pages (the server released it or it was closed)");
}

SqlFieldsCursor SqlFieldsCursor::execute(std::shared_ptr<ClusterClient> client, const protocol::SqlFieldsQuery& query,
                                         std::shared_ptr<Channel> channel) {
    // The cursor's pages must come from the connection that holds it: pin one for the first request.
    if (!channel) channel = client->acquire_channel();
    auto first = call(*client, query, pinned(channel));
    return SqlFieldsCursor(std::move(client), std::move(channel), std::move(first));
}

SqlFieldsCursor::SqlFieldsCursor(std::shared_ptr<ClusterClient> client, std::shared_ptr<Channel> channel,
                                 protocol::SqlFieldsFirstPage first)
    : cursor_(std::move(client), std::move(channel), first.cursor_id, first.page.has_more),
      names_(std::move(first.column_names)), page_(std::move(first.page)) {}

bool SqlFieldsCursor::next_page() {
    if (!cursor_.server_open()) {
        page_.cells.clear();
        page_.has_more = false;
        return false;
    }
    auto columns = page_.column_count;
    page_ = cursor_.next_page(protocol::SqlFieldsCursorGetPage{cursor_.id(), columns});
    return true;
}

std::vector<std::vector<Value>> SqlFieldsCursor::remaining_rows() {
    std::vector<std::vector<Value>> rows;
    const auto cols = static_cast<std::size_t>(page_.column_count);
    do {
        for (std::size_t r = 0; r < page_.row_count(); ++r) {
            auto begin = page_.cells.begin() + static_cast<std::ptrdiff_t>(r * cols);
            rows.emplace_back(std::make_move_iterator(begin), std::make_move_iterator(begin + static_cast<std::ptrdiff_t>(cols)));
        }
    } while (next_page());
    return rows;
}

}  // namespace kindling::net
