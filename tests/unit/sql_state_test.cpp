#include <gtest/gtest.h>

#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/server_error.hpp"
#include "kindling/protocol/sql_state.hpp"

using kindling::protocol::sql_state_from_message;

// Messages as the H2 engine of Ignite 2.18 words them (the code in brackets decides).
TEST(SqlState, FromH2ErrorCodes) {
    EXPECT_EQ(sql_state_from_message("Failed to parse query. Table \"NOPE\" not found; SQL statement:\nSELECT * FROM nope [42102-197]"), "42S02");
    EXPECT_EQ(sql_state_from_message("Failed to parse query. Syntax error in SQL statement \"SELEC[*] 1 \"; expected \"SELECT\"; SQL statement:\nSELEC 1 [42001-197]"), "42000");
    EXPECT_EQ(sql_state_from_message("Column \"X\" not found; SQL statement: select x from t [42122-197]"), "42S22");
    EXPECT_EQ(sql_state_from_message("Division by zero: 0; SQL statement: select 1/0 [22012-197]"), "22012");
    // ODBC's own state for an INSERT whose value list does not match its column list.
    EXPECT_EQ(sql_state_from_message("Failed to parse query. Column count does not match; SQL statement:\nINSERT INTO T VALUES (1) [21002-197]"), "21S01");
}

TEST(SqlState, FromIgniteAndCalciteWording) {
    EXPECT_EQ(sql_state_from_message("Duplicate key during INSERT [key=SQL_PUBLIC_T_KEY [idHash=1, hash=2, ID=1]]"), "23000");
    EXPECT_EQ(sql_state_from_message("Object 'NOPE' not found"), "42S02");
    EXPECT_EQ(sql_state_from_message("something nobody mapped"), "HY000");
    // Ignite's own SQLSTATE prefix, when nothing more specific matches (messages as 2.17 sends them).
    EXPECT_EQ(sql_state_from_message("23000: Failed to INSERT some keys because they are already in cache [keys=[1]]"), "23000");
    EXPECT_EQ(sql_state_from_message("0A000: Table must have at least one non PRIMARY KEY column."), "0A000");
    EXPECT_EQ(sql_state_from_message("42000: Table doesn't exist: DUPT"), "42S02");
    // Calcite (QUERY_ENGINE('calcite')) wording.
    EXPECT_EQ(sql_state_from_message("42000: Failed to validate query. From line 1, column 46 to line 1, column 51: Object 'NOSUCH' not found"), "42S02");
    EXPECT_EQ(sql_state_from_message("42000: Failed to validate query. From line 1, column 39 to line 1, column 43: Column 'NOCOL' not found in any table"), "42S22");
}

TEST(ServerError, MapsStatusAndOpToTheRightType) {
    using kindling::OpCode;
    EXPECT_THROW(kindling::protocol::throw_server_error(OpCode::CacheGet, 1000, "Cache does not exist"), kindling::CacheNotFoundError);
    EXPECT_THROW(kindling::protocol::throw_server_error(OpCode::CacheCreateWithName, 1001, "exists"), kindling::CacheExistsError);
    try {
        kindling::protocol::throw_server_error(OpCode::QuerySqlFields, 1, "Table \"Y\" not found; [42102-197]");
        FAIL();
    } catch (const kindling::SqlError& e) {
        EXPECT_EQ(e.sqlstate(), "42S02");
        EXPECT_EQ(e.server_status(), 1);
    }
}
