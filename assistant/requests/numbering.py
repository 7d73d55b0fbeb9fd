"""受理编号 allocation from a database-side counter, safe across processes and instances.

A counter row per year rather than a PostgreSQL sequence: numbers stay gapless (a rolled
back intake returns its number) and restart at 1 each year, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from sqlalchemy import text, update
from sqlalchemy.orm import Session

from assistant.requests.models import RequestCounter

PREFIX = "GK"
# Any fixed number: PostgreSQL advisory locks are named by a bigint shared per database.
INTAKE_LOCK_ID = 7_301_001


def format_number(year: int, sequence: int) -> str:
    return f"{PREFIX}-{year}-{sequence:06d}"


def begin_write(session: Session) -> None:
    """Serialise intake transactions now, before the transaction reads anything.

    Intake checks for a duplicate first and inserts afterwards; two instances receiving the
    same form at once must not both pass the check. SQLite: BEGIN IMMEDIATE takes the
    database's write lock up front (a deferred transaction's later upgrade would fail at
    once with "database is locked" instead of waiting for busy_timeout). PostgreSQL: a
    transaction-scoped advisory lock, released at commit or rollback, and also when a
    dropped connection ends the session; other writers (staff review) are not blocked.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        session.execute(text("BEGIN IMMEDIATE"))
    elif dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": INTAKE_LOCK_ID})


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
