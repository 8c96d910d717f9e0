#pragma once
// OP_QUERY_SQL_FIELDS (2004), its cursor pages (2005) and OP_RESOURCE_CLOSE (0), facts §6.1–6.2,
// sans-io, as typed messages (request.hpp):
//
//   auto first = net::call(client, query, route);                                   // SqlFieldsFirstPage
//   auto next = net::call(client, SqlFieldsCursorGetPage{first.cursor_id, first.page.column_count}, route);
//   net::call(client, ResourceClose{first.cursor_id}, route);  // only while the server holds the cursor
//
// The cursor over these (pinned channel, paging, close exactly once) is net::QueryCursor.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/cache_header.hpp"
#include "kindling/protocol/op_code.hpp"
#include "kindling/protocol/protocol_context.hpp"
#include "kindling/protocol/request.hpp"
#include "kindling/protocol/sql_flags.hpp"
#include "kindling/protocol/value.hpp"

namespace kindling::protocol {

enum class StatementType : std::int8_t { Any = 0, Select = 1, Update = 2 };

struct SqlFieldsFirstPage;

// The five flags are the SqlFlags base: `q.lazy = true` and `q.flags() = settings.flags` both work.
struct SqlFieldsQuery : SqlFlags {
    static constexpr OpCode op = OpCode::QuerySqlFields;
    using Reply = SqlFieldsFirstPage;

    std::int32_t cache_id = 0;            // 0: no cache, the schema decides
    std::optional<std::int32_t> tx_id;    // sent only when TX_AWARE_QUERIES was negotiated
    std::optional<std::string> schema = std::string("PUBLIC");
    std::int32_t page_size = 1024;
    std::int32_t max_rows = -1;           // the server ignores it: clients enforce it
    std::string sql;
    std::vector<Value> args;
    StatementType statement_type = StatementType::Any;
    bool local = false;
    std::int64_t timeout_ms = 0;          // 0: no timeout
    bool include_field_names = true;
    std::vector<std::int32_t> partitions; // empty: all
    std::int32_t update_batch_size = 1;

    // A query is not a value to compare (the inherited comparison would look at the flags only).
    bool operator==(const SqlFieldsQuery&) const = delete;
    SqlFlags& flags() noexcept { return *this; }
    const SqlFlags& flags() const noexcept { return *this; }

    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    // The reply's layout depends on include_field_names.
    SqlFieldsFirstPage decode(ByteReader& r, const ProtocolContext& ctx) const;
};

// One page of rows, decoded into a flat, reusable buffer (row-major): no allocation per row.
struct SqlPage {
    std::int32_t column_count = 0;
    std::vector<Value> cells;  // row_count * column_count
    bool has_more = false;
    std::size_t row_count() const noexcept { return column_count ? cells.size() / static_cast<std::size_t>(column_count) : 0; }
    const Value& at(std::size_t row, std::size_t col) const { return cells[row * static_cast<std::size_t>(column_count) + col]; }
};

struct SqlFieldsFirstPage {
    std::int64_t cursor_id = 0;
    std::vector<std::string> column_names;  // empty unless include_field_names
    SqlPage page;
};

// Decodes the reply to OP_QUERY_SQL_FIELDS.
SqlFieldsFirstPage decode_sql_fields_response(ByteReader& r, bool include_field_names);
// Decodes a reply to OP_QUERY_SQL_FIELDS_CURSOR_GET_PAGE into `page` (its column count is kept).
void decode_sql_fields_page(ByteReader& r, SqlPage& page);

// Payload of the cursor ops (get page / resource close): the cursor id.
void encode_resource_id(ByteWriter& w, std::int64_t id);

// The next page of an open SQL fields cursor. The page carries no column count: the first reply's
// is given here.
struct SqlFieldsCursorGetPage {
    static constexpr OpCode op = OpCode::QuerySqlFieldsCursorGetPage;
    using Reply = SqlPage;
    std::int64_t cursor_id = 0;
    std::int32_t column_count = 0;
    void encode(ByteWriter& w, const ProtocolContext&) const { encode_resource_id(w, cursor_id); }
    Reply decode(ByteReader& r, const ProtocolContext&) const {
        SqlPage page;
        page.column_count = column_count;
        decode_sql_fields_page(r, page);
        return page;
    }
};

// Releases a server resource (a query cursor, a continuous query). A cursor whose last page was
// sent is already released by the server: closing it again is an error there.
struct ResourceClose {
    static constexpr OpCode op = OpCode::ResourceClose;
    using Reply = NoReply;
    std::int64_t resource_id = 0;
    void encode(ByteWriter& w, const ProtocolContext&) const { encode_resource_id(w, resource_id); }
    static Reply decode(ByteReader&, const ProtocolContext&) { return {}; }
};

static_assert(Message<SqlFieldsQuery> && Message<SqlFieldsCursorGetPage> && Message<ResourceClose>);

}  // namespace kindling::protocol
