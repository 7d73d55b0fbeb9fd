"""Staff sign-in: the /login and /logout routes, the session cookie, and the guard that
keeps everything under /staff (pages, assets and API endpoints) behind it. No gradio."""

from __future__ import annotations

import html
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from string import Template

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from assistant.db import Database
from assistant.logsafe import escaped
from assistant.staff import authenticate, close_session, open_session, session_user
from assistant.staff.accounts import MAX_PASSWORD
from assistant.staff.throttle import HashingSlots, record_failure, wait_seconds
from assistant.ui.texts import text

COOKIE = "govqa_staff"
STAFF_PREFIX = "/staff"
NOT_SIGNED_IN = "未登录或登录已过期，请先登录：/login"

log = logging.getLogger(__name__)


def _is_staff_path(path: str) -> bool:
    return path == STAFF_PREFIX or path.startswith(STAFF_PREFIX + "/")


class StaffAuth:
    def __init__(self, db: Database, lifetime: timedelta) -> None:
        self.db = db
        self.lifetime = lifetime
        self.hashing = HashingSlots()

    def user(self, request: Request) -> str | None:
        """The signed-in staff member, or None; gradio's `auth_dependency`."""
        return session_user(self.db, request.cookies.get(COOKIE))

    async def guard(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        """Middleware: nothing under /staff without a valid session. A browser opening a
        page is sent to the sign-in form; anything else gets 401."""
        if not _is_staff_path(request.url.path):
            return await call_next(request)
        if await run_in_threadpool(self.user, request) is not None:
            return await call_next(request)
        if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
            return RedirectResponse("/login", status_code=303)
        return JSONResponse({"detail": NOT_SIGNED_IN}, status_code=401)

    def login_page(self, error: str = "", status_code: int = 200) -> HTMLResponse:
        shown = f'<p class="error">{html.escape(error)}</p>' if error else ""
        page = Template(text("login.html")).substitute(
            error=shown, minutes=int(self.lifetime.total_seconds() // 60)
        )
        return HTMLResponse(page, status_code=status_code)


def login_router(auth: StaffAuth) -> APIRouter:
    router = APIRouter()

    @router.get("/login", response_class=HTMLResponse)
    def login_form() -> HTMLResponse:
        return auth.login_page()

    def throttled(wait: int) -> Response:
        minutes = max(1, -(-wait // 60))
        page = auth.login_page(text("login_throttled.txt").format(minutes=minutes), 429)
        page.headers["Retry-After"] = str(wait)
        return page

    @router.post("/login")
    def login(request: Request, name: str = Form(""), password: str = Form("")) -> Response:
        account = name.strip()
        client = request.client.host if request.client else "unknown"
        if wait := wait_seconds(auth.db, account, client):
            return throttled(wait)
        with auth.hashing.slot() as free:
            if not free:
                return auth.login_page(text("login_busy.txt"), status_code=503)
            # Checked again holding the slot: attempts sent together all passed the first
            # check before any of them had failed.
            if wait := wait_seconds(auth.db, account, client):
                return throttled(wait)
            user = None
            if len(password) <= MAX_PASSWORD:  # longer is never right: not worth a hash
                user = authenticate(auth.db, account, password)
            if user is None:
                record_failure(auth.db, account, client)
        if user is None:
            log.info("sign-in refused for %s from %s", escaped(account), escaped(client))
            return auth.login_page(text("login_failed.txt"), status_code=401)
        token = open_session(auth.db, user, auth.lifetime)
        response = RedirectResponse(STAFF_PREFIX + "/", status_code=303)
        response.set_cookie(
            COOKIE,
            token,
            max_age=int(auth.lifetime.total_seconds()),
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
        return response

    @router.get("/logout")
    def logout(request: Request) -> Response:
        close_session(auth.db, request.cookies.get(COOKIE))
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(COOKIE)
        return response

    return router
