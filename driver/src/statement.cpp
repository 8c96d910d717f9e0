#include <algorithm>
#include <cctype>
#include <cstring>
#include <future>
#include <optional>

#include "conversions.hpp"
#include "handles.hpp"
#include "escapes.hpp"
#include "metadata.hpp"
#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::odbc {

namespace {

// Skips blanks and SQL comments; returns the first keyword in upper case.
std::string first_keyword(const std::string& sql) {
    std::size_t i = 0;
    while (i < sql.size()) {
        if (std::isspace(static_cast<unsigned char>(sql[i])) || sql[i] == '(') { ++i; continue; }
        if (sql.compare(i, 2, "--") == 0) { i = sql.find('\n', i); if (i == std::string::npos) return {}; continue; }
        if (sql.compare(i, 2, "/*") == 0) { i = sql.find("*/", i); if (i == std::string::npos) return {}; i += 2; continue; }
        break;
    }
    std::string kw;
    while (i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i]))) kw += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i++])));
    return kw;
}

bool is_query(const std::string& sql) {
    auto kw = first_keyword(sql);
    return kw == "SELECT" || kw == "WITH" || kw == "EXPLAIN" || kw == "VALUES" || kw == "TABLE" || kw == "SHOW" || kw.empty();
}

// Counts '?' markers outside quotes and comments.
std::size_t count_markers(const std::string& sql) {
    std::size_t n = 0;
    char quote = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        char c = sql[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            i = sql.find('\n', i);
            if (i == std::string::npos) break;
        } else if (c == '?') {
            ++n;
        }
    }
    return n;
}

std::size_t fixed_size(SQLSMALLINT c_type) {
    switch (c_type) {
        case SQL_C_STINYINT: case SQL_C_TINYINT: case SQL_C_UTINYINT: case SQL_C_BIT: return 1;
        case SQL_C_SSHORT: case SQL_C_SHORT: case SQL_C_USHORT: return 2;
        case SQL_C_SLONG: case SQL_C_LONG: case SQL_C_ULONG: case SQL_C_FLOAT: return 4;
        case SQL_C_SBIGINT: case SQL_C_UBIGINT: case SQL_C_DOUBLE: return 8;
        case SQL_C_TYPE_DATE: case SQL_C_DATE: return sizeof(SQL_DATE_STRUCT);
        case SQL_C_TYPE_TIME: case SQL_C_TIME: return sizeof(SQL_TIME_STRUCT);
        case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP: return sizeof(SQL_TIMESTAMP_STRUCT);
        case SQL_C_GUID: return sizeof(SQLGUID);
        case SQL_C_NUMERIC: return sizeof(SQL_NUMERIC_STRUCT);
        default: return 0;
    }
}

}  // namespace

Statement::~Statement() { close_cursor(); }

std::size_t Statement::param_count() const { return count_markers(sql); }

void Statement::prepare(std::string text) {
    close_cursor();
    sql = translate_escapes(text);
    prepared = true;
    executed = false;
    row_count = -1;
    result_columns.clear();
}

std::vector<Value> Statement::bound_parameters(std::size_t row) const {
    auto n = param_count();
    std::vector<Value> args;
    args.reserve(n);
    for (std::size_t i = 1; i <= n; ++i) {
        if (i >= params.size() || (!params[i].buffer && !params[i].indicator))
            throw OdbcError("07002", "parameter " + std::to_string(i) + " is not bound (the statement has " + std::to_string(n) + " markers)");
        const auto& b = params[i];
        std::size_t elem = param_bind_type == SQL_PARAM_BIND_BY_COLUMN
                               ? (fixed_size(b.c_type) ? fixed_size(b.c_type) : static_cast<std::size_t>(b.buffer_length))
                               : param_bind_type;
        auto* buf = b.buffer ? static_cast<const char*>(b.buffer) + row * elem : nullptr;
        const SQLLEN* ind = b.indicator ? reinterpret_cast<const SQLLEN*>(reinterpret_cast<const char*>(b.indicator) +
                                                                         row * (param_bind_type == SQL_PARAM_BIND_BY_COLUMN ? sizeof(SQLLEN) : param_bind_type))
                                        : nullptr;
        SQLLEN indv = ind ? *ind : (b.c_type == SQL_C_CHAR || b.c_type == SQL_C_WCHAR ? SQL_NTS : 0);
        if (indv == SQL_DATA_AT_EXEC || indv <= SQL_LEN_DATA_AT_EXEC_OFFSET)
            throw OdbcError("HYC00", "data-at-execution parameters are not supported yet");
        if (!buf && indv != SQL_NULL_DATA) throw OdbcError("HY009", "parameter " + std::to_string(i) + " has no buffer");
        args.push_back(read_c_value(b.c_type, b.sql_type, buf, b.buffer_length, indv));
    }
    return args;
}

protocol::SqlFieldsQuery Statement::base_query(const std::string& text, std::vector<Value> args) const {
    const auto& s = conn->settings;
    protocol::SqlFieldsQuery q;
    q.schema = s.schema;
    q.page_size = s.page_size;
    q.sql = text;
    q.args = std::move(args);
    q.distributed_joins = s.distributed_joins;
    q.enforce_join_order = s.enforce_join_order;
    q.replicated_only = s.replicated_only;
    q.collocated = s.collocated;
    q.lazy = s.lazy;
    auto timeout_s = query_timeout ? static_cast<std::int64_t>(query_timeout) : s.query_timeout_s;
    q.timeout_ms = timeout_s * 1000;
    q.include_field_names = true;
    return q;
}

void Statement::run_query(const std::string& text, std::vector<Value> args) {
    const auto& s = conn->settings;
    auto q = base_query(text, std::move(args));
    auto kw = first_keyword(text);
    bool ddl = kw == "CREATE" || kw == "DROP" || kw == "ALTER";
    // DDL is not transactional: with autocommit off the open transaction is committed first.
    if (ddl && conn->tx_id) conn->end_transaction(true);
    if (!s.query_engine.empty()) {
        // The engine is chosen by a hint right after the first keyword.
        auto pos = text.find_first_not_of(" \t\r\n(");
        if (!kw.empty() && pos != std::string::npos)
            q.sql = text.substr(0, pos + kw.size()) + " /*+ QUERY_ENGINE('" + s.query_engine + "') */" + text.substr(pos + kw.size());
    }
    if (auto tx = ddl ? std::nullopt : conn->transaction_for_statement()) {
        q.tx_id = tx;
        channel = conn->tx_channel;
    } else {
        channel = conn->cluster().acquire_channel();
    }
    auto resp = conn->cluster().request(
        OpCode::QuerySqlFields, [&](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) { q.encode(w, ctx); },
        net::Route{{}, nullptr, channel});
    auto r = resp.reader();
    auto first = protocol::decode_sql_fields_response(r, true);
    cursor_id = first.cursor_id;
    server_open = first.page.has_more;
    page = std::move(first.page);
    page_row = 0;
    before_first = true;
    fetched = 0;
    catalog_result = false;
    if (is_query(text)) {
        result_active = true;
        result_columns.clear();
        for (auto& n : first.column_names) {
            ColumnInfo c;
            c.name = n;
            result_columns.push_back(std::move(c));
        }
        infer_column_types();
        apply_table_metadata(*conn, text, result_columns);
        row_count = -1;
    } else {
        // DML and DDL answer with one row, one column "UPDATED": the affected row count.
        row_count = page.row_count() == 1 && page.column_count == 1 && page.at(0, 0).is<std::int64_t>()
                        ? static_cast<SQLLEN>(page.at(0, 0).get<std::int64_t>())
                        : 0;
        if (server_open) close_cursor();
        if (ddl) conn->table_columns.clear();
        result_active = false;
        server_open = false;
    }
}

void Statement::infer_column_types() {
    for (std::size_t c = 0; c < result_columns.size(); ++c) {
        auto& col = result_columns[c];
        for (std::size_t r = 0; r < page.row_count(); ++r) {
            const auto& v = page.at(r, c);
            if (!v.is_null()) {
                describe_type_code(v.type_code(), col);
                if (auto s = v.get_if<std::string>(); s && s->size() > col.column_size) col.column_size = s->size();
                break;
            }
        }
    }
}

void Statement::describe() {
    if (!prepared || executed || !result_columns.empty() || !is_query(sql)) return;
    auto q = base_query(sql, std::vector<Value>(param_count(), Value{}));
    q.page_size = 1;
    auto ch = conn->cluster().acquire_channel();
    auto resp = conn->cluster().request(
        OpCode::QuerySqlFields, [&](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) { q.encode(w, ctx); },
        net::Route{{}, nullptr, ch});
    auto r = resp.reader();
    auto first = protocol::decode_sql_fields_response(r, true);
    if (first.page.has_more) {
        auto id = first.cursor_id;
        conn->cluster().request(OpCode::ResourceClose,
                                [id](protocol::ByteWriter& w, const protocol::ProtocolContext&) { protocol::encode_resource_id(w, id); },
                                net::Route{{}, nullptr, ch});
    }
    for (auto& n : first.column_names) {
        ColumnInfo c;
        c.name = n;
        result_columns.push_back(std::move(c));
    }
    page = std::move(first.page);  // typed from its row if it has one
    infer_column_types();
    page = {};
    apply_table_metadata(*conn, sql, result_columns);
}

void Statement::execute() {
    if (!prepared) throw OdbcError("HY010", "SQLExecute called before SQLPrepare");
    close_cursor();
    executed = true;
    if (paramset_size <= 1) {
        run_query(sql, bound_parameters(0));
        if (params_processed_ptr) *params_processed_ptr = 1;
        return;
    }
    // Parameter arrays: every row is its own request, all sent back to back on one connection
    // (pipelined, no round trip per row); a failing row is marked SQL_PARAM_ERROR alone and the
    // processed count is exact.
    if (is_query(sql)) throw OdbcError("HYC00", "parameter arrays are supported for DML only (SQL_PAS_NO_SELECT)");
    auto tx = conn->transaction_for_statement();
    channel = tx ? conn->tx_channel : conn->cluster().acquire_channel();
    std::vector<std::future<net::Response>> pending;
    pending.reserve(paramset_size);
    SQLULEN prepared_rows = 0;
    std::optional<OdbcError> bad_row;
    for (SQLULEN row = 0; row < paramset_size; ++row) {
        protocol::SqlFieldsQuery q;
        try {
            q = base_query(sql, bound_parameters(row));
            q.tx_id = tx;
        } catch (const OdbcError& e) {
            bad_row = e;  // a conversion error stops the array at this row, as the spec allows
            break;
        }
        pending.push_back(channel->send(OpCode::QuerySqlFields,
                                        [&q](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) { q.encode(w, ctx); }));
        ++prepared_rows;
    }
    SQLLEN total = 0;
    std::string first_state, first_error;
    for (SQLULEN row = 0; row < prepared_rows; ++row) {
        try {
            auto resp = channel->receive(pending[row], OpCode::QuerySqlFields, std::chrono::milliseconds(0));
            auto r = resp.reader();
            auto first = protocol::decode_sql_fields_response(r, true);
            if (first.page.row_count() == 1 && first.page.column_count == 1 && first.page.at(0, 0).is<std::int64_t>())
                total += static_cast<SQLLEN>(first.page.at(0, 0).get<std::int64_t>());
            if (param_status_ptr) param_status_ptr[row] = SQL_PARAM_SUCCESS;
        } catch (const SqlError& e) {
            if (first_error.empty()) { first_state = e.sqlstate(); first_error = e.what(); }
            if (param_status_ptr) param_status_ptr[row] = SQL_PARAM_ERROR;
        }
        if (params_processed_ptr) *params_processed_ptr = row + 1;
    }
    if (param_status_ptr)
        for (SQLULEN row = prepared_rows; row < paramset_size; ++row) param_status_ptr[row] = SQL_PARAM_UNUSED;
    row_count = total;
    result_active = false;
    server_open = false;
    channel.reset();
    if (bad_row) {
        if (param_status_ptr && prepared_rows < paramset_size) param_status_ptr[prepared_rows] = SQL_PARAM_ERROR;
        throw *bad_row;
    }
    if (!first_error.empty()) diag.add(first_state, first_error + " (one or more rows of the parameter array failed)");
}

void Statement::set_catalog_result(std::vector<ColumnInfo> cols, std::vector<std::vector<Value>> rows) {
    close_cursor();
    result_columns = std::move(cols);
    catalog_rows = std::move(rows);
    catalog_result = true;
    result_active = true;
    server_open = false;
    page = {};
    page.column_count = static_cast<std::int32_t>(result_columns.size());
    for (auto& r : catalog_rows)
        for (auto& v : r) page.cells.push_back(std::move(v));
    catalog_rows.clear();
    page_row = 0;
    before_first = true;
    fetched = 0;
    row_count = static_cast<SQLLEN>(page.row_count());
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
    while (page_row >= page.row_count()) {
        if (!server_open) return false;
        auto id = cursor_id;
        auto resp = conn->cluster().request(
            OpCode::QuerySqlFieldsCursorGetPage,
            [id](protocol::ByteWriter& w, const protocol::ProtocolContext&) { protocol::encode_resource_id(w, id); },
            net::Route{{}, nullptr, channel});
        auto r = resp.reader();
        protocol::decode_sql_fields_page(r, page);
        // The server released the cursor with its last page: never close it again.
        server_open = page.has_more;
        page_row = 0;
    }
    ++fetched;
    return true;
}

const Value& Statement::cell(std::size_t col) const { return page.at(page_row, col); }

SQLRETURN Statement::fetch() {
    if (!result_active) throw OdbcError("24000", "no open cursor: the statement has no result set");
    SQLULEN n = 0;
    bool info = false;
    for (SQLULEN r = 0; r < row_array_size; ++r) {
        if (!next_row()) break;
        SQLUSMALLINT status = SQL_ROW_SUCCESS;
        for (std::size_t c = 1; c < columns.size() && c <= result_columns.size(); ++c) {
            auto& b = columns[c];
            if (!b.buffer && !b.indicator) continue;
            SQLLEN off = bind_offset_ptr ? *bind_offset_ptr : 0;
            std::size_t elem = bind_type == SQL_BIND_BY_COLUMN
                                   ? (fixed_size(b.c_type) ? fixed_size(b.c_type) : static_cast<std::size_t>(b.buffer_length))
                                   : bind_type;
            char* buf = b.buffer ? static_cast<char*>(b.buffer) + off + r * elem : nullptr;
            SQLLEN* ind = b.indicator ? reinterpret_cast<SQLLEN*>(reinterpret_cast<char*>(b.indicator) + off +
                                                                   r * (bind_type == SQL_BIND_BY_COLUMN ? sizeof(SQLLEN) : bind_type))
                                      : nullptr;
            auto c_type = b.c_type == SQL_C_DEFAULT ? default_c_type(result_columns[c - 1].sql_type) : b.c_type;
            bool truncated = false;
            try {
                write_c_value(cell(c - 1), c_type, buf, b.buffer_length, ind, nullptr, &truncated);
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
        if (row_status_ptr) row_status_ptr[r] = status;
        ++n;
    }
    if (row_status_ptr)
        for (SQLULEN r = n; r < row_array_size; ++r) row_status_ptr[r] = SQL_ROW_NOROW;
    if (rows_fetched_ptr) *rows_fetched_ptr = n;
    getdata_col = 0;
    getdata_offset = 0;
    if (n == 0) return SQL_NO_DATA;
    return info ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}

SQLRETURN Statement::get_data(SQLUSMALLINT col, SQLSMALLINT c_type, SQLPOINTER buf, SQLLEN len, SQLLEN* ind) {
    if (!result_active || before_first || page_row >= page.row_count())
        throw OdbcError("24000", "SQLGetData needs a fetched row");
    if (col == 0 || col > result_columns.size())
        throw OdbcError("07009", "column " + std::to_string(col) + " does not exist (the result has " +
                                     std::to_string(result_columns.size()) + " columns)");
    if (col != getdata_col) {
        getdata_col = col;
        getdata_offset = 0;
    }
    if (c_type == SQL_C_DEFAULT) c_type = default_c_type(result_columns[col - 1].sql_type);
    bool truncated = false;
    auto rc = write_c_value(cell(col - 1), c_type, buf, len, ind, &getdata_offset, &truncated);
    if (truncated) diag.add("01004", "string data, right truncated");
    return rc;
}

void Statement::close_cursor() {
    if (server_open && conn && conn->client) {
        auto id = cursor_id;
        try {
            conn->client->request(
                OpCode::ResourceClose,
                [id](protocol::ByteWriter& w, const protocol::ProtocolContext&) { protocol::encode_resource_id(w, id); },
                net::Route{{}, nullptr, channel});
        } catch (const Error&) {
            // The connection may be gone, and the cursor with it.
        }
    }
    server_open = false;
    result_active = false;
    page = {};
    channel.reset();
}

}  // namespace kindling::odbc
