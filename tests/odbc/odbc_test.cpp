// The driver through the unixODBC driver manager (libodbc): DSNs come from the build tree's
// odbc.ini (tests/odbc/dsns.cmake), never by calling the driver's symbols.
#include <gtest/gtest.h>
#include <sql.h>
#include <sqlext.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <thread>
#include <cstdio>
#include <string>
#include <vector>

#include "odbc_session.hpp"
#include "test_env.hpp"

namespace {

using kindling::test::diag;
using kindling::test::sqlstate;

class Odbc : public kindling::test::OdbcSession {
protected:
    SQLRETURN driver_connect(const std::string& cs) {
        SQLCHAR out[1024];
        SQLSMALLINT out_len = 0;
        auto rc = SQLDriverConnect(dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, out, sizeof out, &out_len, SQL_DRIVER_NOPROMPT);
        connected = SQL_SUCCEEDED(rc);
        return rc;
    }
    SQLRETURN exec(const std::string& sql) {
        SQLFreeStmt(stmt, SQL_CLOSE);
        return SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS);
    }
    std::vector<std::vector<std::string>> rows() {
        SQLSMALLINT cols = 0;
        SQLNumResultCols(stmt, &cols);
        std::vector<std::vector<std::string>> out;
        while (SQLFetch(stmt) == SQL_SUCCESS) {
            std::vector<std::string> row;
            for (SQLUSMALLINT c = 1; c <= cols; ++c) {
                char buf[512];
                SQLLEN ind = 0;
                SQLGetData(stmt, c, SQL_C_CHAR, buf, sizeof buf, &ind);
                row.push_back(ind == SQL_NULL_DATA ? "NULL" : std::string(buf));
            }
            out.push_back(row);
        }
        return out;
    }
};

}  // namespace

TEST_F(Odbc, SelectOneThroughADsn) {
    connect_dsn();
    ASSERT_EQ(exec("SELECT 1"), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(rows(), (std::vector<std::vector<std::string>>{{"1"}}));
}

TEST_F(Odbc, SysNodesHasOneRowPerNode) {
    connect_dsn();
    ASSERT_EQ(exec("SELECT COUNT(*) FROM SYS.NODES"), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(rows(), (std::vector<std::vector<std::string>>{{std::to_string(kindling::test::main_nodes())}}));
}

TEST_F(Odbc, DriverConnectWithAConnectionString) {
    auto cs = "DRIVER=Kindling;ADDRESS=127.0.0.1:" + std::to_string(kindling::test::main_port()) + ";SCHEMA=PUBLIC";
    ASSERT_TRUE(SQL_SUCCEEDED(driver_connect(cs))) << diag(SQL_HANDLE_DBC, dbc);
}

TEST_F(Odbc, UnknownKeysWarnWith01S00) {
    auto cs = "DRIVER=Kindling;ADDRESS=127.0.0.1:" + std::to_string(kindling::test::main_port()) + ";NO_SUCH_KEY=1";
    EXPECT_EQ(driver_connect(cs), SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, dbc), "01S00");
}

TEST_F(Odbc, UnreachableServerIs08001) {
    EXPECT_EQ(driver_connect("DRIVER=Kindling;ADDRESS=127.0.0.1:1"), SQL_ERROR);
    EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, dbc), "08001");
}

TEST_F(Odbc, WrongPasswordIs28000) {
    auto cs = "DRIVER=Kindling;ADDRESS=127.0.0.1:" + std::to_string(kindling::test::auth_port()) + ";UID=ignite;PWD=wrong;SSL_MODE=disable";
    EXPECT_EQ(driver_connect(cs), SQL_ERROR);
    EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, dbc), "28000") << diag(SQL_HANDLE_DBC, dbc);
}

TEST_F(Odbc, CredentialsWithoutSslModeSayHowToOptOut) {
    auto cs = "DRIVER=Kindling;ADDRESS=127.0.0.1:" + std::to_string(kindling::test::auth_port()) + ";UID=ignite;PWD=ignite";
    EXPECT_EQ(driver_connect(cs), SQL_ERROR);
    EXPECT_NE(diag(SQL_HANDLE_DBC, dbc).find("SSL_MODE=disable"), std::string::npos) << diag(SQL_HANDLE_DBC, dbc);
}

TEST_F(Odbc, TlsDsnConnects) {
    connect_dsn("KindlingTestSsl");
    ASSERT_EQ(exec("SELECT 'tls'"), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(rows(), (std::vector<std::vector<std::string>>{{"tls"}}));
}

TEST_F(Odbc, ErrorsHaveSqlstatesAndTheConnectionStaysUsable) {
    connect_dsn();
    EXPECT_EQ(exec("SELECT * FROM no_such_table"), SQL_ERROR);
    EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, stmt), "42S02") << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(exec("SELEC 1"), SQL_ERROR);
    EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, stmt), "42000") << diag(SQL_HANDLE_STMT, stmt);
    ASSERT_EQ(exec("SELECT 2"), SQL_SUCCESS);
    EXPECT_EQ(rows(), (std::vector<std::vector<std::string>>{{"2"}}));
}

TEST_F(Odbc, ParametersRowCountsAndColumnMetadata) {
    connect_dsn();
    ASSERT_TRUE(SQL_SUCCEEDED(exec("DROP TABLE IF EXISTS OdbcCity")));
    ASSERT_TRUE(SQL_SUCCEEDED(exec("CREATE TABLE OdbcCity (ID INT PRIMARY KEY, Name VARCHAR(35), Population BIGINT)")))
        << diag(SQL_HANDLE_STMT, stmt);
    ASSERT_EQ(SQLPrepare(stmt, (SQLCHAR*)"INSERT INTO OdbcCity (ID, Name, Population) VALUES (?, ?, ?)", SQL_NTS), SQL_SUCCESS);
    SQLSMALLINT nparams = 0;
    SQLNumParams(stmt, &nparams);
    EXPECT_EQ(nparams, 3);
    SQLINTEGER id = 0;
    char name[36];
    SQLBIGINT pop = 0;
    SQLLEN name_ind = SQL_NTS;
    SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0, nullptr);
    SQLBindParameter(stmt, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 35, 0, name, sizeof name, &name_ind);
    SQLBindParameter(stmt, 3, SQL_PARAM_INPUT, SQL_C_SBIGINT, SQL_BIGINT, 0, 0, &pop, 0, nullptr);
    for (auto [i, n, p] : std::vector<std::tuple<int, const char*, long long>>{{1, "Chicago", 2896016}, {2, "Dallas", 1188580}}) {
        id = i;
        std::snprintf(name, sizeof name, "%s", n);
        pop = p;
        ASSERT_EQ(SQLExecute(stmt), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
        SQLLEN count = 0;
        SQLRowCount(stmt, &count);
        EXPECT_EQ(count, 1);
    }
    SQLFreeStmt(stmt, SQL_RESET_PARAMS);
    ASSERT_EQ(exec("SELECT Name, Population FROM OdbcCity WHERE Population > 2000000"), SQL_SUCCESS);
    SQLCHAR colname[64];
    SQLSMALLINT namelen = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    SQLDescribeCol(stmt, 1, colname, sizeof colname, &namelen, &type, &size, &digits, &nullable);
    EXPECT_STREQ(reinterpret_cast<char*>(colname), "NAME");
    EXPECT_EQ(type, SQL_VARCHAR);
    EXPECT_EQ(size, 35u);
    SQLDescribeCol(stmt, 2, colname, sizeof colname, &namelen, &type, &size, &digits, &nullable);
    EXPECT_EQ(type, SQL_BIGINT);
    EXPECT_EQ(rows(), (std::vector<std::vector<std::string>>{{"Chicago", "2896016"}}));
    // An empty result still describes its columns from the table.
    ASSERT_EQ(exec("SELECT Population FROM OdbcCity WHERE ID < 0"), SQL_SUCCESS);
    SQLDescribeCol(stmt, 1, colname, sizeof colname, &namelen, &type, &size, &digits, &nullable);
    EXPECT_EQ(type, SQL_BIGINT);
    EXPECT_EQ(SQLFetch(stmt), SQL_NO_DATA);
    ASSERT_TRUE(SQL_SUCCEEDED(exec("DROP TABLE OdbcCity")));
}

TEST_F(Odbc, SqlGetInfoAnswersAndRejectsUnknownTypes) {
    connect_dsn();
    SQLCHAR buf[64];
    SQLSMALLINT len = 0;
    ASSERT_EQ(SQLGetInfo(dbc, SQL_DBMS_NAME, buf, sizeof buf, &len), SQL_SUCCESS);
    EXPECT_STREQ(reinterpret_cast<char*>(buf), "Apache Ignite");
    SQLUSMALLINT ic = 0;
    ASSERT_EQ(SQLGetInfo(dbc, SQL_IDENTIFIER_CASE, &ic, sizeof ic, nullptr), SQL_SUCCESS);
    EXPECT_EQ(ic, SQL_IC_UPPER);
    EXPECT_EQ(SQLGetInfo(dbc, 31999, buf, sizeof buf, &len), SQL_ERROR);
    EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, dbc), "HY096");
}

TEST_F(Odbc, ParameterArraysMarkOnlyTheFailingRow) {
    connect_dsn();
    ASSERT_TRUE(SQL_SUCCEEDED(exec("DROP TABLE IF EXISTS OdbcBatch")));
    ASSERT_TRUE(SQL_SUCCEEDED(exec("CREATE TABLE OdbcBatch (ID INT PRIMARY KEY, V VARCHAR)")));
    ASSERT_TRUE(SQL_SUCCEEDED(exec("INSERT INTO OdbcBatch VALUES (3, 'already here')")));
    SQLFreeStmt(stmt, SQL_CLOSE);
    constexpr SQLULEN n = 5;
    SQLINTEGER ids[n] = {1, 2, 3, 4, 5};  // 3 is a duplicate key
    char vals[n][8] = {"a", "b", "c", "d", "e"};
    SQLLEN val_ind[n] = {SQL_NTS, SQL_NTS, SQL_NTS, SQL_NTS, SQL_NTS};
    SQLUSMALLINT status[n] = {};
    SQLULEN processed = 0;
    SQLSetStmtAttr(stmt, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(n), 0);
    SQLSetStmtAttr(stmt, SQL_ATTR_PARAM_STATUS_PTR, status, 0);
    SQLSetStmtAttr(stmt, SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0);
    SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids, 0, nullptr);
    SQLBindParameter(stmt, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 7, 0, vals, 8, val_ind);
    // Every row is tried; one failure makes the call SQL_ERROR (so pyodbc and pandas raise), and
    // the status array and the record's row number say which row it was.
    auto rc = SQLExecDirect(stmt, (SQLCHAR*)"INSERT INTO OdbcBatch (ID, V) VALUES (?, ?)", SQL_NTS);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, stmt), "23000") << diag(SQL_HANDLE_STMT, stmt);
    SQLLEN row_number = 0;
    ASSERT_EQ(SQLGetDiagField(SQL_HANDLE_STMT, stmt, 1, SQL_DIAG_ROW_NUMBER, &row_number, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(row_number, 3);
    SQLSMALLINT records = 0;
    SQLGetDiagField(SQL_HANDLE_STMT, stmt, 0, SQL_DIAG_NUMBER, &records, 0, nullptr);
    EXPECT_EQ(records, 1);
    EXPECT_EQ(processed, n);
    EXPECT_EQ(std::vector<SQLUSMALLINT>(status, status + n),
              (std::vector<SQLUSMALLINT>{SQL_PARAM_SUCCESS, SQL_PARAM_SUCCESS, SQL_PARAM_ERROR, SQL_PARAM_SUCCESS, SQL_PARAM_SUCCESS}));
    SQLSetStmtAttr(stmt, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(1), 0);
    SQLFreeStmt(stmt, SQL_RESET_PARAMS);
    ASSERT_EQ(exec("SELECT COUNT(*) FROM OdbcBatch"), SQL_SUCCESS);
    EXPECT_EQ(rows(), (std::vector<std::vector<std::string>>{{"5"}}));
    exec("DROP TABLE OdbcBatch");
}

TEST_F(Odbc, EscapeSequencesReachTheServerTranslated) {
    connect_dsn();
    ASSERT_EQ(exec("SELECT {fn UCASE('abc')}, {d '2024-01-02'}, {fn CONCAT('a', 'b')}"), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(rows(), (std::vector<std::vector<std::string>>{{"ABC", "2024-01-02", "ab"}}));
    SQLCHAR out[256];
    SQLINTEGER len = 0;
    ASSERT_EQ(SQLNativeSql(dbc, (SQLCHAR*)"SELECT {ts '2024-01-02 03:04:05'}", SQL_NTS, out, sizeof out, &len), SQL_SUCCESS);
    EXPECT_STREQ(reinterpret_cast<char*>(out), "SELECT TIMESTAMP '2024-01-02 03:04:05'");
}

// With transaction-aware SQL on the server, autocommit off maps to thin-client transactions:
// rollback discards, commit keeps, DDL still works (the open transaction is committed first).
TEST_F(Odbc, AutocommitOffUsesServerTransactions) {
    connect_dsn("KindlingTestTx");
    SQLUSMALLINT capable = 0;
    ASSERT_EQ(SQLGetInfo(dbc, SQL_TXN_CAPABLE, &capable, sizeof capable, nullptr), SQL_SUCCESS);
    EXPECT_EQ(capable, SQL_TC_DML);
    ASSERT_TRUE(SQL_SUCCEEDED(exec("DROP TABLE IF EXISTS OdbcTx")));
    ASSERT_TRUE(SQL_SUCCEEDED(exec("CREATE TABLE OdbcTx (ID INT PRIMARY KEY, V VARCHAR) WITH \"atomicity=transactional\"")))
        << diag(SQL_HANDLE_STMT, stmt);
    ASSERT_EQ(SQLSetConnectAttr(dbc, SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0), SQL_SUCCESS);
    ASSERT_EQ(exec("INSERT INTO OdbcTx VALUES (1, 'rolled back')"), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    ASSERT_EQ(SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_ROLLBACK), SQL_SUCCESS) << diag(SQL_HANDLE_DBC, dbc);
    ASSERT_EQ(exec("INSERT INTO OdbcTx VALUES (2, 'committed')"), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    ASSERT_EQ(SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_COMMIT), SQL_SUCCESS) << diag(SQL_HANDLE_DBC, dbc);
    ASSERT_EQ(SQLSetConnectAttr(dbc, SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_ON), 0), SQL_SUCCESS);
    ASSERT_EQ(exec("SELECT ID, V FROM OdbcTx ORDER BY ID"), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(rows(), (std::vector<std::vector<std::string>>{{"2", "committed"}}));
    ASSERT_TRUE(SQL_SUCCEEDED(exec("DROP TABLE OdbcTx")));
}

// Connection pools and ORMs (SQLAlchemy) roll back every connection they hand out: on a server
// without transactional SQL a rollback with nothing to undo succeeds, and one that cannot undo
// what was applied warns, never fails.
TEST_F(Odbc, RollbackWithoutTransactionAwareSqlSaysSo) {
    connect_dsn();
    SQLUSMALLINT capable = 99;
    ASSERT_EQ(SQLGetInfo(dbc, SQL_TXN_CAPABLE, &capable, sizeof capable, nullptr), SQL_SUCCESS);
    EXPECT_EQ(capable, SQL_TC_NONE);
    EXPECT_EQ(SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_ROLLBACK), SQL_SUCCESS) << "autocommit on: nothing to undo";
    SQLSetConnectAttr(dbc, SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0);
    EXPECT_EQ(SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_COMMIT), SQL_SUCCESS);
    EXPECT_EQ(SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_ROLLBACK), SQL_SUCCESS) << "nothing ran since the commit";
    ASSERT_TRUE(SQL_SUCCEEDED(exec("DROP TABLE IF EXISTS OdbcNoTx")));
    ASSERT_TRUE(SQL_SUCCEEDED(exec("CREATE TABLE OdbcNoTx (ID INT PRIMARY KEY, V INT)")));
    ASSERT_EQ(exec("INSERT INTO OdbcNoTx VALUES (1, 1)"), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_ROLLBACK), SQL_SUCCESS_WITH_INFO);
    EXPECT_NE(diag(SQL_HANDLE_DBC, dbc).find("rollback had no effect: 3 statement(s)"), std::string::npos) << diag(SQL_HANDLE_DBC, dbc);
    EXPECT_EQ(SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_ROLLBACK), SQL_SUCCESS) << "the warning is given once";
    ASSERT_EQ(exec("SELECT COUNT(*) FROM OdbcNoTx"), SQL_SUCCESS);
    EXPECT_EQ(rows(), (std::vector<std::vector<std::string>>{{"1"}}));  // the row stayed, as the warning said
    exec("DROP TABLE OdbcNoTx");
}

TEST_F(Odbc, ColumnsAreDescribedAfterPrepareBeforeExecute) {
    connect_dsn();
    ASSERT_TRUE(SQL_SUCCEEDED(exec("DROP TABLE IF EXISTS OdbcPrep")));
    ASSERT_TRUE(SQL_SUCCEEDED(exec("CREATE TABLE OdbcPrep (ID INT PRIMARY KEY, Name VARCHAR(12), Amount DECIMAL(10,2))")));
    SQLFreeStmt(stmt, SQL_CLOSE);
    ASSERT_EQ(SQLPrepare(stmt, (SQLCHAR*)"SELECT Name, Amount FROM OdbcPrep WHERE ID > ?", SQL_NTS), SQL_SUCCESS);
    SQLSMALLINT cols = 0;
    ASSERT_EQ(SQLNumResultCols(stmt, &cols), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(cols, 2);
    SQLCHAR name[32];
    SQLSMALLINT len = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    ASSERT_EQ(SQLDescribeCol(stmt, 2, name, sizeof name, &len, &type, &size, &digits, &nullable), SQL_SUCCESS);
    EXPECT_STREQ(reinterpret_cast<char*>(name), "AMOUNT");
    EXPECT_EQ(type, SQL_DECIMAL);
    EXPECT_EQ(size, 10u);
    EXPECT_EQ(digits, 2);
    exec("DROP TABLE OdbcPrep");
}

namespace {

std::size_t resident_kb() {
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return static_cast<std::size_t>(resident) * static_cast<std::size_t>(sysconf(_SC_PAGESIZE)) / 1024;
}

// Open queries whose text contains `marker`, as the server lists them (SYS.SQL_QUERIES), seen
// through a second connection.
long running_queries_with(SQLHDBC other, const std::string& marker) {
    SQLHSTMT s = SQL_NULL_HANDLE;
    SQLAllocHandle(SQL_HANDLE_STMT, other, &s);
    long n = -1;
    // The SYS views take no LIKE: filter here.
    if (SQL_SUCCEEDED(SQLExecDirect(s, (SQLCHAR*)"SELECT SQL FROM SYS.SQL_QUERIES", SQL_NTS))) {
        n = 0;
        char text[4096];
        SQLLEN ind = 0;
        while (SQLFetch(s) == SQL_SUCCESS)
            if (SQL_SUCCEEDED(SQLGetData(s, 1, SQL_C_CHAR, text, sizeof text, &ind)) && ind > 0 &&
                std::string(text).find(marker) != std::string::npos)
                ++n;
    }
    SQLFreeHandle(SQL_HANDLE_STMT, s);
    return n;
}

}  // namespace

// A million rows stream through the protocol cursor page by page: resident memory stays flat, and
// closing the cursor half-way releases the server-side query.
TEST_F(Odbc, MillionRowFetchKeepsMemoryFlatAndCloseReleasesTheServerCursor) {
    connect_dsn();
    const std::string marker = "FLAT_MILLION_ROWS";
    const std::string query = "SELECT X AS " + marker + ", CONCAT('row-', X) FROM SYSTEM_RANGE(1, 1000000)";
    ASSERT_TRUE(SQL_SUCCEEDED(exec(query))) << diag(SQL_HANDLE_STMT, stmt);
    SQLBIGINT x = 0;
    char text[32];
    SQLLEN x_ind = 0, text_ind = 0;
    ASSERT_EQ(SQLBindCol(stmt, 1, SQL_C_SBIGINT, &x, 0, &x_ind), SQL_SUCCESS);
    ASSERT_EQ(SQLBindCol(stmt, 2, SQL_C_CHAR, text, sizeof text, &text_ind), SQL_SUCCESS);
    long long rows = 0, sum = 0;
    std::size_t rss_at_10k = 0, rss_peak = 0;
    bool text_ok = true;
    SQLRETURN rc;
    while ((rc = SQLFetch(stmt)) == SQL_SUCCESS) {
        ++rows;
        sum += x;
        if (rows % 100'000 == 7) text_ok = text_ok && std::string(text) == "row-" + std::to_string(x);
        if (rows == 10'000) rss_at_10k = resident_kb();
        if (rows > 10'000 && rows % 50'000 == 0) rss_peak = std::max(rss_peak, resident_kb());
    }
    ASSERT_EQ(rc, SQL_NO_DATA) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(rows, 1'000'000);
    EXPECT_EQ(sum, 500'000'500'000LL);
    EXPECT_TRUE(text_ok);
    EXPECT_LT(rss_peak - std::min(rss_peak, rss_at_10k), 50u * 1024) << "resident memory grew from " << rss_at_10k
                                                                     << " kB at row 10 000 to " << rss_peak << " kB";
    std::printf("1M-row fetch: RSS %zu kB at row 10 000, peak %zu kB after it\n", rss_at_10k, rss_peak);

    // Half-way, then SQLCloseCursor: the server's query must be gone.
    SQLHDBC other = SQL_NULL_HANDLE;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DBC, env, &other), SQL_SUCCESS);
    ASSERT_TRUE(SQL_SUCCEEDED(SQLConnect(other, (SQLCHAR*)"KindlingTest", SQL_NTS, nullptr, 0, nullptr, 0)));
    ASSERT_TRUE(SQL_SUCCEEDED(exec(query))) << diag(SQL_HANDLE_STMT, stmt);
    for (int i = 0; i < 500'000; ++i) ASSERT_EQ(SQLFetch(stmt), SQL_SUCCESS) << "row " << i;
    EXPECT_EQ(x, 500'000);
    EXPECT_GE(running_queries_with(other, marker), 1) << "the open cursor is not listed in SYS.SQL_QUERIES";
    ASSERT_EQ(SQLCloseCursor(stmt), SQL_SUCCESS);
    long left = -1;
    for (int i = 0; i < 20 && left != 0; ++i) {  // the close is a request; the listing follows it
        left = running_queries_with(other, marker);
        if (left != 0) usleep(100'000);
    }
    EXPECT_EQ(left, 0) << "the server still runs the closed cursor's query";
    SQLDisconnect(other);
    SQLFreeHandle(SQL_HANDLE_DBC, other);
}

// SQLCancel from a second thread stops a query that would run for minutes: the executing call
// returns HY008 soon after, and the statement and connection stay usable.
TEST_F(Odbc, CancelFromAnotherThreadStopsTheRunningQuery) {
    connect_dsn();
    const char* forever = "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 200000) a, SYSTEM_RANGE(1, 200000) b WHERE a.X + b.X = 7";
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        EXPECT_EQ(SQLCancel(stmt), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    });
    auto started = std::chrono::steady_clock::now();
    auto rc = SQLExecDirect(stmt, (SQLCHAR*)forever, SQL_NTS);
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    canceller.join();
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, stmt), "HY008") << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_LT(took, 30'000) << "the query ran on after SQLCancel";
    ASSERT_TRUE(SQL_SUCCEEDED(exec("SELECT 41 + 1"))) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(rows(), (std::vector<std::vector<std::string>>{{"42"}}));
    // SQLCancel with nothing running has no effect.
    EXPECT_EQ(SQLCancel(stmt), SQL_SUCCESS);
}

// SQL_DATA_AT_EXEC: long values sent in pieces with SQLParamData/SQLPutData.
TEST_F(Odbc, DataAtExecutionParametersArriveInPieces) {
    connect_dsn();
    exec("DROP TABLE IF EXISTS dae_t");
    ASSERT_TRUE(SQL_SUCCEEDED(exec("CREATE TABLE dae_t(id INT PRIMARY KEY, name VARCHAR, data VARBINARY)"))) << diag(SQL_HANDLE_STMT, stmt);
    ASSERT_EQ(SQLPrepare(stmt, (SQLCHAR*)"INSERT INTO dae_t VALUES (?, ?, ?)", SQL_NTS), SQL_SUCCESS);
    SQLINTEGER id = 7;
    SQLLEN id_ind = 0, name_ind = SQL_LEN_DATA_AT_EXEC(0), data_ind = SQL_DATA_AT_EXEC;
    ASSERT_EQ(SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0, &id_ind), SQL_SUCCESS);
    ASSERT_EQ(SQLBindParameter(stmt, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 100, 0, (SQLPOINTER)2, 0, &name_ind), SQL_SUCCESS);
    ASSERT_EQ(SQLBindParameter(stmt, 3, SQL_PARAM_INPUT, SQL_C_BINARY, SQL_VARBINARY, 100, 0, (SQLPOINTER)3, 0, &data_ind), SQL_SUCCESS);
    ASSERT_EQ(SQLExecute(stmt), SQL_NEED_DATA) << diag(SQL_HANDLE_STMT, stmt);
    SQLPOINTER token = nullptr;
    ASSERT_EQ(SQLParamData(stmt, &token), SQL_NEED_DATA);
    EXPECT_EQ(token, (SQLPOINTER)2);
    ASSERT_EQ(SQLPutData(stmt, (SQLPOINTER) "hello, ", SQL_NTS), SQL_SUCCESS);
    ASSERT_EQ(SQLPutData(stmt, (SQLPOINTER) "world!!", 6), SQL_SUCCESS);
    ASSERT_EQ(SQLParamData(stmt, &token), SQL_NEED_DATA);
    EXPECT_EQ(token, (SQLPOINTER)3);
    const unsigned char part1[] = {0x00, 0xFF, 0x10}, part2[] = {0x7F, 0x80};
    ASSERT_EQ(SQLPutData(stmt, (SQLPOINTER)part1, 3), SQL_SUCCESS);
    ASSERT_EQ(SQLPutData(stmt, (SQLPOINTER)part2, 2), SQL_SUCCESS);
    ASSERT_EQ(SQLParamData(stmt, &token), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    SQLLEN count = -1;
    SQLRowCount(stmt, &count);
    EXPECT_EQ(count, 1);

    ASSERT_TRUE(SQL_SUCCEEDED(exec("SELECT name, data FROM dae_t WHERE id = 7")));
    ASSERT_EQ(SQLFetch(stmt), SQL_SUCCESS);
    char name[64];
    unsigned char data[16];
    SQLLEN name_len = 0, data_len = 0;
    SQLGetData(stmt, 1, SQL_C_CHAR, name, sizeof name, &name_len);
    SQLGetData(stmt, 2, SQL_C_BINARY, data, sizeof data, &data_len);
    EXPECT_EQ(std::string(name), "hello, world!");
    ASSERT_EQ(data_len, 5);
    EXPECT_EQ(std::memcmp(data, "\x00\xFF\x10\x7F\x80", 5), 0);
    // Out of sequence: SQLPutData with no parameter waiting.
    SQLFreeStmt(stmt, SQL_CLOSE);
    EXPECT_EQ(SQLPutData(stmt, (SQLPOINTER) "x", 1), SQL_ERROR);
    EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, stmt), "HY010");
    exec("DROP TABLE dae_t");
}

// Several statements in one text: the server takes one per request, the driver runs them in turn
// and serves each result through SQLMoreResults.
TEST_F(Odbc, MultiStatementTextServesEachResultThroughMoreResults) {
    connect_dsn();
    exec("DROP TABLE IF EXISTS multi_t");
    const std::string text = "CREATE TABLE multi_t(id INT PRIMARY KEY, v VARCHAR); "
                             "INSERT INTO multi_t VALUES (1, 'a;b'), (2, 'c'); "
                             "SELECT v FROM multi_t ORDER BY id; -- a comment; with a semicolon\n"
                             "SELECT COUNT(*) FROM multi_t WHERE id > ?";
    // The last statement's marker has no bound value: nothing runs, 07002.
    EXPECT_EQ(exec(text), SQL_ERROR);
    EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, stmt), "07002");
    SQLINTEGER above = 1;
    SQLLEN ind = 0;
    ASSERT_EQ(SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &above, 0, &ind), SQL_SUCCESS);
    ASSERT_TRUE(SQL_SUCCEEDED(exec(text))) << diag(SQL_HANDLE_STMT, stmt);
    SQLSMALLINT cols = -1;
    SQLNumResultCols(stmt, &cols);
    EXPECT_EQ(cols, 0);  // CREATE TABLE
    ASSERT_EQ(SQLMoreResults(stmt), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    SQLLEN count = -1;
    SQLRowCount(stmt, &count);
    EXPECT_EQ(count, 2);  // INSERT
    ASSERT_EQ(SQLMoreResults(stmt), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(rows(), (std::vector<std::vector<std::string>>{{"a;b"}, {"c"}}));
    ASSERT_EQ(SQLMoreResults(stmt), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(rows(), (std::vector<std::vector<std::string>>{{"1"}}));
    EXPECT_EQ(SQLMoreResults(stmt), SQL_NO_DATA);
    SQLFreeStmt(stmt, SQL_RESET_PARAMS);
    // A trailing separator and comment are no statement; a '?' in a comment is no marker.
    ASSERT_TRUE(SQL_SUCCEEDED(exec("SELECT 7 /* why? */; -- done?"))) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(rows(), (std::vector<std::vector<std::string>>{{"7"}}));
    EXPECT_EQ(SQLMoreResults(stmt), SQL_NO_DATA);
    exec("DROP TABLE multi_t");
}

// Descriptors are real handles: the implicit ones reflect what SQLBindCol/SQLBindParameter set and
// can bind by themselves; an explicit one can be shared as the ARD of a statement.
TEST_F(Odbc, DescriptorsDescribeAndBind) {
    connect_dsn();
    exec("DROP TABLE IF EXISTS desc_t");
    ASSERT_TRUE(SQL_SUCCEEDED(exec("CREATE TABLE desc_t(id INT PRIMARY KEY, name VARCHAR(20))")));

    // APD + IPD set field by field instead of SQLBindParameter.
    SQLHDESC apd = nullptr, ipd = nullptr;
    ASSERT_EQ(SQLGetStmtAttr(stmt, SQL_ATTR_APP_PARAM_DESC, &apd, 0, nullptr), SQL_SUCCESS);
    ASSERT_EQ(SQLGetStmtAttr(stmt, SQL_ATTR_IMP_PARAM_DESC, &ipd, 0, nullptr), SQL_SUCCESS);
    SQLINTEGER id = 5;
    char name[] = "descriptor";
    SQLLEN name_ind = SQL_NTS, id_ind = 0;
    ASSERT_EQ(SQLPrepare(stmt, (SQLCHAR*)"INSERT INTO desc_t VALUES (?, ?)", SQL_NTS), SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescRec(apd, 1, SQL_C_SLONG, 0, 0, 0, 0, &id, &id_ind, &id_ind), SQL_SUCCESS) << diag(SQL_HANDLE_DESC, apd);
    ASSERT_EQ(SQLSetDescField(apd, 2, SQL_DESC_CONCISE_TYPE, (SQLPOINTER)SQL_C_CHAR, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(apd, 2, SQL_DESC_DATA_PTR, name, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(apd, 2, SQL_DESC_OCTET_LENGTH, (SQLPOINTER)sizeof name, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(apd, 2, SQL_DESC_INDICATOR_PTR, &name_ind, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(ipd, 1, SQL_DESC_CONCISE_TYPE, (SQLPOINTER)SQL_INTEGER, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(ipd, 2, SQL_DESC_CONCISE_TYPE, (SQLPOINTER)SQL_VARCHAR, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(ipd, 2, SQL_DESC_LENGTH, (SQLPOINTER)20, 0), SQL_SUCCESS);
    ASSERT_TRUE(SQL_SUCCEEDED(SQLExecute(stmt))) << diag(SQL_HANDLE_STMT, stmt);
    SQLSMALLINT count = 0;
    ASSERT_EQ(SQLGetDescField(apd, 0, SQL_DESC_COUNT, &count, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(count, 2);
    SQLFreeStmt(stmt, SQL_RESET_PARAMS);

    // IRD: the result columns.
    ASSERT_TRUE(SQL_SUCCEEDED(exec("SELECT id, name FROM desc_t")));
    SQLHDESC ird = nullptr, ard = nullptr;
    ASSERT_EQ(SQLGetStmtAttr(stmt, SQL_ATTR_IMP_ROW_DESC, &ird, 0, nullptr), SQL_SUCCESS);
    ASSERT_EQ(SQLGetDescField(ird, 0, SQL_DESC_COUNT, &count, 0, nullptr), SQL_SUCCESS) << diag(SQL_HANDLE_DESC, ird);
    EXPECT_EQ(count, 2);
    SQLSMALLINT type = 0;
    ASSERT_EQ(SQLGetDescField(ird, 1, SQL_DESC_CONCISE_TYPE, &type, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(type, SQL_INTEGER);
    char col_name[32] = {};
    SQLINTEGER col_name_len = 0;
    ASSERT_EQ(SQLGetDescField(ird, 2, SQL_DESC_NAME, col_name, sizeof col_name, &col_name_len), SQL_SUCCESS);
    EXPECT_STREQ(col_name, "NAME");
    SQLSMALLINT nullable = -1, rec_type = 0, subtype = 0, precision = 0, scale = 0;
    SQLLEN length = 0;
    ASSERT_EQ(SQLGetDescRec(ird, 2, (SQLCHAR*)col_name, sizeof col_name, nullptr, &rec_type, &subtype, &length, &precision, &scale, &nullable), SQL_SUCCESS)
        << diag(SQL_HANDLE_DESC, ird);
    EXPECT_EQ(rec_type, SQL_VARCHAR);
    EXPECT_EQ(length, 20);
    EXPECT_EQ(SQLSetDescField(ird, 1, SQL_DESC_CONCISE_TYPE, (SQLPOINTER)SQL_C_CHAR, 0), SQL_ERROR);
    EXPECT_EQ(sqlstate(SQL_HANDLE_DESC, ird), "HY016");

    // ARD fields bind column 1 exactly like SQLBindCol.
    ASSERT_EQ(SQLGetStmtAttr(stmt, SQL_ATTR_APP_ROW_DESC, &ard, 0, nullptr), SQL_SUCCESS);
    SQLINTEGER got_id = 0;
    SQLLEN got_ind = 0;
    ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_CONCISE_TYPE, (SQLPOINTER)SQL_C_SLONG, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_DATA_PTR, &got_id, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_INDICATOR_PTR, &got_ind, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLFetch(stmt), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(got_id, 5);
    EXPECT_EQ(got_ind, static_cast<SQLLEN>(sizeof(SQLINTEGER)));

    // An explicit descriptor, filled by SQLCopyDesc from that ARD, serves a second statement.
    SQLHDESC mine = nullptr;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DESC, dbc, &mine), SQL_SUCCESS);
    ASSERT_EQ(SQLCopyDesc(ard, mine), SQL_SUCCESS) << diag(SQL_HANDLE_DESC, mine);
    char got_name[32] = {};
    SQLLEN got_name_ind = 0;
    ASSERT_EQ(SQLSetDescRec(mine, 2, SQL_C_CHAR, 0, sizeof got_name, 0, 0, got_name, &got_name_ind, &got_name_ind), SQL_SUCCESS);
    SQLHSTMT second = nullptr;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &second), SQL_SUCCESS);
    ASSERT_EQ(SQLSetStmtAttr(second, SQL_ATTR_APP_ROW_DESC, mine, 0), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, second);
    got_id = 0;
    ASSERT_TRUE(SQL_SUCCEEDED(SQLExecDirect(second, (SQLCHAR*)"SELECT id, name FROM desc_t", SQL_NTS)));
    ASSERT_EQ(SQLFetch(second), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, second);
    EXPECT_EQ(got_id, 5);
    EXPECT_STREQ(got_name, "descriptor");
    EXPECT_EQ(got_name_ind, 10);
    SQLFreeHandle(SQL_HANDLE_STMT, second);
    EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_DESC, mine), SQL_SUCCESS);
    SQLFreeStmt(stmt, SQL_CLOSE);
    exec("DROP TABLE desc_t");
}

// SQL_DESC_INDICATOR_PTR and SQL_DESC_OCTET_LENGTH_PTR set to different buffers are two things: on
// fetch NULL goes to the indicator alone, a value's length to the octet length (indicator 0); on
// execution the indicator says NULL and the octet length how long the value is.
TEST_F(Odbc, SeparateIndicatorAndOctetLengthPointers) {
    connect_dsn();
    exec("DROP TABLE IF EXISTS ind_t");
    ASSERT_TRUE(SQL_SUCCEEDED(exec("CREATE TABLE ind_t(id INT PRIMARY KEY, name VARCHAR(20))"))) << diag(SQL_HANDLE_STMT, stmt);

    SQLHDESC apd = nullptr;
    ASSERT_EQ(SQLGetStmtAttr(stmt, SQL_ATTR_APP_PARAM_DESC, &apd, 0, nullptr), SQL_SUCCESS);
    SQLINTEGER id = 0;
    SQLLEN id_len = 0;
    char text[] = "abcdXYZ";
    SQLLEN text_len = 4, text_ind = 0;  // the first 4 bytes, not NULL
    ASSERT_EQ(SQLPrepare(stmt, (SQLCHAR*)"INSERT INTO ind_t VALUES (?, ?)", SQL_NTS), SQL_SUCCESS);
    ASSERT_EQ(SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0, &id_len), SQL_SUCCESS);
    ASSERT_EQ(SQLBindParameter(stmt, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 20, 0, text, sizeof text, nullptr), SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(apd, 2, SQL_DESC_OCTET_LENGTH_PTR, &text_len, 0), SQL_SUCCESS) << diag(SQL_HANDLE_DESC, apd);
    ASSERT_EQ(SQLSetDescField(apd, 2, SQL_DESC_INDICATOR_PTR, &text_ind, 0), SQL_SUCCESS) << diag(SQL_HANDLE_DESC, apd);
    id = 1;
    ASSERT_TRUE(SQL_SUCCEEDED(SQLExecute(stmt))) << diag(SQL_HANDLE_STMT, stmt);
    id = 2;
    text_ind = SQL_NULL_DATA;  // NULL, whatever the octet length says
    ASSERT_TRUE(SQL_SUCCEEDED(SQLExecute(stmt))) << diag(SQL_HANDLE_STMT, stmt);
    SQLFreeStmt(stmt, SQL_RESET_PARAMS);

    ASSERT_TRUE(SQL_SUCCEEDED(exec("SELECT name FROM ind_t ORDER BY id"))) << diag(SQL_HANDLE_STMT, stmt);
    SQLHDESC ard = nullptr;
    ASSERT_EQ(SQLGetStmtAttr(stmt, SQL_ATTR_APP_ROW_DESC, &ard, 0, nullptr), SQL_SUCCESS);
    char name[32] = {};
    SQLLEN len = 0, ind = 0;
    ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_CONCISE_TYPE, (SQLPOINTER)SQL_C_CHAR, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_DATA_PTR, name, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_OCTET_LENGTH, (SQLPOINTER)sizeof name, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_OCTET_LENGTH_PTR, &len, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_INDICATOR_PTR, &ind, 0), SQL_SUCCESS);
    SQLPOINTER got = nullptr;
    ASSERT_EQ(SQLGetDescField(ard, 1, SQL_DESC_OCTET_LENGTH_PTR, &got, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(got, &len);
    ASSERT_EQ(SQLGetDescField(ard, 1, SQL_DESC_INDICATOR_PTR, &got, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(got, &ind);

    len = ind = -7;
    ASSERT_EQ(SQLFetch(stmt), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_STREQ(name, "abcd");
    EXPECT_EQ(len, 4);
    EXPECT_EQ(ind, 0);
    len = ind = -7;
    ASSERT_EQ(SQLFetch(stmt), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(ind, SQL_NULL_DATA);
    EXPECT_EQ(len, -7);  // a NULL has no length to report
    EXPECT_EQ(SQLFetch(stmt), SQL_NO_DATA);
    SQLFreeStmt(stmt, SQL_CLOSE);
    exec("DROP TABLE ind_t");
}

// SQLBindCol writes the ARD record (SQLGetDescField reads it back), and a data pointer changed in
// the ARD is where SQLFetch writes, also for an explicit ARD SQLBindCol was called through.
TEST_F(Odbc, BindColIsTheArdRecord) {
    connect_dsn();
    SQLHDESC ard = nullptr;
    ASSERT_EQ(SQLGetStmtAttr(stmt, SQL_ATTR_APP_ROW_DESC, &ard, 0, nullptr), SQL_SUCCESS);
    SQLINTEGER first = 0, second = 0;
    SQLLEN ind = 0;
    ASSERT_EQ(SQLBindCol(stmt, 1, SQL_C_SLONG, &first, 0, &ind), SQL_SUCCESS);
    SQLSMALLINT count = 0, type = 0;
    ASSERT_EQ(SQLGetDescField(ard, 0, SQL_DESC_COUNT, &count, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(count, 1);
    ASSERT_EQ(SQLGetDescField(ard, 1, SQL_DESC_CONCISE_TYPE, &type, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(type, SQL_C_SLONG);
    SQLPOINTER got = nullptr;
    ASSERT_EQ(SQLGetDescField(ard, 1, SQL_DESC_DATA_PTR, &got, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(got, &first);
    ASSERT_EQ(SQLGetDescField(ard, 1, SQL_DESC_INDICATOR_PTR, &got, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(got, &ind);
    ASSERT_EQ(SQLGetDescField(ard, 1, SQL_DESC_OCTET_LENGTH_PTR, &got, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(got, &ind);

    ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_DATA_PTR, &second, 0), SQL_SUCCESS) << diag(SQL_HANDLE_DESC, ard);
    ASSERT_TRUE(SQL_SUCCEEDED(exec("SELECT 42"))) << diag(SQL_HANDLE_STMT, stmt);
    ASSERT_EQ(SQLFetch(stmt), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(first, 0);
    EXPECT_EQ(second, 42);
    EXPECT_EQ(ind, static_cast<SQLLEN>(sizeof(SQLINTEGER)));

    // With an explicit ARD in place, SQLBindCol writes that descriptor; freeing it brings back the
    // implicit one with its own binding.
    SQLHDESC mine = nullptr;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DESC, dbc, &mine), SQL_SUCCESS);
    ASSERT_EQ(SQLSetStmtAttr(stmt, SQL_ATTR_APP_ROW_DESC, mine, 0), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    SQLINTEGER third = 0;
    ASSERT_EQ(SQLBindCol(stmt, 1, SQL_C_SLONG, &third, 0, nullptr), SQL_SUCCESS);
    ASSERT_EQ(SQLGetDescField(mine, 1, SQL_DESC_DATA_PTR, &got, 0, nullptr), SQL_SUCCESS) << diag(SQL_HANDLE_DESC, mine);
    EXPECT_EQ(got, &third);
    ASSERT_TRUE(SQL_SUCCEEDED(exec("SELECT 7"))) << diag(SQL_HANDLE_STMT, stmt);
    ASSERT_EQ(SQLFetch(stmt), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(third, 7);
    EXPECT_EQ(second, 42);
    EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_DESC, mine), SQL_SUCCESS);
    ASSERT_TRUE(SQL_SUCCEEDED(exec("SELECT 8"))) << diag(SQL_HANDLE_STMT, stmt);
    ASSERT_EQ(SQLFetch(stmt), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(second, 8);
    EXPECT_EQ(third, 7);
}

// The node's JVM runs in Asia/Tokyo (UTC+9): DATE/TIME/TIMESTAMP values are instants it made from
// wall-clock values in that zone. Read back they are the wall-clock values SQL wrote, and typed
// parameters become the values the server shows for them. Without the zone a DATE would come back
// as the day before (Tokyo midnight is 15:00 UTC the previous day).
TEST_F(Odbc, DatesAreRightWhenTheServerRunsInAnotherTimeZone) {
    connect_dsn("KindlingTestTz");
    exec("DROP TABLE IF EXISTS tz_t");
    ASSERT_TRUE(SQL_SUCCEEDED(exec("CREATE TABLE tz_t(id INT PRIMARY KEY, d DATE, ts TIMESTAMP, t TIME)"))) << diag(SQL_HANDLE_STMT, stmt);
    ASSERT_TRUE(SQL_SUCCEEDED(exec("INSERT INTO tz_t VALUES (1, DATE '2024-01-15', TIMESTAMP '2024-07-01 23:30:05.250', TIME '08:15:00')")))
        << diag(SQL_HANDLE_STMT, stmt);
    ASSERT_TRUE(SQL_SUCCEEDED(exec("SELECT d, ts, t FROM tz_t WHERE id = 1")));
    ASSERT_EQ(SQLFetch(stmt), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    SQL_DATE_STRUCT d{};
    SQL_TIMESTAMP_STRUCT ts{};
    SQL_TIME_STRUCT t{};
    SQLLEN ind = 0;
    ASSERT_TRUE(SQL_SUCCEEDED(SQLGetData(stmt, 1, SQL_C_TYPE_DATE, &d, sizeof d, &ind)));
    ASSERT_TRUE(SQL_SUCCEEDED(SQLGetData(stmt, 2, SQL_C_TYPE_TIMESTAMP, &ts, sizeof ts, &ind)));
    ASSERT_TRUE(SQL_SUCCEEDED(SQLGetData(stmt, 3, SQL_C_TYPE_TIME, &t, sizeof t, &ind)));
    EXPECT_EQ(std::vector<int>({d.year, d.month, d.day}), std::vector<int>({2024, 1, 15}));
    EXPECT_EQ(std::vector<int>({ts.year, ts.month, ts.day, ts.hour, ts.minute, ts.second}), std::vector<int>({2024, 7, 1, 23, 30, 5}));
    EXPECT_EQ(ts.fraction, 250'000'000u);
    EXPECT_EQ(std::vector<int>({t.hour, t.minute, t.second}), std::vector<int>({8, 15, 0}));
    SQLFreeStmt(stmt, SQL_CLOSE);
    // As text too.
    ASSERT_TRUE(SQL_SUCCEEDED(exec("SELECT d FROM tz_t WHERE id = 1")));
    EXPECT_EQ(rows(), (std::vector<std::vector<std::string>>{{"2024-01-15"}}));

    // Typed parameters: the server renders them as the wall-clock values sent.
    SQLFreeStmt(stmt, SQL_CLOSE);
    ASSERT_EQ(SQLPrepare(stmt, (SQLCHAR*)"INSERT INTO tz_t VALUES (2, ?, ?, NULL)", SQL_NTS), SQL_SUCCESS);
    SQL_DATE_STRUCT pd{2023, 12, 31};
    SQL_TIMESTAMP_STRUCT pts{2024, 3, 10, 1, 2, 3, 0};
    SQLLEN pind = 0;
    SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_TYPE_DATE, SQL_TYPE_DATE, 10, 0, &pd, 0, &pind);
    SQLBindParameter(stmt, 2, SQL_PARAM_INPUT, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, 19, 0, &pts, 0, &pind);
    ASSERT_TRUE(SQL_SUCCEEDED(SQLExecute(stmt))) << diag(SQL_HANDLE_STMT, stmt);
    SQLFreeStmt(stmt, SQL_RESET_PARAMS);
    ASSERT_TRUE(SQL_SUCCEEDED(exec("SELECT CAST(d AS VARCHAR), CAST(ts AS VARCHAR) FROM tz_t WHERE id = 2"))) << diag(SQL_HANDLE_STMT, stmt);
    auto r = rows();
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0][0], "2023-12-31");
    EXPECT_EQ(r[0][1].substr(0, 19), "2024-03-10 01:02:03");
    exec("DROP TABLE tz_t");
}

// ---- Exactness for typed clients: each test below is one defect clients saw ----------------------

namespace {
struct Described {
    SQLSMALLINT type = 0;
    SQLULEN size = 0;
    SQLSMALLINT digits = -1;
};
Described describe_col(SQLHSTMT st, SQLUSMALLINT col) {
    Described d;
    SQLCHAR name[128];
    SQLSMALLINT name_len = 0, nullable = 0;
    SQLDescribeCol(st, col, name, sizeof name, &name_len, &d.type, &d.size, &d.digits, &nullable);
    return d;
}
SQLLEN col_attr(SQLHSTMT st, SQLUSMALLINT col, SQLUSMALLINT field) {
    SQLLEN n = -12345;
    SQLColAttribute(st, col, field, nullptr, 0, nullptr, &n);
    return n;
}
}  // namespace

// Computed columns were DECIMAL(38,0): arrow-odbc read 1.5 as 1. The server's own description
// holds before execution, and after it the description also holds every value of the first page
// (H2 sends CAST(X AS DECIMAL(20,5))/7 with scale 30 while describing it with scale 5).
TEST_F(Odbc, ComputedDecimalsAreDescribedSoNoDigitIsLost) {
    connect_dsn();
    ASSERT_EQ(SQLPrepare(stmt, (SQLCHAR*)"SELECT X*1.5, CAST(X AS DECIMAL(20,5))/7 FROM SYSTEM_RANGE(1,3)", SQL_NTS), SQL_SUCCESS);
    auto product = describe_col(stmt, 1);
    EXPECT_EQ(product.type, SQL_DECIMAL);
    EXPECT_EQ(product.size, 19u);  // BIGINT's precision: what H2 reports
    EXPECT_EQ(product.digits, 1);
    auto quotient = describe_col(stmt, 2);
    EXPECT_EQ(quotient.type, SQL_DECIMAL);
    EXPECT_EQ(quotient.digits, 5);  // before execution there is only the server's word
    ASSERT_EQ(SQLExecute(stmt), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(describe_col(stmt, 1).digits, 1);
    auto widened = describe_col(stmt, 2);
    EXPECT_EQ(widened.digits, 30);
    EXPECT_EQ(widened.size, 45u);  // 15 integer digits as described + 30
    EXPECT_EQ(col_attr(stmt, 2, SQL_DESC_SCALE), 30);
    EXPECT_EQ(rows(), (std::vector<std::vector<std::string>>{{"1.5", "0.142857142857142857142857142857"},
                                                             {"3.0", "0.285714285714285714285714285714"},
                                                             {"4.5", "0.428571428571428571428571428571"}}));
}

// Unbounded VARCHAR was VARCHAR(255), expression columns were sized from the first row: a
// client binding buffers from the size failed on the longer rows that followed.
TEST_F(Odbc, TextColumnsAreSizedByTheServerNotByTheFirstRow) {
    connect_dsn();
    ASSERT_EQ(exec("SELECT CAST(X AS VARCHAR), REPEAT('y', X*1000), CAST(X AS VARCHAR(7)) FROM SYSTEM_RANGE(1,5) ORDER BY X"), SQL_SUCCESS)
        << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(describe_col(stmt, 1).size, 2147483647u);
    EXPECT_EQ(describe_col(stmt, 2).size, 2147483647u) << "not the first row's 1000";
    EXPECT_EQ(describe_col(stmt, 3).size, 7u);
    EXPECT_EQ(describe_col(stmt, 3).type, SQL_VARCHAR);
}

// SYS.TABLE_COLUMNS was read to its first 1024-row page only: tables beyond it had no metadata.
TEST_F(Odbc, TableMetadataIsReadToTheLastPage) {
    connect_dsn();
    std::string cols;
    for (int c = 0; c < 100; ++c) cols += ", C" + std::to_string(c) + " INT";
    for (int t = 0; t < 11; ++t) {
        auto name = "OdbcWide" + std::to_string(t);
        ASSERT_TRUE(SQL_SUCCEEDED(exec("DROP TABLE IF EXISTS " + name)));
        ASSERT_TRUE(SQL_SUCCEEDED(exec("CREATE TABLE " + name + " (ID INT PRIMARY KEY" + cols + ", LAST_COL VARCHAR(17))")))
            << diag(SQL_HANDLE_STMT, stmt);
    }
    ASSERT_EQ(exec("SELECT COUNT(*) FROM SYS.TABLE_COLUMNS"), SQL_SUCCESS);
    ASSERT_GT(std::stoi(rows().at(0).at(0)), 1024 + 100) << "the test needs more than a page of columns";
    SQLFreeStmt(stmt, SQL_CLOSE);
    // The last table's column length comes from SYS.TABLE_COLUMNS (the server's parameter
    // metadata carries no length).
    ASSERT_EQ(SQLPrepare(stmt, (SQLCHAR*)"INSERT INTO OdbcWide10 (ID, LAST_COL) VALUES (?, ?)", SQL_NTS), SQL_SUCCESS);
    SQLSMALLINT type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    ASSERT_EQ(SQLDescribeParam(stmt, 2, &type, &size, &digits, &nullable), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(type, SQL_VARCHAR);
    EXPECT_EQ(size, 17u);
    for (int t = 0; t < 11; ++t) exec("DROP TABLE OdbcWide" + std::to_string(t));
}

// SQLDescribeParam answered VARCHAR(0) for everything: now the server's types, and the target
// column's length and scale where the marker is a whole INSERT value.
TEST_F(Odbc, DescribeParamAnswersWhatTheServerInfers) {
    connect_dsn();
    ASSERT_TRUE(SQL_SUCCEEDED(exec("DROP TABLE IF EXISTS OdbcParams")));
    ASSERT_TRUE(SQL_SUCCEEDED(exec("CREATE TABLE OdbcParams (ID INT PRIMARY KEY, AMOUNT DECIMAL(12,3), NAME VARCHAR, TS TIMESTAMP)")));
    SQLFreeStmt(stmt, SQL_CLOSE);
    auto param = [&](SQLUSMALLINT n) {
        Described d;
        SQLSMALLINT nullable = 0;
        EXPECT_EQ(SQLDescribeParam(stmt, n, &d.type, &d.size, &d.digits, &nullable), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
        return d;
    };
    ASSERT_EQ(SQLPrepare(stmt, (SQLCHAR*)"INSERT INTO OdbcParams (ID, AMOUNT, NAME, TS) VALUES (?, ?, ?, ?)", SQL_NTS), SQL_SUCCESS);
    EXPECT_EQ(param(1).type, SQL_INTEGER);
    auto amount = param(2);
    EXPECT_EQ(amount.type, SQL_DECIMAL);
    EXPECT_EQ(amount.size, 12u);
    EXPECT_EQ(amount.digits, 3);
    auto name = param(3);
    EXPECT_EQ(name.type, SQL_VARCHAR);
    EXPECT_EQ(name.size, 0u) << "no declared length: 'cannot be determined', never 2 GB to allocate per row";
    EXPECT_EQ(param(4).type, SQL_TYPE_TIMESTAMP);
    ASSERT_EQ(SQLPrepare(stmt, (SQLCHAR*)"SELECT NAME FROM OdbcParams WHERE ID > ? AND TS < ?", SQL_NTS), SQL_SUCCESS);
    EXPECT_EQ(param(1).type, SQL_INTEGER);
    EXPECT_EQ(param(2).type, SQL_TYPE_TIMESTAMP);
    exec("DROP TABLE OdbcParams");
}

// Data at execution with a parameter array (what pyodbc's fast_executemany does for text):
// SQLParamData walks rows x parameters and its token is the row's own buffer address, with
// row-wise binding and the bind offset applied (the old token crashed pyodbc).
TEST_F(Odbc, DataAtExecutionWalksEveryRowOfAParameterArray) {
    connect_dsn();
    ASSERT_TRUE(SQL_SUCCEEDED(exec("DROP TABLE IF EXISTS OdbcDaeArray")));
    ASSERT_TRUE(SQL_SUCCEEDED(exec("CREATE TABLE OdbcDaeArray (ID INT PRIMARY KEY, V VARCHAR)")));
    SQLFreeStmt(stmt, SQL_CLOSE);
    struct Row {
        SQLINTEGER id;
        SQLLEN id_ind;
        char token[8];  // the application's own marker for "which row"
        SQLLEN v_ind;
    };
    constexpr SQLULEN n = 3;
    Row storage[n + 1] = {};
    SQLLEN offset = sizeof(Row);  // the rows start one struct in: the offset must be applied
    Row* rows_at = storage + 1;
    for (SQLULEN i = 0; i < n; ++i) {
        rows_at[i].id = static_cast<SQLINTEGER>(10 + i);
        rows_at[i].v_ind = SQL_LEN_DATA_AT_EXEC(0);
        std::snprintf(rows_at[i].token, sizeof rows_at[i].token, "row%d", static_cast<int>(i));
    }
    SQLSetStmtAttr(stmt, SQL_ATTR_PARAM_BIND_TYPE, reinterpret_cast<SQLPOINTER>(sizeof(Row)), 0);
    SQLSetStmtAttr(stmt, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(n), 0);
    SQLSetStmtAttr(stmt, SQL_ATTR_PARAM_BIND_OFFSET_PTR, &offset, 0);
    SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &storage[0].id, 0, &storage[0].id_ind);
    SQLBindParameter(stmt, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 0, 0, storage[0].token, 0, &storage[0].v_ind);
    ASSERT_EQ(SQLExecDirect(stmt, (SQLCHAR*)"INSERT INTO OdbcDaeArray (ID, V) VALUES (?, ?)", SQL_NTS), SQL_NEED_DATA)
        << diag(SQL_HANDLE_STMT, stmt);
    std::vector<std::string> asked;
    SQLPOINTER token = nullptr;
    SQLRETURN rc;
    while ((rc = SQLParamData(stmt, &token)) == SQL_NEED_DATA) {
        auto* row = static_cast<char*>(token);
        asked.emplace_back(row);
        std::string value = std::string("value of ") + row + " é";
        ASSERT_EQ(SQLPutData(stmt, value.data(), static_cast<SQLLEN>(value.size())), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    }
    ASSERT_EQ(rc, SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(asked, (std::vector<std::string>{"row0", "row1", "row2"}));
    SQLSetStmtAttr(stmt, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(1), 0);
    SQLSetStmtAttr(stmt, SQL_ATTR_PARAM_BIND_OFFSET_PTR, nullptr, 0);
    SQLSetStmtAttr(stmt, SQL_ATTR_PARAM_BIND_TYPE, reinterpret_cast<SQLPOINTER>(SQL_PARAM_BIND_BY_COLUMN), 0);
    SQLFreeStmt(stmt, SQL_RESET_PARAMS);
    ASSERT_EQ(exec("SELECT ID, V FROM OdbcDaeArray ORDER BY ID"), SQL_SUCCESS);
    EXPECT_EQ(rows(), (std::vector<std::vector<std::string>>{
                          {"10", "value of row0 é"}, {"11", "value of row1 é"}, {"12", "value of row2 é"}}));
    exec("DROP TABLE OdbcDaeArray");
}

// A query timeout answered HY008 (the server words it as a cancellation): ODBC says HYT00.
TEST_F(Odbc, QueryTimeoutIsHyt00) {
    connect_dsn();
    SQLSetStmtAttr(stmt, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(1), 0);
    auto rc = SQLExecDirect(stmt, (SQLCHAR*)"SELECT COUNT(*) FROM SYSTEM_RANGE(1, 200000) a, SYSTEM_RANGE(1, 200000) b WHERE a.X + b.X = 7", SQL_NTS);
    EXPECT_EQ(rc, SQL_ERROR);
    EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, stmt), "HYT00") << diag(SQL_HANDLE_STMT, stmt);
    SQLSetStmtAttr(stmt, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(0), 0);
    ASSERT_TRUE(SQL_SUCCEEDED(exec("SELECT 1"))) << diag(SQL_HANDLE_STMT, stmt);
}

// A UUID as SQL_C_BINARY was the 36 bytes of its text (LibreOffice showed 0x3535...): ODBC says
// the 16-byte SQLGUID structure.
TEST_F(Odbc, GuidAsBinaryIsTheSqlGuidStructure) {
    connect_dsn();
    ASSERT_EQ(exec("SELECT CAST('12345678-9abc-def0-1122-334455667788' AS UUID)"), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    ASSERT_EQ(SQLFetch(stmt), SQL_SUCCESS);
    unsigned char bytes[64] = {};
    SQLLEN ind = 0;
    ASSERT_EQ(SQLGetData(stmt, 1, SQL_C_BINARY, bytes, sizeof bytes, &ind), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    ASSERT_EQ(ind, 16);
    SQLGUID expected{0x12345678, 0x9abc, 0xdef0, {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88}};
    EXPECT_EQ(std::memcmp(bytes, &expected, sizeof expected), 0);
}

// CHAR(n) with non-ASCII text: the display size was n while SQL_C_CHAR data is UTF-8, so clients
// sizing their buffer from it (DBD::ODBC) truncated.
TEST_F(Odbc, DisplaySizeHoldsNonAsciiTextAsSqlCChar) {
    connect_dsn();
    ASSERT_TRUE(SQL_SUCCEEDED(exec("DROP TABLE IF EXISTS OdbcChars")));
    ASSERT_TRUE(SQL_SUCCEEDED(exec("CREATE TABLE OdbcChars (ID INT PRIMARY KEY, C CHAR(5))")));
    // The server counts UTF-16 units (no emoji in CHAR(5)); € takes 3 bytes of UTF-8.
    ASSERT_TRUE(SQL_SUCCEEDED(exec("INSERT INTO OdbcChars VALUES (1, 'ÆØ€жé')"))) << diag(SQL_HANDLE_STMT, stmt);
    ASSERT_EQ(exec("SELECT C FROM OdbcChars"), SQL_SUCCESS);
    auto display = col_attr(stmt, 1, SQL_DESC_DISPLAY_SIZE);
    EXPECT_EQ(col_attr(stmt, 1, SQL_DESC_LENGTH), 5);
    EXPECT_GE(display, 11) << "these 5 characters take 11 bytes of UTF-8";
    std::vector<char> buf(static_cast<std::size_t>(display) + 1);
    SQLLEN ind = 0;
    SQLBindCol(stmt, 1, SQL_C_CHAR, buf.data(), static_cast<SQLLEN>(buf.size()), &ind);
    EXPECT_EQ(SQLFetch(stmt), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_STREQ(buf.data(), "ÆØ€жé");
    SQLFreeStmt(stmt, SQL_UNBIND);
    exec("DROP TABLE OdbcChars");
}

// SQLColumns BUFFER_LENGTH was the display size for fixed types; VARBINARY was listed as BINARY;
// a column-count mismatch passed H2's 21002 through instead of ODBC's 21S01.
TEST_F(Odbc, CatalogLengthsTypeNamesAndStates) {
    connect_dsn();
    ASSERT_TRUE(SQL_SUCCEEDED(exec("DROP TABLE IF EXISTS OdbcCatalogTypes")));
    ASSERT_TRUE(SQL_SUCCEEDED(exec("CREATE TABLE OdbcCatalogTypes (ID INT PRIMARY KEY, D DOUBLE, B VARBINARY)")));
    SQLFreeStmt(stmt, SQL_CLOSE);
    ASSERT_EQ(SQLColumns(stmt, nullptr, 0, (SQLCHAR*)"PUBLIC", SQL_NTS, (SQLCHAR*)"ODBCCATALOGTYPES", SQL_NTS, nullptr, 0), SQL_SUCCESS)
        << diag(SQL_HANDLE_STMT, stmt);
    std::vector<std::vector<std::string>> got;
    for (auto& r : rows()) got.push_back({r.at(3), r.at(5), r.at(7)});  // COLUMN_NAME, TYPE_NAME, BUFFER_LENGTH
    EXPECT_EQ(got, (std::vector<std::vector<std::string>>{{"ID", "INTEGER", "4"}, {"D", "DOUBLE", "8"}, {"B", "VARBINARY", "2147483647"}}));
    EXPECT_EQ(exec("INSERT INTO OdbcCatalogTypes (ID, D) VALUES (1)"), SQL_ERROR);
    EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, stmt), "21S01") << diag(SQL_HANDLE_STMT, stmt);
    exec("DROP TABLE OdbcCatalogTypes");
}
