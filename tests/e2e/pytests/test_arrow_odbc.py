"""arrow-odbc (the Rust odbc-api based Arrow reader/writer) against the driver.

arrow-odbc is the strictest common client of result metadata: it allocates one fixed-size buffer per
column from what SQLDescribeCol/SQLColAttribute report (type, column size, precision, scale) and
bulk-fetches into it, so a wrong scale truncates decimals and a wrong length truncates text. Every
value read through it must equal what the server computes, checked here against the values the
server prints as text (``CAST(expr AS VARCHAR)``, fetched through pyodbc) or against the literals
the test inserted.

Buffer limits: unbounded ``VARCHAR``/``VARBINARY`` columns are (rightly) described with the maximum
column size, 2^31-1; arrow-odbc refuses to allocate 8 GiB per row for them ("The Odbc buffer is
limited to a size of ... bytes"), so every read passes ``max_text_size`` (UTF-8 bytes on Linux: the
longest text here is 5001 characters of up to 4 bytes each) and ``max_binary_size``.
"""
import datetime
import decimal
import uuid

import arrow_odbc
import numpy
import pyarrow
import pyarrow.compute
import pytest

from conftest import DSN_PLAIN, DSN_TX, SERVER_KINDS, connect, fresh_table

D = decimal.Decimal
MAX_TEXT_BYTES = 32_768
MAX_BINARY_BYTES = 16_384

TYPES_DDL = ("ID INT PRIMARY KEY, C_TINY TINYINT, C_SMALL SMALLINT, C_INT INT, C_BIG BIGINT, C_REAL REAL, "
             "C_DOUBLE DOUBLE, C_DEC DECIMAL(20,5), C_BOOL BOOLEAN, C_VC VARCHAR, C_VC10 VARCHAR(10), "
             "C_CHAR CHAR(5), C_DATE DATE, C_TIME TIME, C_TS TIMESTAMP, C_UUID UUID, C_BIN VARBINARY")
TYPE_COLUMNS = [c.split()[0] for c in TYPES_DDL.split(", ")]
LONG_TEXT = ("Grüße aus Zürich, 東京 und 😀🚀 — " * 200)[:5000]


def sql_text(value):
    return "'" + value.replace("'", "''") + "'"


def types_rows(dsn):
    """The rows of the all-types table: (ID, ...) in TYPE_COLUMNS order, as Python values."""
    # Calcite keeps TIMESTAMP to milliseconds; H2 to microseconds (and more).
    fraction_us = 123_000 if dsn == DSN_TX else 123_456
    return [
        (1, 1, 2, 3, 4, 1.5, 2.25, D("123.45678"), True, "héllo 😀", "abc", "ab",
         datetime.date(2024, 1, 2), datetime.time(3, 4, 5), datetime.datetime(2024, 1, 2, 3, 4, 5, fraction_us),
         uuid.UUID("11111111-2222-3333-4444-555555555555"), b"\x00\x01\xff"),
        (2,) + (None,) * 16,
        (3, -128, -32768, -2 ** 31, 2 ** 63 - 1, float(numpy.float32(0.1)), 1e300, D("-123456789012345.12345"),
         False, LONG_TEXT, "ÄÖÜäöü€😀x", "äbc", datetime.date(1970, 1, 1), datetime.time(23, 59, 59),
         datetime.datetime(1999, 12, 31, 23, 59, 59), uuid.UUID("fedcba98-7654-3210-0123-456789abcdef"),
         bytes(range(256)) * 8),
        (4, 127, 32767, 2 ** 31 - 1, -2 ** 63, -0.25, -0.1, D("0.00001"), True, "", "0123456789", "abcde",
         datetime.date(2099, 12, 31), datetime.time(0, 0, 0), datetime.datetime(1970, 1, 1, 0, 0, 0, 1000),
         uuid.UUID(int=0), b""),
    ]


def literal(column, value):
    """`value` as an SQL literal for `column` (the table is filled with literals, not parameters, so
    the expected values do not depend on the driver's parameter conversions)."""
    if value is None:
        return "NULL"
    if column == "C_REAL":
        return f"CAST({value!r} AS REAL)"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float, D)):
        return str(value)
    if isinstance(value, str):
        return sql_text(value)
    if isinstance(value, bytes):
        return f"X'{value.hex()}'"
    if isinstance(value, datetime.datetime):
        return f"TIMESTAMP '{value.isoformat(sep=' ')}'"
    if isinstance(value, datetime.date):
        return f"DATE '{value.isoformat()}'"
    if isinstance(value, datetime.time):
        return f"TIME '{value.isoformat()}'"
    if isinstance(value, uuid.UUID):
        return f"CAST('{value}' AS UUID)"
    raise TypeError(value)


def read_arrow(dsn, query, batch_size=2):
    reader = arrow_odbc.read_arrow_batches_from_odbc(
        query=query, connection_string=f"DSN={dsn}", batch_size=batch_size,
        max_text_size=MAX_TEXT_BYTES, max_binary_size=MAX_BINARY_BYTES)
    return pyarrow.Table.from_batches(list(reader), schema=reader.schema)


def python_values(table):
    """Column name -> list of Python values, timestamps as datetime (microseconds: a safe cast,
    it raises if arrow-odbc produced a non-zero sub-microsecond part)."""
    out = {}
    for name, column in zip(table.column_names, table.columns):
        if pyarrow.types.is_timestamp(column.type):
            column = pyarrow.compute.cast(column, pyarrow.timestamp("us"))
        out[name] = column.to_pylist()
    return out


def server_text(dsn, query):
    """Rows of `query` fetched through pyodbc; the query casts every column to VARCHAR, so these
    are the server's own decimal digits."""
    conn = connect(dsn, autocommit=True)
    try:
        return [tuple(r) for r in conn.cursor().execute(query).fetchall()]
    finally:
        conn.close()


def assert_decimals_exact(got, server_strings, what):
    """Exact decimal comparison. arrow-odbc gives Decimals for DECIMAL columns of precision <= 38 and
    text for wider ones (Calcite's SUM of a DECIMAL(20,5) is DECIMAL(32767, 5)): both are compared
    as Decimal; a float (the column described as DOUBLE) fails."""
    expected = [None if s is None else D(s) for s in server_strings]
    for g in got:
        assert g is None or isinstance(g, (D, str)), f"{what}: arrow value {g!r} is neither Decimal nor text"
    got = [D(g) if isinstance(g, str) else g for g in got]
    assert got == expected, f"{what}: arrow-odbc {got} != server {expected}"


@pytest.mark.parametrize("dsn", SERVER_KINDS)
def test_table_with_every_type_reads_exactly(dsn):
    rows = types_rows(dsn)
    table = "arw_types_tx" if dsn == DSN_TX else "arw_types"
    with fresh_table(dsn, table, TYPES_DDL):
        conn = connect(dsn, autocommit=True)
        try:
            cur = conn.cursor()
            for row in rows:
                values = ", ".join(literal(c, v) for c, v in zip(TYPE_COLUMNS, row))
                cur.execute(f"INSERT INTO {table} ({', '.join(TYPE_COLUMNS)}) VALUES ({values})")
        finally:
            conn.close()

        result = read_arrow(dsn, f"SELECT {', '.join(TYPE_COLUMNS)} FROM {table} ORDER BY ID")
        # The Arrow type of each column follows from how the driver describes it.
        expected_types = {
            "ID": pyarrow.int32(), "C_TINY": pyarrow.int8(), "C_SMALL": pyarrow.int16(), "C_INT": pyarrow.int32(),
            "C_BIG": pyarrow.int64(), "C_REAL": pyarrow.float32(), "C_DOUBLE": pyarrow.float64(),
            "C_DEC": pyarrow.decimal128(20, 5), "C_BOOL": pyarrow.bool_(), "C_VC": pyarrow.string(),
            "C_VC10": pyarrow.string(), "C_CHAR": pyarrow.string(), "C_DATE": pyarrow.date32(),
            "C_UUID": pyarrow.string(), "C_BIN": pyarrow.binary(),
        }
        types = {f.name: f.type for f in result.schema}
        wrong = {n: f"{types[n]} (expected {t})" for n, t in expected_types.items() if types[n] != t}
        if not pyarrow.types.is_time(types["C_TIME"]):
            wrong["C_TIME"] = str(types["C_TIME"])
        if not pyarrow.types.is_timestamp(types["C_TS"]):
            wrong["C_TS"] = str(types["C_TS"])
        assert not wrong, f"arrow types: {wrong}"

        got = python_values(result)
        got["C_UUID"] = [uuid.UUID(v) if isinstance(v, str) else v for v in got["C_UUID"]]
        for i, name in enumerate(TYPE_COLUMNS):
            expected = [row[i] for row in rows]
            assert got[name] == expected, f"{name}: arrow-odbc {got[name]!r:.300} != inserted {expected!r:.300}"


def repeat_count(dsn):
    # Calcite cannot call REPEAT(VARCHAR, BIGINT) (SYSTEM_RANGE's X is a BIGINT): give it an INT.
    return "CAST(X AS INT) * 1000" if dsn == DSN_TX else "X * 1000"


@pytest.mark.parametrize("dsn", SERVER_KINDS)
def test_computed_expressions_equal_what_the_server_computes(dsn):
    rep = repeat_count(dsn)
    result = read_arrow(dsn, f"SELECT X*1.5 AS A, CAST(X AS DECIMAL(20,5))/7 AS B, "
                             f"CONCAT('x', REPEAT('y', {rep})) AS C FROM SYSTEM_RANGE(1,5) ORDER BY X", batch_size=3)
    truth = server_text(dsn, f"SELECT CAST(X*1.5 AS VARCHAR), CAST(CAST(X AS DECIMAL(20,5))/7 AS VARCHAR), "
                             f"CONCAT('x', REPEAT('y', {rep})) FROM SYSTEM_RANGE(1,5) ORDER BY X")
    assert len(truth) == 5
    got = python_values(result)
    assert_decimals_exact(got["A"], [t[0] for t in truth], "X*1.5")
    assert_decimals_exact(got["B"], [t[1] for t in truth], "CAST(X AS DECIMAL(20,5))/7")
    assert got["C"] == [t[2] for t in truth]
    assert [len(c) for c in got["C"]] == [1001, 2001, 3001, 4001, 5001]


@pytest.mark.parametrize("dsn", SERVER_KINDS)
def test_aggregates_over_decimal_column_are_exact(dsn):
    table = "arw_sum_tx" if dsn == DSN_TX else "arw_sum"
    values = [D("123456789.12345"), D("0.00001"), D("-7.5"), D("99999.99999"), None]
    with fresh_table(dsn, table, "ID INT PRIMARY KEY, C_DEC DECIMAL(20,5)"):
        conn = connect(dsn, autocommit=True)
        try:
            for i, v in enumerate(values):
                conn.cursor().execute(f"INSERT INTO {table} (ID, C_DEC) VALUES ({i}, {'NULL' if v is None else v})")
        finally:
            conn.close()
        result = read_arrow(dsn, f"SELECT SUM(C_DEC) AS S, MIN(C_DEC) AS MI, MAX(C_DEC) AS MA, COUNT(C_DEC) AS N "
                                 f"FROM {table}")
        truth = server_text(dsn, f"SELECT CAST(SUM(C_DEC) AS VARCHAR), CAST(MIN(C_DEC) AS VARCHAR), "
                                 f"CAST(MAX(C_DEC) AS VARCHAR) FROM {table}")
        got = python_values(result)
        assert D(truth[0][0]) == sum(v for v in values if v is not None)   # the server's sum is exact
        assert_decimals_exact(got["S"], [truth[0][0]], "SUM(C_DEC)")
        assert_decimals_exact(got["MI"], [truth[0][1]], "MIN(C_DEC)")
        assert_decimals_exact(got["MA"], [truth[0][2]], "MAX(C_DEC)")
        assert got["N"] == [4]


INSERT_DDL = ("ID INT PRIMARY KEY, C_TINY TINYINT, C_SMALL SMALLINT, C_BIG BIGINT, C_REAL REAL, C_DOUBLE DOUBLE, "
              "C_DEC DECIMAL(20,5), C_BOOL BOOLEAN, C_VC VARCHAR, C_VC10 VARCHAR(10), C_CHAR CHAR(5), C_DATE DATE, "
              "C_TIME TIME, C_TS TIMESTAMP, C_UUID UUID, C_BIN VARBINARY")


def arrow_source(dsn):
    n = 7
    columns = {
        "ID": pyarrow.array(range(n), pyarrow.int32()),
        "C_TINY": pyarrow.array([1, None, -128, 127, 0, 5, 6], pyarrow.int8()),
        "C_SMALL": pyarrow.array([1, None, -32768, 32767, 0, 5, 6], pyarrow.int16()),
        "C_BIG": pyarrow.array([2 ** 62, None, -2 ** 63, 2 ** 63 - 1, 0, 5, 6], pyarrow.int64()),
        "C_REAL": pyarrow.array([1.5, None, -0.25, 0.1, 0.0, 3e38, -1e-38], pyarrow.float32()),
        "C_DOUBLE": pyarrow.array([1e300, None, -2.5, 0.1, 0.0, 2.0 ** 53, -1e-300], pyarrow.float64()),
        "C_DEC": pyarrow.array([D("123456789012345.12345"), None, D("-0.00001"), D("1.50000"), D("0.00000"),
                                D("-99999.99999"), D("42.00000")], pyarrow.decimal128(20, 5)),
        "C_BOOL": pyarrow.array([True, None, False, True, False, True, False]),
        "C_VC": pyarrow.array(["héllo 😀", None, LONG_TEXT, "", "'quoted'", "中文", "a" * 3000]),
        "C_VC10": pyarrow.array(["ÄÖÜäöü€😀x", None, "0123456789", "", "a", "ß", "🚀"]),
        "C_CHAR": pyarrow.array(["abcde", None, "äb", "x", "12345", "€€€", "ok"]),
        "C_DATE": pyarrow.array([datetime.date(2024, 1, 2), None, datetime.date(1970, 1, 1),
                                 datetime.date(2099, 12, 31), datetime.date(1950, 6, 15),
                                 datetime.date(2000, 2, 29), datetime.date(2024, 3, 31)]),
        "C_TIME": pyarrow.array([datetime.time(3, 4, 5), None, datetime.time(23, 59, 59), datetime.time(0, 0),
                                 datetime.time(12, 0), datetime.time(1, 2, 3), datetime.time(22, 33, 44)],
                                pyarrow.time32("s")),
        # Milliseconds: what both servers keep (Calcite's TIMESTAMP has millisecond precision).
        "C_TS": pyarrow.array([datetime.datetime(2024, 1, 2, 3, 4, 5, 123000), None,
                               datetime.datetime(1999, 12, 31, 23, 59, 59), datetime.datetime(1970, 1, 1),
                               datetime.datetime(2038, 1, 19, 3, 14, 8, 1000), datetime.datetime(1960, 5, 5, 5, 5, 5),
                               datetime.datetime(2024, 2, 29, 12, 0, 0, 999000)], pyarrow.timestamp("us")),
        "C_UUID": pyarrow.array(["11111111-2222-3333-4444-555555555555", None, str(uuid.UUID(int=0)),
                                 "fedcba98-7654-3210-0123-456789abcdef", str(uuid.UUID(int=2 ** 128 - 1)),
                                 "00000000-0000-0000-0000-000000000001", "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d"]),
        "C_BIN": pyarrow.array([b"\x00\x01", None, b"\xff" * 3000, b"", bytes(range(256)), b"\x00", b"abc"]),
    }
    if dsn == DSN_TX:
        # arrow has no UUID type: the UUIDs go as text, which H2 converts on INSERT; Calcite does not
        # ("java.lang.String cannot be cast to class java.util.UUID" from the server), so no UUID there.
        del columns["C_UUID"]
    return pyarrow.table(columns)


@pytest.mark.parametrize("dsn", SERVER_KINDS)
def test_insert_into_table_round_trips_exactly(dsn):
    source = arrow_source(dsn)
    table = "arw_ins_tx" if dsn == DSN_TX else "arw_ins"
    with fresh_table(dsn, table, INSERT_DDL):
        # chunk_size 3: the 7 rows go as three parameter arrays (3, 3, 1).
        arrow_odbc.insert_into_table(
            reader=pyarrow.RecordBatchReader.from_batches(source.schema, source.to_batches()),
            chunk_size=3, table=table, connection_string=f"DSN={dsn}")

        # Read back through pyodbc: independent of arrow-odbc's reading path.
        conn = connect(dsn, autocommit=True)
        try:
            fetched = conn.cursor().execute(f"SELECT {', '.join(source.column_names)} FROM {table} ORDER BY ID").fetchall()
        finally:
            conn.close()
        expected = python_values(source)
        assert len(fetched) == source.num_rows
        for i, name in enumerate(source.column_names):
            got = [r[i] for r in fetched]
            if name == "C_UUID":
                # pyodbc gives UUIDs as text (pyodbc.native_uuid is off): compare in canonical form.
                got = [str(uuid.UUID(v)) if isinstance(v, str) else v for v in got]
            if name == "C_REAL":
                got = [None if v is None else float(numpy.float32(v)) for v in got]
            assert got == expected[name], f"{name}: read back {got!r:.300} != inserted {expected[name]!r:.300}"

        # And back through arrow-odbc: the same values again.
        again = python_values(read_arrow(dsn, f"SELECT {', '.join(source.column_names)} FROM {table} ORDER BY ID", 4))
        for name in source.column_names:
            assert again[name] == expected[name], f"{name}: arrow-odbc read {again[name]!r:.300}"
