// SQLProcedures and SQLProcedureColumns. Ignite has no stored procedures, so both results are
// empty, but they keep the exact ODBC 3 columns: applications and tools bind or describe those
// columns before they fetch, and a Level 1 driver has to answer these calls.
#include "catalog.hpp"

#include "handles.hpp"

namespace kindling::odbc {

namespace {

ColumnInfo column(const char* name, SQLSMALLINT type, SQLSMALLINT nullable = SQL_NULLABLE) {
    ColumnInfo c;
    c.name = name;
    c.sql_type = type;
    c.column_size = type == SQL_VARCHAR ? 128 : type == SQL_INTEGER ? 10 : 5;
    c.nullable = nullable;
    c.type_known = true;
    return c;
}

}  // namespace

void catalog_procedures(Statement& st) {
    // ODBC gives NUM_INPUT_PARAMS, NUM_OUTPUT_PARAMS and NUM_RESULT_SETS no type ("N/A", reserved);
    // INTEGER is what drivers report for them.
    st.set_catalog_result({column("PROCEDURE_CAT", SQL_VARCHAR), column("PROCEDURE_SCHEM", SQL_VARCHAR),
                           column("PROCEDURE_NAME", SQL_VARCHAR, SQL_NO_NULLS), column("NUM_INPUT_PARAMS", SQL_INTEGER),
                           column("NUM_OUTPUT_PARAMS", SQL_INTEGER), column("NUM_RESULT_SETS", SQL_INTEGER),
                           column("REMARKS", SQL_VARCHAR), column("PROCEDURE_TYPE", SQL_SMALLINT)},
                          {});
}

void catalog_procedure_columns(Statement& st) {
    st.set_catalog_result(
        {column("PROCEDURE_CAT", SQL_VARCHAR), column("PROCEDURE_SCHEM", SQL_VARCHAR),
         column("PROCEDURE_NAME", SQL_VARCHAR, SQL_NO_NULLS), column("COLUMN_NAME", SQL_VARCHAR, SQL_NO_NULLS),
         column("COLUMN_TYPE", SQL_SMALLINT, SQL_NO_NULLS), column("DATA_TYPE", SQL_SMALLINT, SQL_NO_NULLS),
         column("TYPE_NAME", SQL_VARCHAR, SQL_NO_NULLS), column("COLUMN_SIZE", SQL_INTEGER), column("BUFFER_LENGTH", SQL_INTEGER),
         column("DECIMAL_DIGITS", SQL_SMALLINT), column("NUM_PREC_RADIX", SQL_SMALLINT), column("NULLABLE", SQL_SMALLINT, SQL_NO_NULLS),
         column("REMARKS", SQL_VARCHAR), column("COLUMN_DEF", SQL_VARCHAR), column("SQL_DATA_TYPE", SQL_SMALLINT, SQL_NO_NULLS),
         column("SQL_DATETIME_SUB", SQL_SMALLINT), column("CHAR_OCTET_LENGTH", SQL_INTEGER),
         column("ORDINAL_POSITION", SQL_INTEGER, SQL_NO_NULLS), column("IS_NULLABLE", SQL_VARCHAR)},
        {});
}

}  // namespace kindling::odbc
