"""Ignite SQL types <-> SQLAlchemy types.

Ignite's SQL types (H2 and Calcite engines), as the Kindling driver reports them (SQLColumns
TYPE_NAME / DATA_TYPE) and as DDL spells them.
"""
import uuid

from sqlalchemy import types as sqltypes


class UUID(sqltypes.Uuid):
    """Ignite's native UUID (java.util.UUID; ODBC SQL_GUID).

    pyodbc returns SQL_GUID values as text unless ``pyodbc.native_uuid`` is set (a process-wide
    switch the dialect leaves alone), so results are turned into ``uuid.UUID`` here; parameters are
    sent as ``uuid.UUID`` (pyodbc binds them as SQL_C_GUID)."""

    __visit_name__ = "UUID"

    def __init__(self, as_uuid=True):
        super().__init__(as_uuid=as_uuid, native_uuid=True)

    def bind_processor(self, dialect):
        def process(value):
            if value is None:
                return None
            if isinstance(value, uuid.UUID):
                return value
            return uuid.UUID(str(value))

        return process

    def result_processor(self, dialect, coltype):
        as_uuid = self.as_uuid

        def process(value):
            if value is None:
                return None
            if isinstance(value, uuid.UUID):
                return value if as_uuid else str(value)
            if isinstance(value, (bytes, bytearray)) and len(value) == 16:
                value = uuid.UUID(bytes=bytes(value))
                return value if as_uuid else str(value)
            text = str(value)
            return uuid.UUID(text) if as_uuid else str(uuid.UUID(text))

        return process

    def literal_processor(self, dialect):
        def process(value):
            return "'%s'" % uuid.UUID(str(value))

        return process


class _UuidFromGeneric(UUID):
    """The dialect's implementation of the generic ``sqlalchemy.Uuid``."""

    def __init__(self, as_uuid=True, native_uuid=True):
        super().__init__(as_uuid=as_uuid)


class TINYINT(sqltypes.SmallInteger):
    __visit_name__ = "TINYINT"


# Reflection: SQLColumns TYPE_NAME (upper case) -> SQLAlchemy type class. The driver names the
# types in driver/src/type_info.cpp (sql_type_name); H2 and Calcite aliases are listed too.
ischema_names = {
    "TINYINT": TINYINT,
    "SMALLINT": sqltypes.SMALLINT,
    "INTEGER": sqltypes.INTEGER,
    "INT": sqltypes.INTEGER,
    "BIGINT": sqltypes.BIGINT,
    "REAL": sqltypes.REAL,
    "FLOAT": sqltypes.FLOAT,
    "DOUBLE": sqltypes.DOUBLE,
    "DOUBLE PRECISION": sqltypes.DOUBLE,
    "DECIMAL": sqltypes.DECIMAL,
    "NUMERIC": sqltypes.NUMERIC,
    "BOOLEAN": sqltypes.BOOLEAN,
    "BIT": sqltypes.BOOLEAN,
    "CHAR": sqltypes.CHAR,
    "VARCHAR": sqltypes.VARCHAR,
    "DATE": sqltypes.DATE,
    "TIME": sqltypes.TIME,
    "TIMESTAMP": sqltypes.TIMESTAMP,
    "UUID": UUID,
    "BINARY": sqltypes.BINARY,
    "VARBINARY": sqltypes.VARBINARY,
}

# ODBC SQL type codes (SQLColumns DATA_TYPE) -> SQLAlchemy type class, when TYPE_NAME is unknown.
odbc_type_codes = {
    -6: TINYINT, 5: sqltypes.SMALLINT, 4: sqltypes.INTEGER, -5: sqltypes.BIGINT,
    7: sqltypes.REAL, 6: sqltypes.FLOAT, 8: sqltypes.DOUBLE, 3: sqltypes.DECIMAL, 2: sqltypes.NUMERIC,
    -7: sqltypes.BOOLEAN, 16: sqltypes.BOOLEAN, 1: sqltypes.CHAR, 12: sqltypes.VARCHAR, -1: sqltypes.VARCHAR,
    91: sqltypes.DATE, 92: sqltypes.TIME, 93: sqltypes.TIMESTAMP, -11: UUID,
    -2: sqltypes.BINARY, -3: sqltypes.VARBINARY, -4: sqltypes.VARBINARY,
}

# Unbounded VARCHAR / VARBINARY: H2's maximum, reported by the driver as the column size.
UNBOUNDED = 2147483647

colspecs = {
    sqltypes.Uuid: _UuidFromGeneric,
}
