"""Staff actions on a request (I/O); what staff read is in views.py.

Every action is checked against the 条例's rules for that step (`states.RULES` for the
status it needs, the date rules here), moves the request on, recomputes the answer
deadline with the loaded holiday calendar, and appends an audit event (who, when, the
business day, from, to, note). `on` is the business day the step took effect — staff may
record a step a day late — and `now` the recording time. A refused step changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db import Database
from assistant.requests import messages as msg
from assistant.requests.calendar_store import calendar_in
from assistant.requests.deadlines import (
    BUSINESS_TZ,
    MAX_EXTENSION_DAYS,
    fee_payment_deadline,
    supplement_notice_deadline,
)
from assistant.requests.errors import IllegalTransition, UnknownRequest
from assistant.requests.fees import parse_amount
from assistant.requests.models import Request, RequestEvent
from assistant.requests.periods import refresh_deadline
from assistant.requests.states import (
    APPEAL_STEPS,
    RULES,
    Action,
    Status,
    check_step,
    refusal,
)
from assistant.requests.vocabulary import (
    ABANDONED_RESULT,
    ABANDONMENT_RESULTS,
    RESULT_CATEGORIES,
    UNPAID_FEE_RESULT,
    FeeBasis,
)
from assistant.requests.workcalendar import WorkCalendar

log = logging.getLogger(__name__)


def _refuse(request: Request, action: Action, target: Status, reason: str) -> IllegalTransition:
    return refusal(request.number, RULES[action].name, request.status, target, reason)


# `apply` checks the step's own rules and changes the request's fields; it may return the
# step's name for the audit trail when it differs from the rule's (e.g. 视为放弃's reason).
Apply = Callable[[Request, Status, WorkCalendar], str | None]


def _act(
    db: Database,
    number: str,
    action: Action,
    *,
    actor: str,
    on: date,
    note: str,
    now: datetime | None,
    apply: Apply = lambda request, target, calendar: None,
) -> None:
    """Load the request, check the step, let `apply` check and change its fields, record
    the event and the new deadline — all in one transaction."""
    with db.session() as session:
        request = load(session, number)
        target = check_step(
            request.number, action, Status(request.status), extended=request.extension_days > 0
        )
        if on < request.received_date:
            raise _refuse(
                request,
                action,
                target,
                msg.BEFORE_RECEIVED.format(on=on, received=request.received_date),
            )
        last = max(
            (e.on_date for e in request.events if e.step not in APPEAL_STEPS),
            default=request.received_date,
        )
        if on < last:
            raise _refuse(request, action, target, msg.BEFORE_LAST_STEP.format(on=on, last=last))
        calendar = calendar_in(session)
        step = apply(request, target, calendar) or RULES[action].name
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
        refresh_deadline(request, calendar)
    log.info("request %s: %s by %s", number, step, actor)


def load(session: Session, number: str) -> Request:
    request = session.scalar(select(Request).where(Request.number == number))
    if request is None:
        raise UnknownRequest(msg.UNKNOWN_NUMBER.format(number=number))
    return request


def accept(
    db: Database, number: str, *, actor: str, on: date, note: str = "", now: datetime | None = None
) -> None:
    """已登记 → 办理中."""
    _act(db, number, Action.ACCEPT, actor=actor, on=on, note=note, now=now)


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

    def apply(request: Request, target: Status, calendar: WorkCalendar) -> None:
        if request.supplement_requested_on is not None:
            raise _refuse(request, Action.NOTIFY_SUPPLEMENT, target, msg.SUPPLEMENT_ONCE)
        latest = supplement_notice_deadline(request.received_date, calendar)
        if on > latest:
            raise _refuse(
                request,
                Action.NOTIFY_SUPPLEMENT,
                target,
                msg.SUPPLEMENT_TOO_LATE.format(deadline=latest),
            )
        if supplement_due <= on:
            raise _refuse(
                request,
                Action.NOTIFY_SUPPLEMENT,
                target,
                msg.SUPPLEMENT_DUE_PAST.format(due=supplement_due, on=on),
            )
        request.supplement_requested_on, request.supplement_due = on, supplement_due

    _act(db, number, Action.NOTIFY_SUPPLEMENT, actor=actor, on=on, note=note, now=now, apply=apply)


def receive_supplement(
    db: Database, number: str, *, actor: str, on: date, note: str = "", now: datetime | None = None
) -> None:
    """待补正 → 办理中: the 20 working days start again from `on` (第三十条) — only after a
    补正 notice."""

    def apply(request: Request, target: Status, calendar: WorkCalendar) -> None:
        request.supplemented_on = on

    _act(db, number, Action.RECEIVE_SUPPLEMENT, actor=actor, on=on, note=note, now=now, apply=apply)


def mark_abandoned(
    db: Database, number: str, *, actor: str, on: date, note: str = "", now: datetime | None = None
) -> None:
    """待补正 → 视为放弃 once the 补正 period has passed (第三十条), or 待缴费 → 视为放弃 once
    the payment period has passed (信息处理费管理办法); each counted in its 其他处理 row."""

    def apply(request: Request, target: Status, calendar: WorkCalendar) -> str:
        if request.status == Status.AWAITING_FEE:
            assert request.fee_due is not None  # set on entering 待缴费
            if on <= request.fee_due:
                raise _refuse(
                    request, Action.ABANDON, target, msg.FEE_NOT_OVERDUE.format(due=request.fee_due)
                )
            request.result, request.closed_date = UNPAID_FEE_RESULT, on
            return "逾期未缴费，视为放弃"
        assert request.supplement_due is not None  # set on entering 待补正
        if on <= request.supplement_due:
            raise _refuse(
                request,
                Action.ABANDON,
                target,
                msg.SUPPLEMENT_NOT_OVERDUE.format(due=request.supplement_due),
            )
        request.result, request.closed_date = ABANDONED_RESULT, on
        return "逾期不补正，视为放弃"

    _act(db, number, Action.ABANDON, actor=actor, on=on, note=note, now=now, apply=apply)


def start_consultation(
    db: Database, number: str, *, actor: str, on: date, note: str = "", now: datetime | None = None
) -> None:
    """办理中/已延期 → 征求意见: the clock stops (第三十二条, 第三十三条第三款)."""
    _act(db, number, Action.CONSULT, actor=actor, on=on, note=note, now=now)


def end_consultation(
    db: Database, number: str, *, actor: str, on: date, note: str = "", now: datetime | None = None
) -> None:
    """征求意见 → back to 办理中, or to 已延期 if the deadline had been extended."""
    _act(db, number, Action.CONSULTED, actor=actor, on=on, note=note, now=now)


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
    """办理中 → 已延期, or during a consultation (which goes on): once, at most 20 working
    days, approved by the head of the disclosure office, before the deadline (第三十三条)."""

    def apply(request: Request, target: Status, calendar: WorkCalendar) -> None:
        if request.extension_days > 0:
            extended_on = next(
                (e.on_date for e in request.events if e.step == RULES[Action.EXTEND].name),
                request.received_date,
            )
            raise _refuse(
                request,
                Action.EXTEND,
                target,
                msg.EXTENSION_ONCE.format(on=extended_on, days=request.extension_days),
            )
        if not 1 <= days <= MAX_EXTENSION_DAYS:
            raise _refuse(
                request,
                Action.EXTEND,
                target,
                msg.EXTENSION_TOO_LONG.format(max=MAX_EXTENSION_DAYS),
            )
        if not approver.strip():
            raise _refuse(request, Action.EXTEND, target, msg.EXTENSION_NEEDS_APPROVER)
        if on > request.due_date:
            raise _refuse(
                request, Action.EXTEND, target, msg.EXTENSION_TOO_LATE.format(due=request.due_date)
            )
        request.extension_days = days

    record = f"延长{days}个工作日，经{approver.strip()}同意" + (f"；{note}" if note else "")
    _act(db, number, Action.EXTEND, actor=actor, on=on, note=record, now=now, apply=apply)


def notify_fee(
    db: Database,
    number: str,
    *,
    actor: str,
    on: date,
    amount: Decimal | str | float,
    basis: str,
    note: str = "",
    now: datetime | None = None,
) -> None:
    """办理中/已延期 → 待缴费: a 信息处理费 notice (第四十二条), sent within the answer
    period; the applicant pays within 20 working days, and the days from the notice to the
    payment do not count (信息处理费管理办法)."""
    choices = [b.value for b in FeeBasis]

    def apply(request: Request, target: Status, calendar: WorkCalendar) -> None:
        if request.fee_notice_on is not None:
            raise _refuse(
                request, Action.FEE_NOTICE, target, msg.FEE_ONCE.format(on=request.fee_notice_on)
            )
        value = parse_amount(amount)
        if value is None:
            raise _refuse(request, Action.FEE_NOTICE, target, msg.FEE_AMOUNT)
        if basis not in choices:
            raise _refuse(
                request, Action.FEE_NOTICE, target, msg.FEE_BASIS.format(choices="、".join(choices))
            )
        if on > request.due_date:
            raise _refuse(
                request, Action.FEE_NOTICE, target, msg.FEE_TOO_LATE.format(due=request.due_date)
            )
        request.fee_notice_on, request.fee_amount, request.fee_basis = on, value, basis
        request.fee_due = fee_payment_deadline(on, calendar)

    record = f"{basis}{parse_amount(amount) or amount}元" + (f"；{note}" if note else "")
    _act(db, number, Action.FEE_NOTICE, actor=actor, on=on, note=record, now=now, apply=apply)


def record_fee_paid(
    db: Database, number: str, *, actor: str, on: date, note: str = "", now: datetime | None = None
) -> None:
    """待缴费 → back to 办理中/已延期: the answer period runs again from the payment, which
    must come within the payment period (after it the request is deemed abandoned)."""

    def apply(request: Request, target: Status, calendar: WorkCalendar) -> None:
        assert request.fee_due is not None  # set on entering 待缴费
        if on > request.fee_due:
            raise _refuse(
                request, Action.FEE_PAID, target, msg.FEE_PAID_LATE.format(due=request.fee_due)
            )
        request.fee_paid_on = on

    _act(db, number, Action.FEE_PAID, actor=actor, on=on, note=note, now=now, apply=apply)


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

    def apply(request: Request, target: Status, calendar: WorkCalendar) -> None:
        if result not in RESULT_CATEGORIES:
            raise _refuse(request, Action.REPLY, target, msg.UNKNOWN_RESULT.format(result=result))
        if result in ABANDONMENT_RESULTS:
            reason = (
                msg.ABANDONED_NEEDS_SUPPLEMENT_PATH
                if result == ABANDONED_RESULT
                else msg.FEE_RESULT_NEEDS_FEE_PATH
            )
            raise _refuse(request, Action.REPLY, target, reason)
        if not reply_text.strip():
            raise _refuse(request, Action.REPLY, target, msg.REPLY_REQUIRED)
        request.result, request.reply_text, request.closed_date = result, reply_text.strip(), on

    _act(db, number, Action.REPLY, actor=actor, on=on, note=note, now=now, apply=apply)
