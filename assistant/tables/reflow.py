"""Breaking a report copied onto one line back into lines, at the labels the specs print.

Crawled web pages often hold the whole report body on one line, table cells run together
(`…（一）予以公开0000000（二）部分公开…`). The parser reads tables line by line, so each
line that holds a whole table is broken before every section heading, 第二十条 sub-table,
row label and the section 四 figures. Every break point is a label some format's spec
prints; the digits between two labels stay together, to be split by the table's sums
later. A row's item number that follows the previous row's digits (`00000002.其他法律…`) is
taken from the spec's numbering, not read off the digits. Pure.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.tables.schema import FORMATS
from assistant.tables.spec import spec_for

# Section headings in the words both formats (and their variants) use, under any numeral
# (a province's own extra part moves the later ones down: 三、主动公开政府信息情况).
# Keyed by the section they are in the official format.
_HEADINGS = {
    section: re.compile("[一二三四五六七八九]、" + words)
    for section, words in (
        ("一", r"总体情况"),
        ("二", r"主动公开政府信息(?:的)?情况"),
        ("三", r"收到和处理政府信息公开申请(?:的)?情况"),
        ("四", r"(?:因)?政府信息公开(?:工作)?(?:被申请)?行政复议[、和]?(?:提起)?行政诉讼(?:的)?情况"),
        ("五", r"(?:政府信息公开(?:工作)?)?存在的(?:主要)?问题(?:及|和|与)改进(?:情况|措施)"),
        ("六", r"其他需要报告的事项"),
    )
}
# A part some agencies add after the tables (五、信息处理费收取情况); it ends section 四.
_HEADINGS["later"] = re.compile(r"[五六七八九]、[^0-9０-９、，。；]{2,16}?情况")
# Lines this long that hold table headers are whole tables run together on one line.
_LONG = 120
_TABLE_WORDS = ("信息内容", "申请人情况", "本年新收政府信息公开申请数量")
# HTML leftovers that crawled pages keep in their text.
_COMMENT = re.compile(r"<!--.*?-->")
_DIGITS = re.compile(r"[0-9０-９]")
_UNIT = r"(?:[(（][^()（）]{1,3}[)）])?"
# A numbered sub-heading right after a row's figures (`行政事业性收费7816 (二)主动公开政府信息的
# 主要类别…`): the table has ended and the report's text goes on.
_SUBHEADING_AFTER_FIGURES = re.compile(r"(?<=[0-9０-９])\s*([(（][一二三四五六七八九十]+[)）])")


def _alternation(words: set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(headings, section 二 break points, section 三/四 break points) from every spec."""
    rows2: set[str] = set()
    items: dict[str, set[str]] = {}
    tops: set[str] = set()
    for fmt in FORMATS:
        spec = spec_for(fmt)
        for _, rows, _ in spec.section2:
            for row in rows:
                rows2.add(row)
                rows2.update(spec.variants.get(row, ()))
        for row in spec.rows3:
            tops.add(row.top_label)
            if row.item:
                items.setdefault(str(row.item), set()).add(row.item_label)
    headings = re.compile("|".join(h.pattern for h in _HEADINGS.values()))
    section2 = re.compile(
        r"第二十条第[(（][一二三四五六七八九十]+[)）]项|信息内容|"
        rf"(?:{_alternation(rows2)}){_UNIT}"
    )
    numbered = "|".join(rf"{n}[.．、](?:{_alternation(labels)})" for n, labels in items.items())
    section3 = re.compile(
        rf"[一二三四]+、(?:{_alternation(tops)})"
        rf"|[(（][一二三四五六七][)）]|{numbered}"
    )
    return headings, section2, section3


def _cut(text: str, starts: list[int]) -> list[str]:
    points = sorted({0, *(s for s in starts if 0 < s < len(text)), len(text)})
    return [text[a:b].strip() for a, b in zip(points, points[1:], strict=False)]


def _figures_start(text: str) -> int | None:
    """Where the figures at the end of the section 四 header start (`…总计000…0`)."""
    match = re.search(r"总计\s*(?=[0-9０-９][0-9０-９\s　]*$)", text)
    return match.end() if match else None


def reflow_line(line: str) -> list[str]:
    """One long line holding whole tables, as the lines a table extraction would give."""
    text = _COMMENT.sub("", line)
    headings, section2, section3 = _patterns()
    starts: list[int] = []
    for match in headings.finditer(text):
        starts += [match.start(), match.end()]
    pieces = _cut(text, starts)
    out: list[str] = []
    section = ""
    for piece in pieces:
        if headings.fullmatch(piece):
            section = next(n for n, h in _HEADINGS.items() if h.fullmatch(piece))
            out.append(piece)
            continue
        if section == "二":
            points = [m.start() for m in section2.finditer(piece)]
            # `第二十条第（一）项` stands alone; the header runs up to the first row.
            points += [
                m.end() for m in section2.finditer(piece) if m.group().startswith("第二十条")
            ]
            points += [m.start(1) for m in _SUBHEADING_AFTER_FIGURES.finditer(piece)]
            out += _cut(piece, points)
        elif section == "三":
            out += _cut(piece, [m.start() for m in section3.finditer(piece)])
        elif section == "四":
            start = _figures_start(piece)
            out += _cut(piece, [start] if start is not None else [])
        else:
            out.append(piece)
    return [line for line in out if line]


# Lines that carry no table content: Markdown rules under a header row (`|---|---|`),
# Markdown headings repeated between table fragments (`## 表三：…`), page footers (`— 5 —`),
# and the placeholder headers OCR gives table fragments (`| 数据1 | 数据2 | … |`).
_NOISE = re.compile(
    r"\s*(?:\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*|#{1,6}\s*表[一二三四].*|[—-]+\s*\d+\s*[—-]+"
    r"|\|?(?:\s*(?:数据|列|Column\s*)\d+\s*\|)+(?:\s*(?:数据|列|Column\s*)\d+\s*)?)\s*"
)


def reflow(lines: list[str]) -> list[str]:
    """The report's lines with every one-line table broken into its rows, and lines that
    only frame tables (Markdown rules and headings, page footers) left out."""
    out: list[str] = []
    for line in lines:
        if _NOISE.fullmatch(line):
            continue
        if len(line) >= _LONG and any(word in line for word in _TABLE_WORDS):
            out += reflow_line(line)
        elif cuts := _headings_after_figures(line):
            out += _cut(line, cuts)
        else:
            out.append(line)  # as it is: leading tabs are blank cells
    return out


def _headings_after_figures(line: str) -> list[int]:
    """Where a section heading follows a table's last figures on the same line
    (`…总计 000…0五、信息处理费收取情况…`): the figures are not the next part's."""
    headings = _patterns()[0]
    return [m.start() for m in headings.finditer(line) if m.start() > 0 and _DIGITS.match(line, m.start() - 1)]
