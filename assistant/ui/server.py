"""One FastAPI app on one port: the public gradio app at /, the staff console at /staff
behind the sign-in, the /login and /logout routes, and /healthz for load balancers."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import gradio as gr
import uvicorn
from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from assistant.health import check_health
from assistant.qa import QAService
from assistant.services import Services
from assistant.ui.citizen import build_citizen_app
from assistant.ui.hardening import harden
from assistant.ui.login import STAFF_PREFIX, StaffAuth, login_router
from assistant.ui.staff.app import build_staff_app

CSS_PATH = Path(__file__).with_name("style.css")


def create_app(services: Services, qa: QAService) -> FastAPI:
    settings = services.settings
    auth = StaffAuth(services.db, timedelta(minutes=settings.staff_session_minutes))
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.staff_auth = auth  # its hashing slots are watched by tests and monitoring
    app.include_router(login_router(auth))
    app.middleware("http")(auth.guard)
    app.middleware("http")(harden)  # added last: runs first, on every response

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> JSONResponse:
        health = await run_in_threadpool(check_health, services)
        return JSONResponse(health.as_dict(), status_code=503 if health.status == "down" else 200)

    common = {
        "server_name": settings.host,
        "server_port": settings.port,
        "run_history": False,  # would keep applicants' form inputs in the browser
        "css_paths": CSS_PATH,
    }
    # The staff app is mounted first: the public app at / would otherwise match /staff too.
    gr.mount_gradio_app(
        app,
        build_staff_app(services),
        STAFF_PREFIX,
        auth_dependency=auth.user,
        footer_links=[],
        max_file_size=f"{settings.max_file_mb}mb",
        show_error=True,  # staff see the cause of a failed ingest or export
        **common,
    )
    gr.mount_gradio_app(
        app,
        build_citizen_app(services, qa),
        "/",
        footer_links=["api"],
        max_file_size="1mb",  # the public pages take no files
        # Citizens get a plain message (each handler catches its errors; this covers the
        # rest): an exception's text may name tables, paths or values.
        show_error=False,
        **common,
    )
    return app


def serve(app: FastAPI, host: str, port: int) -> None:
    # log_config=None: uvicorn's loggers go through the root handler that app.py sets up,
    # whose formatter escapes control characters (a request path may hold a %0A).
    uvicorn.run(app, host=host, port=port, log_level="info", log_config=None)
