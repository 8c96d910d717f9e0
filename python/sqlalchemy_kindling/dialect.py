"""The ``ignite+kindling`` dialect: Apache Ignite 2.x SQL over pyodbc and the Kindling ODBC driver.

Everything server-specific the dialect needs comes through ODBC calls the driver answers: the
server version from SQLGetInfo(SQL_DBMS_VER), reflection from SQLTables / SQLColumns /
SQLPrimaryKeys / SQLStatistics, transactions from SQLEndTran. It sends no catalog SQL of its own.
"""
import re
from typing import Any, Dict, Optional

from sqlalchemy import exc, schema as sa_schema, types as sqltypes, util
from sqlalchemy.connectors.pyodbc import PyODBCConnector
from sqlalchemy.engine import default, reflection
from sqlalchemy.sql import compiler
from sqlalchemy.sql.elements import quoted_name

from . import types as ktypes

# CREATE TABLE ... WITH "..." parameters Ignite 2.x understands (docs: "CREATE TABLE", H2 and
# Calcite engines). Keys are case-insensitive; the dialect renders them upper-case.
IGNITE_WITH_KEYS = (
    "TEMPLATE", "BACKUPS", "ATOMICITY", "WRITE_SYNCHRONIZATION_MODE", "CACHE_GROUP", "AFFINITY_KEY",
    "CACHE_NAME", "DATA_REGION", "KEY_TYPE", "VALUE_TYPE", "WRAP_KEY", "WRAP_VALUE", "ENCRYPTED",
    "PARALLELISM",
)

# Query keys of the URL the dialect takes itself (the rest become connection-string keys).
_DIALECT_URL_KEYS = {"include_sys_schema", "fast_executemany", "autocommit"}

# Words H2 (Ignite's default engine) and Calcite reserve beyond SQLAlchemy's standard list.
_EXTRA_RESERVED = {
    "limit", "minus", "offset", "rownum", "sysdate", "systime", "systimestamp", "today", "top",
    "_key", "_val", "qualify", "regexp", "value", "year", "month", "day", "hour", "minute", "second",
    "intersects", "ilike", "row", "rows", "window",
}


def _odbc_value(value: str) -> str:
    """A connection-string value, in braces when it holds a separator or a brace."""
    value = str(value)
    if any(c in value for c in ";{}=") or value != value.strip():
        return "{" + value.replace("}", "}}") + "}"
    return value


def connection_string_from_url(url) -> str:
    """``ignite+kindling://user:pw@host:port/SCHEMA?key=value`` as a Kindling connection string."""
    parts: Dict[str, str] = {}
    query = {k.lower(): v for k, v in url.query.items()}
    driver = query.pop("driver", None) or "Kindling"
    dsn = query.pop("dsn", None)
    if dsn:
        parts["DSN"] = dsn
    else:
        parts["DRIVER"] = driver if driver.startswith("/") else "{" + driver + "}"
    if url.host:
        parts["ADDRESS"] = f"{url.host}:{url.port or 10800}"
    if url.database:
        parts["SCHEMA"] = url.database
    if url.username:
        parts["UID"] = url.username
    if url.password is not None:
        parts["PWD"] = url.password
    for key, value in query.items():
        if key in _DIALECT_URL_KEYS:
            continue
        if isinstance(value, tuple):
            value = value[-1]
        parts[key.upper()] = value
    return ";".join(f"{k}={v if k == 'DRIVER' else _odbc_value(v)}" for k, v in parts.items())


def _escape_pattern(name: Optional[str]) -> Optional[str]:
    """An exact name as an ODBC search pattern (the driver's SQL_SEARCH_PATTERN_ESCAPE is '\\')."""
    if name is None:
        return None
    return re.sub(r"([\\_%])", r"\\\1", name)


class KindlingIdentifierPreparer(compiler.IdentifierPreparer):
    reserved_words = compiler.RESERVED_WORDS | _EXTRA_RESERVED

    def quote(self, ident, force=None):
        # A lower-case name stands for the server's upper-case (unquoted) one: when it needs quotes
        # only because it is a reserved word, quote the upper-case form ("DAY", not "day", which
        # would be another, case-sensitive name).
        if (getattr(ident, "quote", None) is None and ident == ident.lower()
                and ident in self.reserved_words and self.legal_characters.match(ident)):
            return self.quote_identifier(ident.upper())
        return super().quote(ident, force)


class KindlingCompiler(compiler.SQLCompiler):
    def _int_or_clause(self, select, clause, **kw):
        if select._simple_int_clause(clause):
            return str(int(clause.render_literal_execute().effective_value))
        return self.process(clause, **kw)

    def limit_clause(self, select, **kw):
        text = ""
        if select._limit_clause is not None:
            text += "\n LIMIT " + self._int_or_clause(select, select._limit_clause, **kw)
        if select._offset_clause is not None:
            # OFFSET alone: H2 and Calcite both take it (H2 rejects LIMIT -1, and a LIMIT near
            # 2**31 overflows when Ignite adds the offset to it for the map queries).
            text += "\n" if select._limit_clause is None else ""
            text += " OFFSET " + self._int_or_clause(select, select._offset_clause, **kw)
        return text

    def visit_true(self, expr, **kw):
        return "TRUE"

    def visit_false(self, expr, **kw):
        return "FALSE"


class KindlingDDLCompiler(compiler.DDLCompiler):
    def visit_create_table(self, create, **kw):
        table = create.element
        if not table.primary_key.columns:
            raise exc.CompileError(
                f"Apache Ignite requires a PRIMARY KEY in CREATE TABLE: table '{table.name}' has none "
                f"(mark a column with primary_key=True or add a PrimaryKeyConstraint; pandas' to_sql "
                f"cannot create such a table: create it first, then append with if_exists='append')")
        return super().visit_create_table(create, **kw)

    def visit_primary_key_constraint(self, constraint, **kw):
        if len(constraint) == 0:
            return ""
        # Ignite takes no constraint name here.
        return "PRIMARY KEY (%s)" % ", ".join(self.preparer.quote(c.name) for c in constraint.columns)

    def visit_foreign_key_constraint(self, constraint, **kw):
        # Ignite has no foreign keys; models may still declare them (the ORM joins by them).
        return None

    def visit_unique_constraint(self, constraint, **kw):
        raise exc.CompileError(
            f"Apache Ignite has no UNIQUE constraints (table '{constraint.table.name}'): "
            f"use a primary key or a plain index")

    def visit_check_constraint(self, constraint, **kw):
        raise exc.CompileError(f"Apache Ignite has no CHECK constraints (table '{constraint.table.name}')")

    def get_column_specification(self, column, **kw):
        spec = self.preparer.format_column(column) + " " + self.dialect.type_compiler_instance.process(
            column.type, type_expression=column)
        default_ = self.get_column_default_string(column)
        if default_ is not None:
            spec += " DEFAULT " + default_
        if not column.nullable:
            spec += " NOT NULL"
        return spec

    def post_create_table(self, table):
        options = table.dialect_options["ignite"]["with"]
        if not options:
            return ""
        if isinstance(options, str):
            body = options
        else:
            rendered = []
            for key, value in options.items():
                name = str(key).upper()
                if name not in IGNITE_WITH_KEYS:
                    raise exc.CompileError(
                        f"unknown Ignite CREATE TABLE option '{key}' for table '{table.name}' "
                        f"(known: {', '.join(k.lower() for k in IGNITE_WITH_KEYS)})")
                if isinstance(value, bool):
                    value = "true" if value else "false"
                elif name == "AFFINITY_KEY":
                    column = table.c.get(str(value))
                    value = self.dialect.denormalize_name(column.name if column is not None else str(value))
                value = str(value)
                if any(c in value for c in ',"'):
                    raise exc.CompileError(f"Ignite CREATE TABLE option {name}={value!r}: commas and quotes are not allowed")
                rendered.append(f"{name}={value}")
            body = ",".join(rendered)
        if '"' in body:
            raise exc.CompileError("Ignite CREATE TABLE options cannot contain a double quote")
        return f'\n WITH "{body}"'


class KindlingTypeCompiler(compiler.GenericTypeCompiler):
    def visit_BOOLEAN(self, type_, **kw):
        return "BOOLEAN"

    def visit_TINYINT(self, type_, **kw):
        return "TINYINT"

    def visit_FLOAT(self, type_, **kw):
        return "REAL" if type_.precision is not None and type_.precision <= 24 else "DOUBLE"

    def visit_REAL(self, type_, **kw):
        return "REAL"

    def visit_DOUBLE(self, type_, **kw):
        return "DOUBLE"

    def visit_DOUBLE_PRECISION(self, type_, **kw):
        return "DOUBLE"

    def visit_NUMERIC(self, type_, **kw):
        return self.visit_DECIMAL(type_, **kw)

    def visit_TEXT(self, type_, **kw):
        return "VARCHAR"

    def visit_CLOB(self, type_, **kw):
        return "VARCHAR"

    def visit_NVARCHAR(self, type_, **kw):
        return self.visit_VARCHAR(type_, **kw)

    def visit_NCHAR(self, type_, **kw):
        return self.visit_CHAR(type_, **kw)

    def visit_DATETIME(self, type_, **kw):
        return "TIMESTAMP"

    def visit_TIMESTAMP(self, type_, **kw):
        return "TIMESTAMP"

    def visit_BLOB(self, type_, **kw):
        return "VARBINARY"

    def visit_BINARY(self, type_, **kw):
        return "BINARY(%d)" % type_.length if type_.length else "BINARY"

    def visit_VARBINARY(self, type_, **kw):
        return "VARBINARY(%d)" % type_.length if type_.length else "VARBINARY"

    def visit_large_binary(self, type_, **kw):
        return "VARBINARY"

    def visit_UUID(self, type_, **kw):
        return "UUID"

    def visit_uuid(self, type_, **kw):
        return "UUID"

    def visit_JSON(self, type_, **kw):
        return "VARCHAR"


class KindlingExecutionContext(default.DefaultExecutionContext):
    pass


class KindlingDialect(PyODBCConnector, default.DefaultDialect):
    """Apache Ignite 2.x through the Kindling ODBC driver."""

    name = "ignite"
    driver = "kindling"
    supports_statement_cache = True

    statement_compiler = KindlingCompiler
    ddl_compiler = KindlingDDLCompiler
    type_compiler_cls = KindlingTypeCompiler
    preparer = KindlingIdentifierPreparer
    execution_ctx_cls = KindlingExecutionContext
    colspecs = ktypes.colspecs
    ischema_names = ktypes.ischema_names

    # Unquoted identifiers are upper case on the server, as in Oracle: SQLAlchemy's lower case
    # names map to them and back.
    requires_name_normalize = True
    max_identifier_length = 256
    supports_schemas = True
    supports_alter = False              # no ALTER TABLE ... ADD CONSTRAINT (no foreign keys)
    supports_sequences = False
    supports_native_boolean = True
    supports_native_decimal = True
    supports_native_uuid = True
    supports_native_enum = False
    supports_default_values = False
    supports_default_metavalue = False
    supports_empty_insert = False
    supports_multivalues_insert = True
    supports_comments = False
    insert_returning = False
    update_returning = False
    delete_returning = False
    use_insertmanyvalues = False
    postfetch_lastrowid = False
    supports_sane_rowcount = True
    supports_sane_multi_rowcount = False
    supports_is_distinct_from = True
    default_paramstyle = "qmark"

    construct_arguments = [
        (sa_schema.Table, {"with": None}),
        (sa_schema.Index, {}),
    ]

    def __init__(self, include_sys_schema=False, fast_executemany=False, **kwargs):
        super().__init__(**kwargs)
        self.include_sys_schema = util.asbool(include_sys_schema)
        self.fast_executemany = util.asbool(fast_executemany)
        self._url_schema = None

    # Name normalization as DefaultDialect's, except that reserved words are case-insensitive names
    # too (the preparer quotes them upper-case): DAY <-> day, VALUE <-> value.
    def _plain_lower(self, name):
        p = self.identifier_preparer
        return (name == name.lower() and bool(p.legal_characters.match(name))
                and name[0] not in p.illegal_initial_characters)

    def normalize_name(self, name):
        if name is None:
            return None
        lower, upper = name.lower(), name.upper()
        if lower == upper:
            return name
        if name == upper and self._plain_lower(lower):
            return lower
        if name == lower:
            return quoted_name(name, quote=True)
        return name

    def denormalize_name(self, name):
        if name is None:
            return None
        if getattr(name, "quote", None):
            return str(name)
        if self._plain_lower(name) and name.upper() != name:
            return name.upper()
        return name

    @classmethod
    def import_dbapi(cls):
        return __import__("pyodbc")

    # --- connecting ---------------------------------------------------------------------------
    def create_connect_args(self, url):
        query = {k.lower(): v for k, v in url.query.items()}
        if "include_sys_schema" in query:
            self.include_sys_schema = util.asbool(query["include_sys_schema"])
        if "fast_executemany" in query:
            self.fast_executemany = util.asbool(query["fast_executemany"])
        self._url_schema = url.database or None
        kwargs = {}
        if "autocommit" in query:
            kwargs["autocommit"] = util.asbool(query["autocommit"])
        return [connection_string_from_url(url)], kwargs

    def _get_default_schema_name(self, connection):
        return self.normalize_name(self._url_schema or "PUBLIC")

    def get_isolation_level_values(self, dbapi_connection):
        return ["AUTOCOMMIT", "READ COMMITTED"]

    def get_isolation_level(self, dbapi_connection):
        return "AUTOCOMMIT" if dbapi_connection.autocommit else "READ COMMITTED"

    def set_isolation_level(self, dbapi_connection, level):
        dbapi_connection.autocommit = level == "AUTOCOMMIT"

    def get_default_isolation_level(self, dbapi_connection):
        return "READ COMMITTED"

    def do_executemany(self, cursor, statement, parameters, context=None):
        if self.fast_executemany:
            cursor.fast_executemany = True
        cursor.executemany(statement, parameters)

    # --- reflection through the ODBC catalog functions ------------------------------------------
    def _catalog(self, connection, call, *args, **kwargs):
        dbapi_conn = connection.connection.dbapi_connection
        cursor = dbapi_conn.cursor()
        try:
            return [tuple(row) for row in getattr(cursor, call)(*args, **kwargs).fetchall()]
        finally:
            cursor.close()

    def _schema(self, connection, schema):
        return self.denormalize_name(schema or self.default_schema_name or "PUBLIC")

    @reflection.cache
    def get_schema_names(self, connection, **kw):
        rows = self._catalog(connection, "tables", catalog="", schema="%", table="", tableType="")
        names = sorted({r[1] for r in rows if r[1]})
        if not self.include_sys_schema:
            names = [n for n in names if n.upper() != "SYS"]
        return [self.normalize_name(n) for n in names]

    def _table_rows(self, connection, schema, table, types):
        return self._catalog(connection, "tables", table=_escape_pattern(table),
                             schema=_escape_pattern(self._schema(connection, schema)), tableType=types)

    @reflection.cache
    def get_table_names(self, connection, schema=None, **kw):
        rows = self._table_rows(connection, schema, None, "TABLE")
        return [self.normalize_name(r[2]) for r in rows]

    @reflection.cache
    def get_view_names(self, connection, schema=None, **kw):
        rows = self._table_rows(connection, schema, None, "VIEW")
        return [self.normalize_name(r[2]) for r in rows]

    def has_table(self, connection, table_name, schema=None, **kw):
        self._ensure_has_table_connection(connection)
        rows = self._table_rows(connection, schema, self.denormalize_name(table_name), "TABLE,VIEW")
        return len(rows) > 0

    def has_index(self, connection, table_name, index_name, schema=None, **kw):
        return any(i["name"] == index_name for i in self.get_indexes(connection, table_name, schema))

    def has_sequence(self, connection, sequence_name, schema=None, **kw):
        return False

    def get_sequence_names(self, connection, schema=None, **kw):
        return []

    def _column_type(self, type_name, data_type, size, digits):
        name = (type_name or "").upper()
        cls = self.ischema_names.get(name) or ktypes.odbc_type_codes.get(data_type)
        if cls is None:
            util.warn(f"Did not recognize Ignite type '{type_name}' (ODBC type {data_type})")
            return sqltypes.NULLTYPE
        if cls in (sqltypes.VARCHAR, sqltypes.CHAR, sqltypes.VARBINARY, sqltypes.BINARY):
            if size and size < ktypes.UNBOUNDED:
                return cls(length=size)
            return cls()
        if cls in (sqltypes.DECIMAL, sqltypes.NUMERIC):
            return cls(precision=size, scale=digits if digits is not None else 0)
        return cls()

    @reflection.cache
    def get_columns(self, connection, table_name, schema=None, **kw):
        rows = self._catalog(connection, "columns", table=_escape_pattern(self.denormalize_name(table_name)),
                             schema=_escape_pattern(self._schema(connection, schema)))
        if not rows:
            raise exc.NoSuchTableError(table_name)
        columns = []
        # SQLColumns: TABLE_CAT, TABLE_SCHEM, TABLE_NAME, COLUMN_NAME, DATA_TYPE, TYPE_NAME,
        # COLUMN_SIZE, BUFFER_LENGTH, DECIMAL_DIGITS, NUM_PREC_RADIX, NULLABLE, REMARKS, COLUMN_DEF,
        # SQL_DATA_TYPE, SQL_DATETIME_SUB, CHAR_OCTET_LENGTH, ORDINAL_POSITION, IS_NULLABLE
        for r in sorted(rows, key=lambda r: r[16] or 0):
            columns.append({
                "name": self.normalize_name(r[3]),
                "type": self._column_type(r[5], r[4], r[6], r[8]),
                "nullable": r[10] != 0,
                "default": r[12],
                "autoincrement": False,
                "comment": r[11] or None,
            })
        return columns

    @reflection.cache
    def get_pk_constraint(self, connection, table_name, schema=None, **kw):
        rows = self._catalog(connection, "primaryKeys", self.denormalize_name(table_name),
                             schema=self._schema(connection, schema))
        rows.sort(key=lambda r: r[4])
        name = rows[0][5] if rows else None
        return {"constrained_columns": [self.normalize_name(r[3]) for r in rows], "name": name}

    def get_foreign_keys(self, connection, table_name, schema=None, **kw):
        return []

    def get_unique_constraints(self, connection, table_name, schema=None, **kw):
        return []

    def get_check_constraints(self, connection, table_name, schema=None, **kw):
        return []

    def get_table_comment(self, connection, table_name, schema=None, **kw):
        return {"text": None}

    # Indexes Ignite makes itself (the primary key's and the affinity key's): not user indexes.
    _internal_indexes = {"_KEY_PK", "_KEY_PK_HASH", "AFFINITY_KEY", "_KEY_PK_PROXY", "AFFINITY_KEY_PROXY"}
    _hidden_columns = {"_KEY", "_VAL"}

    @reflection.cache
    def get_indexes(self, connection, table_name, schema=None, **kw):
        rows = self._catalog(connection, "statistics", self.denormalize_name(table_name),
                             schema=self._schema(connection, schema), unique=False)
        pk = self.get_pk_constraint(connection, table_name, schema, **kw)["constrained_columns"]
        # SQLStatistics: TABLE_CAT, TABLE_SCHEM, TABLE_NAME, NON_UNIQUE, INDEX_QUALIFIER,
        # INDEX_NAME, TYPE, ORDINAL_POSITION, COLUMN_NAME, ASC_OR_DESC, CARDINALITY, PAGES, FILTER
        raw: Dict[str, list] = {}
        for r in sorted((r for r in rows if r[5]), key=lambda r: (r[5], r[7] or 0)):
            raw.setdefault(r[5], []).append(r)
        # A table with a one-column key: Ignite lists each index twice, "I" over the hidden _KEY
        # column and "I_proxy" over the key's real column; use the proxy's columns under I's name.
        for name in list(raw):
            if name.endswith("_proxy") and name[:-6] in raw:
                raw[name[:-6]] = raw.pop(name)
        out = []
        for name, index_rows in raw.items():
            if name.upper() in self._internal_indexes:
                continue
            entry = {"name": self.normalize_name(name), "column_names": [], "unique": index_rows[0][3] == 0,
                     "column_sorting": {}, "dialect_options": {}}
            for r in index_rows:
                if (r[8] or "").upper() in self._hidden_columns:
                    continue
                column = self.normalize_name(r[8])
                entry["column_names"].append(column)
                if r[9] == "D":
                    entry["column_sorting"][column] = ("desc",)
            cols = entry["column_names"]
            # Ignite (H2) appends the primary key's columns to every secondary index it lists.
            if pk and len(cols) > len(pk) and cols[-len(pk):] == pk:
                for dropped in cols[-len(pk):]:
                    entry["column_sorting"].pop(dropped, None)
                del cols[-len(pk):]
            if not entry["column_sorting"]:
                del entry["column_sorting"]
            out.append(entry)
        return out


dialect = KindlingDialect
