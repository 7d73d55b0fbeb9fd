"""Bounded input: a long chat message or /ask question is answered at once with the length
message, and /healthz keeps answering meanwhile; request detection is linear in the text."""

from __future__ import annotations

import threading
import time

import pytest

from assistant.ui.intent import apply_intent
from assistant.ui.limits import MAX_QUESTION
from tests.security.appserver import App, call

# The attack: "我想申请公开" and a long run of "，"; the final character makes the
# old trailing-punctuation pattern retry the run from each of its characters.
ONE_MB = "我想申请公开" + "，" * 1_000_000 + "x"
GENEROUS = 5.0  # seconds; the real figure is in benchmarks/input_bounds.py


def too_long(length: int) -> str:
    return (
        f"问题太长了：每次提问请不超过{MAX_QUESTION}个字（本次{length}个字）。"
        "请删去与问题无关的内容后再问。"
    )


def _healthz_while(app: App, work: threading.Thread) -> float:
    """The slowest /healthz answer while `work` runs (it must answer every time)."""
    slowest = 0.0
    with app.client() as client:
        while work.is_alive():
            sent = time.perf_counter()
            assert client.get("/healthz", timeout=GENEROUS).status_code == 200
            slowest = max(slowest, time.perf_counter() - sent)
            time.sleep(0.05)
    return slowest


@pytest.mark.slow
@pytest.mark.parametrize("api_name", ["respond", "ask"])
def test_a_one_megabyte_question_gets_the_length_message_at_once(
    app_with_model: App, api_name: str
) -> None:
    app = app_with_model
    outcome: dict[str, object] = {}

    def ask() -> None:
        data = [ONE_MB, []] if api_name == "respond" else [ONE_MB]
        sent = time.perf_counter()
        with app.client() as client:
            outcome["reply"] = call(client, api_name, data)[0]
        outcome["seconds"] = time.perf_counter() - sent

    work = threading.Thread(target=ask)
    work.start()
    slowest_health = _healthz_while(app, work)
    work.join()
    assert outcome["reply"] == too_long(len(ONE_MB))
    assert outcome["seconds"] < GENEROUS
    assert slowest_health < GENEROUS


def test_a_question_at_the_cap_still_reaches_the_answerer(app: App) -> None:
    """The cap refuses only what is longer: 500 characters are a question (here a wish to
    apply, which the chat answers without the model)."""
    message = "我想申请公开" + "城关镇拆迁补偿方案" * 54
    message = message[:MAX_QUESTION]
    with app.client() as client:
        reply, *_, tabs = call(client, "respond", [message, []])
    assert "我已为您打开“依申请公开”页面，并填好了申请内容" in reply
    assert tabs["selected"] == "apply"


def test_the_history_a_client_sends_is_bounded(app: App) -> None:
    """The client sends the chat history with each message: a 1 MB turn in it is dropped,
    not re-read (the wish below needs no model either way)."""
    history = [{"role": "user", "content": ONE_MB}, {"role": "assistant", "content": "好的"}]
    sent = time.perf_counter()
    with app.client() as client:
        reply = call(client, "respond", ["怎么申请政府信息公开？", history])[0]
    assert "依申请公开" in str(reply)
    assert time.perf_counter() - sent < GENEROUS


@pytest.mark.parametrize(
    "message",
    [
        "我想申请公开" + "，" * 200_000 + "x",
        "怎么申请" + "，" * 200_000 + "x",
        "怎么申请" * 50_000 + "\nx",
    ],
)
def test_request_detection_is_linear(message: str) -> None:
    """200,000 characters: milliseconds now; the backtracking patterns took minutes."""
    sent = time.perf_counter()
    apply_intent(message, ["平罗县城关镇人民政府"])
    assert time.perf_counter() - sent < 1.0
