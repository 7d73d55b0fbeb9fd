"""Bounds on what the public app reads from a citizen, checked before any parsing (pure).

Every public text input has a length cap, so that no message — however long — costs more
than a length check: the answerer's tokeniser, the request-detection patterns and the chat
history replay all see bounded text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assistant.ui.texts import text

MAX_QUESTION = 500  # characters; the longest sample question is under 60
# Follow-up questions need only the last few turns; each user turn is re-read per question.
MAX_HISTORY_TURNS = 10
MAX_LOOKUP_FIELD = 40  # 受理编号 (GK-2026-000123) and 查询验证码 are far shorter


def question_problem(question: Any) -> str | None:
    """The message for a question that is too long (or not text at all), else None."""
    if not isinstance(question, str):
        return text("question_too_long.txt").format(limit=MAX_QUESTION, length=0)
    if len(question) > MAX_QUESTION:
        return text("question_too_long.txt").format(limit=MAX_QUESTION, length=len(question))
    return None


def _turn_length(turn: Mapping[str, Any]) -> int:
    content = turn.get("content")
    if isinstance(content, str):
        return len(content)
    return len(str(content))


def bounded_history(history: Any) -> list[Mapping[str, Any]]:
    """The chat history the answerer may read: the last user turns, each within the
    question cap. The client sends the history with every message, so it is input too."""
    if not isinstance(history, Sequence) or isinstance(history, str):
        return []
    recent = list(history[-2 * MAX_HISTORY_TURNS :])
    return [
        turn
        for turn in recent
        if isinstance(turn, Mapping)
        and turn.get("role") == "user"
        and _turn_length(turn) <= MAX_QUESTION
    ]
