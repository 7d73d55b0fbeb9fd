"""Matching printed row and column labels to canonical ones, without guessing.

A printed label is matched by two independent readings: its numbering (一、 / （三） / 2.)
read against the table's structure, and its words compared with the canonical words. A
row is accepted when both readings agree, or when the words alone match exactly; anything
less certain is left unmatched so that no number lands in a neighbouring row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from assistant.tables.schema import FORMATS, Format
from assistant.tables.spec import spec_for
from assistant.tables.text import norm, strip_remarks

CN_NUMBERS = "一二三四五六七八九十"


# Words seen only in the header rows of the section 三 table.
_HEADER_WORDS = ("申请人情况", "勾稽", "自然人", "法人或其他组织", "商业企业", "科研机构")

# A header of placeholder names run into the row under it, as some Markdown exports print
# one small table per row: "类别|数据1|…|数据6|总计" + "本年新收政府信息公开申请数量".
_PLACEHOLDER_HEADER = re.compile(r"^(?:类别|项目)(?:数据\d+|列\d+|总计|合计)+")

_MARKER = re.compile(
    r"(?P<top>[一二三四])、|\((?P<group>[一二三四五六七])\)|(?P<item>\d{1,2})[.、]"
)

# Words that match well enough to accept a label on its words alone.
TEXT_ONLY_MATCH = 0.85
# How far a words-only match must lead the next-best label.
CLEAR_LEAD = 0.15
# Exact words this long name one row whatever numbering stands before them.
LONG_WORDS = 5
# Words that confirm a label whose numbering already points at the row (typos, cut-offs).
CONFIRMING_MATCH = 0.6


def similarity(printed: str, canonical: str) -> float:
    """How well printed words match canonical ones; a cut-off label still matches its start."""
    if printed == canonical:
        return 1.0
    if len(printed) >= 4 and canonical.startswith(printed):
        return 0.9
    return SequenceMatcher(None, printed, canonical).ratio()


@dataclass(frozen=True)
class RowSpec:
    """Where a canonical section 三 row sits in the printed table."""

    path: str
    top: str  # 一 … 四
    group: str  # 一 … 七 within 三、本年度办理结果, else ""
    item: int  # 1 … within a group, else 0
    words: str  # the printed words of its own label, `norm`ed


def section3_specs(fmt: Format) -> list[RowSpec]:
    """Where each row of the format's section 三 sits, from its spec."""
    return [
        RowSpec(row.key, row.top, row.group, row.item, norm(row.words))
        for row in spec_for(fmt).rows3
    ]


_SPECS: dict[Format, list[RowSpec]] = {fmt: section3_specs(fmt) for fmt in FORMATS}
_ALL_WORDS: frozenset[str] = frozenset(s.words for fmt in FORMATS for s in _SPECS[fmt]) | {
    norm(row.group_label) for fmt in FORMATS for row in spec_for(fmt).rows3 if row.group
}


@dataclass(frozen=True)
class PrintedLabel:
    """A printed section 三 row label taken apart into its numbering and its own words."""

    top: str = ""
    group: str = ""
    item: int = 0
    words: str = ""  # the words after the most specific numbering mark


def read_label(label: str) -> PrintedLabel:
    text = strip_remarks(norm(label))
    top, group, item, words = "", "", 0, text
    for match in _MARKER.finditer(text):
        if match.group("top"):
            top = match.group("top")
        elif match.group("group"):
            group = match.group("group")
        else:
            item = int(match.group("item"))
        words = text[match.end() :]
        # Words run up to the next mark.
        following = _MARKER.search(words)
        words = words[: following.start()] if following else words
    return PrintedLabel(top, group, item, words)


def is_header(label: str) -> bool:
    text = norm(label)
    return any(word in text for word in _HEADER_WORDS)


def is_cut_off(label: str) -> bool:
    """A label whose words stop part-way through a canonical label (`5.要求行政机关`)."""
    words = read_label(label).words
    return (
        len(words) >= 2 and words not in _ALL_WORDS and any(w.startswith(words) for w in _ALL_WORDS)
    )


def continues(label: str, fragment: str) -> bool:
    """Whether `fragment` carries the words of `label` on towards a canonical label.

    `2.其他` / `法律行政法规禁止公开` continues although 其他 is itself a label (2021's
    其他处理/其他): the joined words name a label, which the row above alone did not.
    """
    if _MARKER.search(norm(fragment)):
        return False
    if norm(label).count("(") > norm(label).count(")") and ")" in norm(fragment):
        return True  # the rest of a remark cut off mid-way: `（区分处理的，只计这一情` + `形…）`
    before = read_label(label).words
    after = read_label(label + fragment).words
    return len(after) > len(before) and any(w.startswith(after) for w in _ALL_WORDS)


def looks_like_row(label: str) -> bool:
    """A label that starts a table row, as opposed to a stray fragment of one."""
    printed = read_label(label)
    if printed.top or printed.group or printed.item:
        return True
    return max(similarity(printed.words, w) for w in _ALL_WORDS) >= TEXT_ONLY_MATCH


@dataclass(frozen=True)
class RowMatch:
    """The outcome of matching one printed row label.

    `path` is the canonical row, or None. `heading` marks a row that only heads a group
    of rows (（三）不予公开) and holds no cells of its own. `group` is the result group
    the row belongs to, so that following rows numbered only `2.` can be placed.
    `doubt` explains, in Chinese, why a row with numbers could not be placed.
    """

    path: str | None
    group: str = ""
    heading: bool = False
    doubt: str = ""


def _is_heading(printed: PrintedLabel, fmt: Format) -> bool:
    """A label that heads rows but holds none: 三、本年度办理结果, or a group with items."""
    if printed.item:
        return False
    if printed.group:
        return any(s.group == printed.group and s.item for s in _SPECS[fmt])
    return any(s.top == printed.top and s.group for s in _SPECS[fmt])


def _structural(printed: PrintedLabel, group: str, fmt: Format) -> RowSpec | None:
    """The row the numbering points at, with `group` carried over from the rows above."""
    specs = _SPECS[fmt]
    if printed.item and group:
        return next((s for s in specs if s.group == group and s.item == printed.item), None)
    if printed.group:
        return next((s for s in specs if s.group == printed.group and not s.item), None)
    if printed.top:
        return next((s for s in specs if s.top == printed.top and not s.group), None)
    return None


def items_in(label: str) -> int:
    """How many numbered row labels (1. 2. …) a printed label holds."""
    return sum(1 for m in _MARKER.finditer(strip_remarks(norm(label))) if m.group("item"))


def match_section3_row(label: str, fmt: Format, current_group: str) -> RowMatch:
    printed = read_label(_PLACEHOLDER_HEADER.sub("", norm(label)) or label)
    group = printed.group or current_group
    if _is_heading(printed, fmt):
        return RowMatch(None, group, heading=True)
    by_number = _structural(printed, group, fmt)

    scored = sorted(
        ((similarity(printed.words, s.words), s) for s in _SPECS[fmt] if printed.words),
        key=lambda pair: -pair[0],
    )
    best_score, best = scored[0] if scored else (0.0, None)
    runner_up = scored[1][0] if len(scored) > 1 else 0.0

    if by_number is not None:
        own = similarity(printed.words, by_number.words) if printed.words else 0.0
        if own >= CONFIRMING_MATCH and own >= best_score:
            return RowMatch(by_number.path, by_number.group)
    # Exact words outweigh a numbering slip within the same group (`2.属于国家秘密`), but
    # not across groups: a cut-off `2.其他` under （三） is not 其他处理/其他.
    same_group = by_number is None or (best is not None and best.group == by_number.group)
    # Words long enough to name one row only outweigh numbering from any group (PDF
    # fragments lose the group labels: `1.本机关不掌握相关政府信息` printed under （三）).
    unique_words = len(printed.words) >= LONG_WORDS
    if best is not None and best_score == 1.0 and runner_up < 1.0 and (same_group or unique_words):
        return RowMatch(best.path, best.group)
    clear_lead = runner_up <= best_score - CLEAR_LEAD
    if by_number is None and best is not None and best_score >= TEXT_ONLY_MATCH and clear_lead:
        return RowMatch(best.path, best.group)

    if best_score < CONFIRMING_MATCH:
        best = None  # words this far off suggest nothing
    candidates = [s.path for s in (by_number, best) if s is not None]
    named = "、".join(dict.fromkeys(f"“{c}”" for c in candidates)) or "任何一行"
    return RowMatch(None, group, doubt=f"行标签“{label}”无法确定对应{named}")


def match_label(printed: str, canonical: tuple[str, ...]) -> str | None:
    """The one canonical label (row or column of a small table) a printed one stands for."""
    text = strip_remarks(norm(printed))
    scored = sorted(((similarity(text, norm(c)), c) for c in canonical), key=lambda p: -p[0])
    if not scored:
        return None
    best_score, best = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if best_score == 1.0 or (
        best_score >= TEXT_ONLY_MATCH and runner_up <= best_score - CLEAR_LEAD
    ):
        return best
    return None
