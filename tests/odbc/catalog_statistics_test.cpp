// SQLStatistics names only columns of the table, and each index once (Ignite 2.17 lists H2's own
// view of them: the key index over the hidden _KEY column, every index again as "<name>_proxy").
#include <gtest/gtest.h>
#include <sql.h>
#include <sqlext.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "odbc_session.hpp"

namespace {

using kindling::test::diag;
using Row = std::tuple<std::string, int, std::string, int>;  // INDEX_NAME, ORDINAL_POSITION, COLUMN_NAME, NON_UNIQUE

class CatalogStatistics : public kindling::test::OdbcSession {
protected:
    SQLRETURN exec(const std::string& sql) {
        SQLFreeStmt(stmt, SQL_CLOSE);
        return SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS);
    }
    std::vector<Row> statistics(const char* table, SQLUSMALLINT unique) {
        SQLFreeStmt(stmt, SQL_CLOSE);
        EXPECT_EQ(SQLStatistics(stmt, nullptr, 0, (SQLCHAR*)"PUBLIC", SQL_NTS, (SQLCHAR*)table, SQL_NTS, unique, SQL_QUICK), SQL_SUCCESS)
            << diag(SQL_HANDLE_STMT, stmt);
        std::vector<Row> out;
        while (SQLFetch(stmt) == SQL_SUCCESS) {
            char index[128] = {}, column[128] = {};
            SQLLEN ind = 0;
            SQLSMALLINT ordinal = 0, non_unique = 0;
            SQLGetData(stmt, 6, SQL_C_CHAR, index, sizeof index, &ind);
            if (ind == SQL_NULL_DATA) continue;  // a table statistics row
            SQLGetData(stmt, 8, SQL_C_SSHORT, &ordinal, 0, &ind);
            SQLGetData(stmt, 9, SQL_C_CHAR, column, sizeof column, &ind);
            SQLGetData(stmt, 4, SQL_C_SSHORT, &non_unique, 0, &ind);
            out.emplace_back(index, ordinal, column, non_unique);
        }
        std::sort(out.begin(), out.end());
        return out;
    }
};

}  // namespace

TEST_F(CatalogStatistics, AOneColumnKeyAndAnIndexAreListedOnceOverRealColumns) {
    connect_dsn();
    ASSERT_TRUE(SQL_SUCCEEDED(exec("DROP TABLE IF EXISTS OdbcStatsOneKey")));
    ASSERT_TRUE(SQL_SUCCEEDED(exec("CREATE TABLE OdbcStatsOneKey (ID INT PRIMARY KEY, BI BIGINT, L VARCHAR)")));
    ASSERT_TRUE(SQL_SUCCEEDED(exec("CREATE INDEX OdbcStatsOneKey_BI ON OdbcStatsOneKey (BI)")));
    ASSERT_TRUE(SQL_SUCCEEDED(exec("CREATE INDEX OdbcStatsOneKey_L_BI ON OdbcStatsOneKey (L, BI DESC)")));
    EXPECT_EQ(statistics("ODBCSTATSONEKEY", SQL_INDEX_ALL),
              (std::vector<Row>{{"ODBCSTATSONEKEY_BI", 1, "BI", 1},
                                {"ODBCSTATSONEKEY_L_BI", 1, "L", 1},
                                {"ODBCSTATSONEKEY_L_BI", 2, "BI", 1},
                                {"_key_PK", 1, "ID", 0}}));
    EXPECT_EQ(statistics("ODBCSTATSONEKEY", SQL_INDEX_UNIQUE), (std::vector<Row>{{"_key_PK", 1, "ID", 0}}));
    exec("DROP TABLE OdbcStatsOneKey");
}
