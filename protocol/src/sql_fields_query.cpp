#include "kindling/protocol/sql_fields_query.hpp"

#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::protocol {

void SqlFieldsQuery::encode(ByteWriter& w, const ProtocolContext& ctx) const {
    CacheHeader hdr;
    hdr.cache_id = cache_id;
    // Older servers do not read a tx id in SQL requests: sending one would corrupt the request.
    if (tx_id && ctx.has(Feature::TxAwareQueries)) hdr.tx_id = tx_id;
    hdr.encode(w, ctx);
    write_nullable_string(w, schema);
    if (page_size <= 0) throw std::invalid_argument("SQL page size must be positive");
    w.write_i32(page_size);
    w.write_i32(max_rows);
    write_string(w, sql);
    w.write_i32(static_cast<std::int32_t>(args.size()));
    for (const auto& a : args) write_value(w, a);
    w.write_i8(static_cast<std::int8_t>(statement_type));
    w.write_bool(distributed_joins);
    w.write_bool(local);
    w.write_bool(replicated_only);
    w.write_bool(enforce_join_order);
    w.write_bool(collocated);
    w.write_bool(lazy);
    w.write_i64(timeout_ms);
    w.write_bool(include_field_names);
    if (ctx.has(Feature::QueryPartitionsBatchSize)) {
        if (partitions.empty()) {
            w.write_i32(-1);
        } else {
            w.write_i32(static_cast<std::int32_t>(partitions.size()));
            for (auto p : partitions) w.write_i32(p);
        }
        w.write_i32(update_batch_size);
    }
}

SqlFieldsFirstPage SqlFieldsQuery::decode(ByteReader& r, const ProtocolContext&) const {
    return decode_sql_fields_response(r, include_field_names);
}

void decode_sql_fields_page(ByteReader& r, SqlPage& page) {
    auto rows = r.read_i32();
    if (rows < 0) throw ProtocolError("negative row count in a SQL page");
    auto cols = static_cast<std::size_t>(page.column_count);
    // Each cell takes at least one byte: a lying row count cannot make us allocate more than that.
    if (cols && static_cast<std::size_t>(rows) > r.remaining() / cols)
        throw ProtocolError("SQL page claims " + std::to_string(rows) + " rows but has only " +
                            std::to_string(r.remaining()) + " bytes");
    page.cells.clear();
    page.cells.reserve(static_cast<std::size_t>(rows) * cols);
    for (std::size_t i = 0; i < static_cast<std::size_t>(rows) * cols; ++i) page.cells.push_back(read_value(r));
    page.has_more = r.read_bool();
}

SqlFieldsFirstPage decode_sql_fields_response(ByteReader& r, bool include_field_names) {
    SqlFieldsFirstPage first;
    first.cursor_id = r.read_i64();
    auto cols = r.read_i32();
    if (cols < 0) throw ProtocolError("negative column count in a SQL reply");
    first.page.column_count = cols;
    if (include_field_names) {
        if (static_cast<std::size_t>(cols) > r.remaining()) throw ProtocolError("SQL reply column count exceeds its data");
        first.column_names.reserve(static_cast<std::size_t>(cols));
        for (std::int32_t i = 0; i < cols; ++i) first.column_names.push_back(read_string(r));
    }
    decode_sql_fields_page(r, first.page);
    return first;
}

void encode_resource_id(ByteWriter& w, std::int64_t id) { w.write_i64(id); }

}  // namespace kindling::protocol
