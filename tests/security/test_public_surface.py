"""What the public app no longer offers (staff files, uploads, monitoring), security
headers, owner-only data files, and export folders that do not pile up."""

from __future__ import annotations

import stat
import time
from pathlib import Path

import pytest

from assistant.ui.hardening import MAX_PUBLIC_BODY
from assistant.ui.staff.statistics import EXPORTS_DIR, sweep_exports, write_exports
from tests.security.appserver import App

NOT_OFFERED = {"detail": "不提供此功能"}


def staff_upload(app: App, token: str) -> str:
    """A file a staff member uploads (a report to ingest): its path in gradio's cache."""
    with app.client(token) as staff:
        response = staff.post(
            "/staff/gradio_api/upload",
            files={"files": ("报告.txt", "平罗县城关镇2024年度报告".encode(), "text/plain")},
        )
    assert response.status_code == 200, response.text
    (path,) = response.json()
    return path


def test_staff_files_are_not_served_by_the_public_app(app: App) -> None:
    token = app.staff_token()
    path = staff_upload(app, token)
    with app.client() as anonymous:
        for route in (f"/gradio_api/file={path}", f"/gradio_api/file/{path}"):
            response = anonymous.get(route)
            assert (response.status_code, response.json()) == (404, NOT_OFFERED), route
    with app.client(token) as staff:  # staff still download what their console shows
        assert staff.get(f"/staff/gradio_api/file={path}").text == "平罗县城关镇2024年度报告"


def test_the_public_app_takes_no_uploads(app: App) -> None:
    with app.client() as anonymous:
        response = anonymous.post(
            "/gradio_api/upload", files={"files": ("x.txt", b"anything", "text/plain")}
        )
    assert (response.status_code, response.json()) == (404, NOT_OFFERED)


@pytest.mark.parametrize(
    "path", ["/monitoring", "/monitoring/summary", "/gradio_api/upload_progress"]
)
def test_monitoring_and_upload_progress_are_not_public(app: App, path: str) -> None:
    with app.client() as anonymous:
        assert anonymous.get(path).status_code == 404


def test_the_public_pages_still_load(app: App) -> None:
    with app.client() as anonymous:
        page = anonymous.get("/")
        config = anonymous.get("/config")
    assert page.status_code == 200 and config.status_code == 200
    assert "依申请公开" in config.text


def test_an_oversized_body_is_refused_unread(app: App) -> None:
    with app.client() as anonymous:
        response = anonymous.post(
            "/gradio_api/call/ask",
            content=b"{" + b" " * MAX_PUBLIC_BODY + b"}",
            headers={"Content-Type": "application/json"},
        )
    assert (response.status_code, response.json()) == (413, {"detail": "请求内容过大"})


@pytest.mark.parametrize("path", ["/", "/login", "/staff/", "/gradio_api/info"])
def test_security_headers_on_every_response(app: App, path: str) -> None:
    with app.client() as anonymous:
        headers = anonymous.get(path).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "img-src 'self' data: blob:" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_staff_answers_are_never_cached(app: App) -> None:
    with app.client(app.staff_token()) as staff:
        assert staff.get("/staff/config").headers["Cache-Control"] == "no-store"


def test_the_data_dir_and_database_are_the_owners_only(app: App) -> None:
    data_dir = app.services.settings.data_dir
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    for name in ("govqa.db", "govqa.db-wal"):
        assert stat.S_IMODE((data_dir / name).stat().st_mode) == 0o600, name


def test_export_folders_are_removed_once_old(app: App) -> None:
    from assistant.requests.report import section3_for

    markdown, _ = map(Path, write_exports(section3_for(app.services.db, "某机关", 2026), "某机关"))
    assert markdown.exists() and stat.S_IMODE(EXPORTS_DIR.stat().st_mode) == 0o700
    sweep_exports(now=time.time() + 3600)
    assert not markdown.parent.exists()
