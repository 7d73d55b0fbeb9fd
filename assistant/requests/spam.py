"""Staff marking a request as spam (filed by a script, or abuse): it stays stored with its
audit trail, leaves the queue and is not counted in the statistics (表三)."""

from __future__ import annotations

import logging
from datetime import date, datetime

from sqlalchemy import select

from assistant.db import Database
from assistant.logsafe import escaped
from assistant.requests import messages as msg
from assistant.requests.deadlines import BUSINESS_TZ
from assistant.requests.errors import RequestError, UnknownRequest
from assistant.requests.models import Request, RequestEvent

log = logging.getLogger(__name__)

SPAM_STEP = "标记为垃圾申请"


def mark_spam(
    db: Database, number: str, *, actor: str, on: date, note: str = "", now: datetime | None = None
) -> None:
    """Mark the request; recorded in its history with who, when and why (`note`)."""
    if not note.strip():
        raise RequestError(msg.SPAM_NEEDS_REASON)
    with db.session() as session:
        request = session.scalar(select(Request).where(Request.number == number))
        if request is None:
            raise UnknownRequest(msg.UNKNOWN_NUMBER.format(number=number))
        if request.spam:
            raise RequestError(msg.ALREADY_SPAM.format(number=number))
        request.spam = True
        request.events.append(
            RequestEvent(
                at=now or datetime.now(BUSINESS_TZ),
                on_date=on,
                actor=actor,
                from_status=request.status,
                to_status=request.status,
                step=SPAM_STEP,
                note=note.strip(),
            )
        )
    log.info("request %s marked as spam by %s", number, escaped(actor))


def spam_numbers(db: Database) -> set[str]:
    with db.session() as session:
        return set(session.scalars(select(Request.number).where(Request.spam.is_(True))))
