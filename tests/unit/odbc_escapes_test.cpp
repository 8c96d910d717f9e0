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
