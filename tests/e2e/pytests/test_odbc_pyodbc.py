"""The ODBC driver through pyodbc (and pandas), as a Python user would use it."""
import datetime
import decimal
import os

import pandas
import pyodbc
import pytest


@pytest.fixture()
def conn():
    c = pyodbc.connect("DSN=KindlingTest")  # autocommit off: pyodbc's default
    yield c
    c.close()


def test_city_example_through_pyodbc(conn):
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS PyCity")
    cur.execute("CREATE TABLE PyCity (ID INT(11), Name CHAR(35), CountryCode CHAR(3), District CHAR(20), "
                "Population INT(11), PRIMARY KEY (ID, CountryCode)) WITH \"affinityKey=CountryCode\"")
    data = [
        [3793, 'New York', 'USA', 'New York', 8008278],
        [3794, 'Los Angeles', 'USA', 'California', 3694820],
        [3795, 'Chicago', 'USA', 'Illinois', 2896016],
        [3796, 'Houston', 'USA', 'Texas', 1953631],
        [3797, 'Philadelphia', 'USA', 'Pennsylvania', 1517550],
        [3798, 'Phoenix', 'USA', 'Arizona', 1321045],
        [3799, 'San Diego', 'USA', 'California', 1223400],
        [3800, 'Dallas', 'USA', 'Texas', 1188580],
    ]
    for row in data:
        cur.execute("INSERT INTO PyCity(ID, Name, CountryCode, District, Population) VALUES (?, ?, ?, ?, ?)", row)
    conn.commit()
    rows = cur.execute("SELECT * FROM PyCity WHERE Population > ? ORDER BY ID", 2000000).fetchall()
    assert [tuple(r) for r in rows] == [tuple(d) for d in data[:3]]
    desc = cur.execute("SELECT ID, Name, Population FROM PyCity").description
    assert [(d[0], d[1]) for d in desc] == [("ID", int), ("NAME", str), ("POPULATION", int)]
    frame = pandas.read_sql("SELECT Name, Population FROM PyCity ORDER BY Population DESC", conn)
    assert list(frame.columns) == ["NAME", "POPULATION"]
    assert frame.iloc[0]["NAME"] == "New York"
    assert len(frame) == 8
    cur.execute("DROP TABLE PyCity")


def test_types_round_trip_through_parameters(conn):
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS PyTypes")
    cur.execute("CREATE TABLE PyTypes (ID INT PRIMARY KEY, B BOOLEAN, BI BIGINT, D DOUBLE, DEC DECIMAL(10,2), "
                "S VARCHAR, TS TIMESTAMP, DT DATE)")
    ts = datetime.datetime(2024, 1, 2, 3, 4, 5, 123000)
    values = (1, True, 2**40, 1.5, decimal.Decimal("12.34"), "héllo 😀", ts, datetime.date(2024, 1, 2))
    cur.execute("INSERT INTO PyTypes VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values)
    cur.execute("INSERT INTO PyTypes (ID) VALUES (2)")
    row = cur.execute("SELECT * FROM PyTypes WHERE ID = 1").fetchone()
    assert tuple(row) == values
    nulls = cur.execute("SELECT B, BI, S, TS FROM PyTypes WHERE ID = 2").fetchone()
    assert tuple(nulls) == (None, None, None, None)
    cur.execute("DROP TABLE PyTypes")


def test_errors_carry_sqlstates(conn):
    cur = conn.cursor()
    with pytest.raises(pyodbc.ProgrammingError) as e:
        cur.execute("SELECT * FROM no_such_table_py")
    assert "42S02" in str(e.value)
    assert cur.execute("SELECT 1").fetchval() == 1


def test_catalog_tables_and_columns(conn):
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS PyCat")
    cur.execute("CREATE TABLE PyCat (ID INT PRIMARY KEY, Name VARCHAR(20) NOT NULL)")
    tables = [t.table_name for t in cur.tables(schema="PUBLIC", tableType="TABLE")]
    assert "PYCAT" in tables
    cols = [(c.column_name, c.type_name, c.column_size, c.nullable, c.ordinal_position) for c in cur.columns(table="PYCAT")]
    assert cols == [("ID", "INTEGER", 10, 0, 1), ("NAME", "VARCHAR", 20, 0, 2)]
    assert [k.column_name for k in cur.primaryKeys(table="PYCAT", schema="PUBLIC")] == ["ID"]
    cur.execute("DROP TABLE PyCat")
