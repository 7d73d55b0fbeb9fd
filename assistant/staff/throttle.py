"""Sign-in throttling: after MAX_FAILURES refused sign-ins within WINDOW, for one account
(from any client) or from one client (for any account), every further attempt is refused
unheard — the right password included — until the window has passed. Failures are kept
in SQL, so every app instance behind a load balancer counts the same ones."""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, or_, select

from assistant.db import Database
from assistant.staff.models import SignInFailure

MAX_FAILURES = 10
WINDOW = timedelta(minutes=15)
_KEY = 64  # stored characters of the account name and client address


def wait_seconds(db: Database, account: str, client: str, now: datetime | None = None) -> int:
    """Seconds until this account and this client may try again; 0 when they may now."""
    now = now or datetime.now(UTC)
    account, client = account[:_KEY], client[:_KEY]
    query = (
        select(SignInFailure.account, SignInFailure.client, SignInFailure.at)
        .where(
            SignInFailure.at > now - WINDOW,
            or_(SignInFailure.account == account, SignInFailure.client == client),
        )
        .order_by(SignInFailure.at.desc())
    )
    with db.session() as session:
        rows = session.execute(query).all()
    wait = 0.0
    for matches in (
        [at for name, _, at in rows if name == account],
        [at for _, address, at in rows if address == client],
    ):
        if len(matches) >= MAX_FAILURES:
            # Free again once the MAX_FAILURES-th most recent failure leaves the window.
            until = matches[MAX_FAILURES - 1] + WINDOW
            wait = max(wait, (until - now).total_seconds())
    return math.ceil(wait)


def record_failure(db: Database, account: str, client: str, now: datetime | None = None) -> None:
    now = now or datetime.now(UTC)
    with db.session() as session:
        session.execute(delete(SignInFailure).where(SignInFailure.at <= now - WINDOW))
        session.add(SignInFailure(account=account[:_KEY], client=client[:_KEY], at=now))


class HashingSlots:
    """At most `size` password checks at once in this process: argon2id takes 64 MiB per
    check, so 40 concurrent sign-ins once cost about 1 GB. Others wait for a slot, up to
    `timeout` seconds. `peak` is the most ever in use (for tests and monitoring)."""

    def __init__(self, size: int = 2, timeout: float = 20.0) -> None:
        self._free = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self.timeout = timeout
        self.in_use = 0
        self.peak = 0

    @contextmanager
    def slot(self) -> Iterator[bool]:
        """Yields True with a slot held, or False when none came free within the timeout."""
        if not self._free.acquire(timeout=self.timeout):
            yield False
            return
        with self._lock:
            self.in_use += 1
            self.peak = max(self.peak, self.in_use)
        try:
            yield True
        finally:
            with self._lock:
                self.in_use -= 1
            self._free.release()
