"""Sign-in sessions: a random token in the browser's cookie, its hash and expiry in SQL.

A session ends at a fixed time after sign-in (Settings.staff_session_minutes) or when the
user signs out; expired rows are swept whenever someone signs in.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select

from assistant.db import Database
from assistant.staff.models import StaffSession, StaffUser


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(
    db: Database, name: str, lifetime: timedelta, *, now: datetime | None = None
) -> str:
    """A new session for the account `name`; returns the token for the cookie."""
    now = now or datetime.now(UTC)
    token = secrets.token_urlsafe(32)
    with db.session() as session:
        session.execute(delete(StaffSession).where(StaffSession.expires_at <= now))
        user_id = session.scalar(select(StaffUser.id).where(StaffUser.name == name))
        if user_id is None:
            raise LookupError(f"no staff account {name!r}")
        session.add(
            StaffSession(
                token_hash=_digest(token),
                user_id=user_id,
                created_at=now,
                expires_at=now + lifetime,
            )
        )
    return token


def session_user(db: Database, token: str | None, *, now: datetime | None = None) -> str | None:
    """The signed-in account's name, or None for a missing, unknown or expired token."""
    if not token:
        return None
    now = now or datetime.now(UTC)
    with db.session() as session:
        return session.scalar(
            select(StaffUser.name)
            .join(StaffSession, StaffSession.user_id == StaffUser.id)
            .where(StaffSession.token_hash == _digest(token), StaffSession.expires_at > now)
        )


def close_session(db: Database, token: str | None) -> None:
    if token:
        with db.session() as session:
            session.execute(delete(StaffSession).where(StaffSession.token_hash == _digest(token)))
