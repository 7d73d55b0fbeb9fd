"""Engine and session handling for SQLite (default) and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseUnavailable(Exception):
    """The database refused or dropped the connection (restart, failover, network), or
    PostgreSQL aborted the transaction to resolve a conflict: the work was rolled back and
    the same call may simply be retried. `str(error)` is the message for the user.

    When the connection died during COMMIT the server may have committed anyway; callers
    whose retry must not store twice (request intake) already refuse a duplicate.
    """

    def __init__(self) -> None:
        super().__init__("系统繁忙，请稍后重试")


def _is_transient(exc: BaseException, dialect: str) -> bool:
    if not isinstance(exc, DBAPIError):
        return False
    # psycopg's OperationalError means the server or the connection failed (shutdown,
    # lost or refused connection, too many clients) or a conflict aborted the transaction
    # (serialization failure, deadlock): worth a retry. SQLite also uses it for schema
    # errors (bugs), so there only a detected disconnect counts.
    return exc.connection_invalidated or (
        dialect != "sqlite" and isinstance(exc, OperationalError)
    )


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    # WAL lets readers continue while one process writes; busy_timeout makes
    # concurrent writers (several intake processes) wait instead of failing.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


class Database:
    """Owns the engine and hands out transactional sessions."""

    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith("sqlite"):
            path = url.split("///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.engine = create_engine(url, pool_pre_ping=True)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def migrate(self) -> None:
        """Bring the schema to the newest revision (idempotent)."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on any error.

        A lost connection raises `DatabaseUnavailable`; the next session reconnects
        (pool_pre_ping replaces the pooled connections the server dropped).
        """
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException as exc:
            session.rollback()
            if _is_transient(exc, self.engine.dialect.name):
                raise DatabaseUnavailable() from exc
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
