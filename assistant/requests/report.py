"""The section 三 table of an agency's year from the stored request log (I/O)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select

from assistant.db import Database
from assistant.requests.models import Request
from assistant.requests.stats import RequestFacts, Section3Table, compute_section3


def agencies(db: Database) -> list[str]:
    """Every agency that has at least one request, sorted."""
    with db.session() as session:
        return list(session.scalars(select(Request.agency).distinct().order_by(Request.agency)))


def section3_for(db: Database, agency: str, year: int, fmt: str | None = None) -> Section3Table:
    """Reads only what the table needs — no personal field leaves the database here. The
    table is in `fmt`, by default the format that reports for `year` were due in."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    query = select(
        Request.applicant_type, Request.received_date, Request.closed_date, Request.result
    ).where(
        Request.agency == agency,
        Request.spam.is_(False),  # marked by staff: kept, never counted
        Request.received_date <= last,
        or_(Request.closed_date.is_(None), Request.closed_date >= first),
    )
    with db.session() as session:
        rows = session.execute(query).all()
    return compute_section3((RequestFacts(*row) for row in rows), year, fmt)
