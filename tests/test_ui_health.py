"""/healthz, which a load balancer polls: ok, degraded while Chroma is unreachable (the
instance still answers table figures and takes requests), never cached."""

from __future__ import annotations

import httpx

from assistant.index import RetrievalUnavailable
from assistant.qa import QAService
from assistant.services import Services
from assistant.ui.server import create_app
from tests.services.http import serving


class IndexDown(Services):
    @property
    def index(self):  # type: ignore[no-untyped-def, override]
        raise RetrievalUnavailable("connection refused")


def test_healthz_reports_ok_when_both_stores_answer(services: Services) -> None:
    with serving(create_app(services, QAService(services))) as base:
        got = httpx.get(f"{base}/healthz", timeout=30)
    assert got.status_code == 200
    assert got.json() == {"status": "ok", "database": "ok", "retrieval": "ok"}


def test_healthz_reports_degraded_but_serving_when_the_index_is_down(
    services: Services,
) -> None:
    down = IndexDown(services.settings)
    with serving(create_app(down, QAService(down))) as base:
        got = httpx.get(f"{base}/healthz", timeout=30)
    assert got.status_code == 200
    assert got.json() == {"status": "degraded", "database": "ok", "retrieval": "unavailable"}
