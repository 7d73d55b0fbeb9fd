"""HTTP-level protections of the one FastAPI app: routes the public app must not offer,
a cap on request bodies, and security headers on every response. No gradio import."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from fastapi import Request, Response
from fastapi.responses import JSONResponse

from assistant.ui.login import STAFF_PREFIX

Handler = Callable[[Request], Awaitable[Response]]

# gradio routes the citizen app has no use for: file serving (it would hand out any file of
# gradio's cache — staff exports included — to whoever has the path), uploads (the public
# pages take no files, and uploads were never cleaned), the monitoring dashboard and its
# summary, the URL proxy, recordings and run history.
_PUBLIC_BLOCKED = re.compile(
    r"^/(?:gradio_api/)?(?:file[=/]|upload|upload_progress|process_recording|proxy=|"
    r"stream/|run-history|runs\b|monitoring)"
)
# A body larger than this is refused before it is read: the longest legitimate public
# request (a form at every field's cap, JSON-escaped) is far below it, while a 1 MB
# question, which gets the length message, fits.
MAX_PUBLIC_BODY = 8 * 1024 * 1024
NOT_OFFERED = "不提供此功能"
TOO_LARGE = "请求内容过大"

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    # Images only from this site: Markdown that slipped through could not load a tracking
    # pixel. gradio needs inline scripts and styles, so there is no script-src here.
    "Content-Security-Policy": (
        "frame-ancestors 'none'; img-src 'self' data: blob:; object-src 'none'; base-uri 'self'"
    ),
}


def _is_staff(path: str) -> bool:
    return path == STAFF_PREFIX or path.startswith(STAFF_PREFIX + "/")


async def harden(request: Request, call_next: Handler) -> Response:
    """Middleware: refuse what the public app does not offer, cap bodies, add headers."""
    path = request.url.path
    if not _is_staff(path):
        if _PUBLIC_BLOCKED.match(path):
            return _with_headers(JSONResponse({"detail": NOT_OFFERED}, status_code=404), path)
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > MAX_PUBLIC_BODY:
            return _with_headers(JSONResponse({"detail": TOO_LARGE}, status_code=413), path)
    return _with_headers(await call_next(request), path)


def _with_headers(response: Response, path: str) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if _is_staff(path) or path in ("/login", "/logout"):
        # Staff pages and their API answers carry personal data: no copy in any cache.
        response.headers["Cache-Control"] = "no-store"
    return response
