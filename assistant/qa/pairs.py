"""Figures that come in pairs: a value changed from one to another ("由300元提高到462元"),
the ends of a range ("1023元/月至1822元/月"), and the two ways of disclosing (主动公开,
依申请公开) whose figures never answer for each other. Pure: text and quantities in."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.qa.numbers import Quantity

# Two figures of one thing: changed from one value to another ("保障金由每人每月300元提高
# 到462元"), or the ends of a range ("1023元/月至1822元/月不等"). The question asks the new
# value; the old one, or an end of a range, only when it says so.
_CHANGE_FROM = re.compile(r"[由从](?:每[^\d，,]{0,3}|原来的?)?$")
_CHANGE_TO = re.compile(
    r"^(?:/[^\d，,]{1,2})?(?:提高|增加|增长|上涨|上调|涨|降低|下降|下调|减少|降|调整|扩大|缩小)(?:到|至|为)$"
)
_RANGE = re.compile(r"^(?:/[^\d，,]{1,2})?(?:至|到|～|~|－|-|—)$")
_PAIR_ASKED = {
    "from": re.compile(r"原来|原先|以前|之前|调整前|[由从](?:多少|几)"),
    "low": re.compile(r"最低|最少|最小|下限|起码"),
    "high": re.compile(r"最高|最多|最大|上限|封顶"),
}


# The two ways information is disclosed (条例 第十三条): a figure of one never answers
# a question about the other.
_MODES = ("主动公开", "依申请公开")


def other_mode(question: str, figure_words: str) -> bool:
    asked = [m for m in _MODES if m in question]
    said = [m for m in _MODES if m in figure_words]
    return len(asked) == 1 and bool(said) and asked != said


def in_pair(text: str, figures: Sequence[Quantity], k: int) -> str | None:
    """The part figure `k` of a clause plays in a change (from, to) or a range (low, high)."""
    if k + 1 < len(figures):
        between = text[figures[k].end : figures[k + 1].start]
        if _RANGE.match(between):
            return "low"
        if _CHANGE_TO.match(between) and _CHANGE_FROM.search(text[: figures[k].start]):
            return "from"
    if k:
        between = text[figures[k - 1].end : figures[k].start]
        if _RANGE.match(between):
            return "high"
        if _CHANGE_TO.match(between) and _CHANGE_FROM.search(text[: figures[k - 1].start]):
            return "to"
    return None


def answers_as_part_of_pair(pair: str | None, question: str) -> bool:
    """Whether a figure playing `pair` answers the question: the new value unless the
    question asks where the change started (原来); an end of a range unless the question
    asks the other end (asked neither, both ends stay rivals and the answer is refused)."""
    if pair in ("from", "to"):
        return (pair == "from") == bool(_PAIR_ASKED["from"].search(question))
    if pair in ("low", "high"):
        other_end = "high" if pair == "low" else "low"
        return not _PAIR_ASKED[other_end].search(question)
    return True
