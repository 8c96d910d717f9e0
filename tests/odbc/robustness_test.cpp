// API robustness: NULL pointers, invalid, freed and wrong-type handles, calls in the wrong order.
// Each gives the right return code and SQLSTATE and never crashes — both by calling the driver's
// exports directly (dlopen: the driver manager answers many of these cases itself) and through
// the driver manager.
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <sql.h>
#include <sqlext.h>

#include <string>

#include "test_env.hpp"

namespace {

// The driver's own exports, looked up by name in the .so.
struct Driver {
    void* lib = nullptr;
    template <class F>
    F fn(const char* name) {
        auto p = reinterpret_cast<F>(dlsym(lib, name));
        EXPECT_NE(p, nullptr) << name << " is not exported";
        return p;
    }
    Driver() { lib = dlopen(kindling::test::required_env("KINDLING_ODBC_DRIVER").c_str(), RTLD_NOW | RTLD_LOCAL); }
    ~Driver() {
        if (lib) dlclose(lib);
    }
};

using AllocHandle = SQLRETURN (*)(SQLSMALLINT, SQLHANDLE, SQLHANDLE*);
using FreeHandle = SQLRETURN (*)(SQLSMALLINT, SQLHANDLE);
using ExecDirect = SQLRETURN (*)(SQLHSTMT, SQLCHAR*, SQLINTEGER);
using NoArgStmt = SQLRETURN (*)(SQLHSTMT);
using GetDiagRec = SQLRETURN (*)(SQLSMALLINT, SQLHANDLE, SQLSMALLINT, SQLCHAR*, SQLINTEGER*, SQLCHAR*, SQLSMALLINT, SQLSMALLINT*);
using DriverConnect = SQLRETURN (*)(SQLHDBC, SQLHWND, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLSMALLINT*, SQLUSMALLINT);
using Disconnect = SQLRETURN (*)(SQLHDBC);
using DescribeCol = SQLRETURN (*)(SQLHSTMT, SQLUSMALLINT, SQLCHAR*, SQLSMALLINT, SQLSMALLINT*, SQLSMALLINT*, SQLULEN*, SQLSMALLINT*, SQLSMALLINT*);
using GetData = SQLRETURN (*)(SQLHSTMT, SQLUSMALLINT, SQLSMALLINT, SQLPOINTER, SQLLEN, SQLLEN*);
using GetInfo = SQLRETURN (*)(SQLHDBC, SQLUSMALLINT, SQLPOINTER, SQLSMALLINT, SQLSMALLINT*);
using SetEnvAttr = SQLRETURN (*)(SQLHENV, SQLINTEGER, SQLPOINTER, SQLINTEGER);

std::string state_of(Driver& d, SQLSMALLINT type, SQLHANDLE h) {
    SQLCHAR state[6] = {};
    SQLINTEGER native = 0;
    SQLCHAR msg[512];
    SQLSMALLINT len = 0;
    if (d.fn<GetDiagRec>("SQLGetDiagRec")(type, h, 1, state, &native, msg, sizeof msg, &len) != SQL_SUCCESS) return "";
    return reinterpret_cast<char*>(state);
}

}  // namespace

TEST(Robustness, DirectCallsWithBadHandlesNeverCrash) {
    Driver d;
    ASSERT_NE(d.lib, nullptr) << dlerror();
    auto alloc = d.fn<AllocHandle>("SQLAllocHandle");
    auto free_handle = d.fn<FreeHandle>("SQLFreeHandle");
    auto exec = d.fn<ExecDirect>("SQLExecDirect");

    EXPECT_EQ(alloc(SQL_HANDLE_ENV, nullptr, nullptr), SQL_ERROR);  // no output pointer
    int not_a_handle = 42;
    SQLHANDLE out = nullptr;
    EXPECT_EQ(alloc(SQL_HANDLE_DBC, &not_a_handle, &out), SQL_INVALID_HANDLE);
    EXPECT_EQ(alloc(SQL_HANDLE_DBC, nullptr, &out), SQL_INVALID_HANDLE);
    EXPECT_EQ(exec(nullptr, (SQLCHAR*)"SELECT 1", SQL_NTS), SQL_INVALID_HANDLE);
    EXPECT_EQ(exec(&not_a_handle, (SQLCHAR*)"SELECT 1", SQL_NTS), SQL_INVALID_HANDLE);

    SQLHANDLE env = nullptr, dbc = nullptr;
    ASSERT_EQ(alloc(SQL_HANDLE_ENV, nullptr, &env), SQL_SUCCESS);
    ASSERT_EQ(alloc(SQL_HANDLE_DBC, env, &dbc), SQL_SUCCESS);
    // A live handle of the wrong type.
    EXPECT_EQ(exec(dbc, (SQLCHAR*)"SELECT 1", SQL_NTS), SQL_INVALID_HANDLE);
    EXPECT_EQ(d.fn<GetInfo>("SQLGetInfo")(env, SQL_DBMS_NAME, nullptr, 0, nullptr), SQL_INVALID_HANDLE);
    // A statement needs an open connection.
    SQLHANDLE stmt = nullptr;
    EXPECT_EQ(alloc(SQL_HANDLE_STMT, dbc, &stmt), SQL_ERROR);
    EXPECT_EQ(state_of(d, SQL_HANDLE_DBC, dbc), "08003");
    EXPECT_EQ(d.fn<Disconnect>("SQLDisconnect")(dbc), SQL_ERROR);
    EXPECT_EQ(state_of(d, SQL_HANDLE_DBC, dbc), "08003");
    // Freeing the environment before its connection is a sequence error.
    EXPECT_EQ(free_handle(SQL_HANDLE_ENV, env), SQL_ERROR);
    EXPECT_EQ(state_of(d, SQL_HANDLE_ENV, env), "HY010");
    // An unknown attribute value is reported, not ignored.
    EXPECT_EQ(d.fn<SetEnvAttr>("SQLSetEnvAttr")(env, 99999, nullptr, 0), SQL_ERROR);
    EXPECT_EQ(state_of(d, SQL_HANDLE_ENV, env), "HY092");

    auto cs = "ADDRESS=127.0.0.1:" + std::to_string(kindling::test::main_port());
    ASSERT_TRUE(SQL_SUCCEEDED(d.fn<DriverConnect>("SQLDriverConnect")(dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr,
                                                                      SQL_DRIVER_NOPROMPT)));
    EXPECT_EQ(free_handle(SQL_HANDLE_DBC, dbc), SQL_ERROR);  // still connected
    EXPECT_EQ(state_of(d, SQL_HANDLE_DBC, dbc), "HY010");
    ASSERT_EQ(alloc(SQL_HANDLE_STMT, dbc, &stmt), SQL_SUCCESS);
    // Wrong order: execute without prepare, fetch and get data without a result.
    EXPECT_EQ(d.fn<NoArgStmt>("SQLExecute")(stmt), SQL_ERROR);
    EXPECT_EQ(state_of(d, SQL_HANDLE_STMT, stmt), "HY010");
    EXPECT_EQ(d.fn<NoArgStmt>("SQLFetch")(stmt), SQL_ERROR);
    EXPECT_EQ(state_of(d, SQL_HANDLE_STMT, stmt), "24000");
    char buf[16];
    SQLLEN ind = 0;
    EXPECT_EQ(d.fn<GetData>("SQLGetData")(stmt, 1, SQL_C_CHAR, buf, sizeof buf, &ind), SQL_ERROR);
    EXPECT_EQ(state_of(d, SQL_HANDLE_STMT, stmt), "24000");
    ASSERT_EQ(exec(stmt, (SQLCHAR*)"SELECT 1", SQL_NTS), SQL_SUCCESS);
    EXPECT_EQ(d.fn<DescribeCol>("SQLDescribeCol")(stmt, 7, nullptr, 0, nullptr, nullptr, nullptr, nullptr, nullptr), SQL_ERROR);
    EXPECT_EQ(state_of(d, SQL_HANDLE_STMT, stmt), "07009");
    // NULL output pointers are allowed where ODBC allows them.
    EXPECT_EQ(d.fn<DescribeCol>("SQLDescribeCol")(stmt, 1, nullptr, 0, nullptr, nullptr, nullptr, nullptr, nullptr), SQL_SUCCESS);
    EXPECT_EQ(exec(stmt, nullptr, SQL_NTS), SQL_ERROR);  // no text: an error, not a crash
    // Freed handles are invalid afterwards.
    ASSERT_EQ(free_handle(SQL_HANDLE_STMT, stmt), SQL_SUCCESS);
    EXPECT_EQ(exec(stmt, (SQLCHAR*)"SELECT 1", SQL_NTS), SQL_INVALID_HANDLE);
    EXPECT_EQ(free_handle(SQL_HANDLE_STMT, stmt), SQL_INVALID_HANDLE);
    ASSERT_EQ(d.fn<Disconnect>("SQLDisconnect")(dbc), SQL_SUCCESS);
    ASSERT_EQ(free_handle(SQL_HANDLE_DBC, dbc), SQL_SUCCESS);
    ASSERT_EQ(free_handle(SQL_HANDLE_ENV, env), SQL_SUCCESS);
    EXPECT_EQ(free_handle(SQL_HANDLE_ENV, env), SQL_INVALID_HANDLE);
}

TEST(Robustness, ThroughTheDriverManager) {
    SQLHENV env;
    SQLHDBC dbc;
    SQLHSTMT stmt;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env), SQL_SUCCESS);
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc), SQL_SUCCESS);
    ASSERT_TRUE(SQL_SUCCEEDED(SQLConnect(dbc, (SQLCHAR*)"KindlingTest", SQL_NTS, nullptr, 0, nullptr, 0)));
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt), SQL_SUCCESS);
    EXPECT_EQ(SQLExecute(stmt), SQL_ERROR);
    EXPECT_EQ(SQLFetch(stmt), SQL_ERROR);
    EXPECT_EQ(SQLExecDirect(stmt, (SQLCHAR*)"SELECT * FROM no_such_table_robust", SQL_NTS), SQL_ERROR);
    SQLCHAR state[6] = {};
    SQLINTEGER native = 0;
    SQLSMALLINT len = 0;
    ASSERT_EQ(SQLGetDiagRec(SQL_HANDLE_STMT, stmt, 1, state, &native, nullptr, 0, &len), SQL_SUCCESS);
    EXPECT_STREQ(reinterpret_cast<char*>(state), "42S02");
    EXPECT_GT(len, 0);
    EXPECT_EQ(SQLGetDiagRec(SQL_HANDLE_STMT, stmt, 2, state, &native, nullptr, 0, &len), SQL_NO_DATA);
    EXPECT_EQ(SQLExecDirect(stmt, (SQLCHAR*)"SELECT 1", SQL_NTS), SQL_SUCCESS);  // still usable
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
}

// SQLGetFunctions tells the truth: a function is reported supported exactly when the library
// exports it.
TEST(Robustness, GetFunctionsAgreesWithTheExports) {
    Driver d;
    ASSERT_NE(d.lib, nullptr) << dlerror();
    auto alloc = d.fn<AllocHandle>("SQLAllocHandle");
    SQLHANDLE env = nullptr, dbc = nullptr;
    ASSERT_EQ(alloc(SQL_HANDLE_ENV, nullptr, &env), SQL_SUCCESS);
    ASSERT_EQ(alloc(SQL_HANDLE_DBC, env, &dbc), SQL_SUCCESS);
    using GetFunctions = SQLRETURN (*)(SQLHDBC, SQLUSMALLINT, SQLUSMALLINT*);
    auto get_functions = d.fn<GetFunctions>("SQLGetFunctions");
    SQLUSMALLINT bitmap[SQL_API_ODBC3_ALL_FUNCTIONS_SIZE] = {};
    ASSERT_EQ(get_functions(dbc, SQL_API_ODBC3_ALL_FUNCTIONS, bitmap), SQL_SUCCESS);
    const std::pair<SQLUSMALLINT, const char*> functions[] = {
        {SQL_API_SQLALLOCHANDLE, "SQLAllocHandle"}, {SQL_API_SQLBINDCOL, "SQLBindCol"}, {SQL_API_SQLBINDPARAMETER, "SQLBindParameter"},
        {SQL_API_SQLBROWSECONNECT, "SQLBrowseConnect"}, {SQL_API_SQLBULKOPERATIONS, "SQLBulkOperations"}, {SQL_API_SQLCANCEL, "SQLCancel"},
        {SQL_API_SQLCLOSECURSOR, "SQLCloseCursor"}, {SQL_API_SQLCOLATTRIBUTE, "SQLColAttribute"}, {SQL_API_SQLCOLUMNPRIVILEGES, "SQLColumnPrivileges"},
        {SQL_API_SQLCOLUMNS, "SQLColumns"}, {SQL_API_SQLCONNECT, "SQLConnect"}, {SQL_API_SQLCOPYDESC, "SQLCopyDesc"},
        {SQL_API_SQLDESCRIBECOL, "SQLDescribeCol"}, {SQL_API_SQLDESCRIBEPARAM, "SQLDescribeParam"}, {SQL_API_SQLDISCONNECT, "SQLDisconnect"},
        {SQL_API_SQLDRIVERCONNECT, "SQLDriverConnect"}, {SQL_API_SQLENDTRAN, "SQLEndTran"}, {SQL_API_SQLEXECDIRECT, "SQLExecDirect"},
        {SQL_API_SQLEXECUTE, "SQLExecute"}, {SQL_API_SQLEXTENDEDFETCH, "SQLExtendedFetch"}, {SQL_API_SQLFETCH, "SQLFetch"},
        {SQL_API_SQLFETCHSCROLL, "SQLFetchScroll"}, {SQL_API_SQLFOREIGNKEYS, "SQLForeignKeys"}, {SQL_API_SQLFREEHANDLE, "SQLFreeHandle"},
        {SQL_API_SQLFREESTMT, "SQLFreeStmt"}, {SQL_API_SQLGETCONNECTATTR, "SQLGetConnectAttr"}, {SQL_API_SQLGETCURSORNAME, "SQLGetCursorName"},
        {SQL_API_SQLGETDATA, "SQLGetData"}, {SQL_API_SQLGETDESCFIELD, "SQLGetDescField"}, {SQL_API_SQLGETDESCREC, "SQLGetDescRec"},
        {SQL_API_SQLGETDIAGFIELD, "SQLGetDiagField"}, {SQL_API_SQLGETDIAGREC, "SQLGetDiagRec"}, {SQL_API_SQLGETENVATTR, "SQLGetEnvAttr"},
        {SQL_API_SQLGETFUNCTIONS, "SQLGetFunctions"}, {SQL_API_SQLGETINFO, "SQLGetInfo"}, {SQL_API_SQLGETSTMTATTR, "SQLGetStmtAttr"},
        {SQL_API_SQLGETTYPEINFO, "SQLGetTypeInfo"}, {SQL_API_SQLMORERESULTS, "SQLMoreResults"}, {SQL_API_SQLNATIVESQL, "SQLNativeSql"},
        {SQL_API_SQLNUMPARAMS, "SQLNumParams"}, {SQL_API_SQLNUMRESULTCOLS, "SQLNumResultCols"}, {SQL_API_SQLPARAMDATA, "SQLParamData"},
        {SQL_API_SQLPREPARE, "SQLPrepare"}, {SQL_API_SQLPRIMARYKEYS, "SQLPrimaryKeys"}, {SQL_API_SQLPROCEDURECOLUMNS, "SQLProcedureColumns"},
        {SQL_API_SQLPROCEDURES, "SQLProcedures"}, {SQL_API_SQLPUTDATA, "SQLPutData"}, {SQL_API_SQLROWCOUNT, "SQLRowCount"},
        {SQL_API_SQLSETCONNECTATTR, "SQLSetConnectAttr"}, {SQL_API_SQLSETCURSORNAME, "SQLSetCursorName"}, {SQL_API_SQLSETDESCFIELD, "SQLSetDescField"},
        {SQL_API_SQLSETDESCREC, "SQLSetDescRec"}, {SQL_API_SQLSETENVATTR, "SQLSetEnvAttr"}, {SQL_API_SQLSETPOS, "SQLSetPos"},
        {SQL_API_SQLSETSTMTATTR, "SQLSetStmtAttr"}, {SQL_API_SQLSPECIALCOLUMNS, "SQLSpecialColumns"}, {SQL_API_SQLSTATISTICS, "SQLStatistics"},
        {SQL_API_SQLTABLEPRIVILEGES, "SQLTablePrivileges"}, {SQL_API_SQLTABLES, "SQLTables"},
    };
    for (const auto& [id, name] : functions) {
        bool reported = (bitmap[id >> 4] >> (id & 0xF)) & 1;
        bool exported = dlsym(d.lib, name) != nullptr;
        EXPECT_EQ(reported, exported) << name;
        SQLUSMALLINT single = 99;
        ASSERT_EQ(get_functions(dbc, id, &single), SQL_SUCCESS);
        EXPECT_EQ(single == SQL_TRUE, exported) << name;
    }
    d.fn<FreeHandle>("SQLFreeHandle")(SQL_HANDLE_DBC, dbc);
    d.fn<FreeHandle>("SQLFreeHandle")(SQL_HANDLE_ENV, env);
}
