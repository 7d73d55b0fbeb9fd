"""The staff console and its API endpoints refuse requests without a valid session; the
public pages and `/ask` need none. The real server runs on a free port in a thread."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from assistant.qa import QAService
from assistant.services import Services
from assistant.settings import Settings
from assistant.staff import add_user, open_session
from assistant.ui.login import COOKIE
from assistant.ui.server import create_app
from assistant.ui.staff.queue import PICK
from tests.services.http import serving

NAME, PASSWORD = "审核员", "long-enough-password"
# Staff endpoints of each kind: the page, its config, gradio's API description, a named
# API endpoint (the queue, and the 答复 action), the event queue and file uploads.
STAFF_GETS = ["/staff/", "/staff/config", "/staff/gradio_api/info"]
STAFF_POSTS = [
    ("/staff/gradio_api/call/queue", {"data": ["", "全部机关", False]}),
    ("/staff/gradio_api/call/reply", {"data": ["GK-2025-000001"] + [""] * 7}),
    ("/staff/gradio_api/queue/join", {"data": [], "fn_index": 0, "session_hash": "x"}),
    ("/staff/gradio_api/upload", {}),
]


@pytest.fixture
def server(settings: Settings) -> Iterator[tuple[str, Services]]:
    """The app as `python app.py` builds it (no model is loaded: nothing is asked)."""
    services = Services(settings)
    add_user(services.db, NAME, PASSWORD)
    with serving(create_app(services, QAService(services))) as base:
        yield base, services


def _client(base: str, token: str | None = None) -> httpx.Client:
    cookies = {COOKIE: token} if token else None
    return httpx.Client(base_url=base, cookies=cookies, follow_redirects=False, timeout=30)


def _refused_everywhere(client: httpx.Client) -> None:
    for path in STAFF_GETS:
        response = client.get(path)
        assert response.status_code == 401, (path, response.status_code)
        assert response.json()["detail"].startswith("未登录或登录已过期")
    for path, body in STAFF_POSTS:
        response = client.post(path, json=body)
        assert response.status_code == 401, (path, response.status_code)


def _call(client: httpx.Client, path: str, data: list[object]) -> list[Any]:
    """A gradio API call: post, then read the result from the event stream."""
    posted = client.post(path, json={"data": data})
    assert posted.status_code == 200, posted.text
    stream = client.get(f"{path}/{posted.json()['event_id']}").text
    event, payload = stream.split("\n")[:2]
    assert event == "event: complete", stream
    return list(json.loads(payload.removeprefix("data:")))


def _signed_in(base: str, password: str = PASSWORD) -> httpx.Response:
    with _client(base) as client:
        return client.post("/login", data={"name": NAME, "password": password})


def test_staff_pages_and_endpoints_refuse_without_a_session(server: tuple[str, Services]) -> None:
    base, _ = server
    with _client(base) as client:
        _refused_everywhere(client)
        # A browser opening the console is sent to the sign-in form instead.
        page = client.get("/staff/", headers={"Accept": "text/html"})
        assert page.status_code == 303
        assert page.headers["location"] == "/login"


def test_a_made_up_session_token_is_refused(server: tuple[str, Services]) -> None:
    base, _ = server
    with _client(base, token="not-a-session") as client:
        _refused_everywhere(client)


def test_wrong_password_gets_the_form_again_and_no_cookie(server: tuple[str, Services]) -> None:
    response = _signed_in(server[0], password="wrong-password-1")
    assert response.status_code == 401
    assert "用户名或密码不正确。" in response.text
    assert COOKIE not in response.cookies


def test_signed_in_staff_reach_pages_and_endpoints(server: tuple[str, Services]) -> None:
    base, _ = server
    response = _signed_in(base)
    assert response.status_code == 303
    assert response.headers["location"] == "/staff/"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    with _client(base, token=response.cookies[COOKIE]) as client:
        assert client.get("/staff/").status_code == 200
        assert {"/queue", "/reply", "/section3", "/ingest"} <= set(
            client.get("/staff/gradio_api/info").json()["named_endpoints"]
        )
        queue, detail, _ = _call(client, "/staff/gradio_api/call/queue", ["", "全部机关", False])
        assert queue["data"] == [] and detail == PICK  # no request filed yet


def test_an_expired_session_is_refused(server: tuple[str, Services]) -> None:
    base, services = server
    lifetime = timedelta(minutes=services.settings.staff_session_minutes)
    began = datetime.now(UTC) - lifetime - timedelta(seconds=1)
    token = open_session(services.db, NAME, lifetime, now=began)
    with _client(base, token=token) as client:
        _refused_everywhere(client)


def test_signing_out_ends_the_session(server: tuple[str, Services]) -> None:
    base, _ = server
    token = _signed_in(base).cookies[COOKIE]
    with _client(base, token=token) as client:
        assert client.get("/staff/config").status_code == 200
        assert client.get("/logout").headers["location"] == "/login"
        _refused_everywhere(client)


def test_public_pages_and_ask_need_no_session(server: tuple[str, Services]) -> None:
    base, _ = server
    with _client(base) as client:
        assert client.get("/").status_code == 200
        assert client.get("/login").status_code == 200
        endpoints = client.get("/gradio_api/info").json()["named_endpoints"]
        assert "/ask" in endpoints
        # Nothing of the staff console is described or reachable from the public app.
        assert not {"/queue", "/reply", "/section3", "/ingest"} & set(endpoints)
