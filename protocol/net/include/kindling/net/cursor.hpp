#pragma once
// A server-side query cursor: what every paged reply of the thin protocol leaves behind (SQL fields
// queries, scan queries). The cursor lives on one connection (its id means nothing on another), the
// server keeps it until it sends the last page (has_more = false) or is told ResourceClose, and
// closing it twice is an error there. QueryCursor holds exactly that: the pinned channel, the id,
// whether the server still holds it; it fetches pages with any page message and sends
// ResourceClose at most once (close() or the destructor), never for a cursor the server released.
//
// Any paged operation (a scan: first reply = cursor id + rows + has_more, pages by
// OP_QUERY_SCAN_CURSOR_GET_PAGE):
//
//   auto ch = client->acquire_channel();
//   auto first = net::call(*client, protocol::ScanQuery{...}, net::pinned(ch));      // ScanFirstPage
//   net::QueryCursor cursor(client, ch, first.cursor_id, first.page.has_more);
//   ... first.page.entries ...
//   while (cursor.server_open()) {
//       auto page = cursor.next_page(protocol::ScanCursorGetPage{.cursor_id = cursor.id()});  // ScanPage
//       ... page.entries ...
//   }   // abandoned early: ~QueryCursor (or close()) sends the one ResourceClose
//
// SQL fields queries have their own front (SqlFieldsCursor below): column names, the current page,
// and every row to the end.
//
// Not thread-safe: one owner at a time (move it between threads, do not share it).
#include <concepts>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "kindling/net/cluster_client.hpp"
#include "kindling/net/typed_call.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/request.hpp"
#include "kindling/protocol/sql_fields_query.hpp"
#include "kindling/protocol/value.hpp"

namespace kindling::net {

// The route of a request that must go to `channel` (a cursor's, a transaction's).
inline Route pinned(std::shared_ptr<Channel> channel) {
    Route r;
    r.channel = std::move(channel);
    return r;
}

// A reply that says whether the server has more pages after it.
template <class R>
concept PagedReply = requires(const R& r) {
    { r.has_more } -> std::convertible_to<bool>;
};

class QueryCursor {
public:
    QueryCursor() = default;  // no cursor
    // Takes over the cursor the server opened on `channel`; `server_open` is the first reply's
    // has_more (a cursor whose first page was its last is already released, and never closed).
    QueryCursor(std::shared_ptr<ClusterClient> client, std::shared_ptr<Channel> channel, std::int64_t id, bool server_open);
    QueryCursor(QueryCursor&& other) noexcept;
    QueryCursor& operator=(QueryCursor&& other) noexcept;  // closes the cursor it held first
    QueryCursor(const QueryCursor&) = delete;
    QueryCursor& operator=(const QueryCursor&) = delete;
    ~QueryCursor();  // close()

    std::int64_t id() const noexcept { return id_; }
    const std::shared_ptr<Channel>& channel() const noexcept { return channel_; }
    // The server holds the cursor: more pages can be fetched, and closing it sends ResourceClose.
    bool server_open() const noexcept { return server_open_; }
    // The route of this cursor's requests (its channel).
    Route route() const { return pinned(channel_); }

    // Fetches the next page with the operation's page message (whose reply says has_more). After the
    // last page the server has released the cursor: server_open() turns false and close() sends
    // nothing. Throws Error when the server no longer holds the cursor, and the matching
    // kindling::Error when the request fails (a lost connection takes the cursor with it).
    template <protocol::Message M>
        requires PagedReply<typename M::Reply>
    typename M::Reply next_page(const M& page_request) {
        return next_page(page_request, [](const typename M::Reply& r) { return static_cast<bool>(r.has_more); });
    }
    // The same for a reply of another shape: `has_more(reply)` tells whether pages follow.
    template <protocol::Message M, class HasMore>
    typename M::Reply next_page(const M& page_request, HasMore has_more) {
        require_open();
        try {
            auto page = call(*client_, page_request, route());
            server_open_ = has_more(page);
            return page;
        } catch (const ConnectionError&) {
            server_open_ = false;  // the server drops a connection's cursors with it
            throw;
        }
    }

    // Sends ResourceClose if the server still holds the cursor, at most once; errors are swallowed
    // (a connection that is gone took the cursor with it). Idempotent.
    void close() noexcept;
    // Forgets the cursor without telling the server (it released it another way).
    void release() noexcept { server_open_ = false; }

private:
    void require_open() const;

    std::shared_ptr<ClusterClient> client_;
    std::shared_ptr<Channel> channel_;
    std::int64_t id_ = 0;
    bool server_open_ = false;
};

// A SQL fields query's result: the first reply's column names and page, then the rest page by page
// over a QueryCursor on the same channel.
//
//   auto cursor = net::SqlFieldsCursor::execute(client, query);          // runs it
//   for (auto& row : cursor.remaining_rows()) ...                        // every row, all pages
//   // or page by page: cursor.page() ... while (cursor.next_page()) cursor.page() ...
class SqlFieldsCursor {
public:
    SqlFieldsCursor() = default;
    // Runs `query` on `channel` (nullptr: one the client picks, then pinned for the pages). Throws
    // the matching kindling::Error (SqlError for a statement the server refuses).
    static SqlFieldsCursor execute(std::shared_ptr<ClusterClient> client, const protocol::SqlFieldsQuery& query,
                                   std::shared_ptr<Channel> channel = nullptr);
    // Takes over a first reply received on `channel` (by a pipelined call_async, say).
    SqlFieldsCursor(std::shared_ptr<ClusterClient> client, std::shared_ptr<Channel> channel, protocol::SqlFieldsFirstPage first);

    // Empty unless the query asked for them (include_field_names).
    const std::vector<std::string>& column_names() const noexcept { return names_; }
    std::int32_t column_count() const noexcept { return page_.column_count; }
    // The current page: the first one after execute, then the one the last next_page() fetched.
    protocol::SqlPage& page() noexcept { return page_; }
    const protocol::SqlPage& page() const noexcept { return page_; }
    // Replaces page() with the next page; false (page() left empty) when the server has no more.
    bool next_page();
    // The rows of page() and every page after it, each as its own vector; the cursor ends released.
    std::vector<std::vector<Value>> remaining_rows();

    bool server_open() const noexcept { return cursor_.server_open(); }
    const std::shared_ptr<Channel>& channel() const noexcept { return cursor_.channel(); }
    std::int64_t id() const noexcept { return cursor_.id(); }
    void close() noexcept { cursor_.close(); }  // exactly once; also on destruction

private:
    QueryCursor cursor_;
    std::vector<std::string> names_;
    protocol::SqlPage page_;
};

}  // namespace kindling::net
