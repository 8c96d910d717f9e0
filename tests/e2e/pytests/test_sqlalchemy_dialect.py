"""The ``ignite+kindling`` SQLAlchemy dialect (python/sqlalchemy_kindling) against the real clusters,
through the unixODBC driver manager and the build tree's driver (DRIVER=Kindling of the build
tree's odbcinst.ini, or the test DSNs).

Covered: the URL -> connection string, the entry point, type mapping both ways, DDL (primary key
required, ``ignite_with``, no foreign keys), LIMIT/OFFSET, Core and ORM round trips on both server
kinds, and the inspector (schemas, tables, columns with types, primary keys, indexes).
"""
import datetime
import decimal
import importlib.metadata
import os
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.schema import CreateTable

import sqlalchemy_kindling
from conftest import DSN_PLAIN, DSN_TX, SERVER_KINDS

D = decimal.Decimal
HOST = os.environ.get("KINDLING_TEST_HOST", "127.0.0.1")
PORT = os.environ.get("KINDLING_TEST_PORT", "10900")


def url_engine(**kwargs):
    """An engine from a host:port URL: DRIVER={Kindling} (the build tree's registration)."""
    return sa.create_engine(f"ignite+kindling://{HOST}:{PORT}/PUBLIC", **kwargs)


def dsn_engine(dsn, **kwargs):
    return sa.create_engine(f"ignite+kindling://?dsn={dsn}", **kwargs)


def tx_table_kwargs(dsn):
    return {"ignite_with": {"atomicity": "transactional"}} if dsn == DSN_TX else {}


def drop(engine, *tables):
    with engine.connect() as conn:
        for t in tables:
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {t}")
        conn.commit()


# --- no server --------------------------------------------------------------------------------

def test_url_becomes_a_kindling_connection_string():
    make = lambda url: sa.create_engine(url).dialect.create_connect_args(sa.engine.make_url(url))[0][0]
    assert make("ignite+kindling://10.0.0.5:10801/MYSCHEMA") == "DRIVER={Kindling};ADDRESS=10.0.0.5:10801;SCHEMA=MYSCHEMA"
    assert make("ignite+kindling://db") == "DRIVER={Kindling};ADDRESS=db:10800"
    assert make("ignite+kindling://ignite:s%3Bcret@h:1/PUBLIC?ssl_mode=require&page_size=64") == \
        "DRIVER={Kindling};ADDRESS=h:1;SCHEMA=PUBLIC;UID=ignite;PWD={s;cret};SSL_MODE=require;PAGE_SIZE=64"
    assert make("ignite+kindling://?dsn=IgniteLocal&include_sys_schema=true") == "DSN=IgniteLocal"
    assert make("ignite+kindling://?driver=/opt/k/libkindling-odbc.so&address=a:1,b:2..4") == \
        "DRIVER=/opt/k/libkindling-odbc.so;ADDRESS={a:1,b:2..4}" or \
        make("ignite+kindling://?driver=/opt/k/libkindling-odbc.so&address=a:1,b:2..4") == \
        "DRIVER=/opt/k/libkindling-odbc.so;ADDRESS=a:1,b:2..4"


def test_entry_point_is_registered():
    points = importlib.metadata.entry_points(group="sqlalchemy.dialects")
    names = {p.name for p in points}
    if "ignite.kindling" not in names:
        pytest.skip("sqlalchemy-kindling is not pip-installed in this environment (pip install ./python)")
    assert sa.create_engine("ignite+kindling://x").dialect.__class__ is sqlalchemy_kindling.KindlingDialect


def test_types_to_ddl():
    meta = sa.MetaData()
    t = sa.Table(
        "types_ddl", meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("big", sa.BigInteger), sa.Column("small", sa.SmallInteger),
        sa.Column("flag", sa.Boolean), sa.Column("ratio", sa.Float), sa.Column("real4", sa.Float(precision=10)),
        sa.Column("dbl", sa.Double), sa.Column("amount", sa.Numeric(12, 3)), sa.Column("name", sa.String(40)),
        sa.Column("free", sa.String), sa.Column("text", sa.Text), sa.Column("uni", sa.Unicode(5)),
        sa.Column("day", sa.Date), sa.Column("at", sa.DateTime), sa.Column("clock", sa.Time),
        sa.Column("guid", sa.Uuid), sa.Column("blob", sa.LargeBinary), sa.Column("bin", sa.VARBINARY(16)),
        sa.Column("kind", sa.Enum("a", "bb", name="kind_enum")),
    )
    ddl = str(CreateTable(t).compile(dialect=sqlalchemy_kindling.KindlingDialect())).split("\n")
    body = [line.strip().rstrip(",") for line in ddl
            if line.strip() and not line.strip().startswith("CREATE TABLE") and line.strip() != ")"]
    assert body == [
        "id INTEGER NOT NULL", "big BIGINT", "small SMALLINT", "flag BOOLEAN", "ratio DOUBLE", "real4 REAL",
        "dbl DOUBLE", "amount DECIMAL(12, 3)", "name VARCHAR(40)", "free VARCHAR", "text VARCHAR", "uni VARCHAR(5)",
        '"DAY" DATE', "at TIMESTAMP", "clock TIME", "guid UUID", "blob VARBINARY", "bin VARBINARY(16)",
        "kind VARCHAR(2)", "PRIMARY KEY (id)"]


def test_primary_key_required_at_compile_time():
    t = sa.Table("no_pk", sa.MetaData(), sa.Column("a", sa.Integer), sa.Column("b", sa.String))
    with pytest.raises(sa.exc.CompileError, match=r"Apache Ignite requires a PRIMARY KEY.*'no_pk'"):
        CreateTable(t).compile(dialect=sqlalchemy_kindling.KindlingDialect())


def test_ignite_with_options():
    t = sa.Table("with_opts", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True),
                 sa.Column("city_id", sa.Integer, primary_key=True), sa.Column("v", sa.String),
                 ignite_with={"template": "partitioned", "backups": 1, "affinity_key": "city_id",
                              "cache_name": "with_opts_cache", "wrap_value": True})
    ddl = str(CreateTable(t).compile(dialect=sqlalchemy_kindling.KindlingDialect()))
    assert ddl.rstrip().endswith(
        'WITH "TEMPLATE=partitioned,BACKUPS=1,AFFINITY_KEY=CITY_ID,CACHE_NAME=with_opts_cache,WRAP_VALUE=true"')
    bad = sa.Table("bad_opts", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True),
                   ignite_with={"tempalte": "partitioned"})
    with pytest.raises(sa.exc.CompileError, match="unknown Ignite CREATE TABLE option 'tempalte'"):
        CreateTable(bad).compile(dialect=sqlalchemy_kindling.KindlingDialect())


def test_limit_offset_compilation():
    t = sa.table("t", sa.column("a"))
    d = sqlalchemy_kindling.KindlingDialect()
    sql = lambda q: " ".join(str(q.compile(dialect=d)).split())
    assert sql(sa.select(t).limit(10)) == "SELECT t.a FROM t LIMIT 10"
    assert sql(sa.select(t).limit(10).offset(20)) == "SELECT t.a FROM t LIMIT 10 OFFSET 20"
    assert sql(sa.select(t).offset(5)) == "SELECT t.a FROM t OFFSET 5"


def test_foreign_keys_are_not_sent():
    meta = sa.MetaData()
    sa.Table("parent_fk", meta, sa.Column("id", sa.Integer, primary_key=True))
    child = sa.Table("child_fk", meta, sa.Column("id", sa.Integer, primary_key=True),
                     sa.Column("parent_id", sa.ForeignKey("parent_fk.id")))
    ddl = str(CreateTable(child).compile(dialect=sqlalchemy_kindling.KindlingDialect()))
    assert "FOREIGN KEY" not in ddl and "REFERENCES" not in ddl


# --- against the clusters ---------------------------------------------------------------------

ALL_TYPES = "sad_all_types"


@pytest.fixture
def all_types_table():
    engine = url_engine()
    meta = sa.MetaData()
    table = sa.Table(
        ALL_TYPES, meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("region", sa.String(10), primary_key=True),
        sa.Column("tiny", sqlalchemy_kindling.types.TINYINT), sa.Column("small", sa.SmallInteger),
        sa.Column("big", sa.BigInteger), sa.Column("real4", sa.REAL), sa.Column("dbl", sa.Double),
        sa.Column("amount", sa.Numeric(12, 3)), sa.Column("free", sa.String), sa.Column("name", sa.String(30), nullable=False),
        sa.Column("flag", sa.Boolean), sa.Column("day", sa.Date), sa.Column("clock", sa.Time),
        sa.Column("at", sa.DateTime), sa.Column("guid", sa.Uuid), sa.Column("blob", sa.LargeBinary),
        sa.Index("sad_all_types_big_dbl", "big", sa.text("dbl DESC")),
        sa.Index("sad_all_types_name", "name"),
        ignite_with={"template": "partitioned", "backups": 1, "affinity_key": "region"},
    )
    drop(engine, ALL_TYPES)
    meta.create_all(engine)
    try:
        yield engine, table
    finally:
        meta.drop_all(engine)
        engine.dispose()


def test_core_round_trip_of_every_type(all_types_table):
    engine, t = all_types_table
    g = uuid.UUID("12345678-1234-5678-9abc-def012345678")
    rows = [
        dict(id=1, region="eu", tiny=7, small=-300, big=2**40, real4=1.5, dbl=2.25, amount=D("12345.678"),
             free="Zoë 東京 😀", name="one", flag=True, day=datetime.date(2024, 1, 15), clock=datetime.time(13, 45, 1),
             at=datetime.datetime(2024, 1, 15, 13, 45, 1, 123000), guid=g, blob=b"\x00\x01\xff"),
        dict(id=2, region="us", tiny=None, small=None, big=None, real4=None, dbl=None, amount=None, free=None,
             name="two", flag=None, day=None, clock=None, at=None, guid=None, blob=None),
    ]
    with engine.begin() as conn:
        conn.execute(t.insert(), rows)
    with engine.connect() as conn:
        got = [dict(r._mapping) for r in conn.execute(sa.select(t).order_by(t.c.id))]
        assert got == rows
        assert isinstance(got[0]["guid"], uuid.UUID)
        # A UUID as a parameter, LIMIT/OFFSET with the server.
        assert conn.execute(sa.select(t.c.id).where(t.c.guid == g)).scalar_one() == 1
        assert conn.execute(sa.select(t.c.id).order_by(t.c.id).limit(1).offset(1)).scalar_one() == 2
        assert conn.execute(sa.select(t.c.id).order_by(t.c.id).offset(1)).scalars().all() == [2]
        assert conn.execute(sa.select(sa.func.count()).select_from(t).where(t.c.flag.is_(True))).scalar() == 1
    with engine.begin() as conn:
        assert conn.execute(t.update().where(t.c.id == 2).values(name="deux", flag=False)).rowcount == 1
        assert conn.execute(t.delete().where(t.c.id == 1)).rowcount == 1
    with engine.connect() as conn:
        assert conn.execute(sa.select(t.c.id, t.c.name, t.c.flag)).all() == [(2, "deux", False)]


def test_inspector(all_types_table):
    engine, t = all_types_table
    insp = sa.inspect(engine)
    assert "public" in insp.get_schema_names()
    assert "sys" not in insp.get_schema_names()                     # hidden by default
    assert ALL_TYPES in insp.get_table_names()
    assert insp.has_table(ALL_TYPES) and not insp.has_table("sad_all_typesx")
    assert not insp.has_table("sad_all_type_")                      # "_" is no wildcard here
    cols = insp.get_columns(ALL_TYPES)
    assert [c["name"] for c in cols] == [c.name for c in t.columns]
    types = {c["name"]: c["type"] for c in cols}
    expect = {
        "id": sa.INTEGER, "region": sa.VARCHAR, "tiny": sqlalchemy_kindling.types.TINYINT, "small": sa.SMALLINT,
        "big": sa.BIGINT, "real4": sa.REAL, "dbl": sa.DOUBLE, "amount": sa.DECIMAL, "free": sa.VARCHAR,
        "name": sa.VARCHAR, "flag": sa.BOOLEAN, "day": sa.DATE, "clock": sa.TIME, "at": sa.TIMESTAMP,
        "guid": sqlalchemy_kindling.UUID, "blob": sa.VARBINARY,
    }
    for name, cls in expect.items():
        assert type(types[name]) is cls, f"{name}: {types[name]!r}"
    assert types["region"].length == 10 and types["name"].length == 30 and types["free"].length is None
    assert (types["amount"].precision, types["amount"].scale) == (12, 3)
    nullable = {c["name"]: c["nullable"] for c in cols}
    assert nullable["id"] is False and nullable["name"] is False and nullable["free"] is True
    assert insp.get_pk_constraint(ALL_TYPES)["constrained_columns"] == ["id", "region"]
    indexes = {i["name"]: i for i in insp.get_indexes(ALL_TYPES)}
    assert set(indexes) == {"sad_all_types_big_dbl", "sad_all_types_name"}
    assert indexes["sad_all_types_big_dbl"]["column_names"] == ["big", "dbl"]
    assert indexes["sad_all_types_big_dbl"]["column_sorting"] == {"dbl": ("desc",)}
    assert indexes["sad_all_types_name"]["column_names"] == ["name"]
    assert indexes["sad_all_types_name"]["unique"] is False
    assert insp.get_foreign_keys(ALL_TYPES) == []
    # The SYS schema is there when asked for by name, and listed with include_sys_schema.
    assert "tables" in insp.get_view_names("sys") + insp.get_table_names("sys")
    sys_engine = url_engine(include_sys_schema=True)
    try:
        assert "sys" in sa.inspect(sys_engine).get_schema_names()
    finally:
        sys_engine.dispose()
    # Reflection into a Table, and the reflected table used for a query.
    reflected = sa.Table(ALL_TYPES, sa.MetaData(), autoload_with=engine)
    assert [c.name for c in reflected.primary_key] == ["id", "region"]
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(reflected)).scalar() == 0


def test_inspector_on_a_one_column_key():
    """A one-column primary key: Ignite keeps it as the cache key itself (hidden column _KEY)."""
    engine = url_engine()
    meta = sa.MetaData()
    t = sa.Table("sad_one_key", meta, sa.Column("id", sa.BigInteger, primary_key=True),
                 sa.Column("bi", sa.BigInteger, index=True), sa.Column("label", sa.String(10)),
                 sa.Index("sad_one_key_label_bi", "label", "bi"))
    drop(engine, "sad_one_key")
    meta.create_all(engine)
    try:
        insp = sa.inspect(engine)
        assert [c["name"] for c in insp.get_columns("sad_one_key")] == ["id", "bi", "label"]
        assert insp.get_pk_constraint("sad_one_key")["constrained_columns"] == ["id"]
        indexes = sorted((i["name"], i["column_names"], i["unique"]) for i in insp.get_indexes("sad_one_key"))
        assert indexes == [("ix_sad_one_key_bi", ["bi"], False), ("sad_one_key_label_bi", ["label", "bi"], False)]
        assert insp.has_index("sad_one_key", "ix_sad_one_key_bi")
    finally:
        meta.drop_all(engine)
        engine.dispose()


def test_ignite_with_reaches_the_server(all_types_table):
    engine, _ = all_types_table
    with engine.connect() as conn:
        cache, affinity = conn.exec_driver_sql(
            "SELECT CACHE_NAME, AFFINITY_KEY_COLUMN FROM SYS.TABLES WHERE TABLE_NAME = 'SAD_ALL_TYPES'").one()
        assert affinity == "REGION"
        mode, backups = conn.exec_driver_sql(
            "SELECT CACHE_MODE, BACKUPS FROM SYS.CACHES WHERE CACHE_NAME = ?", (cache,)).one()
        assert (mode, backups) == ("PARTITIONED", 1)


@pytest.mark.parametrize("dsn", SERVER_KINDS)
def test_core_on_both_server_kinds(dsn):
    engine = dsn_engine(dsn)
    name = "sad_core_tx" if dsn == DSN_TX else "sad_core"
    meta = sa.MetaData()
    t = sa.Table(name, meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("label", sa.String(20)),
                 sa.Column("amount", sa.Numeric(10, 2)), **tx_table_kwargs(dsn))
    drop(engine, name)
    meta.create_all(engine)
    try:
        with engine.begin() as conn:
            conn.execute(t.insert(), [{"id": i, "label": f"row {i}", "amount": D(i) / 4} for i in range(10)])
        with engine.connect() as conn:
            q = sa.select(t.c.id).where(t.c.amount > D("0.5")).order_by(t.c.id.desc()).limit(3).offset(1)
            assert conn.execute(q).scalars().all() == [8, 7, 6]
        if dsn == DSN_TX:
            # A real transaction: a rolled-back insert is not there.
            with pytest.raises(RuntimeError):
                with engine.begin() as conn:
                    conn.execute(t.insert(), {"id": 100, "label": "gone", "amount": D(1)})
                    raise RuntimeError("roll back")
        with engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() == 10
        assert sa.inspect(engine).get_pk_constraint(name)["constrained_columns"] == ["id"]
    finally:
        meta.drop_all(engine)
        engine.dispose()


class Base(orm.DeclarativeBase):
    pass


class Country(Base):
    __tablename__ = "sad_orm_country"
    code: orm.Mapped[str] = orm.mapped_column(sa.String(3), primary_key=True)
    name: orm.Mapped[str] = orm.mapped_column(sa.String(50))
    cities: orm.Mapped[list["City"]] = orm.relationship(back_populates="country", order_by="City.id")


class City(Base):
    __tablename__ = "sad_orm_city"
    __table_args__ = {"ignite_with": {"template": "partitioned", "affinity_key": "country_code"}}
    id: orm.Mapped[int] = orm.mapped_column(primary_key=True, autoincrement=False)
    # A foreign key for the ORM's joins; never sent to Ignite (which has none).
    country_code: orm.Mapped[str] = orm.mapped_column(sa.ForeignKey("sad_orm_country.code"), primary_key=True)
    name: orm.Mapped[str] = orm.mapped_column(sa.String(50))
    population: orm.Mapped[int | None] = orm.mapped_column(sa.BigInteger)
    founded: orm.Mapped[datetime.date | None]
    key: orm.Mapped[uuid.UUID | None]
    country: orm.Mapped[Country] = orm.relationship(back_populates="cities")


def test_orm_round_trip():
    engine = url_engine()
    drop(engine, "sad_orm_city", "sad_orm_country")
    Base.metadata.create_all(engine)
    try:
        k = uuid.uuid4()
        with orm.Session(engine) as session:
            nl = Country(code="NLD", name="Netherlands")
            jp = Country(code="JPN", name="日本")
            nl.cities = [City(id=1, name="Amsterdam", population=731200, founded=datetime.date(1275, 10, 27), key=k),
                         City(id=2, name="Rotterdam", population=593321)]
            jp.cities = [City(id=3, name="東京", population=13960000)]
            session.add_all([nl, jp])
            session.commit()
        with orm.Session(engine) as session:
            nl = session.get(Country, "NLD")
            assert [c.name for c in nl.cities] == ["Amsterdam", "Rotterdam"]
            ams = session.scalars(sa.select(City).where(City.key == k)).one()
            assert (ams.name, ams.founded, ams.country.name) == ("Amsterdam", datetime.date(1275, 10, 27), "Netherlands")
            big = session.scalars(sa.select(City.name).join(City.country).where(Country.code == "JPN")).all()
            assert big == ["東京"]
            ams.population = 1
            session.delete(session.get(City, (2, "NLD")))
            session.commit()
        with orm.Session(engine) as session:
            rows = session.execute(sa.select(City.id, City.population).order_by(City.id)).all()
            assert rows == [(1, 1), (3, 13960000)]
            page = session.scalars(sa.select(City.name).order_by(City.id).limit(1).offset(1)).all()
            assert page == ["東京"]
        insp = sa.inspect(engine)
        assert {"sad_orm_city", "sad_orm_country"} <= set(insp.get_table_names())
        assert insp.get_pk_constraint("sad_orm_city")["constrained_columns"] == ["id", "country_code"]
    finally:
        Base.metadata.drop_all(engine)
        engine.dispose()
