// Every reader of a server cursor reads past its first page: statements, catalog functions and the
// table metadata behind SQLDescribeParam, on a connection with PAGE_SIZE=2 (SYS.TABLE_COLUMNS of
// the test cluster is then tens of pages).
#include <gtest/gtest.h>
#include <sql.h>
#include <sqlext.h>

#include <string>
#include <vector>

#include "odbc_session.hpp"
#include "test_env.hpp"

namespace {

using kindling::test::diag;

class Paging : public kindling::test::OdbcSession {
protected:
    void connect_small_pages() {
        auto cs = "DRIVER=Kindling;ADDRESS=127.0.0.1:" + std::to_string(kindling::test::main_port()) + ";SCHEMA=PUBLIC;PAGE_SIZE=2";
        SQLCHAR out[1024];
        SQLSMALLINT out_len = 0;
        connected_with(SQLDriverConnect(dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, out, sizeof out, &out_len, SQL_DRIVER_NOPROMPT));
    }
    SQLRETURN exec(const std::string& sql) {
        SQLFreeStmt(stmt, SQL_CLOSE);
        return SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS);
    }
    // Column `col` of every row, as text.
    std::vector<std::string> column(SQLUSMALLINT col) {
        std::vector<std::string> out;
        while (SQLFetch(stmt) == SQL_SUCCESS) {
            char buf[256];
            SQLLEN ind = 0;
            SQLGetData(stmt, col, SQL_C_CHAR, buf, sizeof buf, &ind);
            out.push_back(ind == SQL_NULL_DATA ? "NULL" : std::string(buf));
        }
        return out;
    }
    // A table with more columns than a page has rows, created fresh (ctest runs tests in
    // parallel: each test has its own).
    void create_wide_table(const std::string& name) {
        ASSERT_TRUE(SQL_SUCCEEDED(exec("DROP TABLE IF EXISTS " + name)));
        ASSERT_TRUE(SQL_SUCCEEDED(exec("CREATE TABLE " + name + " (ID INT PRIMARY KEY, C1 INT, C2 INT, C3 INT, C4 INT, C5 INT, "
                                       "LAST VARCHAR(33))")))
            << diag(SQL_HANDLE_STMT, stmt);
    }
};

}  // namespace

TEST_F(Paging, AResultOfManyPagesIsReadToItsLastRow) {
    connect_small_pages();
    ASSERT_EQ(exec("SELECT X FROM SYSTEM_RANGE(1, 7) ORDER BY X"), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(column(1), (std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7"}));
    EXPECT_EQ(SQLFetch(stmt), SQL_NO_DATA);
    // Closed after its last page (the server released it) and after an abandoned first page: the
    // statement stays usable either way.
    ASSERT_EQ(SQLFreeStmt(stmt, SQL_CLOSE), SQL_SUCCESS);
    ASSERT_EQ(exec("SELECT X FROM SYSTEM_RANGE(1, 7) ORDER BY X"), SQL_SUCCESS);
    ASSERT_EQ(SQLFetch(stmt), SQL_SUCCESS);
    ASSERT_EQ(SQLFreeStmt(stmt, SQL_CLOSE), SQL_SUCCESS);
    ASSERT_EQ(exec("SELECT COUNT(*) FROM SYSTEM_RANGE(1, 7)"), SQL_SUCCESS);
    EXPECT_EQ(column(1), (std::vector<std::string>{"7"}));
}

TEST_F(Paging, SqlColumnsListsEveryColumnOfAWideTable) {
    connect_small_pages();
    create_wide_table("OdbcPagingCols");
    SQLFreeStmt(stmt, SQL_CLOSE);
    ASSERT_EQ(SQLColumns(stmt, nullptr, 0, (SQLCHAR*)"PUBLIC", SQL_NTS, (SQLCHAR*)"ODBCPAGINGCOLS", SQL_NTS, nullptr, 0), SQL_SUCCESS)
        << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(column(4), (std::vector<std::string>{"ID", "C1", "C2", "C3", "C4", "C5", "LAST"}));
    exec("DROP TABLE OdbcPagingCols");
}

TEST_F(Paging, SqlTablesFindsATablePastTheFirstPage) {
    connect_small_pages();
    create_wide_table("OdbcPagingTables");
    SQLFreeStmt(stmt, SQL_CLOSE);
    ASSERT_EQ(SQLTables(stmt, nullptr, 0, (SQLCHAR*)"PUBLIC", SQL_NTS, (SQLCHAR*)"ODBCPAGINGTABLES", SQL_NTS, (SQLCHAR*)"TABLE", SQL_NTS),
              SQL_SUCCESS)
        << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(column(3), (std::vector<std::string>{"ODBCPAGINGTABLES"}));
    exec("DROP TABLE OdbcPagingTables");
}

// SQLDescribeParam of INSERT ... VALUES takes the target column's length from SYS.TABLE_COLUMNS
// (driver/src/metadata.cpp): the last column of the table is many pages into that view.
TEST_F(Paging, TableMetadataIsReadPastOnePage) {
    connect_small_pages();
    create_wide_table("OdbcPagingParams");
    SQLFreeStmt(stmt, SQL_CLOSE);
    ASSERT_EQ(SQLPrepare(stmt, (SQLCHAR*)"INSERT INTO OdbcPagingParams (ID, C1, C2, C3, C4, C5, LAST) VALUES (?, ?, ?, ?, ?, ?, ?)", SQL_NTS),
              SQL_SUCCESS);
    SQLSMALLINT type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    ASSERT_EQ(SQLDescribeParam(stmt, 7, &type, &size, &digits, &nullable), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(type, SQL_VARCHAR);
    EXPECT_EQ(size, 33u);
    ASSERT_EQ(SQLDescribeParam(stmt, 1, &type, &size, &digits, &nullable), SQL_SUCCESS);
    EXPECT_EQ(type, SQL_INTEGER);
    EXPECT_EQ(nullable, SQL_NO_NULLS);  // the key
    SQLFreeStmt(stmt, SQL_RESET_PARAMS);
    exec("DROP TABLE OdbcPagingParams");
}
