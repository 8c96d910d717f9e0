// The driver through the unixODBC driver manager (libodbc): DSNs come from the build tree's
// odbc.ini (tests/odbc/dsns.cmake), never by calling the driver's symbols.
#include <gtest/gtest.h>
#include <sql.h>
#include <sqlext.h>

#include <string>
#include <vector>

#include "test_env.hpp"

namespace {

std::string diag(SQLSMALLINT type, SQLHANDLE h) {
    SQLCHAR state[6] = {};
    SQLCHAR msg[1024] = {};
    SQLINTEGER native = 0;
    SQLSMALLINT len = 0;
    if (SQLGetDiagRec(type, h, 1, state, &native, msg, sizeof msg, &len) != SQL_SUCCESS) return "";
    return std::string(reinterpret_cast<char*>(state)) + " " + reinterpret_cast<char*>(msg);
}

std::string sqlstate(SQLSMALLINT type, SQLHANDLE h) { return diag(type, h).substr(0, 5); }

class Odbc : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env), SQL_SUCCESS);
        ASSERT_EQ(SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0), SQL_SUCCESS);
        ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc), SQL_SUCCESS);
    }
    void TearDown() override {
        if (stmt) SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        if (connected) SQLDisconnect(dbc);
        SQLFreeHandle(SQL_HANDLE_DBC, dbc);
        SQLFreeHandle(SQL_HANDLE_ENV, env);
    }
    SQLRETURN driver_connect(const std::string& cs) {
        SQLCHAR out[1024];
        SQLSMALLINT out_len = 0;
        auto rc = SQLDriverConnect(dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, out, sizeof out, &out_len, SQL_DRIVER_NOPROMPT);
        connected = SQL_SUCCEEDED(rc);
        return rc;
    }
    void connect_dsn(const char* dsn = "KindlingTest") {
        auto rc = SQLConnect(dbc, (SQLCHAR*)dsn, SQL_NTS, nullptr, 0, nullptr, 0);
        ASSERT_TRUE(SQL_SUCCEEDED(rc)) << diag(SQL_HANDLE_DBC, dbc);
        connected = true;
        ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt), SQL_SUCCESS);
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
    SQLHENV env = SQL_NULL_HANDLE;
    SQLHDBC dbc = SQL_NULL_HANDLE;
    SQLHSTMT stmt = SQL_NULL_HANDLE;
    bool connected = false;
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
    auto rc = SQLExecDirect(stmt, (SQLCHAR*)"INSERT INTO OdbcBatch (ID, V) VALUES (?, ?)", SQL_NTS);
    EXPECT_EQ(rc, SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, stmt), "23000") << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(processed, n);
    EXPECT_EQ(std::vector<SQLUSMALLINT>(status, status + n),
              (std::vector<SQLUSMALLINT>{SQL_PARAM_SUCCESS, SQL_PARAM_SUCCESS, SQL_PARAM_ERROR, SQL_PARAM_SUCCESS, SQL_PARAM_SUCCESS}));
    SQLLEN count = 0;
    SQLRowCount(stmt, &count);
    EXPECT_EQ(count, 4);
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

TEST_F(Odbc, RollbackWithoutTransactionAwareSqlSaysSo) {
    connect_dsn();
    SQLUSMALLINT capable = 99;
    ASSERT_EQ(SQLGetInfo(dbc, SQL_TXN_CAPABLE, &capable, sizeof capable, nullptr), SQL_SUCCESS);
    EXPECT_EQ(capable, SQL_TC_NONE);
    SQLSetConnectAttr(dbc, SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0);
    EXPECT_EQ(SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_COMMIT), SQL_SUCCESS);
    EXPECT_EQ(SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_ROLLBACK), SQL_ERROR);
    EXPECT_NE(diag(SQL_HANDLE_DBC, dbc).find("rollback is not possible"), std::string::npos) << diag(SQL_HANDLE_DBC, dbc);
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
