"""The real app (create_app, as `python app.py` builds it) served by uvicorn on a free
loopback port, in a thread of the test: every case below is real HTTP against it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant.qa import QAService
from assistant.services import Services
from assistant.settings import Settings
from assistant.staff import add_user
from assistant.ui.server import create_app
from tests.security.appserver import PASSWORD, STAFF, App, hold_reports
from tests.services.http import serving


@pytest.fixture
def app(settings: Settings) -> Iterator[App]:
    """No model is loaded: only questions that reach the answerer would need it."""
    services = Services(settings)
    add_user(services.db, STAFF, PASSWORD)
    hold_reports(services)
    asgi = create_app(services, QAService(services))
    with serving(asgi) as base:
        yield App(base, services, asgi)


@pytest.fixture
def app_with_model(services: Services) -> Iterator[App]:
    """As `app`, with the model and the index loaded first, as `python app.py` does before
    it serves: /healthz then answers in milliseconds."""
    add_user(services.db, STAFF, PASSWORD)
    hold_reports(services)
    services.index.count()
    asgi = create_app(services, QAService(services))
    with serving(asgi) as base:
        yield App(base, services, asgi)
