// Result-column metadata of the driver (SQLDescribeCol / SQLColAttribute, after SQLPrepare before
// SQLExecute, and again after SQLExecute) cross-checked against Ignite's JDBC thin driver through
// `java-helper.sh jdbc-meta` (tests/cluster/src/main/java/io/kindling/cluster/JavaHelper.java), and
// every value fetched as SQL_C_CHAR against JDBC's getString of the same query.
//
// What the JDBC thin driver can and cannot tell (Ignite 2.17, measured, and visible in
// JdbcThinResultSetMetadata's bytecode): getColumnType / getColumnTypeName / getColumnClassName come
// from the server, but getPrecision() and getScale() are the constant 0 and isNullable() the constant
// columnNullable, for every column; PreparedStatement.getMetaData() throws
// SQLFeatureNotSupportedException. So the tests assert those constants (a JDBC that starts answering
// real numbers makes them fail, and then they should compare directly), compare the types exactly,
// and take precision, scale and nullability of table columns from what the same JDBC driver's
// DatabaseMetaData.getColumns() reports of the table column (the server's declared COLUMN_SIZE,
// DECIMAL_DIGITS, NULLABLE). Expressions have no such source: their description is the one the
// server's H2 1.4.197 gives (for the DECIMAL and VARCHAR expressions and the nullability, the same
// numbers an embedded H2 1.4.197's ResultSetMetaData gives for these statements; fixed-size types
// have ODBC's column sizes), written out below per query, and after execution it is checked
// against the scale and digits of the values JDBC returns.
#include <gtest/gtest.h>
#include <sql.h>
#include <sqlext.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "odbc_session.hpp"
#include "test_env.hpp"

namespace {

namespace test = kindling::test;

constexpr const char* kTable = "MetaCrosscheck";
constexpr SQLULEN kUnbounded = 2147483647;  // VARCHAR / VARBINARY without a length: H2's Integer.MAX_VALUE

using kindling::test::diag;

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out(1);
    for (char ch : s) {
        if (ch == sep) out.emplace_back();
        else out.back() += ch;
    }
    return out;
}

// A value of the helper's rows block: \N is NULL; \\ \t \n \r are escapes.
std::optional<std::string> unescape(const std::string& f) {
    if (f == "\\N") return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (f[i] != '\\' || i + 1 == f.size()) {
            out += f[i];
            continue;
        }
        char e = f[++i];
        out += e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e;
    }
    return out;
}

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char ch : s) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
    return out + "'";
}

using Row = std::vector<std::optional<std::string>>;

std::string show(const std::optional<std::string>& v) { return v ? "'" + *v + "'" : "NULL"; }

std::string show(const Row& r) {
    std::string s = "(";
    for (std::size_t i = 0; i < r.size(); ++i) s += (i ? ", " : "") + show(r[i]);
    return s + ")";
}

std::string show(const std::vector<Row>& rows) {
    std::string s;
    for (const auto& r : rows) s += "  " + show(r) + "\n";
    return s;
}

// One line of a "# executed" / "# prepared" block of the helper.
struct JdbcColumn {
    std::string label;
    int type = 0;  // java.sql.Types
    std::string type_name;
    long precision = -1;
    int scale = -1;
    int nullable = -1;  // ResultSetMetaData.columnNoNulls / columnNullable / columnNullableUnknown
    std::string schema, table, column, class_name;
    // DatabaseMetaData.getColumns() of the table column it comes from, when it does.
    bool declared = false;
    int declared_type = 0;
    std::string declared_type_name;
    long declared_size = 0;
    int declared_digits = 0;
    int declared_nullable = 0;
};

struct JdbcAnswer {
    std::vector<JdbcColumn> executed;  // ResultSet.getMetaData() after executeQuery()
    bool prepared_supported = false;   // PreparedStatement.getMetaData() before execution
    std::string prepared_unsupported;
    std::vector<JdbcColumn> prepared;
    std::vector<Row> rows;
    std::string raw;
};

JdbcColumn parse_column(const std::vector<std::string>& f) {
    JdbcColumn c;
    c.label = f[0];
    c.type = std::stoi(f[1]);
    c.type_name = f[2];
    c.precision = std::stol(f[3]);
    c.scale = std::stoi(f[4]);
    c.nullable = std::stoi(f[5]);
    c.schema = f[6];
    c.table = f[7];
    c.column = f[8];
    c.class_name = f[9];
    if (f.size() >= 15) {
        c.declared = true;
        c.declared_type = std::stoi(f[10]);
        c.declared_type_name = f[11];
        c.declared_size = std::stol(f[12]);
        c.declared_digits = std::stoi(f[13]);
        c.declared_nullable = std::stoi(f[14]);
    }
    return c;
}

JdbcAnswer jdbc_meta(const std::string& sql) {
    JdbcAnswer a;
    a.raw = test::java_helper("jdbc-meta " + std::to_string(test::main_port()) + " " + shell_quote(sql));
    std::istringstream in(a.raw);
    std::string line, block;
    while (std::getline(in, line)) {
        if (line == "# executed" || line == "# prepared" || line == "# rows") {
            block = line.substr(2);
            a.prepared_supported = a.prepared_supported || block == "prepared";
            continue;
        }
        if (line.rfind("# prepared unsupported: ", 0) == 0) {
            a.prepared_unsupported = line.substr(24);
            block.clear();
            continue;
        }
        auto f = split(line, '\t');
        if ((block == "executed" || block == "prepared") && f.size() >= 10) {
            (block == "executed" ? a.executed : a.prepared).push_back(parse_column(f));
        } else if (block == "rows") {
            Row r;
            for (const auto& v : f) r.push_back(unescape(v));
            a.rows.push_back(r);
        }
    }
    return a;
}

// What the driver says of one result column.
struct OdbcColumn {
    std::string name;
    SQLSMALLINT type = 0;  // SQLDescribeCol
    SQLULEN size = 0;
    SQLSMALLINT digits = 0;
    SQLSMALLINT nullable = 0;
    SQLLEN concise_type = 0;  // SQLColAttribute
    SQLLEN precision = 0;
    SQLLEN scale = 0;
    SQLLEN length = 0;
    SQLLEN desc_nullable = 0;
    std::string label;
    std::string type_name;
};

std::string show(const OdbcColumn& c) {
    return "SQLDescribeCol '" + c.name + "' type " + std::to_string(c.type) + " size " + std::to_string(c.size) +
           " digits " + std::to_string(c.digits) + " nullable " + std::to_string(c.nullable) +
           "; SQLColAttribute concise type " + std::to_string(c.concise_type) + " precision " +
           std::to_string(c.precision) + " scale " + std::to_string(c.scale) + " length " + std::to_string(c.length) +
           " nullable " + std::to_string(c.desc_nullable) + " type name " + c.type_name + " label '" + c.label + "'";
}

std::string show(const JdbcColumn& c) {
    std::string s = "JDBC '" + c.label + "' type " + std::to_string(c.type) + " " + c.type_name + " precision " +
                    std::to_string(c.precision) + " scale " + std::to_string(c.scale) + " nullable " +
                    std::to_string(c.nullable) + " class " + c.class_name;
    if (c.declared)
        s += "; getColumns " + c.declared_type_name + " size " + std::to_string(c.declared_size) + " digits " +
             std::to_string(c.declared_digits) + " nullable " + std::to_string(c.declared_nullable);
    return s;
}

// java.sql.Types -> the ODBC SQL type of the same column.
SQLSMALLINT odbc_type_of(int jdbc_type) {
    switch (jdbc_type) {
        case 3: return SQL_DECIMAL;
        case 2: return SQL_NUMERIC;
        case 12: return SQL_VARCHAR;
        case 1: return SQL_CHAR;
        case 4: return SQL_INTEGER;
        case -5: return SQL_BIGINT;
        case 5: return SQL_SMALLINT;
        case -6: return SQL_TINYINT;
        case 8: return SQL_DOUBLE;
        case 7: return SQL_REAL;
        case 16: return SQL_BIT;
        case 91: return SQL_TYPE_DATE;
        case 92: return SQL_TYPE_TIME;
        case 93: return SQL_TYPE_TIMESTAMP;
        // Ignite's JDBC driver types a column by its Java class alone and calls every byte[]
        // Types.BINARY (there is no fixed-length binary in Ignite: the DDL's VARBINARY is byte[]).
        case -2: case -3: return SQL_VARBINARY;
        default: return SQL_UNKNOWN_TYPE;
    }
}

// ODBC's fixed column sizes (ODBC 3.8 Appendix D, "Column Size") of the types that have one.
std::optional<SQLULEN> fixed_column_size(SQLSMALLINT t) {
    switch (t) {
        case SQL_INTEGER: return 10;
        case SQL_BIGINT: return 19;
        case SQL_SMALLINT: return 5;
        case SQL_TINYINT: return 3;
        case SQL_DOUBLE: return 15;
        case SQL_REAL: return 7;
        case SQL_BIT: return 1;
        case SQL_TYPE_DATE: return 10;
        case SQL_GUID: return 36;
        default: return std::nullopt;
    }
}

bool uuid_text(const std::string& v) {
    if (v.size() != 36) return false;
    for (std::size_t i = 0; i < v.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? v[i] != '-' : !std::isxdigit(static_cast<unsigned char>(v[i]))) return false;
    }
    return true;
}

// The same value as text in one spelling, where the two drivers spell it differently by rule:
// a DOUBLE is Java's Double.toString on one side ("1.0E300") and the driver's shortest round-trip
// text on the other ("1e+300"), so both become the exact double's %.17g; a TIMESTAMP is
// java.sql.Timestamp.toString, which always has a fraction ("23:59:59.0"), and ODBC's
// "yyyy-mm-dd hh:mm:ss[.f...]" without a zero fraction, so trailing fraction zeros go. Everything
// else, DECIMAL first, must be the same text exactly.
std::optional<std::string> canonical(const std::optional<std::string>& v, SQLSMALLINT type) {
    if (!v) return v;
    if (type == SQL_DOUBLE || type == SQL_REAL) {
        char* end = nullptr;
        double d = std::strtod(v->c_str(), &end);
        if (end == v->c_str() || *end) return "not a number: " + *v;
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", d);
        return std::string(buf);
    }
    if (type == SQL_TYPE_TIMESTAMP && v->find('.') != std::string::npos) {
        auto s = *v;
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
        return s;
    }
    return v;
}

// A DECIMAL value's digits before the point and its scale, as BigDecimal.toString spells it.
struct Digits {
    long integer = 0;
    long scale = 0;
};
std::optional<Digits> decimal_digits(const std::string& v) {
    auto s = v[0] == '-' ? v.substr(1) : v;
    if (s.find_first_of("eE") != std::string::npos) return std::nullopt;
    auto point = s.find('.');
    if (point == std::string::npos) return Digits{static_cast<long>(s.size()), 0};
    return Digits{static_cast<long>(point), static_cast<long>(s.size() - point - 1)};
}

// What the server describes for one column before execution: ODBC SQL type, column size,
// decimal digits, nullability. Nullability is the server's: SQL_NULLABLE for a table column (what
// getColumns() says), SQL_NULLABLE_UNKNOWN for an expression (H2's columnNullableUnknown), where
// JDBC's ResultSetMetaData.isNullable() is the constant columnNullable.
struct Described {
    SQLSMALLINT type;
    SQLULEN size;
    SQLSMALLINT digits;
    SQLSMALLINT nullable;
};

class MetadataCrosscheck : public kindling::test::OdbcSession {
protected:
    void SetUp() override {
        OdbcSession::SetUp();
        connect_dsn();
    }
    void TearDown() override {
        if (!table_.empty()) exec("DROP TABLE IF EXISTS " + table_);
        OdbcSession::TearDown();
    }

    bool exec(const std::string& sql) {
        SQLFreeStmt(stmt, SQL_CLOSE);
        return SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS));
    }

    // The table the queries read, made through the driver on first use. One per test, named after
    // it: ctest runs the tests in parallel processes (tests/run.sh: -j 2).
    std::string table() {
        if (!table_.empty()) return table_;
        const std::string t = std::string(kTable) + "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name();
        const std::vector<std::string> ddl = {
            "DROP TABLE IF EXISTS " + t,
            "CREATE TABLE " + t +
                " (ID INT PRIMARY KEY, C_INT INT, C_BIGINT BIGINT, C_DOUBLE DOUBLE, C_DEC DECIMAL(20,5), C_VC VARCHAR,"
                " C_VC12 VARCHAR(12), C_CHAR CHAR(3), C_DATE DATE, C_TS TIMESTAMP, C_UUID UUID, C_BIN VARBINARY)",
            "INSERT INTO " + t +
                " VALUES (1, 10, 10000000000, 1.25, 12345.67891, 'hello', 'twelve chars', 'abc', DATE '2024-02-29',"
                " TIMESTAMP '2024-02-29 12:34:56.789', '123e4567-e89b-12d3-a456-426614174000', X'DEADBEEF')",
            "INSERT INTO " + t +
                " VALUES (2, -7, -5, -0.5, -0.00001, 'a longer text than twelve', 'x', 'de', DATE '1999-12-31',"
                " TIMESTAMP '1999-12-31 23:59:59', '00000000-0000-0000-0000-000000000001', X'00')",
            // Extremes that the expressions below still hold: C_INT + 1 is INT_MAX, C_BIGINT * 2
            // is LONG_MIN, SUM(C_DEC) keeps within DECIMAL(20,5) (H2's reduce step casts it so).
            // Ignite keeps a timestamp's nanoseconds whatever scale H2 gives the column.
            "INSERT INTO " + t +
                " VALUES (3, 2147483646, -4611686018427387904, 1e300, 99999999999.99999, '', '', 'xyz',"
                " DATE '1970-01-01', TIMESTAMP '1970-01-01 00:00:00.123456789', 'ffffffff-ffff-ffff-ffff-ffffffffffff', X'')",
            "INSERT INTO " + t + " (ID) VALUES (4)",
        };
        table_ = t;
        for (const auto& sql : ddl)
            if (!exec(sql)) ADD_FAILURE() << sql << ": " << diag(SQL_HANDLE_STMT, stmt);
        return table_;
    }

    std::vector<OdbcColumn> describe() {
        std::vector<OdbcColumn> out;
        SQLSMALLINT n = 0;
        EXPECT_EQ(SQLNumResultCols(stmt, &n), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
        for (SQLUSMALLINT i = 1; i <= static_cast<SQLUSMALLINT>(n); ++i) {
            OdbcColumn c;
            SQLCHAR name[256] = {};
            SQLSMALLINT name_len = 0;
            EXPECT_EQ(SQLDescribeCol(stmt, i, name, sizeof name, &name_len, &c.type, &c.size, &c.digits, &c.nullable), SQL_SUCCESS)
                << diag(SQL_HANDLE_STMT, stmt);
            c.name = reinterpret_cast<char*>(name);
            auto num = [&](SQLUSMALLINT field) {
                SQLLEN v = 0;
                EXPECT_EQ(SQLColAttribute(stmt, i, field, nullptr, 0, nullptr, &v), SQL_SUCCESS)
                    << "field " << field << ": " << diag(SQL_HANDLE_STMT, stmt);
                return v;
            };
            auto text = [&](SQLUSMALLINT field) {
                SQLCHAR buf[256] = {};
                SQLSMALLINT len = 0;
                EXPECT_EQ(SQLColAttribute(stmt, i, field, buf, sizeof buf, &len, nullptr), SQL_SUCCESS)
                    << "field " << field << ": " << diag(SQL_HANDLE_STMT, stmt);
                return std::string(reinterpret_cast<char*>(buf));
            };
            c.concise_type = num(SQL_DESC_CONCISE_TYPE);
            c.precision = num(SQL_DESC_PRECISION);
            c.scale = num(SQL_DESC_SCALE);
            c.length = num(SQL_DESC_LENGTH);
            c.desc_nullable = num(SQL_DESC_NULLABLE);
            c.label = text(SQL_DESC_LABEL);
            c.type_name = text(SQL_DESC_TYPE_NAME);
            out.push_back(c);
        }
        return out;
    }

    std::vector<Row> fetch_all_as_text(std::size_t columns) {
        std::vector<Row> out;
        for (;;) {
            auto rc = SQLFetch(stmt);
            if (rc == SQL_NO_DATA) break;
            if (!SQL_SUCCEEDED(rc)) {
                ADD_FAILURE() << "SQLFetch: " << diag(SQL_HANDLE_STMT, stmt);
                break;
            }
            Row r;
            for (SQLUSMALLINT c = 1; c <= columns; ++c) {
                std::string v;
                bool null = false;
                for (;;) {  // in pieces, however long the value
                    char buf[64];
                    SQLLEN ind = 0;
                    auto g = SQLGetData(stmt, c, SQL_C_CHAR, buf, sizeof buf, &ind);
                    if (g == SQL_NO_DATA) break;
                    if (!SQL_SUCCEEDED(g)) {
                        ADD_FAILURE() << "SQLGetData column " << c << ": " << diag(SQL_HANDLE_STMT, stmt);
                        break;
                    }
                    if (ind == SQL_NULL_DATA) {
                        null = true;
                        break;
                    }
                    v += buf;
                    if (g == SQL_SUCCESS) break;
                }
                r.push_back(null ? std::nullopt : std::optional<std::string>(v));
            }
            out.push_back(r);
        }
        return out;
    }

    // The whole cross-check of one query. `server` is the description the server gives before
    // execution, column by column; it is itself checked against JDBC wherever JDBC knows anything.
    // Returns the driver's description after execution.
    std::vector<OdbcColumn> crosscheck(const std::string& sql, const std::vector<Described>& server) {
        std::vector<OdbcColumn> described_after;
        check(sql, server, described_after);
        return described_after;
    }

    void check(const std::string& sql, const std::vector<Described>& server, std::vector<OdbcColumn>& described_after) {
        SCOPED_TRACE(sql);
        auto j = jdbc_meta(sql);
        ASSERT_EQ(j.executed.size(), server.size()) << "java-helper jdbc-meta said:\n" << j.raw;

        // The JDBC thin driver has no description before execution.
        if (!j.prepared_supported) {
            EXPECT_EQ(j.prepared_unsupported,
                      "SQLFeatureNotSupportedException: Meta data for prepared statement is not supported.");
        } else {  // a JDBC that can: its types are the ones after execution
            ASSERT_EQ(j.prepared.size(), j.executed.size()) << j.raw;
            for (std::size_t i = 0; i < j.prepared.size(); ++i) EXPECT_EQ(j.prepared[i].type, j.executed[i].type) << j.raw;
        }

        SQLFreeStmt(stmt, SQL_CLOSE);
        ASSERT_EQ(SQLPrepare(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
        auto before = describe();
        ASSERT_TRUE(SQL_SUCCEEDED(SQLExecute(stmt))) << diag(SQL_HANDLE_STMT, stmt);
        auto after = describe();
        described_after = after;
        ASSERT_EQ(before.size(), server.size());
        ASSERT_EQ(after.size(), server.size());
        auto odbc_rows = fetch_all_as_text(after.size());

        for (std::size_t i = 0; i < server.size(); ++i) {
            const auto& jc = j.executed[i];
            const auto& d = server[i];
            SCOPED_TRACE("column " + std::to_string(i + 1) + ": " + show(jc));

            // JDBC's constants (see the top of the file): nothing to compare precision, scale or
            // nullability with but the table column's declaration.
            EXPECT_EQ(jc.precision, 0);
            EXPECT_EQ(jc.scale, 0);
            EXPECT_EQ(jc.nullable, 1);

            // The type: JDBC's, mapped to ODBC, with one rule of the driver's own. H2 describes a
            // UUID column as byte[] (JDBC: BINARY, class [B; getColumns: OTHER) while its values
            // are java.util.UUID: the driver says SQL_GUID, before execution too.
            bool uuid = jc.class_name == "[B" && std::any_of(j.rows.begin(), j.rows.end(), [&](const Row& r) {
                            return r.size() > i && r[i] && uuid_text(*r[i]);
                        });
            SQLSMALLINT jdbc_type = uuid ? SQLSMALLINT{SQL_GUID} : odbc_type_of(jc.type);
            EXPECT_EQ(d.type, jdbc_type);
            std::string jdbc_type_name = uuid ? "UUID" : jc.type == -2 ? "VARBINARY" : jc.type_name;

            // The table column's declaration, where JDBC's getColumns() gives one.
            if (jc.declared) {
                EXPECT_EQ(d.nullable, jc.declared_nullable);
                if (jc.declared_size > 0) {  // DECIMAL(20,5), VARCHAR(12), CHAR(3): exactly
                    EXPECT_EQ(d.size, static_cast<SQLULEN>(jc.declared_size));
                    EXPECT_EQ(d.digits, jc.declared_digits);
                } else if (d.type == SQL_VARCHAR || d.type == SQL_VARBINARY) {
                    // No length declared (getColumns: 0): the driver's column size is the
                    // server's maximum, 2147483647.
                    EXPECT_EQ(d.size, kUnbounded);
                }
            }
            // Types with a fixed size have ODBC's (JDBC has none to give: 0).
            if (auto fixed = fixed_column_size(d.type)) {
                EXPECT_EQ(d.size, *fixed);
                EXPECT_EQ(d.digits, 0);
            }

            // After execution: the description before, except that a DECIMAL column grows to hold
            // every value of the first page. H2 describes a quotient or product by its operands'
            // larger scale, and sends BigDecimal's (CAST(X AS DECIMAL(20,5))/7 is described
            // DECIMAL(20,5), its values have scale 30): a typed client trusting the description
            // would cut digits. The scales and integer digits here come from JDBC's values.
            Described want_after = d;
            if (d.type == SQL_DECIMAL) {
                long scale = d.digits, integer = static_cast<long>(d.size) - d.digits;
                for (const auto& r : j.rows) {
                    if (r.size() <= i || !r[i]) continue;
                    auto digits = decimal_digits(*r[i]);
                    ASSERT_TRUE(digits) << "a DECIMAL value in E notation: " << *r[i];
                    scale = std::max(scale, digits->scale);
                    integer = std::max(integer, digits->integer);
                }
                if (scale > d.digits || integer + scale > static_cast<long>(d.size)) {
                    want_after.size = static_cast<SQLULEN>(integer + scale);
                    want_after.digits = static_cast<SQLSMALLINT>(scale);
                }
            }

            for (const auto* phase : {&before, &after}) {
                const auto& c = (*phase)[i];
                const auto& want = phase == &before ? d : want_after;
                SCOPED_TRACE(std::string(phase == &before ? "before" : "after") + " SQLExecute: " + show(c));
                EXPECT_EQ(c.name, jc.label);
                EXPECT_EQ(c.label, jc.label);
                EXPECT_EQ(c.type, want.type);
                EXPECT_EQ(c.concise_type, want.type);
                EXPECT_EQ(c.type_name, jdbc_type_name);
                EXPECT_EQ(c.nullable, want.nullable);
                EXPECT_EQ(c.desc_nullable, want.nullable);
                if (c.type == SQL_TYPE_TIMESTAMP) continue;  // sizes: see TimestampColumns... below
                EXPECT_EQ(c.size, want.size);
                EXPECT_EQ(c.digits, want.digits);
                EXPECT_EQ(c.precision, static_cast<SQLLEN>(want.size));  // SQL_DESC_PRECISION: the column size
                EXPECT_EQ(c.scale, want.digits);
                if (c.type == SQL_VARCHAR || c.type == SQL_CHAR || c.type == SQL_VARBINARY) {
                    EXPECT_EQ(c.length, static_cast<SQLLEN>(want.size));  // SQL_DESC_LENGTH: characters / bytes
                }
            }
        }

        // The values: as SQL_C_CHAR, what JDBC's getString says (rows in any order: no ORDER BY).
        auto normalize = [&](std::vector<Row> rows) {
            for (auto& r : rows)
                for (std::size_t i = 0; i < r.size() && i < server.size(); ++i) r[i] = canonical(r[i], server[i].type);
            std::sort(rows.begin(), rows.end());
            return rows;
        };
        auto jdbc_values = normalize(j.rows), odbc_values = normalize(odbc_rows);
        EXPECT_EQ(odbc_values, jdbc_values) << "ODBC (SQL_C_CHAR):\n" << show(odbc_rows) << "JDBC (getString):\n" << show(j.rows);
        EXPECT_FALSE(jdbc_values.empty()) << j.raw;
    }

    std::string table_;
};

}  // namespace

TEST_F(MetadataCrosscheck, ProductOfABigintAndADecimalLiteral) {
    // BIGINT (19,0) * 1.5 (2,1): H2 describes DECIMAL(19,1); the values (1.5, 3.0, 4.5) fit it.
    crosscheck("SELECT X*1.5 FROM SYSTEM_RANGE(1,3)", {{SQL_DECIMAL, 19, 1, SQL_NULLABLE_UNKNOWN}});
}

TEST_F(MetadataCrosscheck, QuotientOfADecimalGrowsToItsValuesScale) {
    // Described DECIMAL(20,5) before execution; the values (0.142857142857142857142857142857, ...)
    // have scale 30, so after execution the column is DECIMAL(45,30): 15 integer digits of the
    // description and the values' 30 fraction digits (computed from JDBC's values in crosscheck).
    auto after = crosscheck("SELECT CAST(X AS DECIMAL(20,5))/7 FROM SYSTEM_RANGE(1,3)", {{SQL_DECIMAL, 20, 5, SQL_NULLABLE_UNKNOWN}});
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after[0].size, 45u);
    EXPECT_EQ(after[0].digits, 30);
    EXPECT_EQ(after[0].precision, 45);
    EXPECT_EQ(after[0].scale, 30);
}

TEST_F(MetadataCrosscheck, Aggregates) {
    crosscheck("SELECT SUM(C_DEC), MIN(C_DEC), AVG(C_DOUBLE), COUNT(*) FROM " + table(),
               {{SQL_DECIMAL, 20, 5, SQL_NULLABLE_UNKNOWN},  // SUM keeps the column's DECIMAL(20,5)
                {SQL_DECIMAL, 20, 5, SQL_NULLABLE_UNKNOWN},
                {SQL_DOUBLE, 15, 0, SQL_NULLABLE_UNKNOWN},
                {SQL_BIGINT, 19, 0, SQL_NULLABLE_UNKNOWN}});
}

TEST_F(MetadataCrosscheck, AliasesStringsAndIntegerArithmetic) {
    crosscheck("SELECT C_DEC AS D, C_VC, C_VC12, CONCAT(C_VC12, 'x'), CAST(C_INT AS VARCHAR(7)), C_INT + 1, C_BIGINT * 2 FROM " + table(),
               {{SQL_DECIMAL, 20, 5, SQL_NULLABLE},  // the table column under another label
                {SQL_VARCHAR, kUnbounded, 0, SQL_NULLABLE},
                {SQL_VARCHAR, 12, 0, SQL_NULLABLE},
                {SQL_VARCHAR, 13, 0, SQL_NULLABLE_UNKNOWN},  // 12 + 1
                {SQL_VARCHAR, 7, 0, SQL_NULLABLE_UNKNOWN},   // the server cuts 2147483646 to '2147483'
                {SQL_INTEGER, 10, 0, SQL_NULLABLE_UNKNOWN},
                {SQL_BIGINT, 19, 0, SQL_NULLABLE_UNKNOWN}});
}

TEST_F(MetadataCrosscheck, EveryColumnOfTheTable) {
    // Ignite declares every column nullable, the primary key too (getColumns: NULLABLE 1), and
    // keeps CHAR(3) as VARCHAR(3). C_TS: H2 describes TIMESTAMP(26,6); here only its type,
    // nullability and values are compared, its sizes in TimestampColumnSizesAgreeWithTheirValues.
    crosscheck("SELECT * FROM " + table(), {{SQL_INTEGER, 10, 0, SQL_NULLABLE},
                                      {SQL_INTEGER, 10, 0, SQL_NULLABLE},
                                      {SQL_BIGINT, 19, 0, SQL_NULLABLE},
                                      {SQL_DOUBLE, 15, 0, SQL_NULLABLE},
                                      {SQL_DECIMAL, 20, 5, SQL_NULLABLE},
                                      {SQL_VARCHAR, kUnbounded, 0, SQL_NULLABLE},
                                      {SQL_VARCHAR, 12, 0, SQL_NULLABLE},
                                      {SQL_VARCHAR, 3, 0, SQL_NULLABLE},
                                      {SQL_TYPE_DATE, 10, 0, SQL_NULLABLE},
                                      {SQL_TYPE_TIMESTAMP, 26, 6, SQL_NULLABLE},
                                      {SQL_GUID, 36, 0, SQL_NULLABLE},
                                      {SQL_VARBINARY, kUnbounded, 0, SQL_NULLABLE}});
}

TEST_F(MetadataCrosscheck, TimestampColumnSizesAgreeWithTheirValues) {
    // ODBC (Appendix D, "Column Size" and "Decimal Digits"): a timestamp with s fractional digits
    // has column size 20 + s (19 when s is 0), decimal digits s, and SQL_DESC_PRECISION s (the
    // seconds precision, not the column size). And as for DECIMAL (see crosscheck), the described
    // digits must hold the digits of the values the driver hands out, or a typed client that
    // trusts them cuts nanoseconds. H2 describes C_TS as TIMESTAMP(26,6), Ignite stores and sends
    // 1970-01-01 00:00:00.123456789. (JDBC's precision and scale are 0 here as everywhere.)
    const std::string sql = "SELECT C_TS FROM " + table();
    auto j = jdbc_meta(sql);
    ASSERT_EQ(j.executed.size(), 1u) << j.raw;
    long value_digits = 0;
    for (const auto& r : j.rows) {
        if (r.empty() || !r[0]) continue;
        auto v = *canonical(r[0], SQL_TYPE_TIMESTAMP);
        auto point = v.find('.');
        if (point != std::string::npos) value_digits = std::max(value_digits, static_cast<long>(v.size() - point - 1));
    }
    ASSERT_EQ(value_digits, 9) << j.raw;

    SQLFreeStmt(stmt, SQL_CLOSE);
    ASSERT_EQ(SQLPrepare(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS), SQL_SUCCESS) << diag(SQL_HANDLE_STMT, stmt);
    auto before = describe();
    ASSERT_TRUE(SQL_SUCCEEDED(SQLExecute(stmt))) << diag(SQL_HANDLE_STMT, stmt);
    auto after = describe();
    ASSERT_EQ(before.size(), 1u);
    ASSERT_EQ(after.size(), 1u);
    auto rows = fetch_all_as_text(1);
    bool nanos = std::any_of(rows.begin(), rows.end(), [](const Row& r) { return r[0] == "1970-01-01 00:00:00.123456789"; });
    EXPECT_TRUE(nanos) << "the driver hands out the nanoseconds:\n" << show(rows);
    for (const auto& c : after) {  // after execution at least; before too if the digits are known then
        SCOPED_TRACE("after SQLExecute: " + show(c));
        EXPECT_EQ(c.type, SQL_TYPE_TIMESTAMP);
        EXPECT_GE(c.digits, value_digits);
        EXPECT_EQ(c.size, c.digits > 0 ? 20u + static_cast<SQLULEN>(c.digits) : 19u);
        EXPECT_EQ(c.precision, c.digits);
        EXPECT_EQ(c.scale, c.digits);
    }
    for (const auto& c : before) {
        SCOPED_TRACE("before SQLExecute: " + show(c));
        EXPECT_EQ(c.size, c.digits > 0 ? 20u + static_cast<SQLULEN>(c.digits) : 19u);
        EXPECT_EQ(c.precision, c.digits);
    }
}
