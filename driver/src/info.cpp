#include "info.hpp"

#include "handles.hpp"
#include "kindling/protocol/version.hpp"

namespace kindling::odbc {

InfoValue get_info(Connection& c, SQLUSMALLINT type) {
    using U16 = SQLUSMALLINT;
    using U32 = SQLUINTEGER;
    switch (type) {
        case SQL_DRIVER_NAME: return std::string("libkindling-odbc.so");
        case SQL_DRIVER_VER: return std::string(kindling::odbc_driver_version);
        case SQL_DRIVER_ODBC_VER: return std::string("03.80");
        case SQL_ODBC_VER: return std::string("03.80");
        case SQL_DBMS_NAME: return std::string("Apache Ignite");
        case SQL_DBMS_VER: return std::string("02.17.0000");
        case SQL_SERVER_NAME: return c.settings.endpoints.empty() ? std::string() : c.settings.endpoints.front().to_string();
        case SQL_DATA_SOURCE_NAME: return c.dsn;
        case SQL_DATABASE_NAME: return c.settings.schema;
        case SQL_USER_NAME: return c.settings.user;
        case SQL_DATA_SOURCE_READ_ONLY: return std::string("N");
        case SQL_ACCESSIBLE_TABLES: return std::string("Y");
        case SQL_ACCESSIBLE_PROCEDURES: return std::string("N");
        case SQL_PROCEDURES: return std::string("N");
        case SQL_IDENTIFIER_QUOTE_CHAR: return std::string("\"");
        case SQL_IDENTIFIER_CASE: return U16{SQL_IC_UPPER};
        case SQL_QUOTED_IDENTIFIER_CASE: return U16{SQL_IC_SENSITIVE};
        case SQL_CATALOG_NAME: return std::string("N");
        case SQL_CATALOG_NAME_SEPARATOR: return std::string("");
        case SQL_CATALOG_TERM: return std::string("");
        case SQL_CATALOG_LOCATION: return U16{0};
        case SQL_CATALOG_USAGE: return U32{0};
        case SQL_SCHEMA_TERM: return std::string("schema");
        case SQL_SCHEMA_USAGE: return U32{SQL_SU_DML_STATEMENTS | SQL_SU_TABLE_DEFINITION | SQL_SU_INDEX_DEFINITION};
        case SQL_TABLE_TERM: return std::string("table");
        case SQL_PROCEDURE_TERM: return std::string("");
        case SQL_SEARCH_PATTERN_ESCAPE: return std::string("\\");
        case SQL_LIKE_ESCAPE_CLAUSE: return std::string("Y");
        case SQL_SPECIAL_CHARACTERS: return std::string("");
        case SQL_MAX_IDENTIFIER_LEN: return U16{128};
        case SQL_MAX_COLUMN_NAME_LEN: return U16{128};
        case SQL_MAX_TABLE_NAME_LEN: return U16{128};
        case SQL_MAX_SCHEMA_NAME_LEN: return U16{128};
        case SQL_MAX_CATALOG_NAME_LEN: return U16{0};
        case SQL_MAX_CURSOR_NAME_LEN: return U16{128};
        case SQL_MAX_COLUMNS_IN_SELECT: case SQL_MAX_COLUMNS_IN_TABLE: case SQL_MAX_COLUMNS_IN_GROUP_BY:
        case SQL_MAX_COLUMNS_IN_ORDER_BY: case SQL_MAX_COLUMNS_IN_INDEX: case SQL_MAX_TABLES_IN_SELECT:
        case SQL_MAX_CONCURRENT_ACTIVITIES: case SQL_MAX_DRIVER_CONNECTIONS: case SQL_MAX_PROCEDURE_NAME_LEN:
        case SQL_MAX_USER_NAME_LEN:
            return U16{0};
        case SQL_MAX_STATEMENT_LEN: case SQL_MAX_ROW_SIZE: case SQL_MAX_CHAR_LITERAL_LEN: case SQL_MAX_BINARY_LITERAL_LEN:
        case SQL_MAX_INDEX_SIZE:
            return U32{0};
        case SQL_MAX_ROW_SIZE_INCLUDES_LONG: return std::string("Y");
        // With transaction-aware SQL only DML is transactional; without it commit is a no-op.
        case SQL_TXN_CAPABLE: return U16(c.tx_capable() ? SQL_TC_DML : SQL_TC_NONE);
        case SQL_TXN_ISOLATION_OPTION: return U32{SQL_TXN_READ_COMMITTED};
        case SQL_DEFAULT_TXN_ISOLATION: return U32{SQL_TXN_READ_COMMITTED};
        case SQL_MULTIPLE_ACTIVE_TXN: return std::string("Y");
        case SQL_CURSOR_COMMIT_BEHAVIOR: case SQL_CURSOR_ROLLBACK_BEHAVIOR:
            return U16(c.tx_capable() ? SQL_CB_CLOSE : SQL_CB_PRESERVE);
        case SQL_CURSOR_SENSITIVITY: return U32{SQL_INSENSITIVE};
        case SQL_SCROLL_OPTIONS: return U32{SQL_SO_FORWARD_ONLY};
        case SQL_STATIC_CURSOR_ATTRIBUTES1: case SQL_STATIC_CURSOR_ATTRIBUTES2:
        case SQL_DYNAMIC_CURSOR_ATTRIBUTES1: case SQL_DYNAMIC_CURSOR_ATTRIBUTES2:
        case SQL_KEYSET_CURSOR_ATTRIBUTES1: case SQL_KEYSET_CURSOR_ATTRIBUTES2:
            return U32{0};
        case SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1: return U32{SQL_CA1_NEXT};
        case SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2: return U32{SQL_CA2_READ_ONLY_CONCURRENCY | SQL_CA2_MAX_ROWS_SELECT};
        case SQL_SCROLL_CONCURRENCY: return U32{SQL_SCCO_READ_ONLY};
        case SQL_GETDATA_EXTENSIONS: return U32{SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER | SQL_GD_BOUND | SQL_GD_BLOCK};
        case SQL_BATCH_SUPPORT: return U32{SQL_BS_SELECT_EXPLICIT | SQL_BS_ROW_COUNT_EXPLICIT};
        case SQL_BATCH_ROW_COUNT: return U32{SQL_BRC_EXPLICIT};
        // One cumulative count (SQLRowCount), which pandas and pyodbc sum on: no per-set counts
        // through SQLMoreResults. Each set's outcome is in the parameter status array.
        case SQL_PARAM_ARRAY_ROW_COUNTS: return U32{SQL_PARC_NO_BATCH};
        case SQL_PARAM_ARRAY_SELECTS: return U32{SQL_PAS_NO_SELECT};
        case SQL_NULL_COLLATION: return U16{SQL_NC_LOW};
        case SQL_CONCAT_NULL_BEHAVIOR: return U16{SQL_CB_NULL};
        case SQL_NON_NULLABLE_COLUMNS: return U16{SQL_NNC_NON_NULL};
        case SQL_COLUMN_ALIAS: return std::string("Y");
        case SQL_CORRELATION_NAME: return U16{SQL_CN_ANY};
        case SQL_GROUP_BY: return U16{SQL_GB_GROUP_BY_CONTAINS_SELECT};
        case SQL_ORDER_BY_COLUMNS_IN_SELECT: return std::string("N");
        case SQL_EXPRESSIONS_IN_ORDERBY: return std::string("Y");
        case SQL_OUTER_JOINS: return std::string("Y");
        case SQL_OJ_CAPABILITIES: return U32{SQL_OJ_LEFT | SQL_OJ_NOT_ORDERED | SQL_OJ_ALL_COMPARISON_OPS};
        case SQL_UNION: return U32{SQL_U_UNION | SQL_U_UNION_ALL};
        case SQL_SUBQUERIES: return U32{SQL_SQ_CORRELATED_SUBQUERIES | SQL_SQ_COMPARISON | SQL_SQ_EXISTS | SQL_SQ_IN | SQL_SQ_QUANTIFIED};
        case SQL_MULT_RESULT_SETS: return std::string("Y");  // a text with several statements, one result each
        case SQL_NEED_LONG_DATA_LEN: return std::string("N");
        case SQL_ROW_UPDATES: return std::string("N");
        case SQL_DESCRIBE_PARAMETER: return std::string("N");
        case SQL_ODBC_INTERFACE_CONFORMANCE: return U32{SQL_OIC_CORE};
        case SQL_SQL_CONFORMANCE: return U32{SQL_SC_SQL92_ENTRY};
        case SQL_ODBC_SQL_CONFORMANCE: return U16{SQL_OSC_CORE};
        case SQL_ODBC_API_CONFORMANCE: return U16{SQL_OAC_LEVEL1};
        case SQL_ASYNC_MODE: return U32{SQL_AM_NONE};
        case SQL_MAX_ASYNC_CONCURRENT_STATEMENTS: return U32{0};
        case SQL_FILE_USAGE: return U16{SQL_FILE_NOT_SUPPORTED};
        case SQL_POS_OPERATIONS: case SQL_POSITIONED_STATEMENTS: case SQL_LOCK_TYPES: case SQL_STATIC_SENSITIVITY:
        case SQL_BOOKMARK_PERSISTENCE:
            return U32{0};
        case SQL_DDL_INDEX: return U32{SQL_DI_CREATE_INDEX | SQL_DI_DROP_INDEX};
        case SQL_CREATE_TABLE: return U32{SQL_CT_CREATE_TABLE | SQL_CT_COLUMN_CONSTRAINT};
        case SQL_DROP_TABLE: return U32{SQL_DT_DROP_TABLE};
        case SQL_ALTER_TABLE: return U32{SQL_AT_ADD_COLUMN_SINGLE | SQL_AT_DROP_COLUMN_RESTRICT};
        case SQL_INSERT_STATEMENT: return U32{SQL_IS_INSERT_LITERALS | SQL_IS_INSERT_SEARCHED | SQL_IS_SELECT_INTO};
        case SQL_SQL92_PREDICATES:
            return U32{SQL_SP_BETWEEN | SQL_SP_COMPARISON | SQL_SP_EXISTS | SQL_SP_IN | SQL_SP_ISNOTNULL | SQL_SP_ISNULL | SQL_SP_LIKE};
        case SQL_SQL92_RELATIONAL_JOIN_OPERATORS:
            return U32{SQL_SRJO_INNER_JOIN | SQL_SRJO_LEFT_OUTER_JOIN | SQL_SRJO_CROSS_JOIN};
        case SQL_SQL92_VALUE_EXPRESSIONS: return U32{SQL_SVE_CASE | SQL_SVE_CAST | SQL_SVE_COALESCE | SQL_SVE_NULLIF};
        case SQL_AGGREGATE_FUNCTIONS: return U32{SQL_AF_ALL | SQL_AF_AVG | SQL_AF_COUNT | SQL_AF_DISTINCT | SQL_AF_MAX | SQL_AF_MIN | SQL_AF_SUM};
        case SQL_NUMERIC_FUNCTIONS:
            return U32{SQL_FN_NUM_ABS | SQL_FN_NUM_CEILING | SQL_FN_NUM_FLOOR | SQL_FN_NUM_MOD | SQL_FN_NUM_ROUND | SQL_FN_NUM_SQRT | SQL_FN_NUM_POWER};
        case SQL_STRING_FUNCTIONS:
            return U32{SQL_FN_STR_CONCAT | SQL_FN_STR_LCASE | SQL_FN_STR_UCASE | SQL_FN_STR_LENGTH | SQL_FN_STR_SUBSTRING |
                       SQL_FN_STR_LTRIM | SQL_FN_STR_RTRIM | SQL_FN_STR_REPLACE | SQL_FN_STR_LOCATE};
        case SQL_TIMEDATE_FUNCTIONS:
            return U32{SQL_FN_TD_NOW | SQL_FN_TD_CURDATE | SQL_FN_TD_CURTIME | SQL_FN_TD_YEAR | SQL_FN_TD_MONTH | SQL_FN_TD_DAYOFMONTH |
                       SQL_FN_TD_HOUR | SQL_FN_TD_MINUTE | SQL_FN_TD_SECOND};
        case SQL_SYSTEM_FUNCTIONS: return U32{SQL_FN_SYS_IFNULL};
        case SQL_CONVERT_FUNCTIONS: return U32{SQL_FN_CVT_CAST};
        case SQL_TIMEDATE_ADD_INTERVALS: case SQL_TIMEDATE_DIFF_INTERVALS: return U32{0};
        case SQL_CONVERT_BIGINT: case SQL_CONVERT_BIT: case SQL_CONVERT_CHAR: case SQL_CONVERT_DATE: case SQL_CONVERT_DECIMAL:
        case SQL_CONVERT_DOUBLE: case SQL_CONVERT_FLOAT: case SQL_CONVERT_INTEGER: case SQL_CONVERT_NUMERIC:
        case SQL_CONVERT_REAL: case SQL_CONVERT_SMALLINT: case SQL_CONVERT_TIME: case SQL_CONVERT_TIMESTAMP:
        case SQL_CONVERT_TINYINT: case SQL_CONVERT_VARCHAR: case SQL_CONVERT_LONGVARCHAR: case SQL_CONVERT_BINARY:
        case SQL_CONVERT_VARBINARY: case SQL_CONVERT_LONGVARBINARY: case SQL_CONVERT_WCHAR: case SQL_CONVERT_WVARCHAR:
        case SQL_CONVERT_WLONGVARCHAR: case SQL_CONVERT_GUID:
            return U32{0};
        case SQL_DATETIME_LITERALS: return U32{SQL_DL_SQL92_DATE | SQL_DL_SQL92_TIME | SQL_DL_SQL92_TIMESTAMP};
        case SQL_KEYWORDS: return std::string("LIMIT,MINUS,OFFSET,TOP");
        case SQL_COLLATION_SEQ: return std::string("");
        case SQL_STANDARD_CLI_CONFORMANCE: return U32{SQL_SCC_ISO92_CLI};
        case SQL_INTEGRITY: return std::string("N");
        case SQL_ACTIVE_ENVIRONMENTS: return U16{0};
        case SQL_INFO_SCHEMA_VIEWS: return U32{0};
        default: break;
    }
    throw OdbcError("HY096", "information type " + std::to_string(type) + " is not supported");
}

bool implements(SQLUSMALLINT f) {
    switch (f) {
        case SQL_API_SQLALLOCHANDLE: case SQL_API_SQLFREEHANDLE: case SQL_API_SQLFREESTMT: case SQL_API_SQLSETENVATTR:
        case SQL_API_SQLGETENVATTR: case SQL_API_SQLCONNECT: case SQL_API_SQLDRIVERCONNECT: case SQL_API_SQLDISCONNECT:
        case SQL_API_SQLGETINFO: case SQL_API_SQLGETFUNCTIONS: case SQL_API_SQLSETCONNECTATTR: case SQL_API_SQLGETCONNECTATTR:
        case SQL_API_SQLEXECDIRECT: case SQL_API_SQLPREPARE: case SQL_API_SQLEXECUTE: case SQL_API_SQLNUMRESULTCOLS:
        case SQL_API_SQLDESCRIBECOL: case SQL_API_SQLCOLATTRIBUTE: case SQL_API_SQLBINDCOL: case SQL_API_SQLFETCH:
        case SQL_API_SQLFETCHSCROLL: case SQL_API_SQLGETDATA: case SQL_API_SQLROWCOUNT: case SQL_API_SQLCLOSECURSOR:
        case SQL_API_SQLMORERESULTS: case SQL_API_SQLGETDIAGREC: case SQL_API_SQLGETDIAGFIELD: case SQL_API_SQLENDTRAN:
        case SQL_API_SQLBINDPARAMETER: case SQL_API_SQLNUMPARAMS: case SQL_API_SQLDESCRIBEPARAM: case SQL_API_SQLSETSTMTATTR:
        case SQL_API_SQLGETSTMTATTR: case SQL_API_SQLTABLES: case SQL_API_SQLCOLUMNS: case SQL_API_SQLPRIMARYKEYS:
        case SQL_API_SQLGETTYPEINFO: case SQL_API_SQLCANCEL: case SQL_API_SQLPARAMDATA: case SQL_API_SQLPUTDATA:
        case SQL_API_SQLGETDESCFIELD: case SQL_API_SQLSETDESCFIELD: case SQL_API_SQLGETDESCREC: case SQL_API_SQLSETDESCREC:
        case SQL_API_SQLCOPYDESC: case SQL_API_SQLNATIVESQL: case SQL_API_SQLSTATISTICS:
        case SQL_API_SQLFOREIGNKEYS: case SQL_API_SQLSPECIALCOLUMNS: case SQL_API_SQLEXTENDEDFETCH:
        case SQL_API_SQLPROCEDURES: case SQL_API_SQLPROCEDURECOLUMNS:
        // The ODBC 2 handle functions are exported too, and a driver manager drops any export the
        // driver does not report (unixODBC then maps them onto SQLAllocHandle/SQLFreeHandle).
        case SQL_API_SQLALLOCENV: case SQL_API_SQLALLOCCONNECT: case SQL_API_SQLALLOCSTMT: case SQL_API_SQLFREEENV:
        case SQL_API_SQLFREECONNECT:
            return true;
        default:
            return false;
    }
}

}  // namespace kindling::odbc
