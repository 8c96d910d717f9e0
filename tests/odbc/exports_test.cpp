// The driver's exports against the ODBC headers and SQLGetFunctions: every function the driver
// reports exists in its A form and, where sqlucode.h declares one, in its W form; every ODBC
// function it exports is reported. A driver manager drops an export the driver does not report and
// answers IM001 for a form that is missing, so either gap breaks applications (pyodbc calls the W
// forms). The expected names come from the installed headers, not from a list kept by hand.
// Then the forms that used to be missing, through the driver manager, and the diagnostics that the
// A and W forms share.
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "odbc_session.hpp"
#include "test_env.hpp"

namespace {

// --- the headers ---------------------------------------------------------------------------------

std::string run_command(const std::string& cmd) {
    std::string out;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
        char buf[4096];
        while (std::fgets(buf, sizeof buf, p)) out += buf;
        ::pclose(p);
    }
    return out;
}

// Where the build found sql.h: pkg-config's unixODBC, as driver/CMakeLists.txt asks it.
std::string include_dir() {
    auto dir = run_command("pkg-config --variable=includedir odbc 2>/dev/null");
    while (!dir.empty() && std::isspace(static_cast<unsigned char>(dir.back()))) dir.pop_back();
    return dir.empty() ? "/usr/include" : dir;
}

std::string without_comments(const std::string& text) {
    static const std::regex comments(R"(/\*[\s\S]*?\*/|//[^\n]*)");
    return std::regex_replace(text, comments, " ");
}

std::string read_header(const std::string& name) {
    std::ifstream in(include_dir() + "/" + name);
    std::stringstream ss;
    ss << in.rdbuf();
    return without_comments(ss.str());
}

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

struct OdbcHeaders {
    std::map<std::string, int> ordinal;             // A forms (sql.h, sqlext.h) with their SQL_API_ number
    std::map<int, std::vector<std::string>> named;  // SQL_API_ number -> the A forms that carry it
    std::set<std::string> wide;                     // W forms (sqlucode.h)
    std::map<std::string, int> any_form;            // every SQL* function declared, A, W or ...A, with its number

    OdbcHeaders() {
        // SQL_API is optional: unixODBC's sql.h declares SQLGetDescField without it.
        static const std::regex declaration(R"(SQLRETURN\s+(?:SQL_API\s+)?(SQL\w+)\s*\()");
        static const std::regex define(R"(#\s*define\s+(SQL_API_\w+)\s+(\w+))");
        const std::string core = read_header("sql.h") + read_header("sqlext.h");
        const std::string unicode = read_header("sqlucode.h");
        std::map<std::string, std::string> macros;
        for (const auto* text : {&core, &unicode})
            for (std::sregex_iterator it(text->begin(), text->end(), define), end; it != end; ++it) macros[(*it)[1]] = (*it)[2];
        auto number = [&](std::string macro) {
            for (int depth = 0; depth < 4 && macros.count(macro); ++depth) {  // a macro may name another
                macro = macros[macro];
                if (std::isdigit(static_cast<unsigned char>(macro[0]))) return std::stoi(macro);
            }
            return -1;
        };
        for (std::sregex_iterator it(core.begin(), core.end(), declaration), end; it != end; ++it) {
            std::string name = (*it)[1];
            int n = number("SQL_API_" + upper(name));
            if (n < 0) continue;  // no function number: SQLGetFunctions cannot be asked about it
            ordinal[name] = n;
            any_form[name] = n;
            auto& names = named[n];
            if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
        }
        for (std::sregex_iterator it(unicode.begin(), unicode.end(), declaration), end; it != end; ++it) {
            std::string name = (*it)[1];
            auto base = ordinal.find(name.substr(0, name.size() - 1));
            if (base == ordinal.end()) continue;
            if (name.back() == 'W') wide.insert(name);
            any_form[name] = base->second;  // SQLxxxW and the ANSI aliases SQLxxxA
        }
    }
};

// --- the driver ------------------------------------------------------------------------------------

std::string driver_path() { return kindling::test::required_env("KINDLING_ODBC_DRIVER"); }

// Every symbol the library defines and exports (not the ones it imports), without @version.
std::set<std::string> defined_dynamic_symbols() {
    std::set<std::string> out;
    std::istringstream nm(run_command("nm -D --defined-only '" + driver_path() + "'"));
    for (std::string line; std::getline(nm, line);) {
        if (line.empty()) continue;
        auto name = line.substr(line.find_last_of(' ') + 1);
        name = name.substr(0, name.find('@'));
        if (!name.empty()) out.insert(name);
    }
    return out;
}

// The SQL* functions the library defines and exports.
std::set<std::string> exported_functions() {
    std::set<std::string> out;
    for (const auto& name : defined_dynamic_symbols())
        if (name.rfind("SQL", 0) == 0) out.insert(name);
    return out;
}

// The functions the driver's sources define as entry points (KINDLING_EXPORT in driver/src/entry_points*.cpp).
std::set<std::string> implemented_entry_points() {
    static const std::regex definition(R"(KINDLING_EXPORT\s+SQLRETURN\s+(?:SQL_API\s+)?(\w+)\s*\()");
    std::set<std::string> out;
    const auto dir = kindling::test::required_env("KINDLING_SOURCE_DIR") + "/driver/src";
    std::istringstream files(run_command("ls '" + dir + "'"));
    for (std::string file; std::getline(files, file);) {
        if (file.rfind("entry_points", 0) != 0 || file.size() < 4 || file.substr(file.size() - 4) != ".cpp") continue;
        std::ifstream in(dir + "/" + file);
        std::stringstream ss;
        ss << in.rdbuf();
        const auto text = without_comments(ss.str());
        for (std::sregex_iterator it(text.begin(), text.end(), definition), end; it != end; ++it) out.insert((*it)[1]);
    }
    return out;
}

bool reported(const SQLUSMALLINT* bitmap, int id) { return (bitmap[id >> 4] >> (id & 0xF)) & 1; }

// The driver's own exports, looked up by name in the .so (no driver manager in between).
struct Driver {
    void* lib = dlopen(driver_path().c_str(), RTLD_NOW | RTLD_LOCAL);
    ~Driver() {
        if (lib) dlclose(lib);
    }
    template <class F>
    F fn(const char* name) {
        auto p = reinterpret_cast<F>(dlsym(lib, name));
        if (!p) ADD_FAILURE() << name << " is not exported";
        return p;
    }
};

using AllocHandle = SQLRETURN (*)(SQLSMALLINT, SQLHANDLE, SQLHANDLE*);
using FreeHandle = SQLRETURN (*)(SQLSMALLINT, SQLHANDLE);
using GetFunctions = SQLRETURN (*)(SQLHDBC, SQLUSMALLINT, SQLUSMALLINT*);
using Connect = SQLRETURN (*)(SQLHDBC, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT);
using Disconnect = SQLRETURN (*)(SQLHDBC);
using ExecDirect = SQLRETURN (*)(SQLHSTMT, SQLCHAR*, SQLINTEGER);
using Fetch = SQLRETURN (*)(SQLHSTMT);
using SetStmtAttr = SQLRETURN (*)(SQLHSTMT, SQLINTEGER, SQLPOINTER, SQLINTEGER);
using GetInfo = SQLRETURN (*)(SQLHDBC, SQLUSMALLINT, SQLPOINTER, SQLSMALLINT, SQLSMALLINT*);
using GetDiagField = SQLRETURN (*)(SQLSMALLINT, SQLHANDLE, SQLSMALLINT, SQLSMALLINT, SQLPOINTER, SQLSMALLINT, SQLSMALLINT*);
using GetDiagRec = SQLRETURN (*)(SQLSMALLINT, SQLHANDLE, SQLSMALLINT, SQLCHAR*, SQLINTEGER*, SQLCHAR*, SQLSMALLINT, SQLSMALLINT*);
using GetDiagRecW = SQLRETURN (*)(SQLSMALLINT, SQLHANDLE, SQLSMALLINT, SQLWCHAR*, SQLINTEGER*, SQLWCHAR*, SQLSMALLINT, SQLSMALLINT*);

// --- UTF-16 for the W forms (the tests only need ASCII) ---------------------------------------------

struct W {
    std::vector<SQLWCHAR> s;
    explicit W(const std::string& a) : s(a.begin(), a.end()) { s.push_back(0); }
    operator SQLWCHAR*() { return s.data(); }
};

std::string narrow(const SQLWCHAR* w, std::size_t chars) {
    std::string out;
    for (std::size_t i = 0; i < chars && w[i]; ++i) out += w[i] < 0x80 ? static_cast<char>(w[i]) : '?';
    return out;
}

std::string diag_w(SQLSMALLINT type, SQLHANDLE h) {
    SQLWCHAR state[6] = {}, msg[512] = {};
    SQLINTEGER native = 0;
    SQLSMALLINT len = 0;
    if (!SQL_SUCCEEDED(SQLGetDiagRecW(type, h, 1, state, &native, msg, 512, &len))) return "";
    return narrow(state, 5) + " " + narrow(msg, 512);
}

// Through the driver manager, connected with a W function.
class Unicode : public kindling::test::OdbcSession {
protected:
    SQLRETURN exec_w(const std::string& sql) {
        SQLFreeStmt(stmt, SQL_CLOSE);
        return SQLExecDirectW(stmt, W(sql), SQL_NTS);
    }
    // The result's columns as SQLDescribeColW reports them: (name, SQL type).
    std::vector<std::pair<std::string, SQLSMALLINT>> result_columns() {
        SQLSMALLINT n = 0;
        EXPECT_EQ(SQLNumResultCols(stmt, &n), SQL_SUCCESS);
        std::vector<std::pair<std::string, SQLSMALLINT>> out;
        for (SQLUSMALLINT c = 1; c <= n; ++c) {
            SQLWCHAR name[128] = {};
            SQLSMALLINT len = 0, type = 0, digits = 0, nullable = 0;
            SQLULEN size = 0;
            EXPECT_EQ(SQLDescribeColW(stmt, c, name, 128, &len, &type, &size, &digits, &nullable), SQL_SUCCESS);
            out.emplace_back(narrow(name, 128), type);
        }
        return out;
    }
};

}  // namespace

TEST(Exports, EveryReportedFunctionIsExportedInItsAAndWForms) {
    OdbcHeaders headers;
    // A parse that found nothing would make every check below pass.
    ASSERT_GT(headers.ordinal.size(), 60u) << "sql.h/sqlext.h under " << include_dir();
    ASSERT_GT(headers.wide.size(), 30u) << "sqlucode.h under " << include_dir();
    ASSERT_EQ(headers.ordinal.count("SQLProcedureColumns"), 1u);
    ASSERT_EQ(headers.wide.count("SQLForeignKeysW"), 1u);
    const auto exports = exported_functions();
    ASSERT_GT(exports.size(), 40u) << "nm -D --defined-only " << driver_path();

    // What the driver itself claims (the driver manager adds functions it implements on its own,
    // such as SQLDataSources, to what it answers).
    Driver d;
    ASSERT_NE(d.lib, nullptr) << dlerror();
    SQLHANDLE denv = nullptr, ddbc = nullptr;
    ASSERT_EQ(d.fn<AllocHandle>("SQLAllocHandle")(SQL_HANDLE_ENV, nullptr, &denv), SQL_SUCCESS);
    ASSERT_EQ(d.fn<AllocHandle>("SQLAllocHandle")(SQL_HANDLE_DBC, denv, &ddbc), SQL_SUCCESS);
    SQLUSMALLINT claimed[SQL_API_ODBC3_ALL_FUNCTIONS_SIZE] = {};
    ASSERT_EQ(d.fn<GetFunctions>("SQLGetFunctions")(ddbc, SQL_API_ODBC3_ALL_FUNCTIONS, claimed), SQL_SUCCESS);
    d.fn<FreeHandle>("SQLFreeHandle")(SQL_HANDLE_DBC, ddbc);
    d.fn<FreeHandle>("SQLFreeHandle")(SQL_HANDLE_ENV, denv);

    // What applications see: through the driver manager, connected to the test DSN.
    SQLHENV env;
    SQLHDBC dbc;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env), SQL_SUCCESS);
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc), SQL_SUCCESS);
    ASSERT_TRUE(SQL_SUCCEEDED(SQLConnect(dbc, (SQLCHAR*)"KindlingTest", SQL_NTS, nullptr, 0, nullptr, 0)));
    SQLUSMALLINT seen[SQL_API_ODBC3_ALL_FUNCTIONS_SIZE] = {};
    ASSERT_EQ(SQLGetFunctions(dbc, SQL_API_ODBC3_ALL_FUNCTIONS, seen), SQL_SUCCESS);
    SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);

    // Claimed => exported, in A and W form.
    int claims = 0;
    for (int id = 0; id < SQL_API_ODBC3_ALL_FUNCTIONS_SIZE * 16; ++id) {
        if (!reported(claimed, id)) continue;
        ++claims;
        auto it = headers.named.find(id);
        if (it == headers.named.end()) {
            ADD_FAILURE() << "SQLGetFunctions reports function number " << id << ", which the headers do not name";
            continue;
        }
        // Several names for one number are ODBC 2/3 spellings of one function (SQLColAttributes,
        // SQLColAttribute): one of them is the function.
        bool any = false;
        for (const auto& name : it->second) {
            if (!exports.count(name)) continue;
            any = true;
            if (headers.wide.count(name + "W")) {
                EXPECT_TRUE(exports.count(name + "W")) << name << "W is not exported, " << name << " is";
            }
        }
        std::string names;
        for (const auto& name : it->second) names += (names.empty() ? "" : " or ") + name;
        EXPECT_TRUE(any) << "SQLGetFunctions reports " << names << ", which is not exported";
        // The driver manager drops a claimed function it cannot find.
        EXPECT_TRUE(reported(seen, id)) << names << " is claimed, but the driver manager does not offer it";
    }
    EXPECT_GT(claims, 40);

    // Exported => declared by the headers and reported, both by the driver and through the
    // driver manager (which otherwise drops the A form).
    for (const auto& name : exports) {
        auto it = headers.any_form.find(name);
        if (it == headers.any_form.end()) {
            ADD_FAILURE() << name << " is exported but no ODBC header declares it";
            continue;
        }
        EXPECT_TRUE(reported(claimed, it->second)) << name << " is exported but SQLGetFunctions does not report it";
        EXPECT_TRUE(reported(seen, it->second)) << name << " is exported but the driver manager does not report it";
    }
}

// The version script (driver/kindling-odbc.map): the driver exports ODBC entry points and nothing
// else (no C++ symbols of the static cores, Boost.Asio or the C++ runtime, which an application's own
// copies could otherwise bind to), and every entry point the sources define is still exported.
TEST(Exports, OnlyOdbcEntryPointsAreExported) {
    OdbcHeaders headers;
    ASSERT_GT(headers.any_form.size(), 60u) << "sql.h/sqlext.h/sqlucode.h under " << include_dir();
    // The ODBC installer API's setup entry points (odbcinst.h), should the driver get them.
    const std::set<std::string> setup = {"ConfigDSN", "ConfigDSNW", "ConfigDriver", "ConfigDriverW", "ConfigTranslator",
                                         "ConfigTranslatorW"};
    const auto symbols = defined_dynamic_symbols();
    ASSERT_GT(symbols.size(), 40u) << "nm -D --defined-only " << driver_path();
    std::string foreign;
    int shown = 0;
    for (const auto& name : symbols) {
        if (headers.any_form.count(name) || setup.count(name)) continue;
        if (++shown <= 20) foreign += "\n  " + name;
    }
    EXPECT_EQ(shown, 0) << shown << " exported symbols are not ODBC entry points, e.g." << foreign;

    const auto implemented = implemented_entry_points();
    ASSERT_GT(implemented.size(), 40u) << "KINDLING_EXPORT definitions under driver/src";
    for (const auto& name : implemented) EXPECT_TRUE(symbols.count(name)) << name << " is defined in driver/src but not exported";
    for (const auto& name : symbols) EXPECT_TRUE(implemented.count(name)) << name << " is exported but defined by no entry_points*.cpp";
}

TEST_F(Unicode, CatalogFunctionsOfUnicodeApplications) {
    connected_with(SQLConnectW(dbc, W("KindlingTest"), SQL_NTS, nullptr, 0, nullptr, 0));
    ASSERT_TRUE(SQL_SUCCEEDED(exec_w("DROP TABLE IF EXISTS exports_w_t"))) << diag_w(SQL_HANDLE_STMT, stmt);
    ASSERT_TRUE(SQL_SUCCEEDED(exec_w("CREATE TABLE exports_w_t (id INT PRIMARY KEY, name VARCHAR(20))"))) << diag_w(SQL_HANDLE_STMT, stmt);
    auto fetch_none = [&] { EXPECT_EQ(SQLFetch(stmt), SQL_NO_DATA); };

    // pyodbc's foreignKeys(): Ignite has no foreign keys.
    SQLFreeStmt(stmt, SQL_CLOSE);
    ASSERT_EQ(SQLForeignKeysW(stmt, nullptr, 0, W("PUBLIC"), SQL_NTS, W("EXPORTS_W_T"), SQL_NTS, nullptr, 0, nullptr, 0, nullptr, 0),
              SQL_SUCCESS)
        << diag_w(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(result_columns().size(), 14u);
    fetch_none();

    // pyodbc's rowIdColumns().
    SQLFreeStmt(stmt, SQL_CLOSE);
    ASSERT_EQ(SQLSpecialColumnsW(stmt, SQL_BEST_ROWID, nullptr, 0, W("PUBLIC"), SQL_NTS, W("EXPORTS_W_T"), SQL_NTS, SQL_SCOPE_CURROW,
                                 SQL_NULLABLE),
              SQL_SUCCESS)
        << diag_w(SQL_HANDLE_STMT, stmt);
    auto special = result_columns();
    ASSERT_EQ(special.size(), 8u);
    EXPECT_EQ(special[0].first, "SCOPE");
    EXPECT_EQ(special[7].first, "PSEUDO_COLUMN");

    // pyodbc's procedures(): the ODBC 3 columns, no rows.
    SQLFreeStmt(stmt, SQL_CLOSE);
    ASSERT_EQ(SQLProceduresW(stmt, nullptr, 0, W("PUBLIC"), SQL_NTS, W("%"), SQL_NTS), SQL_SUCCESS) << diag_w(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(result_columns(), (std::vector<std::pair<std::string, SQLSMALLINT>>{
                                    {"PROCEDURE_CAT", SQL_VARCHAR}, {"PROCEDURE_SCHEM", SQL_VARCHAR}, {"PROCEDURE_NAME", SQL_VARCHAR},
                                    {"NUM_INPUT_PARAMS", SQL_INTEGER}, {"NUM_OUTPUT_PARAMS", SQL_INTEGER},
                                    {"NUM_RESULT_SETS", SQL_INTEGER}, {"REMARKS", SQL_VARCHAR}, {"PROCEDURE_TYPE", SQL_SMALLINT}}));
    fetch_none();

    SQLFreeStmt(stmt, SQL_CLOSE);
    ASSERT_EQ(SQLProcedureColumnsW(stmt, nullptr, 0, W("PUBLIC"), SQL_NTS, W("%"), SQL_NTS, W("%"), SQL_NTS), SQL_SUCCESS)
        << diag_w(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(result_columns(),
              (std::vector<std::pair<std::string, SQLSMALLINT>>{
                  {"PROCEDURE_CAT", SQL_VARCHAR}, {"PROCEDURE_SCHEM", SQL_VARCHAR}, {"PROCEDURE_NAME", SQL_VARCHAR},
                  {"COLUMN_NAME", SQL_VARCHAR}, {"COLUMN_TYPE", SQL_SMALLINT}, {"DATA_TYPE", SQL_SMALLINT}, {"TYPE_NAME", SQL_VARCHAR},
                  {"COLUMN_SIZE", SQL_INTEGER}, {"BUFFER_LENGTH", SQL_INTEGER}, {"DECIMAL_DIGITS", SQL_SMALLINT},
                  {"NUM_PREC_RADIX", SQL_SMALLINT}, {"NULLABLE", SQL_SMALLINT}, {"REMARKS", SQL_VARCHAR}, {"COLUMN_DEF", SQL_VARCHAR},
                  {"SQL_DATA_TYPE", SQL_SMALLINT}, {"SQL_DATETIME_SUB", SQL_SMALLINT}, {"CHAR_OCTET_LENGTH", SQL_INTEGER},
                  {"ORDINAL_POSITION", SQL_INTEGER}, {"IS_NULLABLE", SQL_VARCHAR}}));
    fetch_none();

    // The A forms answer with the same shapes.
    SQLFreeStmt(stmt, SQL_CLOSE);
    ASSERT_EQ(SQLProcedures(stmt, nullptr, 0, nullptr, 0, nullptr, 0), SQL_SUCCESS) << diag_w(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(result_columns().size(), 8u);
    SQLFreeStmt(stmt, SQL_CLOSE);
    ASSERT_EQ(SQLProcedureColumns(stmt, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0), SQL_SUCCESS) << diag_w(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(result_columns().size(), 19u);
    exec_w("DROP TABLE IF EXISTS exports_w_t");
}

TEST_F(Unicode, DiagnosticsAfterAFailedCall) {
    SQLWCHAR out[1024];
    SQLSMALLINT out_len = 0;
    connected_with(SQLDriverConnectW(dbc, nullptr, W("DSN=KindlingTest"), SQL_NTS, out, 1024, &out_len, SQL_DRIVER_NOPROMPT));
    ASSERT_EQ(exec_w("SELECT * FROM no_such_table_exports"), SQL_ERROR);

    SQLRETURN rc = SQL_SUCCESS;
    ASSERT_EQ(SQLGetDiagField(SQL_HANDLE_STMT, stmt, 0, SQL_DIAG_RETURNCODE, &rc, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(rc, SQL_ERROR);

    char server[256] = {};
    SQLSMALLINT len = 0;
    ASSERT_EQ(SQLGetDiagField(SQL_HANDLE_STMT, stmt, 1, SQL_DIAG_SERVER_NAME, server, sizeof server, &len), SQL_SUCCESS);
    SQLWCHAR wserver[256] = {};
    SQLSMALLINT wlen = 0;
    ASSERT_EQ(SQLGetDiagFieldW(SQL_HANDLE_STMT, stmt, 1, SQL_DIAG_SERVER_NAME, wserver, sizeof wserver, &wlen), SQL_SUCCESS);
    EXPECT_EQ(narrow(wserver, 256), std::string(server));
    // ODBC: the same as SQLGetInfo(SQL_DATA_SOURCE_NAME).
    char dsn[256] = {};
    ASSERT_EQ(SQLGetInfo(dbc, SQL_DATA_SOURCE_NAME, dsn, sizeof dsn, nullptr), SQL_SUCCESS);
    EXPECT_STREQ(server, dsn);
    EXPECT_STREQ(server, "KindlingTest");
}

// The driver manager answers SQL_DIAG_RETURNCODE itself; called directly, the driver must too, and
// its A and W forms must agree on every field.
TEST(Exports, DiagnosticFieldsOfTheDriverItself) {
    Driver d;
    ASSERT_NE(d.lib, nullptr) << dlerror();
    auto alloc = d.fn<AllocHandle>("SQLAllocHandle");
    auto exec = d.fn<ExecDirect>("SQLExecDirect");
    auto field = d.fn<GetDiagField>("SQLGetDiagField");
    auto field_w = d.fn<GetDiagField>("SQLGetDiagFieldW");
    ASSERT_TRUE(alloc && exec && field && field_w);
    SQLHANDLE env = nullptr, dbc = nullptr, stmt = nullptr;
    ASSERT_EQ(alloc(SQL_HANDLE_ENV, nullptr, &env), SQL_SUCCESS);
    ASSERT_EQ(alloc(SQL_HANDLE_DBC, env, &dbc), SQL_SUCCESS);
    ASSERT_TRUE(SQL_SUCCEEDED(d.fn<Connect>("SQLConnect")(dbc, (SQLCHAR*)"KindlingTest", SQL_NTS, nullptr, 0, nullptr, 0)));
    ASSERT_EQ(alloc(SQL_HANDLE_STMT, dbc, &stmt), SQL_SUCCESS);

    auto returncode = [&](SQLSMALLINT type, SQLHANDLE h) {
        SQLRETURN a = 99, w = 99;
        EXPECT_EQ(field(type, h, 0, SQL_DIAG_RETURNCODE, &a, 0, nullptr), SQL_SUCCESS);
        EXPECT_EQ(field_w(type, h, 0, SQL_DIAG_RETURNCODE, &w, 0, nullptr), SQL_SUCCESS);
        EXPECT_EQ(a, w);
        return a;
    };
    EXPECT_EQ(exec(stmt, (SQLCHAR*)"SELECT * FROM no_such_table_exports", SQL_NTS), SQL_ERROR);
    EXPECT_EQ(returncode(SQL_HANDLE_STMT, stmt), SQL_ERROR);
    EXPECT_EQ(returncode(SQL_HANDLE_STMT, stmt), SQL_ERROR);  // reading diagnostics changes nothing

    // Every record field, A against W.
    auto text = [&](SQLSMALLINT id) {
        char a[512] = {};
        SQLWCHAR w[512] = {};
        SQLSMALLINT alen = -1, wlen = -1;
        EXPECT_EQ(field(SQL_HANDLE_STMT, stmt, 1, id, a, sizeof a, &alen), SQL_SUCCESS) << "field " << id;
        EXPECT_EQ(field_w(SQL_HANDLE_STMT, stmt, 1, id, w, sizeof w, &wlen), SQL_SUCCESS) << "field " << id;
        EXPECT_EQ(narrow(w, 512), std::string(a)) << "field " << id;
        EXPECT_EQ(wlen, alen * 2) << "field " << id;  // bytes, and these are ASCII
        return std::string(a);
    };
    EXPECT_EQ(text(SQL_DIAG_SQLSTATE), "42S02");
    EXPECT_NE(text(SQL_DIAG_MESSAGE_TEXT).find("NO_SUCH_TABLE_EXPORTS"), std::string::npos);
    EXPECT_EQ(text(SQL_DIAG_CLASS_ORIGIN), "ISO 9075");
    EXPECT_EQ(text(SQL_DIAG_SUBCLASS_ORIGIN), "ODBC 3.0");  // 42S02 is one of ODBC's own
    EXPECT_EQ(text(SQL_DIAG_SERVER_NAME), "KindlingTest");
    EXPECT_EQ(text(SQL_DIAG_CONNECTION_NAME), "");
    SQLINTEGER native = 0, native_w = 0, count = 0, count_w = 0;
    EXPECT_EQ(field(SQL_HANDLE_STMT, stmt, 1, SQL_DIAG_NATIVE, &native, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(field_w(SQL_HANDLE_STMT, stmt, 1, SQL_DIAG_NATIVE, &native_w, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(native, native_w);
    EXPECT_EQ(field(SQL_HANDLE_STMT, stmt, 0, SQL_DIAG_NUMBER, &count, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(field_w(SQL_HANDLE_STMT, stmt, 0, SQL_DIAG_NUMBER, &count_w, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(count, 1);
    EXPECT_EQ(count_w, 1);
    EXPECT_EQ(field(SQL_HANDLE_STMT, stmt, 2, SQL_DIAG_SQLSTATE, nullptr, 0, nullptr), SQL_NO_DATA);
    EXPECT_EQ(field_w(SQL_HANDLE_STMT, stmt, 2, SQL_DIAG_SQLSTATE, nullptr, 0, nullptr), SQL_NO_DATA);
    SQLLEN rows = 0;
    EXPECT_EQ(field(SQL_HANDLE_DBC, dbc, 0, SQL_DIAG_ROW_COUNT, &rows, 0, nullptr), SQL_ERROR);  // a statement's field
    EXPECT_EQ(field_w(SQL_HANDLE_DBC, dbc, 0, SQL_DIAG_ROW_COUNT, &rows, 0, nullptr), SQL_ERROR);
    {
        SQLCHAR state[6] = {}, msg[512] = {};
        SQLWCHAR wstate[6] = {}, wmsg[512] = {};
        SQLINTEGER n = 0, wn = 0;
        SQLSMALLINT len = 0, wlen = 0;
        ASSERT_EQ(d.fn<GetDiagRec>("SQLGetDiagRec")(SQL_HANDLE_STMT, stmt, 1, state, &n, msg, sizeof msg, &len), SQL_SUCCESS);
        ASSERT_EQ(d.fn<GetDiagRecW>("SQLGetDiagRecW")(SQL_HANDLE_STMT, stmt, 1, wstate, &wn, wmsg, 512, &wlen), SQL_SUCCESS);
        EXPECT_EQ(narrow(wstate, 6), std::string(reinterpret_cast<char*>(state)));
        EXPECT_EQ(narrow(wmsg, 512), std::string(reinterpret_cast<char*>(msg)));
        EXPECT_EQ(wn, n);
        EXPECT_EQ(wlen, len);  // characters
    }

    // The code follows each call: success, warning, no data; one handle's call leaves another's.
    ASSERT_EQ(exec(stmt, (SQLCHAR*)"SELECT 1", SQL_NTS), SQL_SUCCESS);
    EXPECT_EQ(returncode(SQL_HANDLE_STMT, stmt), SQL_SUCCESS);
    auto fetch = d.fn<Fetch>("SQLFetch");
    EXPECT_EQ(fetch(stmt), SQL_SUCCESS);
    EXPECT_EQ(fetch(stmt), SQL_NO_DATA);
    EXPECT_EQ(returncode(SQL_HANDLE_STMT, stmt), SQL_NO_DATA);
    EXPECT_EQ(d.fn<SetStmtAttr>("SQLSetStmtAttr")(stmt, SQL_ATTR_CURSOR_TYPE, reinterpret_cast<SQLPOINTER>(SQL_CURSOR_STATIC), 0),
              SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(returncode(SQL_HANDLE_STMT, stmt), SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(d.fn<GetInfo>("SQLGetInfo")(dbc, 9999, nullptr, 0, nullptr), SQL_ERROR);
    EXPECT_EQ(returncode(SQL_HANDLE_DBC, dbc), SQL_ERROR);
    EXPECT_EQ(returncode(SQL_HANDLE_STMT, stmt), SQL_SUCCESS_WITH_INFO);

    // A handle made where a freed one was starts with no code of its predecessor's.
    ASSERT_EQ(exec(stmt, (SQLCHAR*)"SELEC 1", SQL_NTS), SQL_ERROR);
    ASSERT_EQ(d.fn<FreeHandle>("SQLFreeHandle")(SQL_HANDLE_STMT, stmt), SQL_SUCCESS);
    ASSERT_EQ(alloc(SQL_HANDLE_STMT, dbc, &stmt), SQL_SUCCESS);
    EXPECT_EQ(returncode(SQL_HANDLE_STMT, stmt), SQL_SUCCESS);

    d.fn<FreeHandle>("SQLFreeHandle")(SQL_HANDLE_STMT, stmt);
    d.fn<Disconnect>("SQLDisconnect")(dbc);
    d.fn<FreeHandle>("SQLFreeHandle")(SQL_HANDLE_DBC, dbc);
    d.fn<FreeHandle>("SQLFreeHandle")(SQL_HANDLE_ENV, env);
}
