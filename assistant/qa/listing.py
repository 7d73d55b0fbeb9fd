"""How the figures of one report sentence relate: a total and its parts, or names paired
with figures in order. Pure: a sentence and its figures in, each figure's role out.

Two constructions that reports use everywhere:
- "全年印发公文类政府信息共510条，其中主动公开…169条，依申请公开信息数317条…": the figure
  before 其中 is a total, the figures after it its parts. A part is described by its own
  words *and* the total's ("依申请公开的公文类信息"); the total by everything said before
  it in the sentence ("通过政府门户网站主动公开…，全年公开政府信息共228条").
- "微博、微信分别发布平潭旅游信息495条和632条": the names before 分别 go with the figures
  after it, in order; each figure is described by its own name and the shared words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.qa.numbers import Quantity, same_unit_family

# The figure just before this is a total whose parts follow.
_PARTS_FOLLOW = re.compile(r"[）)]?[，,；;]?([（(])?其中[，,：:]?")
_CLOSE = re.compile(r"[）)]")
# A residual part ("其他应主动公开的政府信息12条") is asked for only by these words.
RESIDUAL_LABEL = re.compile(r"^(?:其他|其余)")
RESIDUAL_ASKED = ("其他", "其余", "别的")
_RESPECTIVELY = "分别"
_NAME_SEPARATOR = re.compile(r"[、和与及]|以及")


@dataclass(frozen=True)
class Role:
    """A figure's place in its sentence; indices are into the sentence's figures."""

    context: str = ""  # words before it in the sentence that describe it (totals, parts)
    head: str = ""  # for a part: the words its total is counted by ("印发公文类政府信息")
    total: int | None = None  # for a part: the index of its total
    parts: tuple[int, ...] = ()  # for a total: the indices of its parts
    label: str | None = None  # replaces the words before the figure (分别 lists)
    residual: bool = False  # a 其他… part


def roles(sentence: str, figures: Sequence[Quantity]) -> list[Role]:
    """One role per figure (positions of `figures` are offsets in `sentence`)."""
    found = [Role() for _ in figures]
    _totals_and_parts(sentence, figures, found)
    _respectively(sentence, figures, found)
    return found


def _totals_and_parts(sentence: str, figures: Sequence[Quantity], found: list[Role]) -> None:
    for i, total in enumerate(figures):
        follows = _PARTS_FOLLOW.match(sentence, total.end)
        if follows is None or found[i].total is not None:
            continue
        # "（其中…）" ends at its bracket; "，其中…" at the end of the sentence.
        closing = _CLOSE.search(sentence, follows.end()) if follows.group(1) else None
        end = closing.start() if closing else len(sentence)
        parts = []
        for j in range(i + 1, len(figures)):
            part = figures[j]
            # Parts count what the total counts: "占…82.4%" after the list is no part.
            if part.start >= end or not same_unit_family(total.unit, part.unit):
                break
            parts.append(j)
        if not parts:
            continue
        found[i] = Role(context=sentence[: total.start], parts=tuple(parts))
        context = sentence[: total.end]
        clause_start = max(sentence.rfind(c, 0, total.start) for c in "，,；;：:（(") + 1
        head = sentence[max(clause_start, figures[i - 1].end if i else 0) : total.start]
        for j in parts:
            previous_end = figures[j - 1].end if j - 1 != i else follows.end()
            own = sentence[previous_end : figures[j].start].lstrip("，,、；;")
            residual = bool(RESIDUAL_LABEL.match(own))
            found[j] = Role(context=context, head=head, total=i, residual=residual)


def _respectively(sentence: str, figures: Sequence[Quantity], found: list[Role]) -> None:
    at = sentence.find(_RESPECTIVELY)
    if at < 0:
        return
    after = [j for j, f in enumerate(figures) if f.start > at]
    before = [f for f in figures if f.end <= at]
    start = before[-1].end if before else 0
    # The names: the last clause before 分别 ("微博、微信").
    names_text = re.split(r"[，,；;：:]", sentence[start:at])[-1]
    names = [n for n in _NAME_SEPARATOR.split(names_text) if n]
    if len(names) < 2 or len(after) < len(names):
        return
    shared = sentence[at + len(_RESPECTIVELY) : figures[after[0]].start]
    for name, j in zip(names, after[: len(names)], strict=True):
        found[j] = Role(label=name + shared)

