"""SQLAlchemy engines: SQLite in the run directory by default, PostgreSQL in production."""
from __future__ import annotations

from sqlalchemy import Engine, MetaData, create_engine, event, inspect, text


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, a busy timeout and foreign keys."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 15, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=15000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return create_engine(url, pool_size=5, max_overflow=5, pool_pre_ping=True)


def create_schema(engine: Engine, metadata: MetaData) -> None:
    """Create the service's tables if they are missing (idempotent across replicas), and add
    the nullable columns a newer version declares to a table an older one made."""
    metadata.create_all(engine, checkfirst=True)
    for table in metadata.sorted_tables:
        existing = {column["name"] for column in inspect(engine).get_columns(table.name)}
        added = [c for c in table.columns if c.name not in existing and c.nullable]
        with engine.begin() as conn:
            for column in added:
                conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {column.name} "
                                  f"{column.type.compile(engine.dialect)}"))


def ping(engine: Engine) -> None:
    """Raise unless the database answers a trivial query."""
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
