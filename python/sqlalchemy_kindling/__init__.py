"""SQLAlchemy dialect for Apache Ignite 2.x over pyodbc and the Kindling ODBC driver.

``create_engine("ignite+kindling://host:port/SCHEMA?key=value")``; see README.md.
"""
from sqlalchemy.dialects import registry as _registry

from .dialect import IGNITE_WITH_KEYS, KindlingDialect, connection_string_from_url
from .types import UUID

__all__ = ["KindlingDialect", "UUID", "IGNITE_WITH_KEYS", "connection_string_from_url"]
__version__ = "0.1.0"

# Also usable without the entry point (e.g. from a source tree on sys.path).
_registry.register("ignite.kindling", "sqlalchemy_kindling.dialect", "KindlingDialect")
_registry.register("ignite", "sqlalchemy_kindling.dialect", "KindlingDialect")
