// Running a statement: the SQL request, multi-statement text, and parameter arrays (the server's
// batched execution, or pipelined rows inside a transaction).
#include <algorithm>
#include <chrono>
#include <future>
#include <optional>

#include "descriptor.hpp"
#include "handles.hpp"
#include "log.hpp"
#include "statement_text.hpp"
#include "kindling/net/typed_call.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/sql_state.hpp"

namespace kindling::odbc {

protocol::SqlFieldsQuery Statement::base_query(const std::string& text, std::vector<Value> args) const {
    const auto& s = conn->settings;
    protocol::SqlFieldsQuery q;
    q.schema = s.schema;
    q.page_size = s.page_size;
    q.sql = engine_text(text);
    q.args = std::move(args);
    q.flags() = s.sql_flags;
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
    if (ddl && conn->in_transaction()) conn->end_transaction(true);
    std::shared_ptr<net::Channel> channel;
    if (auto tx = ddl ? std::nullopt : conn->transaction_for_statement()) {
        q.tx_id = tx;
        channel = conn->tx.channel();
    } else {
        channel = conn->cluster().acquire_channel();
    }
    {
        std::lock_guard lock(exec_mu);
        cancel_requested = false;
        exec_channel = channel;
        exec_sql = q.sql;
    }
    DriverLog* log = conn->log.get();
    std::chrono::steady_clock::time_point started;
    if (log) {
        started = std::chrono::steady_clock::now();
        if (log->enabled(LogLevel::Debug))
            log->debug("executing" + (q.tx_id ? " in transaction " + std::to_string(*q.tx_id) : std::string()) +
                       (q.args.empty() ? std::string() : " with parameters " + log_values(q.args)) + ": " + text);
    }
    try {
        cursor = net::SqlFieldsCursor::execute(conn->client, q, channel);
    } catch (const Error& e) {
        if (log) log->info("failed after " + log_duration(std::chrono::steady_clock::now() - started) + ": " + text);
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
    page_row = 0;
    before_first = true;
    fetched = 0;
    catalog_result = false;
    if (is_query(text)) {
        result_active = true;
        result_columns().clear();
        for (auto& n : cursor.column_names()) {
            ColumnInfo c;
            c.name = n;
            result_columns().push_back(std::move(c));
        }
        type_result_columns(q.sql, text);
        row_count = -1;
        if (log)
            log->info("executed in " + log_duration(std::chrono::steady_clock::now() - started) + " (result set: " +
                      std::to_string(page().row_count()) + (cursor.server_open() ? " rows in the first page, more to fetch" : " rows") +
                      "): " + text);
    } else {
        if (!q.tx_id) conn->note_applied_outside_transaction();
        // DML and DDL answer with one row, one column "UPDATED": the affected row count.
        const auto& p = page();
        row_count = p.row_count() == 1 && p.column_count == 1 && p.at(0, 0).is<std::int64_t>()
                        ? static_cast<SQLLEN>(p.at(0, 0).get<std::int64_t>())
                        : 0;
        if (log)
            log->info("executed in " + log_duration(std::chrono::steady_clock::now() - started) + " (" +
                      std::to_string(row_count) + (row_count == 1 ? " row" : " rows") + " affected): " + text);
        close_cursor();
        if (ddl) {
            conn->table_columns.clear();
            if (conn->server_metadata) conn->server_metadata->forget();
        }
    }
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
    if (apd().array_size > 1 && is_query(sql))
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
    if (apd().array_size <= 1) {
        run_statements(bound_parameters(0));
        if (auto* processed = ipd().rows_processed_ptr) *processed = 1;
        return;
    }
    DriverLog* log = conn->log.get();
    if (!log) return run_parameter_array();
    auto started = std::chrono::steady_clock::now();
    auto rows = std::to_string(apd().array_size);
    try {
        run_parameter_array();
    } catch (...) {
        log->info("parameter array of " + rows + " rows failed after " + log_duration(std::chrono::steady_clock::now() - started) +
                  " (" + std::to_string(row_count < 0 ? 0 : row_count) + " rows affected): " + sql);
        throw;
    }
    log->info("executed a parameter array of " + rows + " rows in " + log_duration(std::chrono::steady_clock::now() - started) +
              " (" + std::to_string(row_count) + " rows affected): " + sql);
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
    // The parameter array (APD) and what is reported of each row (IPD).
    const SQLULEN paramset_size = apd().array_size;
    const SQLUSMALLINT* const param_operation_ptr = apd().array_status_ptr;
    SQLUSMALLINT* const param_status_ptr = ipd().array_status_ptr;
    SQLULEN* const params_processed_ptr = ipd().rows_processed_ptr;
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
    // The parameter array (APD) and what is reported of each row (IPD).
    const SQLULEN paramset_size = apd().array_size;
    const SQLUSMALLINT* const param_operation_ptr = apd().array_status_ptr;
    SQLUSMALLINT* const param_status_ptr = ipd().array_status_ptr;
    SQLULEN* const params_processed_ptr = ipd().rows_processed_ptr;
    // Inside a thin-client transaction: every row is its own request, all sent back to back on
    // the transaction's connection (pipelined, no round trip per row); a failing row is marked
    // SQL_PARAM_ERROR alone and the processed count is exact. The requests go through the engine
    // (request timeout, events) pinned to that connection.
    auto channel = tx ? conn->tx.channel() : conn->cluster().acquire_channel();
    using Reply = net::Outcome<protocol::SqlFieldsFirstPage>;
    std::vector<std::future<Reply>> pending;
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
        auto done = std::make_shared<std::promise<Reply>>();
        pending.push_back(done->get_future());
        net::call_async(conn->cluster(), std::move(q), net::pinned(channel), [done](Reply r) { done->set_value(std::move(r)); });
        rows_sent.push_back(row);
    }
    SQLLEN total = 0;
    std::size_t failed = 0;
    for (std::size_t i = 0; i < rows_sent.size(); ++i) {
        auto row = rows_sent[i];
        try {
            // A DML reply holds no cursor open; if one did, this closes it (exactly once).
            net::SqlFieldsCursor result(conn->client, channel, pending[i].get().get());
            const auto& p = result.page();
            if (p.row_count() == 1 && p.column_count == 1 && p.at(0, 0).is<std::int64_t>())
                total += static_cast<SQLLEN>(p.at(0, 0).get<std::int64_t>());
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
    if (bad_row) {
        if (param_status_ptr) param_status_ptr[stopped_at] = SQL_PARAM_ERROR;
        if (params_processed_ptr) *params_processed_ptr = rows_sent.size() + 1;
        throw *bad_row;
    }
    if (failed > 0) throw AlreadyDiagnosed();
}

}  // namespace kindling::odbc
