"""Driver defects the real consumers exposed (LibreOffice, DBD::ODBC, SQLAlchemy), each written as
the behaviour ODBC asks for, so that a regression fails here and not only in a consumer (the
consumer tests themselves tolerate these defects).

1. SQLStatistics on a table with a one-column primary key returns Ignite's internal index rows:
   ``_key_PK`` over the hidden column ``_KEY`` (not a column SQLColumns reports), and every index
   twice, ``I`` over (cols..., ``_KEY``) and ``I_proxy`` over (cols..., key column). ODBC:
   COLUMN_NAME is a column of the table, and an index is one set of rows under one INDEX_NAME.
   Call sequence: SQLStatistics(hstmt, NULL, 0, "PUBLIC", SQL_NTS, "<TABLE>", SQL_NTS,
   SQL_INDEX_ALL, SQL_QUICK), SQLFetch... (pyodbc ``cursor.statistics``; DBD::ODBC
   ``statistics_info``; SQLAlchemy's inspector before the dialect filtered them).
"""
import pyodbc

from conftest import DSN_PLAIN, fresh_table


def test_sqlstatistics_reports_only_real_columns_and_each_index_once():
    with fresh_table(DSN_PLAIN, "DEFECT_STATS_ONE_KEY", "ID INT PRIMARY KEY, BI BIGINT") as name:
        conn = pyodbc.connect(f"DSN={DSN_PLAIN}", autocommit=True)
        try:
            cur = conn.cursor()
            cur.execute(f"CREATE INDEX {name}_BI ON {name} (BI)")
            columns = {r.column_name for r in cur.columns(table=name, schema="PUBLIC")}
            assert columns == {"ID", "BI"}
            stats = [(r.index_name, r.ordinal_position, r.column_name)
                     for r in cur.statistics(name, schema="PUBLIC", unique=False) if r.index_name]
            print("SQLStatistics rows:", stats)
            hidden = [s for s in stats if s[2] not in columns]
            assert hidden == [], f"SQLStatistics names columns the table does not have: {hidden}"
            proxies = sorted({s[0] for s in stats if s[0].endswith("_proxy")})
            assert proxies == [], f"indexes listed twice (Ignite's *_proxy twins): {proxies}"
        finally:
            conn.close()
