"""Shared helpers for the end-to-end Python tests.

The tests run with the build tree's ODBC configuration (ODBCSYSINI/ODBCINI, set by ctest), so the
DSNs below are the ones tests/odbc/dsns.cmake writes:

- ``KindlingTest``: the main 3-node cluster, H2 engine, no transactional SQL
  (statements apply as they run; commit is a no-op);
- ``KindlingTestTx``: one node with Calcite and transaction-aware SQL (autocommit off opens a real
  thin-client transaction that commit/rollback end).

Every module uses its own table names (ctest -j2 runs two modules at once against the same clusters).
"""
import contextlib
import os
import sys

import pyodbc
import pytest

# The SQLAlchemy dialect (python/): installed into the venv by installer/install-deps.sh
# (pip install -e python); from the source tree otherwise.
try:
    import sqlalchemy_kindling  # noqa: F401
except ImportError:
    sys.path.insert(0, os.path.join(os.environ.get("KINDLING_SOURCE_DIR",
                                                   os.path.join(os.path.dirname(__file__), "..", "..", "..")),
                                    "python"))

DSN_PLAIN = "KindlingTest"
DSN_TX = "KindlingTestTx"

# Parametrize a test over both kinds of server: pytest.mark.parametrize("dsn", SERVER_KINDS).
SERVER_KINDS = [
    pytest.param(DSN_PLAIN, id="h2"),
    pytest.param(DSN_TX, id="tx-calcite"),
]


def connect(dsn=DSN_PLAIN, **kwargs):
    """A pyodbc connection to one of the test DSNs (pyodbc's default: autocommit off)."""
    return pyodbc.connect(f"DSN={dsn}", **kwargs)


@contextlib.contextmanager
def fresh_table(dsn, name, columns_ddl):
    """Drop-and-create table `name` (``CREATE TABLE name (columns_ddl)``) through an autocommit
    connection, yield the name, drop it afterwards. On the transactional server the table is
    created with ``atomicity=transactional``: Ignite refuses atomic caches inside a transaction."""
    admin = connect(dsn, autocommit=True)
    try:
        cur = admin.cursor()
        cur.execute(f"DROP TABLE IF EXISTS {name}")
        with_clause = ' WITH "atomicity=transactional"' if dsn == DSN_TX else ""
        cur.execute(f"CREATE TABLE {name} ({columns_ddl}){with_clause}")
        yield name
    finally:
        try:
            admin.cursor().execute(f"DROP TABLE IF EXISTS {name}")
        finally:
            admin.close()


def count_rows(dsn, table):
    """COUNT(*) of `table` seen through a separate, new autocommit connection."""
    other = connect(dsn, autocommit=True)
    try:
        return other.cursor().execute(f"SELECT COUNT(*) FROM {table}").fetchval()
    finally:
        other.close()
