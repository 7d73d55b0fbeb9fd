"""What staff read: open requests sorted by deadline, and a request's history (I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from assistant.db import Database
from assistant.requests.calendar_store import calendar_in
from assistant.requests.deadlines import deadline_flags
from assistant.requests.models import Request, RequestEvent
from assistant.requests.review import load
from assistant.requests.states import CLOSED, PERIOD_STOPPED, Status


@dataclass(frozen=True)
class QueueItem:
    """One open request in the staff queue; the applicant's name is for staff eyes only.

    `due_within_3_days` counts working days, as the deadlines do: at most three working
    days left, the due day counted and today not. While the period stands still (待补正,
    待缴费) a request is neither overdue nor due soon; `waiting_until` is then the
    applicant's own deadline (补正期限 or 缴费期限).
    """

    number: str
    agency: str
    applicant_type: str
    applicant_name: str = field(repr=False)
    received_date: date
    status: str
    due_date: date
    due_estimated: bool
    overdue: bool
    due_within_3_days: bool
    waiting_until: date | None = None


def queue(
    db: Database, today: date, *, agency: str | None = None, overdue_only: bool = False
) -> list[QueueItem]:
    """Open requests sorted by deadline, flagged overdue or due within 3 working days."""
    query = select(Request).where(Request.status.not_in([status.value for status in CLOSED]))
    if agency is not None:
        query = query.where(Request.agency == agency)
    if overdue_only:
        query = query.where(
            Request.due_date < today,
            Request.status.not_in([status.value for status in PERIOD_STOPPED]),
        )
    with db.session() as session:
        requests = session.scalars(query.order_by(Request.due_date, Request.number)).all()
        calendar = calendar_in(session)
    items = []
    for request in requests:
        waiting_until = None
        if request.status in PERIOD_STOPPED:
            # The period has not started or stands still: nothing can be late yet.
            overdue, due_soon = False, False
            waiting_until = (
                request.supplement_due
                if request.status == Status.AWAITING_SUPPLEMENT
                else request.fee_due
            )
        else:
            overdue, due_soon = deadline_flags(request.due_date, today, calendar)
        items.append(
            QueueItem(
                number=request.number,
                agency=request.agency,
                applicant_type=request.applicant_type,
                applicant_name=request.applicant_name,
                received_date=request.received_date,
                status=request.status,
                due_date=request.due_date,
                due_estimated=request.due_estimated,
                overdue=overdue,
                due_within_3_days=due_soon,
                waiting_until=waiting_until,
            )
        )
    return items


def history(db: Database, number: str) -> list[RequestEvent]:
    """The audit trail of one request, oldest first."""
    with db.session() as session:
        return list(load(session, number).events)
