"""Loaded holiday arrangements in the database, and what loading one changes (I/O)."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from assistant.db import Database
from assistant.requests.deadlines import BUSINESS_TZ
from assistant.requests.models import CalendarDay, CalendarYear, Request
from assistant.requests.periods import refresh_deadline
from assistant.requests.states import CLOSED
from assistant.requests.workcalendar import WorkCalendar, YearArrangement

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadResult:
    year: int
    holidays: int
    workdays: int
    replaced: bool  # an arrangement for that year had been loaded before
    changed: list[tuple[str, date, date]]  # (number, old due, new due) of open requests


def calendar_in(session: Session) -> WorkCalendar:
    """The working-day calendar with every arrangement loaded so far."""
    holidays: dict[int, dict[date, str]] = defaultdict(dict)
    workdays: dict[int, dict[date, str]] = defaultdict(dict)
    sources = dict(session.execute(select(CalendarYear.year, CalendarYear.source)).all())
    for row in session.scalars(select(CalendarDay)):
        (workdays if row.workday else holidays)[row.year][row.day] = row.name
    return WorkCalendar.of(
        YearArrangement(year, holidays[year], workdays[year], source)
        for year, source in sources.items()
    )


def load_calendar(db: Database) -> WorkCalendar:
    with db.session() as session:
        return calendar_in(session)


def loaded_years(db: Database) -> list[tuple[int, str, str, datetime]]:
    """(year, source, loaded_by, loaded_at) of every loaded arrangement, by year."""
    with db.session() as session:
        rows = session.execute(
            select(
                CalendarYear.year,
                CalendarYear.source,
                CalendarYear.loaded_by,
                CalendarYear.loaded_at,
            ).order_by(CalendarYear.year)
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def store_arrangement(
    db: Database, arrangement: YearArrangement, *, actor: str, now: datetime | None = None
) -> LoadResult:
    """Replace the year's arrangement and recompute every open request's deadline with it,
    in one transaction."""
    with db.session() as session:
        replaced = session.get(CalendarYear, arrangement.year) is not None
        session.execute(delete(CalendarDay).where(CalendarDay.year == arrangement.year))
        session.merge(
            CalendarYear(
                year=arrangement.year,
                source=arrangement.source,
                loaded_by=actor,
                loaded_at=now or datetime.now(BUSINESS_TZ),
            )
        )
        session.flush()
        session.add_all(
            [
                CalendarDay(year=arrangement.year, day=d, workday=False, name=n)
                for d, n in arrangement.holidays.items()
            ]
            + [
                CalendarDay(year=arrangement.year, day=d, workday=True, name=n)
                for d, n in arrangement.workdays.items()
            ]
        )
        session.flush()
        calendar = calendar_in(session)
        changed = []
        # Events in one query, not one per request: a portal may have thousands open.
        query = (
            select(Request)
            .where(Request.status.not_in([s.value for s in CLOSED]))
            .options(selectinload(Request.events))
        )
        for request in session.scalars(query.order_by(Request.number)):
            before = request.due_date
            refresh_deadline(request, calendar)
            if request.due_date != before:
                changed.append((request.number, before, request.due_date))
    log.info(
        "calendar %s loaded by %s: %d deadlines changed", arrangement.year, actor, len(changed)
    )
    return LoadResult(
        arrangement.year,
        len(arrangement.holidays),
        len(arrangement.workdays),
        replaced,
        changed,
    )
