// The open result set: its pages of rows from the server, SQLFetch into the bound columns,
// SQLGetData, and closing the server's cursor.
#include "conversions.hpp"
#include "descriptor.hpp"
#include "handles.hpp"
#include "statement_text.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::odbc {

void Statement::set_catalog_result(std::vector<ColumnInfo> cols, std::vector<std::vector<Value>> rows) {
    close_cursor();
    result_columns() = std::move(cols);
    catalog_result = true;
    result_active = true;
    // One page, and no server cursor behind it.
    auto& p = page();
    p.column_count = static_cast<std::int32_t>(result_columns().size());
    for (auto& r : rows)
        for (auto& v : r) p.cells.push_back(std::move(v));
    page_row = 0;
    before_first = true;
    fetched = 0;
    row_count = static_cast<SQLLEN>(p.row_count());
}

bool Statement::next_row() {
    if (before_first) {
        before_first = false;
        page_row = 0;
    } else {
        ++page_row;
    }
    if (max_rows && fetched >= max_rows) {
        close_cursor();
        return false;
    }
    while (page_row >= page().row_count()) {
        // After its last page the server has released the cursor: it is never closed again.
        if (!cursor.next_page()) return false;
        page_row = 0;
    }
    ++fetched;
    return true;
}

const Value& Statement::cell(std::size_t col) const { return page().at(page_row, col); }

const Value& Statement::wall_clock(const Value& raw, Value& scratch) const {
    // Only date/time values change, and only with a non-UTC server: no copy on the common path.
    if (!conn->server_zone || !(raw.is<Date>() || raw.is<Timestamp>() || raw.is<Time>())) return raw;
    scratch = conn->to_wall_clock(raw);
    return scratch;
}

SQLRETURN Statement::fetch() {
    if (!result_active) throw OdbcError("24000", "no open cursor: the statement has no result set");
    const auto& rows = ard();
    const auto& cols = rows.records;
    const auto& described = result_columns();
    SQLUSMALLINT* const row_status = ird().array_status_ptr;
    const SQLULEN row_array_size = rows.array_size;
    const SQLULEN bind_type = rows.bind_type;
    const std::size_t len_elem = bind_type == SQL_BIND_BY_COLUMN ? sizeof(SQLLEN) : bind_type;
    SQLULEN n = 0;
    bool info = false;
    for (SQLULEN r = 0; r < row_array_size; ++r) {
        if (!next_row()) break;
        SQLUSMALLINT status = SQL_ROW_SUCCESS;
        for (std::size_t c = 1; c < cols.size() && c <= described.size(); ++c) {
            const auto& b = cols[c];
            if (!b.bound()) continue;
            SQLLEN off = rows.bind_offset_ptr ? *rows.bind_offset_ptr : 0;
            std::size_t elem = bind_type == SQL_BIND_BY_COLUMN
                                   ? (fixed_size(b.concise_type) ? fixed_size(b.concise_type) : static_cast<std::size_t>(b.octet_length))
                                   : bind_type;
            auto step = [&](SQLLEN* p) { return p ? reinterpret_cast<SQLLEN*>(reinterpret_cast<char*>(p) + off + r * len_elem) : nullptr; };
            char* buf = b.data_ptr ? static_cast<char*>(b.data_ptr) + off + r * elem : nullptr;
            // The length goes to the octet-length pointer and NULL to the indicator; with one
            // pointer for both (SQLBindCol) or only one of them, that one gets either.
            SQLLEN* len = step(b.octet_length_ptr);
            SQLLEN* ind = b.indicator_ptr == b.octet_length_ptr ? len : step(b.indicator_ptr);
            SQLLEN* len_out = len ? len : ind;
            auto c_type = b.concise_type == SQL_C_DEFAULT ? default_c_type(described[c - 1].sql_type) : b.concise_type;
            bool truncated = false;
            try {
                Value scratch;
                const auto& v = wall_clock(cell(c - 1), scratch);
                const bool null = v.is_null();
                write_c_value(v, c_type, buf, b.octet_length, null ? (ind ? ind : len) : len_out, nullptr, &truncated);
                if (!null && ind && ind != len_out) *ind = 0;
            } catch (const OdbcError& e) {
                if (row_array_size == 1) throw;
                diag.add(e.sqlstate(), e.what());
                status = SQL_ROW_ERROR;
            }
            if (truncated) {
                info = true;
                if (status == SQL_ROW_SUCCESS) status = SQL_ROW_SUCCESS_WITH_INFO;
                diag.add("01004", "string data, right truncated (column " + std::to_string(c) + ")");
            }
        }
        if (row_status) row_status[r] = status;
        ++n;
    }
    if (row_status)
        for (SQLULEN r = n; r < row_array_size; ++r) row_status[r] = SQL_ROW_NOROW;
    if (auto* fetched_out = ird().rows_processed_ptr) *fetched_out = n;
    getdata_col = 0;
    getdata_offset = 0;
    if (n == 0) return SQL_NO_DATA;
    return info ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}

SQLRETURN Statement::get_data(SQLUSMALLINT col, SQLSMALLINT c_type, SQLPOINTER buf, SQLLEN len, SQLLEN* ind) {
    if (!result_active || before_first || page_row >= page().row_count())
        throw OdbcError("24000", "SQLGetData needs a fetched row");
    if (col == 0 || col > result_columns().size())
        throw OdbcError("07009", "column " + std::to_string(col) + " does not exist (the result has " +
                                     std::to_string(result_columns().size()) + " columns)");
    if (col != getdata_col) {
        getdata_col = col;
        getdata_offset = 0;
    }
    if (c_type == SQL_C_DEFAULT) c_type = default_c_type(result_columns()[col - 1].sql_type);
    bool truncated = false;
    Value scratch;
    auto rc = write_c_value(wall_clock(cell(col - 1), scratch), c_type, buf, len, ind, &getdata_offset, &truncated);
    if (truncated) diag.add("01004", "string data, right truncated");
    return rc;
}

void Statement::discard_results() {
    queued.clear();
    close_cursor();
}

void Statement::close_cursor() {
    cursor = {};  // the server's cursor, if it still holds one, is closed (once) by the one it replaces
    result_active = false;
}

}  // namespace kindling::odbc
