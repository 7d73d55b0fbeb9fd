"""The app under attack: a staff account, two held annual reports, and its HTTP API."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from fastapi import FastAPI

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
    asgi: FastAPI

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


class CallError(AssertionError):
    """The app answered a gradio call with an error event; `payload` is what it said."""

    def __init__(self, payload: object) -> None:
        super().__init__(f"error event: {payload}")
        self.payload = payload


def call(client: httpx.Client, api_name: str, data: list[Any], prefix: str = "") -> list[Any]:
    """A gradio API call: post the inputs, then read the event stream to its result.
    Raises CallError when the app answers with an error event."""
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
                if event == "error":
                    raise CallError(payload)
                return list(payload)
    raise AssertionError("the event stream ended without a result")


def application(agency: str = AGENCIES[0], **changes: Any) -> list[Any]:
    """The public form's inputs in order (see RequestForm.FIELDS), consent given."""
    fields = {
        "agency": agency,
        "applicant_type": "自然人",
        "name": "王小明",
        "id_number": "11010519491231002X",
        "phone": "13912345678",
        "address": "",
        "email": "wxm@example.cn",
        "content": "请公开城关镇2024年老旧小区改造项目的资金安排",
        "form": "电子",
        "delivery": "电子邮件",
    }
    fields.update(changes)
    return [*fields.values(), True]


def shown_problems(outputs: list[Any]) -> list[str]:
    """The per-field and general messages the form shows after a submission."""
    return [
        update["value"]
        for update in outputs[1:-1]
        if isinstance(update, dict) and update.get("visible") and update.get("value")
    ]
