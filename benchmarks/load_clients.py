"""The simulated citizens and applicants of benchmarks/load.py, talking HTTP to one app
instance each, and how each reply is classified."""

from __future__ import annotations

import json
import random
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

from assistant.db import DatabaseUnavailable
from assistant.qa.compose import unavailable_answer
from assistant.requests.messages import DUPLICATE
from assistant.ui.request_form import SUBMIT_API

CALL_TIMEOUT = 120.0  # one question or submission; a client never waits longer
RETRY_PAUSE = 0.5  # what a person told 请稍后重试 does, compressed
NUMBER = re.compile(r"GK-\d{4}-\d{6}")
# The replies a server outage may legitimately produce; anything else not expected is wrong.
BUSY = str(DatabaseUnavailable())
UNAVAILABLE = unavailable_answer().text


class CallFailed(Exception):
    """The app answered the call with an error, or not at all."""


def call(client: httpx.Client, api_name: str, data: list[Any]) -> list[Any]:
    """One gradio call: POST the inputs, then read the event stream to its end."""
    posted = client.post(f"/gradio_api/call/{api_name}", json={"data": data})
    if posted.status_code != 200:
        raise CallFailed(f"HTTP {posted.status_code}: {posted.text[:200]}")
    event_id = posted.json()["event_id"]
    event = None
    with client.stream("GET", f"/gradio_api/call/{api_name}/{event_id}") as stream:
        for line in stream.iter_lines():
            if line.startswith("event: "):
                event = line.removeprefix("event: ")
            elif line.startswith("data: ") and event in {"complete", "error"}:
                payload = json.loads(line.removeprefix("data: "))
                if event == "error":
                    raise CallFailed(f"error event: {payload}")
                return list(payload)
    raise CallFailed("the event stream ended without a result")


def application(filer: int, index: int) -> list[Any]:
    """The form's inputs in order (see RequestForm): a distinct request each time."""
    return [
        "平罗县城关镇人民政府",
        "自然人",
        f"负载测试申请人{filer}",
        "11010519491231002X",
        "13912345678",
        "",
        f"load{filer}@example.cn",
        f"请公开负载测试第{filer}位申请人第{index}份申请所涉及的政府信息（〔2026〕{index}号）",
        "电子",
        "电子邮件",
        True,  # consent
    ]


def classify_answer(answer: str, expected: str) -> str:
    if answer == expected:
        return "ok"
    if answer == BUSY:
        return "busy"
    return "unavailable" if answer == UNAVAILABLE else "wrong"


def classify_filing(outputs: list[Any]) -> tuple[str, str | None]:
    """("ok", number), ("busy", None), or ("duplicate", None) when a retry after 系统繁忙
    finds the first attempt stored after all (the reply names no number, on purpose)."""
    found = NUMBER.search(str(outputs[0]))
    if found:
        return "ok", found.group()
    shown = "；".join(re.findall(r"⚠ ([^'\"]+)", json.dumps(outputs, ensure_ascii=False)))
    if BUSY in shown:
        return "busy", None
    if DUPLICATE in shown:
        return "duplicate", None
    raise CallFailed(shown or "no receipt in the reply")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    # (seconds since the start, outcome) of every reply
    timeline: list[tuple[float, str]] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.latencies += other.latencies
        self.outcomes += other.outcomes
        self.errors += other.errors
        self.timeline += other.timeline


@dataclass
class Client:
    kind: str  # "ask" or "file"
    number: int
    base_url: str
    tally: Tally = field(default_factory=Tally)
    receipts: list[str] = field(default_factory=list)
    # Filings stored although their reply was lost (系统繁忙), found again as duplicates.
    duplicates: int = 0

    def run(
        self, stop: threading.Event, questions: list[tuple[str, str]], started: float
    ) -> None:
        rng = random.Random(self.number)
        index = 0  # the filer's current application; the same one again after 系统繁忙
        with httpx.Client(base_url=self.base_url, timeout=CALL_TIMEOUT) as http:
            while not stop.is_set():
                sent = time.perf_counter()
                try:
                    if self.kind == "ask":
                        question, expected = rng.choice(questions)
                        outcome = classify_answer(call(http, "ask", [question])[0], expected)
                    else:
                        outputs = call(http, SUBMIT_API, application(self.number, index))
                        outcome, number = classify_filing(outputs)
                        if number is not None:
                            self.receipts.append(number)
                        if outcome == "duplicate":
                            self.duplicates += 1
                        if outcome in ("ok", "duplicate"):
                            index += 1
                except (CallFailed, httpx.HTTPError) as exc:
                    self.tally.errors[f"{type(exc).__name__}: {str(exc)[:120]}"] += 1
                    time.sleep(RETRY_PAUSE)
                    continue
                now = time.perf_counter()
                self.tally.latencies.append(now - sent)
                self.tally.outcomes[outcome] += 1
                self.tally.timeline.append((now - started, outcome))
                if outcome == "busy":
                    time.sleep(RETRY_PAUSE)
