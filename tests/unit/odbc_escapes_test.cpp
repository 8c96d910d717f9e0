#include <gtest/gtest.h>

#include "diagnostics.hpp"
#include "escapes.hpp"

using kindling::odbc::OdbcError;
using kindling::odbc::translate_escapes;

TEST(OdbcEscapes, DateTimeAndFunctions) {
    EXPECT_EQ(translate_escapes("SELECT {d '2024-01-02'}, {t '03:04:05'}, {ts '2024-01-02 03:04:05.5'}"),
              "SELECT DATE '2024-01-02', TIME '03:04:05', TIMESTAMP '2024-01-02 03:04:05.5'");
    EXPECT_EQ(translate_escapes("SELECT {fn UCASE(name)}, {fn CURDATE()}, {fn IFNULL(a, {fn LCASE('X')})} FROM t"),
              "SELECT UPPER(name), CURRENT_DATE, COALESCE(a, LOWER('X')) FROM t");
    EXPECT_EQ(translate_escapes("SELECT * FROM {oj a LEFT OUTER JOIN b ON a.id = b.id}"),
              "SELECT * FROM a LEFT OUTER JOIN b ON a.id = b.id");
    EXPECT_EQ(translate_escapes("SELECT * FROM t WHERE n LIKE 'a\\_%' {escape '\\'}"),
              "SELECT * FROM t WHERE n LIKE 'a\\_%' ESCAPE '\\'");
}

TEST(OdbcEscapes, QuotedBracesAndCommentsAreLeftAlone) {
    EXPECT_EQ(translate_escapes("SELECT '{d x}', \"{col}\" -- {fn x}\nFROM t"), "SELECT '{d x}', \"{col}\" -- {fn x}\nFROM t");
    EXPECT_EQ(translate_escapes("SELECT 'it''s {not} an escape'"), "SELECT 'it''s {not} an escape'");
}

TEST(OdbcEscapes, BadEscapesAreErrors) {
    EXPECT_THROW(translate_escapes("SELECT {fn UCASE('a')"), OdbcError);
    EXPECT_THROW(translate_escapes("SELECT {d '2024-01-02'} }"), OdbcError);
    EXPECT_THROW(translate_escapes("{call proc()}"), OdbcError);
    EXPECT_THROW(translate_escapes("SELECT {zz 1}"), OdbcError);
}

// 30 000 nested '{fn ' (120 KB of SQL) overflowed the stack through recursion: a crash of the host
// process from one statement. Deep nesting is now a clear error; ordinary nesting still works.
TEST(OdbcEscapes, HostileNestingIsAnErrorNotACrash) {
    std::string hostile = "SELECT ";
    for (int i = 0; i < 100000; ++i) hostile += "{fn ";
    try {
        kindling::odbc::translate_escapes(hostile);
        FAIL() << "deep nesting must be refused";
    } catch (const kindling::odbc::OdbcError& e) {
        EXPECT_EQ(e.sqlstate(), "42000");
        EXPECT_NE(std::string(e.what()).find("nested deeper than"), std::string::npos) << e.what();
    }
    std::string nested = "x";
    for (int i = 0; i < 50; ++i) nested = "{fn UCASE(" + nested + ")}";
    auto out = kindling::odbc::translate_escapes("SELECT " + nested);
    EXPECT_EQ(out.find('{'), std::string::npos) << out;
}
