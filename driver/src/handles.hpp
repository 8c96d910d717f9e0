#pragma once
// The C++ objects behind ODBC handles. Entry points (entry_points*.cpp) validate a handle by its
// tag, then call into these classes inside one guard (guard.hpp).
#include <sql.h>
#include <sqlext.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "connection_string.hpp"
#include "diagnostics.hpp"
#include "log.hpp"
#include "kindling/net/channel.hpp"
#include "kindling/net/cluster_client.hpp"
#include "kindling/net/cursor.hpp"
#include "kindling/net/server_transaction.hpp"
#include "kindling/protocol/sql_fields_query.hpp"
#include "kindling/protocol/sql_flags.hpp"
#include "kindling/protocol/time_zone.hpp"
#include "kindling/protocol/value.hpp"
#include "server_metadata.hpp"
#include "type_info.hpp"

namespace kindling::odbc {

enum class HandleTag : std::uint32_t { Env = 0x4B4E5645, Dbc = 0x4B4E4443, Stmt = 0x4B4E5354, Desc = 0x4B4E4453, Dead = 0 };

// Every live handle is registered, so a freed or made-up pointer is recognised without reading
// memory that is no longer ours (handles.cpp).
void register_handle(const void* h);
void unregister_handle(const void* h);
bool is_live_handle(const void* h);

struct HandleBase {
    explicit HandleBase(HandleTag t) : tag(t) { register_handle(this); }
    virtual ~HandleBase() {
        unregister_handle(this);
        tag = HandleTag::Dead;
    }
    std::atomic<HandleTag> tag;
    Diagnostics diag;
    std::recursive_mutex mu;  // ODBC handles are used from one thread at a time; this makes misuse safe
};

class Connection;
class Statement;
class Descriptor;

class Environment : public HandleBase {
public:
    Environment() : HandleBase(HandleTag::Env) {}
    SQLINTEGER odbc_version = SQL_OV_ODBC3;
    std::set<Connection*> connections;
};

struct ConnectionSettings {
    std::vector<net::Endpoint> endpoints;
    std::string schema = "PUBLIC";
    std::string user, password;
    std::int32_t page_size = 1024;
    protocol::SqlFlags sql_flags;  // DISTRIBUTED_JOINS, ENFORCE_JOIN_ORDER, REPLICATED_ONLY, COLLOCATED, LAZY
    std::string query_engine;  // "", "h2" or "calcite"
    net::TlsOptions tls;
    bool partition_awareness = true;
    std::int64_t login_timeout_s = 0;
    std::int64_t query_timeout_s = 0;
    std::string server_time_zone;  // SERVER_TIME_ZONE: a zone name, or empty/"auto" to ask the server
};

class Connection : public HandleBase {
public:
    explicit Connection(Environment* e) : HandleBase(HandleTag::Dbc), env(e) {}
    // Connects with the merged attributes (DSN entries overridden by the connection string).
    void connect(const Attributes& attrs);
    void disconnect();
    bool connected() const noexcept { return client != nullptr; }
    net::ClusterClient& cluster();

    Environment* env;
    // The driver log (LOG_LEVEL, LOG_FILE; log.hpp): nullptr when off. The id names this handle
    // in every line.
    std::shared_ptr<DriverLog> log;
    const std::uint64_t log_id = DriverLog::next_connection_id();
    std::shared_ptr<net::ClusterClient> client;
    ConnectionSettings settings;
    std::string dsn;
    std::string out_connection_string;
    std::set<Statement*> statements;
    std::set<Descriptor*> descriptors;  // explicitly allocated ones; freed at disconnect
    // The server's own description of statements, and its batched execution (server_metadata.hpp).
    std::unique_ptr<ServerMetadata> server_metadata;
    // SYS.TABLE_COLUMNS per "SCHEMA.TABLE" (metadata.cpp); cleared by any DDL.
    std::map<std::string, std::vector<ColumnInfo>> table_columns;
    bool autocommit = true;
    // Transaction-aware SQL (server feature TX_AWARE_QUERIES): with autocommit off, statements run
    // in a thin-client transaction on one pinned connection until SQLEndTran.
    bool tx_capable();
    // The open transaction (started on first use when autocommit is off); nullopt when none.
    std::optional<std::int32_t> transaction_for_statement();
    // Commits or rolls back; returns true when it left a warning in `diag` (a rollback that could
    // not undo statements a server without transactional SQL had already applied).
    bool end_transaction(bool commit);
    // A statement ran outside any transaction while autocommit is off (a server without
    // transaction-aware SQL applies it at once): counted so a later rollback can say so.
    void note_applied_outside_transaction();
    int applied_outside_tx = 0;
    // The open thin-client transaction (inactive when none): its id and pinned connection.
    net::ServerTransaction tx;
    bool in_transaction() const noexcept { return tx.active(); }
    SQLUINTEGER login_timeout = 0;
    SQLUINTEGER access_mode = SQL_MODE_READ_WRITE;
    SQLUINTEGER txn_isolation = SQL_TXN_READ_COMMITTED;
    bool metadata_id = false;  // the default of statements allocated afterwards
    // The server JVM's zone when it is not UTC: DATE/TIME/TIMESTAMP values are instants the JVM
    // made from wall-clock values in that zone, and parameters must be made the same way.
    std::optional<protocol::TimeZone> server_zone;
    void load_server_zone();
    Value to_wall_clock(const Value& v) const;   // a value from the server, as the time it names
    Value to_server_instant(Value v) const;      // a parameter's wall-clock time, as the server's instant
};

enum class DescKind { Ard, Apd, Ird, Ipd };

class Descriptor;

class Statement : public HandleBase {
public:
    explicit Statement(Connection* c);
    ~Statement() override;

    void prepare(std::string sql);
    void execute();
    void exec_direct(std::string sql) {
        prepare(std::move(sql));
        execute();
    }
    SQLRETURN fetch();
    // Result columns of a prepared query before it runs (BI tools ask then): the query runs once
    // with NULL parameters and a one-row page, and its cursor is closed.
    void describe();
    // SQLDescribeParam: parameter n (1-based) as far as the server and the target table tell.
    ColumnInfo describe_parameter(std::size_t n);
    bool executed = false;
    void close_cursor();
    void discard_results();  // SQLCloseCursor / SQL_CLOSE: the cursor and any statements not run yet
    bool has_result_set() const noexcept { return result_active; }
    SQLRETURN get_data(SQLUSMALLINT col, SQLSMALLINT c_type, SQLPOINTER buf, SQLLEN len, SQLLEN* ind);
    std::size_t param_count() const;
    // SQLCancel from another thread while a query executes: the thin protocol has no cancel
    // message, so the query is looked up in the node's SYS.SQL_QUERIES (by this connection's
    // initiator id and its text) and stopped with KILL QUERY; the executing call returns HY008.
    // Returns false when nothing was executing.
    bool cancel_execution();

    // Data at execution (SQL_DATA_AT_EXEC / SQL_LEN_DATA_AT_EXEC parameters): execute() stops with
    // need_data set; SQLParamData names each such parameter in turn, SQLPutData appends its value,
    // and the last SQLParamData runs the statement.
    bool need_data = false;
    SQLRETURN param_data(SQLPOINTER* token);
    void put_data(SQLPOINTER data, SQLLEN len);
    void cancel_data_at_exec();

    // Text with several statements separated by ';' runs one statement per request: the first on
    // execute, the next on each SQLMoreResults.
    bool more_results();

    // Runs a catalog query (SYS views) and presents its rows under the ODBC-specified columns.
    void set_catalog_result(std::vector<ColumnInfo> columns, std::vector<std::vector<Value>> rows);

    Connection* conn;
    std::string sql;
    bool prepared = false;
    SQLLEN row_count = -1;
    SQLULEN max_rows = 0;
    SQLULEN query_timeout = 0;
    bool metadata_id = false;  // SQL_ATTR_METADATA_ID: catalog arguments are identifiers, not patterns
    std::string cursor_name;

    // The binding state is in the descriptors alone: the ARD and APD in use (the implicit ones or
    // explicit ones the application set), and the statement's own IRD and IPD.
    std::unique_ptr<Descriptor> imp_ard, imp_apd, imp_ird, imp_ipd;
    Descriptor& ard() const noexcept { return *ard_; }
    Descriptor& apd() const noexcept { return *apd_; }
    Descriptor& ird() const noexcept { return *imp_ird; }
    Descriptor& ipd() const noexcept { return *imp_ipd; }
    std::vector<ColumnInfo>& result_columns() const noexcept;  // the IRD's records
    // Switches the ARD or APD to `desc` (nullptr: back to the implicit one).
    void use_descriptor(DescKind as, Descriptor* desc);
    void revert_descriptor(DescKind as) { use_descriptor(as, nullptr); }

    // The open result set: the server's cursor (its channel, id, pages; closed exactly once), or
    // a catalog result built here as one page with no server cursor.
    bool result_active = false;
    net::SqlFieldsCursor cursor;
    protocol::SqlPage& page() noexcept { return cursor.page(); }
    const protocol::SqlPage& page() const noexcept { return cursor.page(); }
    std::size_t page_row = 0;
    bool before_first = true;
    std::uint64_t fetched = 0;
    // SQLGetData chunking state: column and byte offset already returned.
    SQLUSMALLINT getdata_col = 0;
    std::size_t getdata_offset = 0;
    bool catalog_result = false;

    // What SQLCancel needs while another thread runs the statement (guarded by exec_mu, not mu).
    std::mutex exec_mu;
    bool cancel_requested = false;
    std::shared_ptr<net::Channel> exec_channel;  // set while a query executes
    std::string exec_sql;

private:
    Descriptor* ard_ = nullptr;  // imp_ard or the explicit one in use
    Descriptor* apd_ = nullptr;  // imp_apd or the explicit one in use
    struct DataAtExec {
        struct Slot {
            SQLULEN row;        // 0-based row of the parameter array
            std::size_t param;  // 1-based parameter number
            auto operator<=>(const Slot&) const = default;
        };
        std::vector<Slot> slots;  // every (row, parameter) waiting for data, rows first
        std::size_t current = 0;  // index into slots of the one being sent; slots.size() before the first
        std::map<Slot, std::string> data;
        std::set<Slot> nulls;
        bool started = false;
    };
    struct ParamLocation {
        char* buffer = nullptr;
        SQLLEN* octet_length = nullptr;
        SQLLEN* indicator = nullptr;
        // What the application says of the value: SQL_NULL_DATA, a length, SQL_NTS or a
        // data-at-execution mark; `otherwise` when it gave no pointer.
        SQLLEN length_or_indicator(SQLLEN otherwise) const noexcept;
    };
    // Where parameter i's value, length and indicator for one row of the array are.
    ParamLocation param_location(std::size_t i, SQLULEN row) const;
    DataAtExec dae;
    // The statements of a multi-statement text still to run, with their parameter values.
    std::vector<std::pair<std::string, std::vector<Value>>> queued;
    void run_statements(std::vector<Value> args);
    std::vector<DataAtExec::Slot> data_at_exec_slots() const;
    void run_bound();  // runs the statement with the bound (and data-at-execution) values
    void run_parameter_array();
    void run_batch_on_server();
    void run_pipelined_array(std::optional<std::int32_t> tx);
    std::vector<Value> bound_parameters(std::size_t row) const;
    // The SQL request with the connection's flags (schema, page size, joins, timeout).
    protocol::SqlFieldsQuery base_query(const std::string& text, std::vector<Value> args) const;
    void run_query(const std::string& text, std::vector<Value> args);
    void infer_column_types();  // columns no metadata typed, from their first non-NULL value
    // Result columns: the server's description (server_sql as sent), else values and tables.
    void type_result_columns(const std::string& server_sql, const std::string& text);
    std::string engine_text(const std::string& text) const;  // with the QUERY_ENGINE hint
    void widen_decimals_to_values();
    bool next_row();
    const Value& cell(std::size_t col) const;
    const Value& wall_clock(const Value& raw, Value& scratch) const;
};

}  // namespace kindling::odbc
