#include <algorithm>
#include <cctype>
#include <cstring>
#include <future>
#include <optional>

#include <thread>

#include "catalog.hpp"
#include "conversions.hpp"
#include "descriptor.hpp"
#include "handles.hpp"
#include "escapes.hpp"
#include "metadata.hpp"
#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/sql_state.hpp"

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

// Calls f(i) for every character of `sql` that is code: not inside a quoted literal or
// identifier, nor inside a -- or /* */ comment. Markers and statement separators are found here.
template <class F>
void for_each_code_char(const std::string& sql, F f) {
    char quote = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        char c = sql[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            i = sql.find('\n', i);
            if (i == std::string::npos) return;
        } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            i = sql.find("*/", i + 2);
            if (i == std::string::npos) return;
            ++i;
        } else {
            f(i);
        }
    }
}

std::size_t count_markers(const std::string& sql) {
    std::size_t n = 0;
    for_each_code_char(sql, [&](std::size_t i) { n += sql[i] == '?' ? 1 : 0; });
    return n;
}

// The statements of a text, split at the ';' that are code; blank pieces are dropped.
std::vector<std::string> split_statements(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    auto take = [&](std::size_t end) {
        auto piece = text.substr(start, end - start);
        bool has_code = false;  // a piece of blanks and comments is no statement
        for_each_code_char(piece, [&](std::size_t i) { has_code = has_code || !std::isspace(static_cast<unsigned char>(piece[i])); });
        if (has_code) out.push_back(std::move(piece));
        start = end + 1;
    };
    for_each_code_char(text, [&](std::size_t i) {
        if (text[i] == ';') take(i);
    });
    take(text.size());
    if (out.empty()) out.push_back(text);
    return out;
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

Statement::Statement(Connection* c) : HandleBase(HandleTag::Stmt), conn(c) {
    imp_ard = std::make_unique<Descriptor>(c, this, DescKind::Ard);
    imp_apd = std::make_unique<Descriptor>(c, this, DescKind::Apd);
    imp_ird = std::make_unique<Descriptor>(c, this, DescKind::Ird);
    imp_ipd = std::make_unique<Descriptor>(c, this, DescKind::Ipd);
    ard = imp_ard.get();
    apd = imp_apd.get();
}

Statement::~Statement() {
    close_cursor();
    for (auto* d : {ard, apd})
        if (d && d->is_explicit() && is_live_handle(d)) d->detach(this);
}

AppDescData Statement::app_desc(DescKind as) const {
    if (as == DescKind::Ard) return {columns, row_array_size, bind_type, bind_offset_ptr, row_operation_ptr};
    return {params, paramset_size, param_bind_type, param_bind_offset_ptr, param_operation_ptr};
}

void Statement::set_app_desc(DescKind as, const AppDescData& d) {
    if (as == DescKind::Ard) {
        columns = d.records, row_array_size = d.array_size, bind_type = d.bind_type;
        bind_offset_ptr = d.bind_offset_ptr, row_operation_ptr = d.array_status_ptr;
        return;
    }
    params.resize(std::max(params.size(), d.records.size()));
    for (std::size_t i = 1; i < params.size(); ++i) {
        Binding from = i < d.records.size() ? d.records[i] : Binding{};
        auto& to = params[i];
        to.c_type = from.c_type, to.buffer = from.buffer, to.buffer_length = from.buffer_length, to.indicator = from.indicator;
        to.app_length = from.app_length, to.app_precision = from.app_precision, to.app_scale = from.app_scale;
    }
    paramset_size = d.array_size, param_bind_type = d.bind_type;
    param_bind_offset_ptr = d.bind_offset_ptr, param_operation_ptr = d.array_status_ptr;
}

void Statement::use_descriptor(DescKind as, Descriptor* desc) {
    auto& current = as == DescKind::Ard ? ard : apd;
    auto& saved = as == DescKind::Ard ? saved_ard : saved_apd;
    auto& implicit = as == DescKind::Ard ? imp_ard : imp_apd;
    if (desc == nullptr) desc = implicit.get();
    if (desc == current) return;
    if (current->is_explicit()) current->detach(this);
    // Keep the implicit descriptor's state for when the application switches back.
    if (!current->is_explicit() && desc->is_explicit()) saved = app_desc(as);
    current = desc;
    if (desc->is_explicit()) {
        desc->attach(this, as);
    } else if (saved) {
        set_app_desc(as, *saved);
        saved.reset();
    }
}

std::size_t Statement::param_count() const { return count_markers(sql); }

void Statement::prepare(std::string text) {
    close_cursor();
    sql = translate_escapes(text);
    need_data = false;
    dae = {};
    queued.clear();
    prepared = true;
    executed = false;
    row_count = -1;
    result_columns.clear();
}

Statement::ParamLocation Statement::param_location(std::size_t i, SQLULEN row) const {
    const auto& b = params[i];
    // Column-wise: each parameter's values are an array of its own element size; row-wise: rows
    // are structs of param_bind_type bytes. The bind offset applies to both pointers.
    std::size_t elem = param_bind_type == SQL_PARAM_BIND_BY_COLUMN
                           ? (fixed_size(b.c_type) ? fixed_size(b.c_type) : static_cast<std::size_t>(b.buffer_length))
                           : param_bind_type;
    std::size_t ind_elem = param_bind_type == SQL_PARAM_BIND_BY_COLUMN ? sizeof(SQLLEN) : param_bind_type;
    SQLLEN off = param_bind_offset_ptr ? *param_bind_offset_ptr : 0;
    ParamLocation at;
    if (b.buffer) at.buffer = static_cast<char*>(b.buffer) + off + row * elem;
    if (b.indicator) at.indicator = reinterpret_cast<SQLLEN*>(reinterpret_cast<char*>(b.indicator) + off + row * ind_elem);
    return at;
}

std::vector<Value> Statement::bound_parameters(std::size_t row) const {
    auto n = param_count();
    std::vector<Value> args;
    args.reserve(n);
    for (std::size_t i = 1; i <= n; ++i) {
        if (i >= params.size() || (!params[i].buffer && !params[i].indicator))
            throw OdbcError("07002", "parameter " + std::to_string(i) + " is not bound (the statement has " + std::to_string(n) + " markers)");
        const auto& b = params[i];
        auto at = param_location(i, row);
        SQLLEN indv = at.indicator ? *at.indicator : (b.c_type == SQL_C_CHAR || b.c_type == SQL_C_WCHAR ? SQL_NTS : 0);
        if (indv == SQL_DATA_AT_EXEC || indv <= SQL_LEN_DATA_AT_EXEC_OFFSET) {
            if (!dae.started) throw OdbcError("HY000", "internal: data-at-execution parameter without its data");
            DataAtExec::Slot slot{row, i};
            if (dae.nulls.count(slot)) {
                args.emplace_back();
                continue;
            }
            auto it = dae.data.find(slot);
            const std::string empty;
            const auto& bytes = it == dae.data.end() ? empty : it->second;
            args.push_back(conn->to_server_instant(read_c_value(b.c_type, b.sql_type, bytes.data(), static_cast<SQLLEN>(bytes.size()),
                                                                static_cast<SQLLEN>(bytes.size()))));
            continue;
        }
        if (!at.buffer && indv != SQL_NULL_DATA) throw OdbcError("HY009", "parameter " + std::to_string(i) + " has no buffer");
        args.push_back(conn->to_server_instant(read_c_value(b.c_type, b.sql_type, at.buffer, b.buffer_length, indv)));
    }
    return args;
}

protocol::SqlFieldsQuery Statement::base_query(const std::string& text, std::vector<Value> args) const {
    const auto& s = conn->settings;
    protocol::SqlFieldsQuery q;
    q.schema = s.schema;
    q.page_size = s.page_size;
    q.sql = engine_text(text);
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

std::string Statement::engine_text(const std::string& text) const {
    const auto& engine = conn->settings.query_engine;
    if (engine.empty()) return text;
    // The engine is chosen by a hint right after the first keyword.
    auto kw = first_keyword(text);
    auto pos = text.find_first_not_of(" \t\r\n(");
    if (kw.empty() || pos == std::string::npos) return text;
    return text.substr(0, pos + kw.size()) + " /*+ QUERY_ENGINE('" + engine + "') */" + text.substr(pos + kw.size());
}

void Statement::run_query(const std::string& text, std::vector<Value> args) {
    auto q = base_query(text, std::move(args));
    auto kw = first_keyword(text);
    bool ddl = kw == "CREATE" || kw == "DROP" || kw == "ALTER";
    // DDL is not transactional: with autocommit off the open transaction is committed first.
    if (ddl && conn->tx_id) conn->end_transaction(true);
    if (auto tx = ddl ? std::nullopt : conn->transaction_for_statement()) {
        q.tx_id = tx;
        channel = conn->tx_channel;
    } else {
        channel = conn->cluster().acquire_channel();
    }
    {
        std::lock_guard lock(exec_mu);
        cancel_requested = false;
        exec_channel = channel;
        exec_sql = q.sql;
    }
    net::Response resp;
    try {
        resp = conn->cluster().request(
            OpCode::QuerySqlFields, [&](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) { q.encode(w, ctx); },
            net::Route{{}, nullptr, channel});
    } catch (const Error& e) {
        std::lock_guard lock(exec_mu);
        exec_channel.reset();
        if (cancel_requested) throw OdbcError("HY008", std::string("the statement was cancelled (SQLCancel): ") + e.what());
        // The server cancels a query that outlives its timeout with the same words as a KILL:
        // without a SQLCancel from us, a cancelled query with a timeout set is a timeout.
        if (auto* se = dynamic_cast<const SqlError*>(&e); se && se->sqlstate() == "HY008" && q.timeout_ms > 0)
            throw OdbcError("HYT00", std::string("the query timeout (SQL_ATTR_QUERY_TIMEOUT ") +
                                         std::to_string(q.timeout_ms / 1000) + " s) expired: " + e.what());
        throw;
    }
    {
        std::lock_guard lock(exec_mu);
        exec_channel.reset();
    }
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
        type_result_columns(q.sql, text);
        row_count = -1;
    } else {
        if (!q.tx_id) conn->note_applied_outside_transaction();
        // DML and DDL answer with one row, one column "UPDATED": the affected row count.
        row_count = page.row_count() == 1 && page.column_count == 1 && page.at(0, 0).is<std::int64_t>()
                        ? static_cast<SQLLEN>(page.at(0, 0).get<std::int64_t>())
                        : 0;
        if (server_open) close_cursor();
        if (ddl) {
            conn->table_columns.clear();
            if (conn->server_metadata) conn->server_metadata->forget();
        }
        result_active = false;
        server_open = false;
    }
}

bool Statement::cancel_execution() {
    std::shared_ptr<net::Channel> ch;
    std::string text;
    {
        std::lock_guard lock(exec_mu);
        if (!exec_channel) return false;
        cancel_requested = true;
        ch = exec_channel;
        text = exec_sql;
    }
    // The server names a thin-client connection "cli:<client address>:<client port>"; SYS views are
    // node-local, so the listing is read on the node that runs the query. The query may not be
    // registered yet when SQLCancel comes early: look again for a while.
    const std::string initiator = "cli:" + ch->local_address();
    for (int attempt = 0; attempt < 100; ++attempt) {
        {
            std::lock_guard lock(exec_mu);
            if (!exec_channel) return true;
        }
        auto rows = sys_rows(*conn, "SELECT QUERY_ID, SQL, INITIATOR_ID FROM SYS.SQL_QUERIES", {}, ch);
        std::vector<std::string> ids;
        for (const auto& row : rows)
            if (row.size() == 3 && row[1].is<std::string>() && row[1].get<std::string>() == text && row[2].is<std::string>() &&
                row[2].get<std::string>() == initiator && row[0].is<std::string>())
                ids.push_back(row[0].get<std::string>());
        if (!ids.empty()) {
            for (const auto& id : ids) {
                try {
                    sys_rows(*conn, "KILL QUERY '" + id + "'", {}, ch);
                } catch (const SqlError&) {
                    // It finished between the listing and the kill.
                }
            }
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
}

void Statement::infer_column_types() {
    for (std::size_t c = 0; c < result_columns.size(); ++c) {
        auto& col = result_columns[c];
        if (col.type_known) continue;
        for (std::size_t r = 0; r < page.row_count(); ++r) {
            const auto& v = page.at(r, c);
            if (!v.is_null()) {
                describe_type_code(v.type_code(), col);
                // A value tells no scale: a typed client binding DECIMAL(38,0) would silently
                // drop the fraction of every later row. As text, no digit can be lost.
                if (col.sql_type == SQL_DECIMAL) col.sql_type = SQL_VARCHAR, col.column_size = kUnboundedLength;
                break;
            }
        }
    }
}

void Statement::type_result_columns(const std::string& server_sql, const std::string& text) {
    std::optional<std::vector<ColumnInfo>> described;
    try {
        described = conn->server_metadata ? conn->server_metadata->result_columns(server_sql) : std::nullopt;
    } catch (const SqlError&) {
        // The statement ran, so this is the two flavours' parsers disagreeing: fall back.
    }
    if (described && described->size() == result_columns.size()) {
        for (std::size_t i = 0; i < result_columns.size(); ++i) {
            auto name = std::move(result_columns[i].name);  // the thin reply's label is the one to show
            result_columns[i] = (*described)[i];
            result_columns[i].name = std::move(name);
        }
        // H2 describes a UUID column as byte[] (measured on 2.17): the values tell the truth.
        for (std::size_t c = 0; c < result_columns.size(); ++c)
            if (result_columns[c].sql_type == SQL_VARBINARY)
                for (std::size_t r = 0; r < page.row_count(); ++r)
                    if (!page.at(r, c).is_null()) {
                        if (page.at(r, c).is<Uuid>()) describe_type_code(TypeCode::Uuid, result_columns[c]);
                        break;
                    }
        infer_column_types();  // the columns the server could not type (always-NULL expressions, objects)
        widen_decimals_to_values();
        return;
    }
    infer_column_types();
    apply_table_metadata(*conn, text, result_columns);
}

void Statement::widen_decimals_to_values() {
    // H2 describes an arithmetic result with the larger of its operands' scales, while the values
    // it sends carry BigDecimal's scale (a product adds the scales, a quotient adds 25): measured,
    // CAST(X AS DECIMAL(20,5))/7 is described DECIMAL(20,5) and arrives with scale 30. A client
    // that trusts the description (arrow-odbc) would drop those digits without a word, so the
    // description grows to hold every value of the first page.
    for (std::size_t c = 0; c < result_columns.size(); ++c) {
        auto& col = result_columns[c];
        if (col.sql_type != SQL_DECIMAL) continue;
        std::int64_t scale = col.decimal_digits;
        std::int64_t integer_digits = static_cast<std::int64_t>(col.column_size) - col.decimal_digits;
        for (std::size_t r = 0; r < page.row_count(); ++r) {
            auto d = page.at(r, c).get_if<Decimal>();
            if (!d) continue;
            auto text = d->to_string();
            auto point = text.find('.');
            auto digits_before = static_cast<std::int64_t>((point == std::string::npos ? text.size() : point) - (d->negative ? 1 : 0));
            scale = std::max<std::int64_t>(scale, d->scale);
            integer_digits = std::max(integer_digits, digits_before);
        }
        if (scale > col.decimal_digits || integer_digits + scale > static_cast<std::int64_t>(col.column_size)) {
            col.decimal_digits = static_cast<SQLSMALLINT>(std::min<std::int64_t>(scale, 32767));
            col.column_size = static_cast<SQLULEN>(integer_digits + scale);
        }
    }
}

void Statement::describe() {
    if (!prepared || executed || !result_columns.empty() || !is_query(sql)) return;
    auto first_statement = split_statements(sql).front();
    // The server describes the statement without running it.
    if (conn->server_metadata) {
        if (auto described = conn->server_metadata->result_columns(engine_text(first_statement))) {
            result_columns = std::move(*described);
            return;
        }
    }
    // It cannot: run the statement once with NULL parameters and a one-row page.
    auto q = base_query(first_statement, std::vector<Value>(count_markers(first_statement), Value{}));
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
    apply_table_metadata(*conn, first_statement, result_columns);
}

ColumnInfo Statement::describe_parameter(std::size_t n) {
    // The column a marker is the whole value of (INSERT ... VALUES) says everything, length and
    // scale included; otherwise the type the server's engine infers for the marker.
    if (auto target = insert_target(sql, conn->settings.schema); target && n <= target->marker_columns.size()) {
        const auto& name = target->marker_columns[n - 1];
        if (!name.empty())
            for (auto c : table_columns_of(*conn, target->schema, target->table))
                if (c.name == name) {
                    // Undeclared length: "cannot be determined" (0), not 2 GB an application would allocate per row.
                    if (c.column_size == kUnboundedLength) c.column_size = 0;
                    return c;
                }
    }
    ColumnInfo p;
    p.nullable = SQL_NULLABLE;
    std::optional<std::vector<TypeCode>> types;
    try {
        types = conn->server_metadata ? conn->server_metadata->parameter_types(engine_text(sql)) : std::nullopt;
    } catch (const SqlError&) {
        // Described at execution instead.
    }
    if (types && n <= types->size() && (*types)[n - 1] != TypeCode::Null) describe_type_code((*types)[n - 1], p);
    // No length or scale is known: 0 is ODBC's "cannot be determined", which makes applications
    // send text as data at execution instead of truncating it to a guessed size.
    if (p.sql_type == SQL_VARCHAR || p.sql_type == SQL_VARBINARY || p.sql_type == SQL_CHAR) p.column_size = 0;
    if (p.sql_type == SQL_DECIMAL) p.column_size = 38, p.decimal_digits = 0;
    return p;
}

std::vector<Statement::DataAtExec::Slot> Statement::data_at_exec_slots() const {
    std::vector<DataAtExec::Slot> out;
    auto n = param_count();
    for (SQLULEN row = 0; row < std::max<SQLULEN>(paramset_size, 1); ++row) {
        if (param_operation_ptr && param_operation_ptr[row] == SQL_PARAM_IGNORE) continue;
        for (std::size_t i = 1; i <= n && i < params.size(); ++i) {
            auto at = param_location(i, row);
            if (at.indicator && (*at.indicator == SQL_DATA_AT_EXEC || *at.indicator <= SQL_LEN_DATA_AT_EXEC_OFFSET))
                out.push_back({row, i});
        }
    }
    return out;
}

SQLRETURN Statement::param_data(SQLPOINTER* token) {
    if (!need_data) throw OdbcError("HY010", "SQLParamData called while no parameter waits for data");
    // Advance to the next (row, parameter) that waits for data; the first call starts at the first.
    dae.current = dae.current == dae.slots.size() ? 0 : dae.current + 1;
    if (dae.current < dae.slots.size()) {
        // The application's own token: the parameter's buffer address for that row, as bound
        // (offset and row-wise binding applied), which is what pyodbc dereferences.
        if (token) *token = param_location(dae.slots[dae.current].param, dae.slots[dae.current].row).buffer;
        return SQL_NEED_DATA;
    }
    need_data = false;
    dae.started = true;
    try {
        run_bound();
    } catch (...) {
        dae = {};
        throw;
    }
    dae = {};
    return diag.has_warnings() ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}

void Statement::put_data(SQLPOINTER data, SQLLEN len) {
    if (!need_data || dae.current >= dae.slots.size())
        throw OdbcError("HY010", "SQLPutData called before SQLParamData named a parameter");
    auto slot = dae.slots[dae.current];
    const auto& b = params[slot.param];
    if (len == SQL_NULL_DATA) {
        if (dae.data.count(slot)) throw OdbcError("HY011", "SQL_NULL_DATA after data was sent for this parameter");
        dae.nulls.insert(slot);
        return;
    }
    if (dae.nulls.count(slot)) throw OdbcError("HY011", "data sent after SQL_NULL_DATA for this parameter");
    if (!data && len != 0) throw OdbcError("HY009", "SQLPutData with a null data pointer");
    std::size_t n;
    if (len == SQL_NTS) {
        n = b.c_type == SQL_C_WCHAR ? 2 * std::char_traits<char16_t>::length(static_cast<const char16_t*>(data))
                                    : std::strlen(static_cast<const char*>(data));
    } else if (len < 0) {
        throw OdbcError("HY090", "invalid length " + std::to_string(len) + " for SQLPutData");
    } else {
        n = static_cast<std::size_t>(len);
    }
    if (auto fixed = fixed_size(b.c_type)) {
        if (dae.data.count(slot)) throw OdbcError("HY019", "a fixed-size value cannot be sent in pieces");
        n = fixed;  // the length is ignored for fixed-size C types
    } else if (b.c_type != SQL_C_CHAR && b.c_type != SQL_C_WCHAR && b.c_type != SQL_C_BINARY && b.c_type != SQL_C_DEFAULT) {
        throw OdbcError("HY019", "non-character, non-binary data sent in pieces");
    }
    dae.data[slot].append(static_cast<const char*>(data), n);
}

void Statement::cancel_data_at_exec() {
    need_data = false;
    dae = {};
}

void Statement::run_statements(std::vector<Value> args) {
    queued.clear();
    auto pieces = split_statements(sql);
    if (pieces.size() == 1) return run_query(pieces.front(), std::move(args));  // without a trailing ";"
    // Each statement takes the parameter values of its own markers, in order.
    std::size_t next = 0;
    for (auto& text : pieces) {
        auto n = count_markers(text);
        std::vector<Value> mine(args.begin() + static_cast<std::ptrdiff_t>(std::min(next, args.size())),
                                args.begin() + static_cast<std::ptrdiff_t>(std::min(next + n, args.size())));
        next += n;
        queued.emplace_back(std::move(text), std::move(mine));
    }
    auto first = std::move(queued.front());
    queued.erase(queued.begin());
    run_query(first.first, std::move(first.second));
}

bool Statement::more_results() {
    close_cursor();
    if (queued.empty()) return false;
    auto next = std::move(queued.front());
    queued.erase(queued.begin());
    try {
        run_query(next.first, std::move(next.second));
    } catch (...) {
        queued.clear();  // a failed statement ends the batch
        throw;
    }
    return true;
}

void Statement::execute() {
    if (!prepared) throw OdbcError("HY010", "SQLExecute called before SQLPrepare");
    if (need_data) throw OdbcError("HY010", "the statement still waits for data-at-execution parameters");
    close_cursor();
    executed = true;
    queued.clear();
    if (paramset_size > 1 && is_query(sql))
        throw OdbcError("HYC00", "parameter arrays are supported for DML only (SQL_PAS_NO_SELECT)");
    auto waiting = data_at_exec_slots();
    if (!waiting.empty()) {
        dae = {};
        dae.slots = std::move(waiting);
        dae.current = dae.slots.size();  // SQLParamData moves to the first
        need_data = true;
        return;
    }
    run_bound();
}

void Statement::run_bound() {
    if (paramset_size <= 1) {
        run_statements(bound_parameters(0));
        if (params_processed_ptr) *params_processed_ptr = 1;
        return;
    }
    run_parameter_array();
}

void Statement::run_parameter_array() {
    auto tx = conn->transaction_for_statement();
    // The server's batched execution (plans once, one request per chunk of rows, an update count
    // per row) where it can serve: it cannot join a thin-client transaction, and takes one
    // statement per batch.
    // Calcite (the engine of transaction-aware SQL) stops a batch at its first failing row and
    // reports no per-row counts (measured on 2.17): which rows ran would be unknown, so arrays go
    // row by row there.
    const auto& engine = conn->settings.query_engine;
    bool calcite = engine == "calcite" || (engine.empty() && conn->tx_capable());
    if (!tx && !calcite && conn->server_metadata && split_statements(sql).size() == 1 && conn->server_metadata->available())
        return run_batch_on_server();
    run_pipelined_array(tx);
}

void Statement::run_batch_on_server() {
    std::vector<std::vector<Value>> rows;
    std::vector<SQLULEN> row_of;  // array row of each batched row
    rows.reserve(paramset_size);
    row_of.reserve(paramset_size);
    std::optional<OdbcError> bad_row;
    SQLULEN stopped_at = paramset_size;
    for (SQLULEN row = 0; row < paramset_size; ++row) {
        if (param_operation_ptr && param_operation_ptr[row] == SQL_PARAM_IGNORE) {
            if (param_status_ptr) param_status_ptr[row] = SQL_PARAM_UNUSED;
            continue;
        }
        try {
            rows.push_back(bound_parameters(row));
        } catch (const OdbcError& e) {
            bad_row = e;  // a conversion error stops the array at this row; the rows before it run
            stopped_at = row;
            break;
        }
        row_of.push_back(row);
    }
    auto timeout_s = static_cast<std::int32_t>(query_timeout ? query_timeout : static_cast<SQLULEN>(conn->settings.query_timeout_s));
    auto text = engine_text(sql);
    auto markers = param_count();
    // Chunks keep one request's frame (and the server's work per request) bounded.
    constexpr std::size_t kRowsPerRequest = 4096;
    SQLLEN total = 0;
    std::size_t processed = 0, failed = 0;
    for (std::size_t start = 0; start < rows.size(); start += kRowsPerRequest) {
        auto n = std::min(kRowsPerRequest, rows.size() - start);
        protocol::odbc_flavour::BatchResult res;
        try {
            res = conn->server_metadata->execute_batch(text, markers, std::span(rows).subspan(start, n), timeout_s);
        } catch (const SqlError& e) {
            res.success = false;  // the whole chunk was refused before any row ran
            res.error = e.what();
            res.error_code = e.server_status();
        }
        conn->note_applied_outside_transaction();
        std::string state = res.success ? std::string() : protocol::sql_state_from_message(res.error);
        bool per_row = res.affected.size() == n;
        if (!per_row) {
            // Refused as a whole (a statement error), or an engine that reports no rows: which
            // rows were applied is not known, and no later chunk is sent.
            for (std::size_t i = 0; i < n; ++i)
                if (param_status_ptr) param_status_ptr[row_of[start + i]] = SQL_PARAM_DIAG_UNAVAILABLE;
            diag.add(state.empty() ? "HY000" : state, res.error.empty() ? "the batch failed" : res.error, res.error_code);
            processed += n;
            if (params_processed_ptr) *params_processed_ptr = processed;
            if (param_status_ptr)
                for (std::size_t i = start + n; i < row_of.size(); ++i) param_status_ptr[row_of[i]] = SQL_PARAM_UNUSED;
            row_count = -1;
            throw AlreadyDiagnosed();
        }
        for (std::size_t i = 0; i < n; ++i) {
            auto row = row_of[start + i];
            bool ok = per_row && res.affected[i] >= 0;
            if (ok) total += static_cast<SQLLEN>(res.affected[i]);
            if (param_status_ptr) param_status_ptr[row] = ok ? SQL_PARAM_SUCCESS : SQL_PARAM_ERROR;
            failed += ok ? 0 : 1;
            // The server's message names the failing keys, not rows: each failed row gets it with
            // its own row number.
            if (!ok) diag.add(state.empty() ? "HY000" : state, res.error.empty() ? "the row failed" : res.error, res.error_code,
                              static_cast<SQLLEN>(row + 1));
        }
        processed += n;
        if (params_processed_ptr) *params_processed_ptr = processed;
    }
    if (params_processed_ptr && rows.empty()) *params_processed_ptr = 0;
    if (param_status_ptr)
        for (SQLULEN row = stopped_at; row < paramset_size; ++row) param_status_ptr[row] = SQL_PARAM_UNUSED;
    row_count = total;
    result_active = false;
    server_open = false;
    if (bad_row) {
        if (param_status_ptr) param_status_ptr[stopped_at] = SQL_PARAM_ERROR;
        if (params_processed_ptr) *params_processed_ptr = processed + 1;
        throw *bad_row;
    }
    // Every row was tried; any failure makes the call SQL_ERROR, with the status array and one
    // record per failed row (SQL_DIAG_ROW_NUMBER) telling which (ODBC "Using Arrays of
    // Parameters"). A warning instead would let pyodbc and pandas lose rows without a word.
    if (failed > 0) throw AlreadyDiagnosed();
}

void Statement::run_pipelined_array(std::optional<std::int32_t> tx) {
    // Inside a thin-client transaction: every row is its own request, all sent back to back on
    // the transaction's connection (pipelined, no round trip per row); a failing row is marked
    // SQL_PARAM_ERROR alone and the processed count is exact.
    channel = tx ? conn->tx_channel : conn->cluster().acquire_channel();
    std::vector<std::future<net::Response>> pending;
    pending.reserve(paramset_size);
    std::optional<OdbcError> bad_row;
    SQLULEN stopped_at = paramset_size;  // the row whose conversion failed, if one did
    std::vector<SQLULEN> rows_sent;      // row numbers, in the order of `pending`
    for (SQLULEN row = 0; row < paramset_size; ++row) {
        if (param_operation_ptr && param_operation_ptr[row] == SQL_PARAM_IGNORE) {
            if (param_status_ptr) param_status_ptr[row] = SQL_PARAM_UNUSED;
            continue;
        }
        protocol::SqlFieldsQuery q;
        try {
            q = base_query(sql, bound_parameters(row));
            q.tx_id = tx;
        } catch (const OdbcError& e) {
            bad_row = e;  // a conversion error stops the array at this row, as the spec allows
            stopped_at = row;
            break;
        }
        pending.push_back(channel->send(OpCode::QuerySqlFields,
                                        [&q](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) { q.encode(w, ctx); }));
        rows_sent.push_back(row);
    }
    SQLLEN total = 0;
    std::size_t failed = 0;
    for (std::size_t i = 0; i < rows_sent.size(); ++i) {
        auto row = rows_sent[i];
        try {
            auto resp = channel->receive(pending[i], OpCode::QuerySqlFields, std::chrono::milliseconds(0));
            auto r = resp.reader();
            auto first = protocol::decode_sql_fields_response(r, true);
            if (first.page.row_count() == 1 && first.page.column_count == 1 && first.page.at(0, 0).is<std::int64_t>())
                total += static_cast<SQLLEN>(first.page.at(0, 0).get<std::int64_t>());
            if (param_status_ptr) param_status_ptr[row] = SQL_PARAM_SUCCESS;
        } catch (const SqlError& e) {
            diag.add(e.sqlstate(), e.what(), e.server_status(), static_cast<SQLLEN>(row + 1));
            if (param_status_ptr) param_status_ptr[row] = SQL_PARAM_ERROR;
            ++failed;
        }
        if (params_processed_ptr) *params_processed_ptr = i + 1;
    }
    if (params_processed_ptr && rows_sent.empty()) *params_processed_ptr = 0;
    if (param_status_ptr)
        for (SQLULEN row = stopped_at; row < paramset_size; ++row) param_status_ptr[row] = SQL_PARAM_UNUSED;
    row_count = total;
    result_active = false;
    server_open = false;
    channel.reset();
    if (bad_row) {
        if (param_status_ptr) param_status_ptr[stopped_at] = SQL_PARAM_ERROR;
        if (params_processed_ptr) *params_processed_ptr = rows_sent.size() + 1;
        throw *bad_row;
    }
    if (failed > 0) throw AlreadyDiagnosed();
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

const Value& Statement::wall_clock(const Value& raw, Value& scratch) const {
    // Only date/time values change, and only with a non-UTC server: no copy on the common path.
    if (!conn->server_zone || !(raw.is<Date>() || raw.is<Timestamp>() || raw.is<Time>())) return raw;
    scratch = conn->to_wall_clock(raw);
    return scratch;
}

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
                Value scratch;
                write_c_value(wall_clock(cell(c - 1), scratch), c_type, buf, b.buffer_length, ind, nullptr, &truncated);
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
