"""Answerers phrase what the lookup found: extractive (default, no LLM) or an LLM.

`make_answerer(settings)` picks one by `settings.answerer`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from assistant.qa import compose
from assistant.qa.answer import Answer
from assistant.qa.articles import (
    article_by_meaning,
    article_by_words,
    counted_in_article,
    whole_article,
)
from assistant.qa.clauses import Clause, best_clause, says_every_word
from assistant.qa.evidence import Evidence
from assistant.qa.text import fold
from assistant.settings import Settings


class Answerer(Protocol):
    def answer(self, evidence: Evidence) -> Answer: ...


def _refusal(evidence: Evidence) -> Answer:
    assert evidence.refusal is not None
    return compose.refusal_answer(evidence.refusal, evidence.holdings)


def _table(evidence: Evidence) -> Answer:
    figure, report = evidence.figure, evidence.report
    assert figure is not None and report is not None
    if figure.value is not None:
        return compose.table_answer(figure, report)
    # The cell is missing; the report's text may state the figure ("现行有效…698件"), in a
    # sentence with every word that named the cell ("废止" is not "现行有效").
    clause = _clause(evidence) if evidence.passages else None
    if (
        clause is None
        or clause.quantity is None
        or not says_every_word(evidence.question.terms, clause.sentence)
    ):
        return compose.missing_cell_answer(figure, report)
    return compose.narrative_answer(clause, report, tuple(p.text for p in evidence.passages))


def _clause(evidence: Evidence) -> Clause | None:
    q, report = evidence.question, evidence.report
    assert report is not None
    return best_clause(
        evidence.passages, fold(q.text), q.terms, q.unit, numeric=q.numeric, agency=report.agency
    )


def _narrative(evidence: Evidence) -> Answer:
    assert evidence.report is not None
    clause = _clause(evidence)
    if clause is None:
        return compose.no_clause_answer(evidence)
    passages = tuple(p.text for p in evidence.passages)
    return compose.narrative_answer(clause, evidence.report, passages)


def _policy(evidence: Evidence) -> Answer:
    q = evidence.question
    clause = None
    if evidence.article and q.numeric and (q.unit == "项" or q.unit == "条" and not q.article):
        clause = counted_in_article(evidence.passages, q.unit)  # 列了几项, 一共多少条
    clause = clause or best_clause(
        evidence.passages, fold(q.text), q.terms, q.unit, numeric=q.numeric, heads=False
    )
    if clause is None and evidence.article:
        # "第三十三条是怎么规定的？": the article itself is the answer.
        clause = whole_article(evidence.passages)
    if clause is None:
        # The article that says clearly more of the question (口头 in "不会写字能口头申请吗"),
        # or for plain words the 条例 does not use (交钱, 拖几天) the one closest in meaning.
        clause = article_by_words(
            evidence.passages, q.terms, q.unit, q.numeric
        ) or article_by_meaning(evidence.passages, q.unit, q.numeric)
    if clause is None:
        return compose.no_clause_answer(evidence)
    return compose.policy_answer(clause, tuple(p.text for p in evidence.passages))


class ExtractiveAnswerer:
    """Figures from table cells; narrative and policy figures from the best-matching clause."""

    _routes: dict[str, Callable[[Evidence], Answer]] = {
        "refusal": _refusal,
        "table": _table,
        "narrative": _narrative,
        "policy": _policy,
    }

    def answer(self, evidence: Evidence) -> Answer:
        return self._routes[evidence.route](evidence)


def _llm(settings: Settings) -> Answerer:
    from assistant.qa.llm import LlmAnswerer

    return LlmAnswerer.from_settings(settings, fallback=ExtractiveAnswerer())


ANSWERERS: dict[str, Callable[[Settings], Answerer]] = {
    "extractive": lambda settings: ExtractiveAnswerer(),
    "llm": _llm,
}


def make_answerer(settings: Settings) -> Answerer:
    return ANSWERERS[settings.answerer](settings)
