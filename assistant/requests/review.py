"""Staff actions on a request and the deadline-sorted queue (I/O).

Every action moves the request through the state machine (`states`), checks the 条例's
deadline rules that apply to it, recomputes the answer deadline, and appends an audit
event (who, when, the business day, from, to, note). `on` is the business day the step
took effect — staff may record a step a day late — and `now` the recording time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db import Database
from assistant.requests import messages as msg
from assistant.requests.deadlines import (
    BUSINESS_TZ,
    MAX_EXTENSION_DAYS,
    Pause,
    answer_deadline,
    deadline_flags,
    supplement_notice_deadline,
)
from assistant.requests.errors import IllegalTransition, UnknownRequest
from assistant.requests.models import Request, RequestEvent
from assistant.requests.states import CLOSED, Status, check_transition
from assistant.requests.vocabulary import ABANDONED_RESULT, RESULT_CATEGORIES

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QueueItem:
    """One open request in the staff queue; the applicant's name is for staff eyes only.

    `due_within_3_days` counts working days, as the deadlines do: at most three working
    days left, the due day counted and today not.
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


def consultation_pauses(events: list[RequestEvent]) -> list[Pause]:
    """The consultations recorded in an audit trail, the last one possibly still open."""
    pauses: list[Pause] = []
    for event in events:
        if event.to_status == Status.CONSULTING:
            pauses.append(Pause(event.on_date))
        elif event.from_status == Status.CONSULTING and pauses:
            pauses[-1] = Pause(pauses[-1].start, event.on_date)
    return pauses


def _refresh_deadline(request: Request) -> None:
    deadline = answer_deadline(
        request.received_date,
        supplemented_on=request.supplemented_on,
        extension_days=request.extension_days,
        pauses=consultation_pauses(request.events),
    )
    request.due_date, request.due_estimated = deadline.due, deadline.estimated


def _refuse(request: Request, target: Status, reason: str) -> IllegalTransition:
    return IllegalTransition(
        msg.ILLEGAL_TRANSITION.format(
            number=request.number, current=request.status, target=target, reason=reason
        )
    )


def _act(
    db: Database,
    number: str,
    target: Status,
    *,
    actor: str,
    on: date,
    note: str,
    now: datetime | None,
    apply: Callable[[Request], None] = lambda request: None,
) -> None:
    """Load the request, check the step, let `apply` check and change its fields, record
    the event and the new deadline — all in one transaction."""
    with db.session() as session:
        request = _load(session, number)
        step = check_transition(request.number, Status(request.status), target)
        if on < request.received_date:
            raise _refuse(
                request, target, msg.BEFORE_RECEIVED.format(on=on, received=request.received_date)
            )
        last = request.events[-1].on_date if request.events else request.received_date
        if on < last:
            raise _refuse(request, target, msg.BEFORE_LAST_STEP.format(on=on, last=last))
        apply(request)
        request.events.append(
            RequestEvent(
                at=now or datetime.now(BUSINESS_TZ),
                on_date=on,
                actor=actor,
                from_status=request.status,
                to_status=target.value,
                step=step,
                note=note,
            )
        )
        request.status = target.value
        if target not in CLOSED:
            _refresh_deadline(request)
    log.info("request %s: %s by %s", number, step, actor)


def _load(session: Session, number: str) -> Request:
    request = session.scalar(select(Request).where(Request.number == number))
    if request is None:
        raise UnknownRequest(msg.UNKNOWN_NUMBER.format(number=number))
    return request


def accept(
    db: Database, number: str, *, actor: str, on: date, note: str = "", now: datetime | None = None
) -> None:
    """已登记 → 办理中."""
    _act(db, number, Status.IN_PROGRESS, actor=actor, on=on, note=note, now=now)


def request_supplement(
    db: Database,
    number: str,
    *,
    actor: str,
    on: date,
    supplement_due: date,
    note: str = "",
    now: datetime | None = None,
) -> None:
    """办理中 → 待补正: once, within 7 working days of receipt (第三十条), with the
    reasonable period the applicant has to supplement."""

    def apply(request: Request) -> None:
        target = Status.AWAITING_SUPPLEMENT
        if request.supplement_requested_on is not None:
            raise _refuse(request, target, msg.SUPPLEMENT_ONCE)
        latest = supplement_notice_deadline(request.received_date)
        if on > latest:
            raise _refuse(request, target, msg.SUPPLEMENT_TOO_LATE.format(deadline=latest))
        if supplement_due <= on:
            raise _refuse(
                request, target, msg.SUPPLEMENT_DUE_PAST.format(due=supplement_due, on=on)
            )
        request.supplement_requested_on, request.supplement_due = on, supplement_due

    _act(
        db, number, Status.AWAITING_SUPPLEMENT, actor=actor, on=on, note=note, now=now, apply=apply
    )


def receive_supplement(
    db: Database, number: str, *, actor: str, on: date, note: str = "", now: datetime | None = None
) -> None:
    """待补正 → 办理中: the 20 working days start again from `on` (第三十条)."""

    def apply(request: Request) -> None:
        request.supplemented_on = on

    _act(db, number, Status.IN_PROGRESS, actor=actor, on=on, note=note, now=now, apply=apply)


def mark_abandoned(
    db: Database, number: str, *, actor: str, on: date, note: str = "", now: datetime | None = None
) -> None:
    """待补正 → 视为放弃 once the 补正 period has passed; counted as 其他处理/逾期不补正."""

    def apply(request: Request) -> None:
        assert request.supplement_due is not None  # set on entering 待补正
        if on <= request.supplement_due:
            raise _refuse(
                request,
                Status.ABANDONED,
                msg.SUPPLEMENT_NOT_OVERDUE.format(due=request.supplement_due),
            )
        request.result, request.closed_date = ABANDONED_RESULT, on

    _act(db, number, Status.ABANDONED, actor=actor, on=on, note=note, now=now, apply=apply)


def start_consultation(
    db: Database, number: str, *, actor: str, on: date, note: str = "", now: datetime | None = None
) -> None:
    """办理中/已延期 → 征求意见: the clock stops (第三十二条, 第三十三条第三款)."""
    _act(db, number, Status.CONSULTING, actor=actor, on=on, note=note, now=now)


def end_consultation(
    db: Database, number: str, *, actor: str, on: date, note: str = "", now: datetime | None = None
) -> None:
    """征求意见 → back to 办理中, or to 已延期 if the deadline had been extended."""
    with db.session() as session:
        extended = _load(session, number).extension_days > 0
    target = Status.EXTENDED if extended else Status.IN_PROGRESS
    _act(db, number, target, actor=actor, on=on, note=note, now=now)


def extend(
    db: Database,
    number: str,
    *,
    actor: str,
    on: date,
    days: int,
    approver: str,
    note: str = "",
    now: datetime | None = None,
) -> None:
    """办理中 → 已延期: at most 20 working days, approved by the head of the disclosure
    office, decided before the current deadline passes (第三十三条)."""

    def apply(request: Request) -> None:
        target = Status.EXTENDED
        if not 1 <= days <= MAX_EXTENSION_DAYS:
            raise _refuse(request, target, msg.EXTENSION_TOO_LONG.format(max=MAX_EXTENSION_DAYS))
        if not approver.strip():
            raise _refuse(request, target, msg.EXTENSION_NEEDS_APPROVER)
        if on > request.due_date:
            raise _refuse(request, target, msg.EXTENSION_TOO_LATE.format(due=request.due_date))
        request.extension_days = days

    record = f"延长{days}个工作日，经{approver.strip()}同意" + (f"；{note}" if note else "")
    _act(db, number, Status.EXTENDED, actor=actor, on=on, note=record, now=now, apply=apply)


def reply(
    db: Database,
    number: str,
    *,
    actor: str,
    on: date,
    result: str,
    reply_text: str,
    note: str = "",
    now: datetime | None = None,
) -> None:
    """办理中/已延期 → 已答复 with the result category (a leaf row of the 2021 table)."""

    def apply(request: Request) -> None:
        target = Status.ANSWERED
        if result not in RESULT_CATEGORIES:
            raise _refuse(request, target, msg.UNKNOWN_RESULT.format(result=result))
        if result == ABANDONED_RESULT:
            raise _refuse(request, target, msg.ABANDONED_NEEDS_SUPPLEMENT_PATH)
        if not reply_text.strip():
            raise _refuse(request, target, msg.REPLY_REQUIRED)
        request.result, request.reply_text, request.closed_date = result, reply_text.strip(), on

    _act(db, number, Status.ANSWERED, actor=actor, on=on, note=note, now=now, apply=apply)


def queue(
    db: Database, today: date, *, agency: str | None = None, overdue_only: bool = False
) -> list[QueueItem]:
    """Open requests sorted by deadline, flagged overdue or due within 3 working days."""
    query = select(Request).where(Request.status.not_in([status.value for status in CLOSED]))
    if agency is not None:
        query = query.where(Request.agency == agency)
    if overdue_only:
        query = query.where(Request.due_date < today)
    with db.session() as session:
        requests = session.scalars(query.order_by(Request.due_date, Request.number)).all()
    items = []
    for request in requests:
        overdue, due_soon = deadline_flags(request.due_date, today)
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
            )
        )
    return items


def history(db: Database, number: str) -> list[RequestEvent]:
    """The audit trail of one request, oldest first."""
    with db.session() as session:
        return list(_load(session, number).events)
