"""Scoring answers against a QA set: accuracy by kind, retrieval hit rate, latency percentiles.

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


@dataclass(frozen=True)
class Summary:
    overall: Rate
    by_kind: dict[str, Rate]
    retrieval_hits: Rate
    p50_ms: float
    p95_ms: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "questions": self.overall.total,
            "overall": self.overall.to_dict(),
            **{kind: rate.to_dict() for kind, rate in self.by_kind.items()},
            "retrieval_hit_rate": self.retrieval_hits.to_dict(),
            "latency_ms": {"p50": round(self.p50_ms, 1), "p95": round(self.p95_ms, 1)},
        }


def summarize(results: Sequence[Result]) -> Summary:
    def rate(chosen: Sequence[Result]) -> Rate:
        return Rate(sum(r.correct for r in chosen), len(chosen))

    answerable = [r for r in results if r.item.answerable]
    latencies = [r.latency_ms for r in results]
    return Summary(
        overall=rate(results),
        by_kind={kind: rate([r for r in results if r.item.kind == kind]) for kind in KINDS},
        retrieval_hits=Rate(
            sum(retrieval_hit(r.item, r.answer) for r in answerable), len(answerable)
        ),
        p50_ms=percentile(latencies, 0.50),
        p95_ms=percentile(latencies, 0.95),
    )
