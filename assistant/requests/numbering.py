"""受理编号 allocation from a database-side counter, safe across processes."""

from __future__ import annotations

from sqlalchemy import text, update
from sqlalchemy.orm import Session

from assistant.requests.models import RequestCounter

PREFIX = "GK"


def format_number(year: int, sequence: int) -> str:
    return f"{PREFIX}-{year}-{sequence:06d}"


def begin_write(session: Session) -> None:
    """Take the database's write lock now, before the transaction reads anything.

    SQLite's default deferred transaction reads first and upgrades to a write lock later;
    under concurrent writers that upgrade fails at once with "database is locked" instead
    of waiting for busy_timeout. BEGIN IMMEDIATE waits its turn. PostgreSQL needs nothing:
    the counter's UPDATE locks the row until commit.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("BEGIN IMMEDIATE"))


def allocate_numbers(session: Session, year: int, count: int = 1) -> list[str]:
    """Reserve `count` consecutive 受理编号 of `year` within the caller's transaction.

    The counter row is incremented in the same transaction that inserts the requests, so a
    rolled-back intake gives its numbers back and two transactions never see the same value.
    """
    if count < 1:
        raise ValueError(f"count must be positive, got {count}")
    session.execute(
        text("INSERT INTO request_counters (year, last) VALUES (:year, 0) ON CONFLICT DO NOTHING"),
        {"year": year},
    )
    last = session.execute(
        update(RequestCounter)
        .where(RequestCounter.year == year)
        .values(last=RequestCounter.last + count)
        .returning(RequestCounter.last)
    ).scalar_one()
    return [format_number(year, sequence) for sequence in range(last - count + 1, last + 1)]
