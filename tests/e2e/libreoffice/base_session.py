#!/usr/bin/python3
"""LibreOffice Base, headless, through its ODBC SDBC driver and the unixODBC driver manager:
a Base data source on ``sdbc:odbc:<DSN>`` (what a Base .odb connected to ODBC uses) lists the
tables, runs a statement and a prepared statement, and reads every column type (UUID included).

Run with Debian's /usr/bin/python3 (python3-uno) by tests/e2e/libreoffice_base.sh. LibreOffice is
started once (it is slow: the time is printed) and ended at the end. Output: TAP-like lines, one
"ok"/"not ok" per check; exit 1 on any failure. Checks marked KNOWN are expected failures (driver
defects reported, see the comment beside each): they print "not ok ... # TODO" and do not fail.
"""
import os
import subprocess
import sys
import tempfile
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue  # noqa: E402  (after import uno)
from com.sun.star.connection import NoConnectException  # noqa: E402

DSN = os.environ.get("KINDLING_LO_DSN", "KindlingTest")
TABLE = "E2E_LO_TYPES"
failures = 0
count = 0


def check(cond, what, known=False):
    global failures, count
    count += 1
    if cond:
        print(f"ok {count} - {what}")
    elif known:
        print(f"not ok {count} - {what} # TODO known driver defect")
    else:
        failures += 1
        print(f"not ok {count} - {what}")
    sys.stdout.flush()
    return cond


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def start_office(profile):
    pipe = f"kindling_e2e_{os.getpid()}"
    office = subprocess.Popen(
        ["/usr/lib/libreoffice/program/soffice", "--headless", "--invisible", "--nologo", "--norestore",
         "--nodefault", "--nolockcheck", f"-env:UserInstallation=file://{profile}",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 120
    while True:
        try:
            return office, resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if office.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"LibreOffice did not start (exit {office.poll()})")
            time.sleep(0.25)


def main():
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kindling-lo-") as profile:
        office, ctx = start_office(profile)
        started = time.monotonic() - t0
        print(f"# LibreOffice started in {started:.1f} s")
        try:
            run(ctx)
        finally:
            try:
                desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
                desktop.terminate()
            except Exception:  # the bridge goes away while terminating
                pass
            try:
                office.wait(30)
            except subprocess.TimeoutExpired:
                office.kill()
    print(f"# LibreOffice session: {time.monotonic() - t0:.1f} s in all (start-up {started:.1f} s)")
    print(f"1..{count}")
    return 1 if failures else 0


def run(ctx):
    smgr = ctx.ServiceManager
    # A Base data source, as a .odb connected to ODBC has (DataSource.URL = sdbc:odbc:<DSN>).
    dbctx = smgr.createInstanceWithContext("com.sun.star.sdb.DatabaseContext", ctx)
    source = dbctx.createInstance()
    source.URL = f"sdbc:odbc:{DSN}"
    source.Info = (prop("CharSet", "UTF-8"),)
    conn = source.getConnection("", "")
    check(conn is not None, f"connected to sdbc:odbc:{DSN}")
    meta = conn.getMetaData()
    print(f"# DBMS: {meta.getDatabaseProductName()} {meta.getDatabaseProductVersion()}, "
          f"driver: {meta.getDriverName()} {meta.getDriverVersion()}")
    check(meta.getDatabaseProductName() == "Apache Ignite", "SQL_DBMS_NAME is Apache Ignite")

    stmt = conn.createStatement()
    stmt.executeUpdate(f"DROP TABLE IF EXISTS {TABLE}")
    stmt.executeUpdate(
        f"CREATE TABLE {TABLE} (ID INT PRIMARY KEY, TI TINYINT, SI SMALLINT, BI BIGINT, R REAL, D DOUBLE, "
        f"DEC DECIMAL(12,3), V VARCHAR(20), VU VARCHAR, B BOOLEAN, DT DATE, TM TIME, TS TIMESTAMP, U UUID, "
        f"BIN VARBINARY)")
    try:
        stmt.executeUpdate(
            f"INSERT INTO {TABLE} VALUES (1, 7, -300, 1099511627776, 1.5, 2.25, 12345.678, 'Zoë 東京', 'free text', "
            f"TRUE, DATE '2024-01-15', TIME '13:45:01', TIMESTAMP '2024-01-15 13:45:01.123', "
            f"CAST('12345678-1234-5678-9abc-def012345678' AS UUID), X'00ff10')")
        stmt.executeUpdate(f"INSERT INTO {TABLE} (ID) VALUES (2)")
        queries(conn, stmt, meta)
    finally:
        stmt.executeUpdate(f"DROP TABLE IF EXISTS {TABLE}")
        conn.close()
        source.dispose() if hasattr(source, "dispose") else None


def queries(conn, stmt, meta):
    # The tables, as Base's table list shows them (XTablesSupplier -> SQLTables).
    conn.getTables().refresh()
    names = conn.getTables().getElementNames()
    check(any(n.endswith(TABLE) for n in names), f"Base lists table {TABLE} ({len(names)} tables)")
    rs = meta.getTables(None, "PUBLIC", TABLE, ("TABLE",))
    found = []
    while rs.next():
        found.append((rs.getString(2), rs.getString(3), rs.getString(4)))
    check(found == [("PUBLIC", TABLE, "TABLE")], f"XDatabaseMetaData.getTables: {found}")
    cols = meta.getColumns(None, "PUBLIC", TABLE, "%")
    colnames = []
    while cols.next():
        colnames.append(cols.getString(4))
    check(colnames[:3] == ["ID", "TI", "SI"] and len(colnames) == 15, f"getColumns: {colnames}")
    keys = meta.getPrimaryKeys(None, "PUBLIC", TABLE)
    pk = []
    while keys.next():
        pk.append(keys.getString(4))
    check(pk == ["ID"], f"getPrimaryKeys: {pk}")

    # A statement, every column read with its own getter.
    rs = stmt.executeQuery(f"SELECT * FROM {TABLE} ORDER BY ID")
    md = rs.getMetaData()
    types = [(md.getColumnName(i), md.getColumnType(i), md.getColumnTypeName(i)) for i in range(1, md.getColumnCount() + 1)]
    print(f"# result columns: {types}")
    from com.sun.star.sdbc.DataType import (BIGINT, BIT, BOOLEAN, DATE, DECIMAL, DOUBLE, INTEGER, REAL,  # noqa
                                            SMALLINT, TIME, TIMESTAMP, TINYINT, VARBINARY, VARCHAR, LONGVARBINARY,
                                            BINARY, OTHER, CHAR, LONGVARCHAR, FLOAT, NUMERIC)
    expected_types = {"ID": {INTEGER}, "TI": {TINYINT}, "SI": {SMALLINT}, "BI": {BIGINT}, "R": {REAL, FLOAT},
                      "D": {DOUBLE}, "DEC": {DECIMAL, NUMERIC}, "V": {VARCHAR}, "VU": {VARCHAR, LONGVARCHAR},
                      "B": {BIT, BOOLEAN}, "DT": {DATE}, "TM": {TIME}, "TS": {TIMESTAMP},
                      # SQL_GUID has no SDBC DataType: LibreOffice's ODBC driver maps it to OTHER or text.
                      "U": {OTHER, CHAR, VARCHAR, BINARY, VARBINARY},
                      "BIN": {VARBINARY, LONGVARBINARY, BINARY}}
    for name, code, type_name in types:
        check(code in expected_types.get(name, {code}), f"column {name}: SDBC type {code} ({type_name})")
    check(rs.next(), "row 1")
    got = {
        "ID": rs.getInt(1), "TI": rs.getByte(2), "SI": rs.getShort(3), "BI": rs.getLong(4), "R": rs.getFloat(5),
        "D": rs.getDouble(6), "DEC": rs.getString(7), "V": rs.getString(8), "VU": rs.getString(9),
        "B": rs.getBoolean(10),
    }
    d, t, ts = rs.getDate(11), rs.getTime(12), rs.getTimestamp(13)
    uuid_text = rs.getString(14)
    blob = rs.getBytes(15)
    expect = {"ID": 1, "TI": 7, "SI": -300, "BI": 1099511627776, "R": 1.5, "D": 2.25, "DEC": "12345.678",
              "V": "Zoë 東京", "VU": "free text", "B": True}
    for k, v in expect.items():
        check(got[k] == v, f"row 1 {k} = {got[k]!r} (expected {v!r})")
    check((d.Year, d.Month, d.Day) == (2024, 1, 15), f"row 1 DT = {d.Year}-{d.Month}-{d.Day}")
    check((t.Hours, t.Minutes, t.Seconds) == (13, 45, 1), f"row 1 TM = {t.Hours}:{t.Minutes}:{t.Seconds}")
    check((ts.Year, ts.Month, ts.Day, ts.Hours, ts.Minutes, ts.Seconds, ts.NanoSeconds)
          == (2024, 1, 15, 13, 45, 1, 123000000), f"row 1 TS = {ts.Year}-{ts.Month}-{ts.Day} {ts.Hours}:{ts.Minutes}:"
                                                  f"{ts.Seconds}.{ts.NanoSeconds:09d}")
    # LibreOffice's ODBC driver has no GUID type: it reads SQL_GUID columns (SDBC VARBINARY) with
    # SQLGetData(SQL_C_BINARY), and the driver gives the 16-byte SQLGUID structure, as the ODBC
    # spec's SQL_GUID -> SQL_C_BINARY conversion and Microsoft's drivers do (Data1..Data3 in
    # little-endian order: uuid.bytes_le). getString() is LibreOffice's own rendering of those bytes.
    guid = uuid.UUID("12345678-1234-5678-9abc-def012345678")
    raw = rs.getBytes(14)
    raw = bytes(raw.value if hasattr(raw, "value") else raw)
    check(raw == guid.bytes_le, f"row 1 U (UUID) as bytes = {raw.hex()} (SQLGUID layout {guid.bytes_le.hex()})")
    print(f"# row 1 U (UUID) through LibreOffice's getString: {uuid_text!r}")
    check(bytes(blob.value if hasattr(blob, "value") else blob) == b"\x00\xff\x10", f"row 1 BIN = {blob!r}")
    check(rs.next(), "row 2")
    rs.getInt(1)
    nulls = []
    for i in range(2, 16):
        rs.getString(i)
        nulls.append(rs.wasNull())
    check(all(nulls), f"row 2: every other column NULL ({nulls})")
    check(not rs.next(), "two rows")

    # A prepared statement with parameters of several types.
    # The UUID as text: CAST in SQL (what a Base query does to show it).
    ps = conn.prepareStatement(f"SELECT ID, V, CAST(U AS VARCHAR) FROM {TABLE} WHERE BI = ? AND V = ? AND DEC > ?")
    ps.setLong(1, 1099511627776)
    ps.setString(2, "Zoë 東京")
    ps.setDouble(3, 100.5)
    rs = ps.executeQuery()
    rows = []
    while rs.next():
        rows.append((rs.getInt(1), rs.getString(2), rs.getString(3).lower()))
    check(rows == [(1, "Zoë 東京", "12345678-1234-5678-9abc-def012345678")], f"prepared statement: {rows}")
    ps2 = conn.prepareStatement(f"UPDATE {TABLE} SET V = ? WHERE ID = ?")
    ps2.setString(1, "updated")
    ps2.setInt(2, 2)
    check(ps2.executeUpdate() == 1, "prepared UPDATE: 1 row")
    rs = stmt.executeQuery(f"SELECT V FROM {TABLE} WHERE ID = 2")
    check(rs.next() and rs.getString(1) == "updated", "the update is there")


if __name__ == "__main__":
    sys.exit(main())
