"""The app under attack: a staff account, two held annual reports, and its HTTP API."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from assistant.corpus.models import Document
from assistant.services import Services
from assistant.ui.login import COOKIE

STAFF, PASSWORD = "审核员", "long-enough-password"
# The agencies of the two held reports: the only ones the public form offers.
AGENCIES = ("平罗县城关镇人民政府", "淮安市人民政府")
TIMEOUT = 60.0


@dataclass(frozen=True)
class App:
    base: str
    services: Services

    def client(self, token: str | None = None) -> httpx.Client:
        cookies = {COOKIE: token} if token else None
        return httpx.Client(
            base_url=self.base, cookies=cookies, follow_redirects=False, timeout=TIMEOUT
        )

    def staff_token(self) -> str:
        with self.client() as client:
            response = client.post("/login", data={"name": STAFF, "password": PASSWORD})
        assert response.status_code == 303, response.text
        return response.cookies[COOKIE]


def hold_reports(services: Services) -> None:
    """Document records of two current annual reports (what ingest stores for them)."""
    with services.db.session() as session:
        for number, agency in enumerate(AGENCIES):
            session.add(
                Document(
                    path=f"/reports/{number}.txt",
                    sha256=f"{number:064d}",
                    title=f"{agency}2024年政府信息公开工作年度报告",
                    kind="report",
                    agency=agency,
                    year=2024,
                    format="2021",
                    chunk_count=0,
                    ingested_at=datetime.now(UTC),
                )
            )


def call(client: httpx.Client, api_name: str, data: list[Any], prefix: str = "") -> list[Any]:
    """A gradio API call: post the inputs, then read the event stream to its result.
    Raises AssertionError with the error event's text when the app reports an error."""
    posted = client.post(f"{prefix}/gradio_api/call/{api_name}", json={"data": data})
    assert posted.status_code == 200, posted.text
    event = None
    url = f"{prefix}/gradio_api/call/{api_name}/{posted.json()['event_id']}"
    with client.stream("GET", url) as stream:
        for line in stream.iter_lines():
            if line.startswith("event: "):
                event = line.removeprefix("event: ")
            elif line.startswith("data: ") and event in {"complete", "error"}:
                payload = json.loads(line.removeprefix("data: "))
                assert event == "complete", f"error event: {payload}"
                return list(payload)
    raise AssertionError("the event stream ended without a result")
