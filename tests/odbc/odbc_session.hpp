#pragma once
// What every ODBC test through the driver manager starts from: the three handles, freed in the
// right order whatever the test did, and the first diagnostic record as text for failure output.
#include <gtest/gtest.h>
#include <sql.h>
#include <sqlext.h>

#include <string>

namespace kindling::test {

inline std::string diag(SQLSMALLINT type, SQLHANDLE h) {
    SQLCHAR state[6] = {};
    SQLCHAR msg[1024] = {};
    SQLINTEGER native = 0;
    SQLSMALLINT len = 0;
    if (SQLGetDiagRec(type, h, 1, state, &native, msg, sizeof msg, &len) != SQL_SUCCESS) return "";
    return std::string(reinterpret_cast<char*>(state)) + " " + reinterpret_cast<char*>(msg);
}

inline std::string sqlstate(SQLSMALLINT type, SQLHANDLE h) { return diag(type, h).substr(0, 5); }

class OdbcSession : public ::testing::Test {
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
    // After a connect call: records it and allocates the statement the tests use.
    void connected_with(SQLRETURN rc) {
        ASSERT_TRUE(SQL_SUCCEEDED(rc)) << diag(SQL_HANDLE_DBC, dbc);
        connected = true;
        ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt), SQL_SUCCESS);
    }
    void connect_dsn(const char* dsn = "KindlingTest") {
        connected_with(SQLConnect(dbc, (SQLCHAR*)dsn, SQL_NTS, nullptr, 0, nullptr, 0));
    }

    SQLHENV env = SQL_NULL_HANDLE;
    SQLHDBC dbc = SQL_NULL_HANDLE;
    SQLHSTMT stmt = SQL_NULL_HANDLE;
    bool connected = false;
};

}  // namespace kindling::test
