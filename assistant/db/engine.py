"""Engine and session handling for SQLite (default) and PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from functools import partial
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from assistant.db.locks import advisory_lock, file_lock

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Instances starting together on an empty PostgreSQL database migrate one at a time.
MIGRATION_LOCK = "govqa:migrate"


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


def _owner_only(path: Path) -> None:
    """Create the SQLite file readable and writable by this user only (it holds personal
    data); SQLite gives its -wal and -shm files the same permissions as the database."""
    if path.exists():
        path.chmod(0o600)
    else:
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


class Database:
    """Owns the engine and hands out transactional sessions. Error texts never carry the
    statement's values (`hide_parameters`): they are applicants' personal data."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._locker: Callable[[str], AbstractContextManager[None]]
        if url.startswith("sqlite"):
            path = make_url(url).database
            if not path or path == ":memory:":
                raise ValueError(f"SQLite needs a database file, not {url!r}")
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            _owner_only(Path(path))
            self.engine: Engine = create_engine(
                url, connect_args={"timeout": 30}, hide_parameters=True
            )
            event.listen(self.engine, "connect", _sqlite_pragmas)
            self._locker = partial(file_lock, Path(path).parent / f"{Path(path).name}.locks")
        else:
            self.engine = create_engine(url, pool_pre_ping=True, hide_parameters=True)
            self._locker = partial(advisory_lock, self.engine)
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
        with self.lock(MIGRATION_LOCK), self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    @contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """Hold the lock `name` against every process using this database, waiting for it
        if needed (see `assistant.db.locks`). Raises `DatabaseUnavailable` when the
        database cannot be reached to take it."""
        with ExitStack() as held:
            try:
                held.enter_context(self._locker(name))
            except DBAPIError as exc:
                if _is_transient(exc, self.engine.dialect.name):
                    raise DatabaseUnavailable() from exc
                raise
            yield

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
