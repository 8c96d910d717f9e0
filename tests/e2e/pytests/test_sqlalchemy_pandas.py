"""SQLAlchemy engines of the ``ignite+kindling`` dialect (python/, sqlalchemy-kindling), and pandas
read_sql/to_sql through them, on both server kinds.

This module superseded a generic ODBC dialect assembled inside the test from SQLAlchemy's
``PyODBCConnector`` and ``DefaultDialect`` (mssql+pyodbc and the other built-in dialects send their
own server's SQL when they connect or reflect). The real dialect keeps what that one did (server
version from SQLGetInfo(SQL_DBMS_VER), ``has_table`` from SQLTables, transactions from SQLEndTran,
``fast_executemany``) and adds Ignite's DDL, types and reflection (see test_sqlalchemy_dialect.py).

The tables are created with raw SQL first, then pandas appends to them; pandas creating a table
itself (it declares no PRIMARY KEY) is refused by the dialect at DDL compile time.

What this checks in the driver: SQLAlchemy rolls back every new connection (first connect) and
every connection it puts back into the pool, so ``engine.connect()`` and pooling only work if
rollback succeeds when there is nothing to undo, also on the server without transactional SQL.
"""
import datetime
import decimal
import math

import pandas
import pytest
import sqlalchemy

from conftest import DSN_TX, SERVER_KINDS, connect

D = decimal.Decimal


def make_engine(dsn, **kwargs):
    engine = sqlalchemy.create_engine(f"ignite+kindling://?dsn={dsn}", **kwargs)
    invalidated = []
    # A pooled connection whose reset (rollback on check-in) fails is invalidated and thrown away
    # silently (only logged): record it, the tests assert it never happens.
    sqlalchemy.event.listen(engine, "invalidate", lambda dbapi_conn, record, exc: invalidated.append(repr(exc)))
    sqlalchemy.event.listen(engine, "soft_invalidate", lambda dbapi_conn, record, exc: invalidated.append(repr(exc)))
    engine.invalidated = invalidated
    return engine


def table_name(base, dsn):
    return f"{base}_tx" if dsn == DSN_TX else base


def create_table(engine, dsn, name, columns_ddl):
    with_clause = ' WITH "atomicity=transactional"' if dsn == DSN_TX else ""
    with engine.connect() as conn:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
        conn.exec_driver_sql(f"CREATE TABLE {name} ({columns_ddl}){with_clause}")
        conn.commit()


def drop_table(engine, name):
    with engine.connect() as conn:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
        conn.commit()


def records(frame):
    """DataFrame rows as tuples of plain Python values (NaN/NaT -> None, Timestamp -> datetime)."""
    out = []
    for row in frame.itertuples(index=False):
        values = []
        for v in row:
            if v is None or (isinstance(v, float) and math.isnan(v)) or v is pandas.NaT:
                v = None
            elif isinstance(v, pandas.Timestamp):
                v = v.to_pydatetime()
            elif hasattr(v, "item") and not isinstance(v, (str, bytes)):
                v = v.item()                    # numpy scalar -> Python scalar
            values.append(v)
        out.append(tuple(values))
    return out


PEOPLE_DDL = ("id INT PRIMARY KEY, name VARCHAR, score DOUBLE, amount DECIMAL(20,5), flag BOOLEAN, "
              "day DATE, ts TIMESTAMP")


def people_frame(n, start=0):
    ids = list(range(start, start + n))
    return pandas.DataFrame({
        "id": ids,
        "name": [None if i % 9 == 4 else f"Zoë-{i} 東京 😀" + "x" * (i % 300) for i in ids],
        "score": [math.nan if i % 7 == 3 else i / 8 for i in ids],
        "amount": [None if i % 11 == 5 else [D("1.5"), D("123456789012345.12345"), D("-0.00001"), D(i)][i % 4]
                   for i in ids],
        "flag": [None if i % 13 == 6 else i % 2 == 0 for i in ids],
        "day": [None if i % 17 == 7 else datetime.date(2020, 1, 1) + datetime.timedelta(days=i) for i in ids],
        # Milliseconds: the Calcite server keeps TIMESTAMP to milliseconds.
        "ts": pandas.to_datetime([datetime.datetime(2024, 5, 6, 7, 8, 9) + datetime.timedelta(milliseconds=1001 * i)
                                  for i in ids]),
    })


def expected_records(frame):
    """What the table must hold after frame was appended (pandas sends NaN as NULL)."""
    return records(frame)


def read_people(engine, name):
    with engine.connect() as conn:
        frame = pandas.read_sql(sqlalchemy.text(f"SELECT id, name, score, amount, flag, day, ts FROM {name} ORDER BY id"),
                                conn, coerce_float=False)
    # The driver reports the upper-case names Ignite gives unquoted identifiers; the dialect
    # (requires_name_normalize, as for Oracle) turns them back into SQLAlchemy's lower case.
    assert list(frame.columns) == ["id", "name", "score", "amount", "flag", "day", "ts"]
    return frame


@pytest.mark.parametrize("dsn", SERVER_KINDS)
def test_engine_connects_and_pools_connections(dsn):
    engine = make_engine(dsn)
    try:
        with engine.connect() as conn:
            first = conn.connection.dbapi_connection
            assert conn.execute(sqlalchemy.text("SELECT 1 + 1")).scalar() == 2
        assert engine.dialect.name == "ignite" and engine.dialect.driver == "kindling"
        assert engine.dialect.server_version_info[:2] == (2, 17)     # SQLGetInfo(SQL_DBMS_VER) "02.17.0000"
        # The check-in rolled the connection back; the next checkout gets the same DBAPI connection.
        with engine.connect() as conn:
            assert conn.connection.dbapi_connection is first
            assert conn.execute(sqlalchemy.text("SELECT :a * 3"), {"a": 14}).scalar() == 42
        assert engine.invalidated == []
    finally:
        engine.dispose()


@pytest.mark.parametrize("dsn", SERVER_KINDS)
def test_read_sql_with_a_text_query_and_parameters(dsn):
    engine = make_engine(dsn)
    name = table_name("sap_read", dsn)
    try:
        create_table(engine, dsn, name, "id INT PRIMARY KEY, city VARCHAR(40), population BIGINT, area DECIMAL(10,2)")
        with engine.begin() as conn:
            conn.execute(sqlalchemy.text(f"INSERT INTO {name} (id, city, population, area) VALUES (:i, :c, :p, :a)"),
                         [{"i": 1, "c": "München", "p": 1_488_202, "a": D("310.70")},
                          {"i": 2, "c": "Zürich", "p": 421_878, "a": D("87.88")},
                          {"i": 3, "c": "東京", "p": 13_960_000, "a": D("2194.07")},
                          {"i": 4, "c": "Reykjavík", "p": 139_875, "a": None}])
        with engine.connect() as conn:
            frame = pandas.read_sql(sqlalchemy.text(f"SELECT city, population, area FROM {name} "
                                                    f"WHERE population > :min ORDER BY population DESC"),
                                    conn, params={"min": 200_000}, coerce_float=False)
        assert list(frame.columns) == ["city", "population", "area"]
        assert records(frame) == [("東京", 13_960_000, D("2194.07")), ("München", 1_488_202, D("310.70")),
                                  ("Zürich", 421_878, D("87.88"))]
        assert str(frame["population"].dtype) == "int64"
        assert engine.invalidated == []
    finally:
        drop_table(engine, name)
        engine.dispose()


def chunk_rows(dsn, method):
    if method == "multi" and dsn == DSN_TX:
        # Calcite (Ignite 2.17) runs out of heap planning a multi-row VALUES with parameters: 20 rows
        # of 2 parameters each already make a 512 MB node fail with "Java heap space" and halt (the
        # same through pyignite, so it is the server). Two rows per INSERT stay far from that.
        return 2
    return 15


@pytest.mark.parametrize("method", [None, "multi"], ids=["executemany", "multi-values"])
@pytest.mark.parametrize("dsn", SERVER_KINDS)
def test_to_sql_appends_to_an_existing_table(dsn, method):
    engine = make_engine(dsn)
    name = table_name("sap_people_multi" if method else "sap_people", dsn)
    chunksize = chunk_rows(dsn, method)
    try:
        create_table(engine, dsn, name, PEOPLE_DDL)
        frame = people_frame(40)
        frame.to_sql(name, engine, if_exists="append", index=False, method=method, chunksize=chunksize)
        assert records(read_people(engine, name)) == expected_records(frame)
        # A second append adds to the table, the first rows are untouched.
        more = people_frame(10, start=1000)
        more.to_sql(name, engine, if_exists="append", index=False, method=method, chunksize=chunksize)
        assert records(read_people(engine, name)) == expected_records(frame) + expected_records(more)
        assert engine.invalidated == []
    finally:
        drop_table(engine, name)
        engine.dispose()


@pytest.mark.parametrize("dsn", SERVER_KINDS)
def test_to_sql_with_fast_executemany_engine(dsn):
    engine = make_engine(dsn, fast_executemany=True)
    name = table_name("sap_fast", dsn)
    try:
        create_table(engine, dsn, name, PEOPLE_DDL)
        frame = people_frame(3000)
        frame.to_sql(name, engine, if_exists="append", index=False, chunksize=1000)
        assert records(read_people(engine, name)) == expected_records(frame)
        assert engine.invalidated == []
    finally:
        drop_table(engine, name)
        engine.dispose()


def test_to_sql_inside_a_failed_transaction_is_rolled_back_on_tx_server():
    engine = make_engine(DSN_TX)
    name = "sap_rollback_tx"
    try:
        create_table(engine, DSN_TX, name, PEOPLE_DDL)
        people_frame(5).to_sql(name, engine, if_exists="append", index=False)
        with pytest.raises(RuntimeError, match="abort the load"):
            with engine.begin() as conn:
                people_frame(50, start=100).to_sql(name, conn, if_exists="append", index=False)
                assert conn.execute(sqlalchemy.text(f"SELECT COUNT(*) FROM {name}")).scalar() == 55
                raise RuntimeError("abort the load")
        # engine.begin() rolled back: only the first five rows, seen from outside SQLAlchemy too.
        assert records(read_people(engine, name)) == expected_records(people_frame(5))
        other = connect(DSN_TX, autocommit=True)
        try:
            assert other.cursor().execute(f"SELECT COUNT(*) FROM {name}").fetchval() == 5
        finally:
            other.close()
        assert engine.invalidated == []
    finally:
        drop_table(engine, name)
        engine.dispose()


def test_to_sql_of_a_new_table_is_refused_with_a_clear_error():
    """pandas' CREATE TABLE has no primary key: the dialect refuses it before the server sees it."""
    engine = make_engine("KindlingTest")
    try:
        with pytest.raises(sqlalchemy.exc.CompileError, match="requires a PRIMARY KEY"):
            people_frame(3).to_sql("sap_no_pk", engine, if_exists="fail", index=False)
        assert not sqlalchemy.inspect(engine).has_table("sap_no_pk")
    finally:
        engine.dispose()


def test_read_sql_table_reflects_the_table():
    """pandas.read_sql_table reflects the table through the dialect (SQLColumns) and reads it."""
    engine = make_engine("KindlingTest")
    name = "sap_read_table"
    try:
        create_table(engine, "KindlingTest", name, PEOPLE_DDL)
        frame = people_frame(12)
        frame.to_sql(name, engine, if_exists="append", index=False)
        back = pandas.read_sql_table(name, engine, coerce_float=False).sort_values("id").reset_index(drop=True)
        assert list(back.columns) == ["id", "name", "score", "amount", "flag", "day", "ts"]
        # read_sql_table converts by the reflected types: DECIMAL to float, DATE to datetime64.
        def as_read_sql_table(row):
            id_, name_, score, amount, flag, day, ts = row
            return (id_, name_, score, None if amount is None else float(amount), flag,
                    None if day is None else datetime.datetime.combine(day, datetime.time()), ts)
        assert records(back) == [as_read_sql_table(r) for r in expected_records(frame)]
        types = {c["name"]: c["type"] for c in sqlalchemy.inspect(engine).get_columns(name)}
        assert isinstance(types["amount"], sqlalchemy.DECIMAL) and (types["amount"].precision, types["amount"].scale) == (20, 5)
        assert isinstance(types["day"], sqlalchemy.DATE) and isinstance(types["ts"], sqlalchemy.TIMESTAMP)
    finally:
        drop_table(engine, name)
        engine.dispose()
