// Kindling benchmarks (not a test: it prints figures). Each mode prints one line
//   <name> <operations> <seconds> <ops/s>
// so tests/bench/run.sh can set them beside the Java thin client, JDBC and pyignite.
//   bench odbc-insert|odbc-fetch <host:port> <rows>     (through the unixODBC driver manager)
//   bench kv-put|kv-get <host:port> <count>              (kvapi)
#include <sql.h>
#include <sqlext.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "kindling/kvapi/client.hpp"
#include "kindling/net/endpoint.hpp"

namespace {

using Clock = std::chrono::steady_clock;

void report(const char* name, long long ops, Clock::time_point start) {
    double s = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("%s %lld %.3f %.0f\n", name, ops, s, ops / s);
}

void check(SQLRETURN rc, SQLSMALLINT type, SQLHANDLE h, const char* what) {
    if (SQL_SUCCEEDED(rc)) return;
    SQLCHAR state[6] = {}, msg[512] = {};
    SQLINTEGER native = 0;
    SQLSMALLINT len = 0;
    SQLGetDiagRec(type, h, 1, state, &native, msg, sizeof msg, &len);
    std::fprintf(stderr, "%s failed: %s %s\n", what, state, msg);
    std::exit(1);
}

int odbc(const std::string& mode, const std::string& address, long long rows) {
    SQLHENV env;
    SQLHDBC dbc;
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
    auto cs = "DRIVER=Kindling;ADDRESS=" + address;
    check(SQLDriverConnect(dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT), SQL_HANDLE_DBC, dbc, "connect");
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    if (mode == "odbc-insert") {
        SQLExecDirect(st, (SQLCHAR*)"DROP TABLE IF EXISTS BenchRows", SQL_NTS);
        check(SQLExecDirect(st, (SQLCHAR*)"CREATE TABLE BenchRows (ID BIGINT PRIMARY KEY, NAME VARCHAR, V DOUBLE)", SQL_NTS), SQL_HANDLE_STMT, st, "create");
        const SQLULEN batch = 1000;
        std::vector<SQLBIGINT> ids(batch);
        std::vector<char> names(batch * 32);
        std::vector<SQLLEN> name_ind(batch, SQL_NTS);
        std::vector<double> vals(batch);
        check(SQLPrepare(st, (SQLCHAR*)"INSERT INTO BenchRows (ID, NAME, V) VALUES (?, ?, ?)", SQL_NTS), SQL_HANDLE_STMT, st, "prepare");
        SQLSetStmtAttr(st, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(batch), 0);
        SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SBIGINT, SQL_BIGINT, 0, 0, ids.data(), 0, nullptr);
        SQLBindParameter(st, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 31, 0, names.data(), 32, name_ind.data());
        SQLBindParameter(st, 3, SQL_PARAM_INPUT, SQL_C_DOUBLE, SQL_DOUBLE, 0, 0, vals.data(), 0, nullptr);
        auto start = Clock::now();
        for (long long base = 0; base < rows; base += static_cast<long long>(batch)) {
            for (SQLULEN i = 0; i < batch; ++i) {
                ids[i] = base + static_cast<long long>(i);
                std::snprintf(&names[i * 32], 32, "row-%lld", static_cast<long long>(ids[i]));
                vals[i] = static_cast<double>(ids[i]) * 0.5;
            }
            check(SQLExecute(st), SQL_HANDLE_STMT, st, "insert batch");
        }
        report("odbc-insert", rows, start);
    } else {
        const SQLULEN block = 1000;
        std::vector<SQLBIGINT> ids(block);
        std::vector<char> names(block * 32);
        std::vector<double> vals(block);
        std::vector<SQLLEN> ind1(block), ind2(block), ind3(block);
        SQLULEN fetched = 0;
        SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(block), 0);
        SQLSetStmtAttr(st, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0);
        auto start = Clock::now();
        check(SQLExecDirect(st, (SQLCHAR*)"SELECT ID, NAME, V FROM BenchRows", SQL_NTS), SQL_HANDLE_STMT, st, "select");
        SQLBindCol(st, 1, SQL_C_SBIGINT, ids.data(), 0, ind1.data());
        SQLBindCol(st, 2, SQL_C_CHAR, names.data(), 32, ind2.data());
        SQLBindCol(st, 3, SQL_C_DOUBLE, vals.data(), 0, ind3.data());
        long long total = 0;
        while (SQL_SUCCEEDED(SQLFetch(st))) total += static_cast<long long>(fetched);
        report("odbc-fetch", total, start);
    }
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    return 0;
}

int kv(const std::string& mode, const std::string& address, long long count) {
    kindling::kvapi::Client client;
    client.connect(kindling::net::Endpoint::parse_list(address));
    auto cache = client.get_or_create_cache("bench_kv");
    auto start = Clock::now();
    if (mode == "kv-put") {
        for (long long i = 0; i < count; ++i) cache.put(std::int64_t{i}, std::string("value-") + std::to_string(i));
        report("kv-put", count, start);
    } else {
        long long hits = 0;
        for (long long i = 0; i < count; ++i) hits += cache.get<std::string>(std::int64_t{i}).has_value();
        report("kv-get", count, start);
        if (hits != count) std::fprintf(stderr, "kv-get: %lld of %lld keys found (run kv-put first)\n", hits, count);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) try {
    if (argc < 4) {
        std::fprintf(stderr, "usage: bench odbc-insert|odbc-fetch|kv-put|kv-get host:port count\n");
        return 2;
    }
    std::string mode = argv[1];
    long long n = std::atoll(argv[3]);
    return mode.rfind("odbc-", 0) == 0 ? odbc(mode, argv[2], n) : kv(mode, argv[2], n);
} catch (const std::exception& e) {
    std::fprintf(stderr, "bench: %s\n", e.what());
    return 1;
}
