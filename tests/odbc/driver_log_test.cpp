// The driver log (LOG_LEVEL, LOG_FILE) through the driver manager: what a user who turns it on in
// the DSN finds in the file, and that no password ever reaches it.
#include <gtest/gtest.h>
#include <sql.h>
#include <sqlext.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "odbc_session.hpp"
#include "test_env.hpp"

namespace {

using kindling::test::diag;
using kindling::test::sqlstate;

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

std::string temp_log(const char* name) {
    auto path = "/tmp/kindling-driver-log-" + std::to_string(::getpid()) + "-" + name + ".log";
    std::remove(path.c_str());
    return path;
}

// A connection of its own (no log): user administration on the authentication node.
class Admin {
public:
    Admin() {
        SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
        SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
        SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
        std::string cs = "DSN=KindlingTestAuth;UID=ignite;PWD=ignite";
        ok = SQL_SUCCEEDED(SQLDriverConnect(dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT));
        if (ok) SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
    }
    ~Admin() {
        if (stmt) SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        if (ok) SQLDisconnect(dbc);
        SQLFreeHandle(SQL_HANDLE_DBC, dbc);
        SQLFreeHandle(SQL_HANDLE_ENV, env);
    }
    SQLRETURN exec(const std::string& sql) {
        SQLFreeStmt(stmt, SQL_CLOSE);
        return SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS);
    }
    std::string error() { return diag(SQL_HANDLE_DBC, dbc) + diag(SQL_HANDLE_STMT, stmt); }
    bool ok = false;
    SQLHENV env = SQL_NULL_HANDLE;
    SQLHDBC dbc = SQL_NULL_HANDLE;
    SQLHSTMT stmt = SQL_NULL_HANDLE;
};

class DriverLog : public kindling::test::OdbcSession {
protected:
    SQLRETURN driver_connect(const std::string& cs) {
        auto rc = SQLDriverConnect(dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT);
        connected = SQL_SUCCEEDED(rc);
        if (connected) SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
        return rc;
    }
    SQLRETURN exec(const std::string& sql) {
        SQLFreeStmt(stmt, SQL_CLOSE);
        return SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS);
    }
    void disconnect() {
        SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        stmt = SQL_NULL_HANDLE;
        ASSERT_EQ(SQLDisconnect(dbc), SQL_SUCCESS) << diag(SQL_HANDLE_DBC, dbc);
        connected = false;
    }
};

constexpr const char* kUser = "kindling_log";
constexpr const char* kPassword = "KlogSecret-4711";
constexpr const char* kOtherPassword = "OtherSecret-0815";

}  // namespace

TEST_F(DriverLog, DebugLogHasConnectStatementsAndErrorsButNeverThePassword) {
    (void)kindling::test::auth_port();  // the authentication node is part of the plan
    Admin admin;
    ASSERT_TRUE(admin.ok) << admin.error();
    // A user of its own, with a password that occurs nowhere else.
    if (!SQL_SUCCEEDED(admin.exec(std::string("CREATE USER \"") + kUser + "\" WITH PASSWORD '" + kPassword + "'"))) {
        ASSERT_TRUE(SQL_SUCCEEDED(admin.exec(std::string("ALTER USER \"") + kUser + "\" WITH PASSWORD '" + kPassword + "'")))
            << admin.error();
    }

    auto path = temp_log("debug");
    ASSERT_TRUE(SQL_SUCCEEDED(driver_connect(std::string("DSN=KindlingTestAuth;UID=") + kUser + ";PWD=" + kPassword +
                                             ";LOG_LEVEL=debug;LOG_FILE=" + path)))
        << diag(SQL_HANDLE_DBC, dbc);
    ASSERT_EQ(exec("SELECT 42"), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    while (SQL_SUCCEEDED(SQLFetch(stmt))) {
    }
    // A parameter value (logged at debug).
    SQLINTEGER seven = 7;
    SQLLEN ind = 0;
    SQLFreeStmt(stmt, SQL_CLOSE);
    ASSERT_TRUE(SQL_SUCCEEDED(SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &seven, 0, &ind)));
    ASSERT_EQ(SQLExecDirect(stmt, (SQLCHAR*)"SELECT CAST(? AS INT) + 1", SQL_NTS), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    SQLFreeStmt(stmt, SQL_RESET_PARAMS);
    // A failing statement: its SQLSTATE goes to the log.
    ASSERT_EQ(exec("SELECT * FROM NO_SUCH_TABLE_FOR_THE_LOG"), SQL_ERROR);
    auto failed_state = sqlstate(SQL_HANDLE_STMT, stmt);
    ASSERT_EQ(failed_state.size(), 5u);
    // A statement that carries another password in its text (a non-superuser may not run it).
    bool other_created = SQL_SUCCEEDED(exec(std::string("CREATE USER \"kindling_log_other\" WITH PASSWORD '") + kOtherPassword + "'"));
    disconnect();
    admin.exec(std::string("DROP USER \"") + kUser + "\"");
    if (other_created) admin.exec("DROP USER \"kindling_log_other\"");

    auto log = read_file(path);
    std::remove(path.c_str());
    ASSERT_FALSE(log.empty()) << path;
    EXPECT_NE(log.find("connecting to 127.0.0.1:" + std::to_string(kindling::test::auth_port())), std::string::npos) << log;
    EXPECT_NE(log.find(std::string("user '") + kUser + "'"), std::string::npos) << log;
    EXPECT_NE(log.find("TLS off"), std::string::npos) << log;
    EXPECT_NE(log.find("connected in"), std::string::npos) << log;
    EXPECT_NE(log.find("protocol 1."), std::string::npos) << log;
    EXPECT_NE(log.find("PWD=***"), std::string::npos) << log;  // the attributes, at debug
    std::regex executed(R"(INFO  executed in [0-9]+\.[0-9]+ ms \(result set: 1 rows\): SELECT 42)");
    EXPECT_TRUE(std::regex_search(log, executed)) << log;
    EXPECT_NE(log.find("with parameters [7]: SELECT CAST(? AS INT) + 1"), std::string::npos) << log;
    EXPECT_NE(log.find("ERROR error " + failed_state), std::string::npos) << log;
    EXPECT_NE(log.find("statement: SELECT * FROM NO_SUCH_TABLE_FOR_THE_LOG"), std::string::npos) << log;
    EXPECT_NE(log.find("disconnected"), std::string::npos) << log;
    // Never a password, anywhere in the file.
    EXPECT_EQ(log.find(kPassword), std::string::npos) << log;
    EXPECT_EQ(log.find(kOtherPassword), std::string::npos) << log;
    // One event per line: timestamp, process, connection, level.
    std::regex line_shape(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z kindling-odbc pid=\d+ conn=\d+ (ERROR|INFO |DEBUG) .+$)");
    for (const auto& line : lines_of(log)) EXPECT_TRUE(std::regex_match(line, line_shape)) << line;
}

TEST_F(DriverLog, UnknownLevelIsRefused) {
    auto path = temp_log("bogus");
    EXPECT_EQ(driver_connect("DSN=KindlingTest;LOG_LEVEL=bogus;LOG_FILE=" + path), SQL_ERROR);
    EXPECT_EQ(sqlstate(SQL_HANDLE_DBC, dbc), "HY024");
    auto message = diag(SQL_HANDLE_DBC, dbc);
    EXPECT_NE(message.find("LOG_LEVEL"), std::string::npos) << message;
    EXPECT_NE(message.find("'bogus'"), std::string::npos) << message;
    EXPECT_NE(message.find("debug"), std::string::npos) << message;  // the accepted levels are named
    std::remove(path.c_str());
}

TEST_F(DriverLog, ConnectionsShareAFileAndInfoLeavesOutDebugLines) {
    auto path = temp_log("shared");
    ASSERT_TRUE(SQL_SUCCEEDED(driver_connect("DSN=KindlingTest;LOG_LEVEL=info;LOG_FILE=" + path))) << diag(SQL_HANDLE_DBC, dbc);
    // A second connection of the process, same file, at error level: only its errors.
    SQLHDBC other = SQL_NULL_HANDLE;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DBC, env, &other), SQL_SUCCESS);
    std::string cs = "DSN=KindlingTest;LOG_LEVEL=ERROR;LOG_FILE=" + path;
    ASSERT_TRUE(SQL_SUCCEEDED(SQLDriverConnect(other, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT)))
        << diag(SQL_HANDLE_DBC, other);
    SQLHSTMT other_stmt = SQL_NULL_HANDLE;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, other, &other_stmt), SQL_SUCCESS);
    EXPECT_EQ(SQLExecDirect(other_stmt, (SQLCHAR*)"SELECT 'not logged at error level'", SQL_NTS), SQL_SUCCESS);
    EXPECT_EQ(SQLExecDirect(other_stmt, (SQLCHAR*)"SELECT FROM WHERE", SQL_NTS), SQL_ERROR);
    SQLFreeHandle(SQL_HANDLE_STMT, other_stmt);
    SQLDisconnect(other);
    SQLFreeHandle(SQL_HANDLE_DBC, other);
    // A statement over several lines is still one line of the log.
    ASSERT_EQ(exec("SELECT\n  1"), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    disconnect();

    auto log = read_file(path);
    std::remove(path.c_str());
    EXPECT_EQ(log.find(" DEBUG "), std::string::npos) << log;
    EXPECT_EQ(log.find("not logged at error level"), std::string::npos) << log;
    EXPECT_NE(log.find("statement: SELECT FROM WHERE"), std::string::npos) << log;
    EXPECT_NE(log.find("SELECT\\n  1"), std::string::npos) << log;
    // Two connection ids in one file.
    std::regex conn_id(R"( conn=(\d+) )");
    std::set<std::string> ids;
    for (const auto& line : lines_of(log)) {
        std::smatch m;
        if (std::regex_search(line, m, conn_id)) ids.insert(m[1]);
    }
    EXPECT_EQ(ids.size(), 2u) << log;
}
