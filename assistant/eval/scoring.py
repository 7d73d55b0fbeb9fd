"""Scoring answers against a QA set: accuracy by kind (and for follow-ups), wrong answers
apart from refusals, retrieval hit rate, latency percentiles overall and by kind.

Pure functions over answers already given.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.eval.qaset import KINDS, QAItem
from assistant.qa.answer import Answer
from assistant.qa.numbers import numbers_in, same_number


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def is_correct(item: QAItem, answer: Answer) -> bool:
    """Refusal when refusal is expected; else the same figure, or the expected text in it."""
    if item.expected is None:
        return answer.refused
    if answer.refused:
        return False
    if _is_number(item.expected):
        return answer.value is not None and same_number(answer.value, item.expected)
    return item.expected in answer.text


def retrieval_hit(item: QAItem, answer: Answer) -> bool:
    """Whether what the answerer looked at holds the expected answer at all."""
    assert item.expected is not None
    if _is_number(item.expected):
        return any(same_number(n, item.expected) for c in answer.context for n in numbers_in(c))
    return any(item.expected in c for c in answer.context)


@dataclass(frozen=True)
class Result:
    item: QAItem
    answer: Answer
    latency_ms: float

    @property
    def correct(self) -> bool:
        return is_correct(self.item, self.answer)

    @property
    def wrong(self) -> bool:
        """Answered, and not with the expected answer: worse than an honest refusal."""
        return not self.answer.refused and not self.correct

    @property
    def wrong_figure(self) -> bool:
        """Answered with a figure that is not the expected one (or where none is held)."""
        return self.wrong and self.answer.value is not None

    def to_dict(self) -> dict[str, Any]:
        hit = retrieval_hit(self.item, self.answer) if self.item.answerable else None
        return {
            "id": self.item.id,
            "kind": self.item.kind,
            "question": self.item.question,
            "expected": self.item.expected,
            "value": self.answer.value,
            "unit": self.answer.unit,
            "refused": self.answer.refused,
            "correct": self.correct,
            "wrong": self.wrong,
            "follow_up": bool(self.item.history),
            "retrieval_hit": hit,
            "text": self.answer.text,
            "citations": [c.to_dict() for c in self.answer.citations],
            "latency_ms": round(self.latency_ms, 1),
        }


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (share in 0…1); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass(frozen=True)
class Rate:
    right: int
    total: int

    @property
    def share(self) -> float | None:
        return self.right / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        share = self.share
        return {
            "rate": None if share is None else round(share, 4),
            "right": self.right,
            "total": self.total,
        }


# Follow-ups (questions with chat history) are scored as a group of their own as well.
FOLLOW_UP = "follow_up"
GROUPS = (*KINDS, FOLLOW_UP)


def in_group(result: Result, group: str) -> bool:
    return bool(result.item.history) if group == FOLLOW_UP else result.item.kind == group


@dataclass(frozen=True)
class Summary:
    overall: Rate
    by_kind: dict[str, Rate]  # the kinds of KINDS, and follow-ups
    retrieval_hits: Rate
    p50_ms: float
    p95_ms: float
    wrong: Rate  # answers given that are not the expected one, of all questions
    wrong_figures: Rate  # of those, answers with a figure
    refused: Rate  # refusals, of all questions
    latency_by_kind: dict[str, tuple[float, float]]  # group → (p50, p95) ms

    def to_dict(self) -> dict[str, Any]:
        return {
            "questions": self.overall.total,
            "overall": self.overall.to_dict(),
            **{kind: rate.to_dict() for kind, rate in self.by_kind.items()},
            "retrieval_hit_rate": self.retrieval_hits.to_dict(),
            "wrong_answers": self.wrong.to_dict(),
            "wrong_figures": self.wrong_figures.to_dict(),
            "refusals": self.refused.to_dict(),
            "latency_ms": {"p50": round(self.p50_ms, 1), "p95": round(self.p95_ms, 1)},
            "latency_ms_by_kind": {
                group: {"p50": round(p50, 1), "p95": round(p95, 1)}
                for group, (p50, p95) in self.latency_by_kind.items()
            },
        }


def summarize(results: Sequence[Result]) -> Summary:
    def rate(chosen: Sequence[Result]) -> Rate:
        return Rate(sum(r.correct for r in chosen), len(chosen))

    def latency(chosen: Sequence[Result]) -> tuple[float, float]:
        values = [r.latency_ms for r in chosen]
        return percentile(values, 0.50), percentile(values, 0.95)

    answerable = [r for r in results if r.item.answerable]
    latencies = [r.latency_ms for r in results]
    groups = {g: [r for r in results if in_group(r, g)] for g in GROUPS}
    return Summary(
        overall=rate(results),
        by_kind={g: rate(chosen) for g, chosen in groups.items()},
        retrieval_hits=Rate(
            sum(retrieval_hit(r.item, r.answer) for r in answerable), len(answerable)
        ),
        p50_ms=percentile(latencies, 0.50),
        p95_ms=percentile(latencies, 0.95),
        wrong=Rate(sum(r.wrong for r in results), len(results)),
        wrong_figures=Rate(sum(r.wrong_figure for r in results), len(results)),
        refused=Rate(sum(r.answer.refused for r in results), len(results)),
        latency_by_kind={g: latency(chosen) for g, chosen in groups.items() if chosen},
    )
