"""Staff accounts: names and argon2id password hashes."""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import UTC, datetime
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from assistant.db import Database
from assistant.staff.models import StaffUser

log = logging.getLogger(__name__)

MIN_PASSWORD = 10
MAX_PASSWORD = 200
_NAME = re.compile(r"[^\s/]{1,50}")

# argon2-cffi's defaults (RFC 9106 low-memory profile): staff sign in rarely, so a slower
# hash than the applicants' verification codes costs nothing and resists guessing longer.
_HASHER = PasswordHasher()


class StaffError(Exception):
    """A refused account operation; `str(error)` is the Chinese message for the user."""


@cache
def _decoy_hash() -> str:
    """Checked against for unknown names, so a wrong name and a wrong password take as long."""
    return _HASHER.hash("decoy-password")


def check_name(name: str) -> str:
    name = name.strip()
    if not _NAME.fullmatch(name):
        raise StaffError("用户名须为1至50个字符，不能含空格或“/”")
    # Control and format characters (escapes, direction overrides, zero-width) would make
    # the name look different in the console, the history and the log from what it is.
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name):
        raise StaffError("用户名不能含控制字符或文字方向控制符")
    return name


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise StaffError(f"密码至少需要{MIN_PASSWORD}个字符")
    if len(password) > MAX_PASSWORD:
        raise StaffError(f"密码不能超过{MAX_PASSWORD}个字符")


def add_user(db: Database, name: str, password: str, *, now: datetime | None = None) -> str:
    """Create an account; returns the stored name. Raises StaffError on a bad name or
    password, or when the name is taken."""
    name = check_name(name)
    check_password(password)
    password_hash = _HASHER.hash(password)
    with db.session() as session:
        if session.scalar(select(StaffUser.id).where(StaffUser.name == name)) is not None:
            raise StaffError(f"用户名“{name}”已存在")
        session.add(
            StaffUser(name=name, password_hash=password_hash, created_at=now or datetime.now(UTC))
        )
    log.info("staff account %s created", name)
    return name


def authenticate(db: Database, name: str, password: str) -> str | None:
    """The account's name when the password matches, else None (unknown name included)."""
    with db.session() as session:
        user = session.scalar(select(StaffUser).where(StaffUser.name == name.strip()))
        try:
            _HASHER.verify(user.password_hash if user else _decoy_hash(), password)
        except (VerificationError, InvalidHashError):
            return None
        if user is None:
            return None
        if _HASHER.check_needs_rehash(user.password_hash):
            user.password_hash = _HASHER.hash(password)
        return user.name


def list_users(db: Database) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(StaffUser.name).order_by(StaffUser.name)))
