"""Sign-in throttling against the real /login: 10 refused sign-ins within 15 minutes, per
account or per client, and further attempts get HTTP 429 — the right password included —
until the window has passed; password checks run at most two at a time."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import select

from assistant.staff.models import SignInFailure
from assistant.staff.throttle import MAX_FAILURES, WINDOW, record_failure, wait_seconds
from tests.security.appserver import PASSWORD, STAFF, App

THROTTLED = "登录失败次数过多，已暂停登录。请15分钟后再试。"


def sign_in(
    client: httpx.Client, password: str, name: str = STAFF, via: str = ""
) -> httpx.Response:
    """A form post; `via` is the client address the proxy in front reports."""
    headers = {"X-Forwarded-For": via} if via else {}
    return client.post("/login", data={"name": name, "password": password}, headers=headers)


def test_ten_failures_then_even_the_right_password_gets_429(app: App) -> None:
    with app.client() as client:
        for attempt in range(MAX_FAILURES):
            assert sign_in(client, f"wrong-password-{attempt}").status_code == 401
        refused = sign_in(client, PASSWORD)
        assert refused.status_code == 429
        assert THROTTLED in refused.text
        assert 14 * 60 < int(refused.headers["Retry-After"]) <= 15 * 60
        assert "govqa_staff" not in refused.cookies


def test_the_account_is_throttled_whatever_client_tries(app: App) -> None:
    with app.client() as client:
        for attempt in range(MAX_FAILURES):
            response = sign_in(client, "wrong-password", via=f"203.0.113.{attempt}")
            assert response.status_code == 401
        assert sign_in(client, PASSWORD, via="198.51.100.7").status_code == 429


def test_a_client_is_throttled_whatever_account_it_tries(app: App) -> None:
    with app.client() as client:
        for attempt in range(MAX_FAILURES):
            response = sign_in(client, "wrong-password", name=f"guess{attempt}", via="203.0.113.9")
            assert response.status_code == 401
        assert sign_in(client, PASSWORD, via="203.0.113.9").status_code == 429
        # Another client, the right password: the account itself has no failures.
        assert sign_in(client, PASSWORD, via="198.51.100.7").status_code == 303


def test_the_right_password_works_again_once_the_window_has_passed(app: App) -> None:
    with app.client() as client:
        for _ in range(MAX_FAILURES):
            sign_in(client, "wrong-password")
        assert sign_in(client, PASSWORD).status_code == 429
        with app.services.db.session() as session:  # 15 minutes and a second later
            for failure in session.scalars(select(SignInFailure)):
                failure.at -= WINDOW + timedelta(seconds=1)
        assert sign_in(client, PASSWORD).status_code == 303


def test_the_wait_counts_from_the_tenth_most_recent_failure(app: App) -> None:
    db = app.services.db
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    for minute in range(MAX_FAILURES):
        record_failure(db, "某人", "192.0.2.1", now=start + timedelta(minutes=minute))
    last = start + timedelta(minutes=MAX_FAILURES - 1)
    assert wait_seconds(db, "某人", "192.0.2.99", now=last) == 6 * 60
    assert wait_seconds(db, "别人", "192.0.2.1", now=last) == 6 * 60
    assert wait_seconds(db, "某人", "192.0.2.1", now=start + WINDOW) == 0


def test_forty_concurrent_sign_ins_hash_two_at_a_time(app: App) -> None:
    """Each from its own client and for its own name, so none is throttled: all are
    checked, but never more than two argon2 checks at once (64 MiB each)."""

    def attempt(number: int) -> int:
        with app.client() as client:
            return sign_in(
                client, "wrong-password", name=f"n{number}", via=f"10.0.0.{number}"
            ).status_code

    with ThreadPoolExecutor(40) as pool:
        codes = list(pool.map(attempt, range(40)))
    assert codes == [401] * 40
    assert app.asgi.state.staff_auth.hashing.peak == 2
