"""A request's answer deadline from its recorded dates and audit trail (no I/O: it reads and
sets fields of a loaded `Request`)."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.requests.deadlines import (
    FEE_PAYMENT_DAYS,
    Deadline,
    Pause,
    answer_deadline,
)
from assistant.requests.models import Request, RequestEvent
from assistant.requests.states import CLOSED, Status
from assistant.requests.workcalendar import WorkCalendar


def consultation_pauses(events: Sequence[RequestEvent]) -> list[Pause]:
    """The consultations recorded in an audit trail, the last one possibly still open. A step
    taken during a consultation (an extension) neither opens nor closes one."""
    pauses: list[Pause] = []
    for event in events:
        entering = event.to_status == Status.CONSULTING and event.from_status != Status.CONSULTING
        leaving = event.from_status == Status.CONSULTING and event.to_status != Status.CONSULTING
        if entering:
            pauses.append(Pause(event.on_date))
        elif leaving and pauses:
            pauses[-1] = Pause(pauses[-1].start, event.on_date)
    return pauses


def deadline_of(request: Request, calendar: WorkCalendar) -> Deadline:
    """The answer deadline after every rule recorded so far.

    While a 补正 is awaited the period has not started (第三十条): the date shown is the one
    that applies if the supplement arrives on the last day of its period, an estimate.
    """
    pauses = consultation_pauses(request.events)
    if request.fee_notice_on is not None:
        pauses.append(Pause(request.fee_notice_on, request.fee_paid_on, FEE_PAYMENT_DAYS))
    supplemented_on = request.supplemented_on
    awaiting_supplement = request.status == Status.AWAITING_SUPPLEMENT
    if awaiting_supplement:
        supplemented_on = request.supplement_due
    deadline = answer_deadline(
        request.received_date,
        supplemented_on=supplemented_on,
        extension_days=request.extension_days,
        pauses=pauses,
        calendar=calendar,
    )
    if awaiting_supplement:
        return Deadline(deadline.due, estimated=True)
    return deadline


def refresh_deadline(request: Request, calendar: WorkCalendar) -> None:
    """Store the deadline of an open request (a closed one keeps its last deadline)."""
    if request.status in CLOSED:
        return
    deadline = deadline_of(request, calendar)
    request.due_date, request.due_estimated = deadline.due, deadline.estimated
