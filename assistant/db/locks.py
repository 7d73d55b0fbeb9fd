"""Named locks shared by every process and instance using one database.

Work that reads, then writes across two stores (an ingest: SQL record and Chroma chunks)
cannot be made atomic by one transaction, so two instances doing the same work at once
take turns instead. PostgreSQL: a session-level advisory lock on a connection held for the
duration (the server releases it when that connection ends, also when a process is
killed). SQLite lives on one machine: an flock on a file beside the database, which the
kernel releases when the process dies.
"""

from __future__ import annotations

import fcntl
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for `name` (advisory locks are named by a bigint)."""
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big", signed=True)


@contextmanager
def advisory_lock(engine: Engine, name: str) -> Iterator[None]:
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": lock_key(name)})
        conn.commit()  # the lock belongs to the session, not to this transaction
        try:
            yield
        finally:
            # If the connection died meanwhile, the server has dropped the lock with it.
            with suppress(DBAPIError):
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": lock_key(name)})
                conn.commit()


@contextmanager
def file_lock(directory: Path, name: str) -> Iterator[None]:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{lock_key(name) & 0xFFFFFFFFFFFFFFFF:016x}.lock"
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
