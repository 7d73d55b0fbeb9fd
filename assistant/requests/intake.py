"""Registering a new request and the applicant's status look-up (I/O)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select

from assistant.db import Database
from assistant.logsafe import escaped
from assistant.requests import messages as msg
from assistant.requests.calendar_store import load_calendar
from assistant.requests.codes import hash_code, new_code, verify_code
from assistant.requests.deadlines import BUSINESS_TZ, answer_deadline
from assistant.requests.errors import DuplicateRequest, IntakeLimited, InvalidApplication
from assistant.requests.models import Request, RequestEvent
from assistant.requests.numbering import allocate_numbers, begin_write
from assistant.requests.states import Status
from assistant.requests.validation import (
    Application,
    ValidApplication,
    normalise_content,
    validate_application,
)

log = logging.getLogger(__name__)

DUPLICATE_WINDOW = timedelta(days=1)
PERSON_WINDOW = timedelta(days=1)
REGISTER_STEP = "登记"


@dataclass(frozen=True)
class Receipt:
    """What the applicant is told once: the number, the code (never stored in clear) and
    the answer deadline."""

    number: str
    verification_code: str = field(repr=False)
    received_date: date
    due_date: date
    due_estimated: bool


@dataclass(frozen=True)
class StatusView:
    """The public status of a request: nothing about the applicant."""

    number: str
    status: str
    received_date: date
    due_date: date
    due_estimated: bool
    result: str | None
    reply_text: str | None
    closed_date: date | None
    # The applicant's own deadline while the answer period stands still (待补正, 待缴费).
    supplement_due: date | None = None
    fee_due: date | None = None


def duplicate_key(app: ValidApplication) -> str:
    """Same applicant (type, name, ID) and same content up to whitespace → same key."""
    parts = (app.applicant_type, app.applicant_name, app.id_number, normalise_content(app.content))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def submit(
    db: Database,
    application: Application,
    *,
    actor: str = "申请人",
    now: datetime | None = None,
    agencies: Collection[str] | None = None,
    per_person_limit: int | None = None,
) -> Receipt:
    """Validate, refuse a resubmission within a day, number and store a new request.

    Raises InvalidApplication (per-field messages) or DuplicateRequest (with the existing
    受理编号). `actor` is who registered it: the applicant online, or a staff member.
    `agencies`, when given, are the only agencies the request may be addressed to (the
    public form's list: see assistant.requests.agencies). `per_person_limit`, when given,
    is how many requests one ID number or phone number may file within 24 hours
    (IntakeLimited beyond).
    """
    valid = validate_application(application)
    if agencies is not None and valid.agency not in agencies:
        raise InvalidApplication({msg.FIELD_AGENCY: msg.UNKNOWN_AGENCY})
    now = now or datetime.now(BUSINESS_TZ)
    key = duplicate_key(valid)
    code = new_code()
    code_hash = hash_code(code)  # slow on purpose: done before taking the write lock
    deadline = answer_deadline(valid.received_date, calendar=load_calendar(db))
    with db.session() as session:
        begin_write(session)
        existing = session.scalar(
            select(Request.number)
            .where(Request.duplicate_key == key, Request.created_at > now - DUPLICATE_WINDOW)
            .order_by(Request.id.desc())
            .limit(1)
        )
        if existing is not None:
            raise DuplicateRequest(existing, msg.DUPLICATE)
        if per_person_limit is not None:
            recent = session.scalar(
                select(func.count())
                .select_from(Request)
                .where(
                    Request.created_at > now - PERSON_WINDOW,
                    or_(Request.id_number == valid.id_number, Request.phone == valid.phone),
                )
            )
            if (recent or 0) >= per_person_limit:
                raise IntakeLimited(msg.TOO_MANY_FOR_PERSON.format(limit=per_person_limit))
        number = allocate_numbers(session, valid.received_date.year)[0]
        request = Request(
            number=number,
            agency=valid.agency,
            applicant_type=valid.applicant_type,
            applicant_name=valid.applicant_name,
            id_number=valid.id_number,
            phone=valid.phone,
            address=valid.address or None,
            email=valid.email or None,
            content=valid.content,
            form=valid.form.value,
            delivery=valid.delivery.value,
            channel=valid.channel.value,
            received_date=valid.received_date,
            status=Status.REGISTERED.value,
            due_date=deadline.due,
            due_estimated=deadline.estimated,
            extension_days=0,
            code_hash=code_hash,
            duplicate_key=key,
            created_at=now,
        )
        request.events.append(
            RequestEvent(
                at=now,
                on_date=valid.received_date,
                actor=actor,
                from_status=None,
                to_status=Status.REGISTERED.value,
                step=REGISTER_STEP,
                note="",
            )
        )
        session.add(request)
    log.info("registered request %s for %s", number, escaped(valid.agency))
    return Receipt(number, code, valid.received_date, deadline.due, deadline.estimated)


def lookup(db: Database, number: str, code: str) -> StatusView | None:
    """The request's public status when number and code both match, else None — the same
    answer for an unknown number and a wrong code, so neither can be probed."""
    with db.session() as session:
        request = session.scalar(select(Request).where(Request.number == number.strip().upper()))
    if not verify_code(request.code_hash if request else None, code) or request is None:
        return None
    return StatusView(
        number=request.number,
        status=request.status,
        received_date=request.received_date,
        due_date=request.due_date,
        due_estimated=request.due_estimated,
        result=request.result,
        reply_text=request.reply_text,
        closed_date=request.closed_date,
        supplement_due=request.supplement_due,
        fee_due=request.fee_due,
    )
