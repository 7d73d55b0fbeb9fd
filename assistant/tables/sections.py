"""Where the tables of sections 二, 三 and 四 sit among a report's lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.tables.text import has_separators, norm

# Any numeral: some provinces insert a part of their own (二、政务公开工作主要任务落实情况),
# so the headings are known by their words, not their numbers.
_HEADING = re.compile(r"^[一二三四五六七八九][、.]")
# What each section heading says, in either format's wording; table rows such as
# "四、结转下年度继续办理" start with a numeral too but never say this.
_HEADING_WORDS = {
    "二": ("主动公开",),
    "三": ("申请情况",),
    "四": ("行政复议", "行政诉讼"),
    "五": ("问题", "改进", "其他需要报告"),
}
# After the tables any later part ends section 四, whatever it reports: some agencies add
# a part of their own there (五、信息处理费收取情况) with a small table of its own.
_LATER_PART = re.compile(r"^[五六七八九][、.]")
# Lines that open a table when its section heading is missing or garbled.
_TABLE_ANCHORS = {"二": "第二十条", "三": "本年新收政府信息公开申请数量", "四": "结果维持"}


@dataclass(frozen=True)
class Layout:
    """Line ranges [start, end) of each table section (below its heading), and the other lines."""

    sections: dict[str, tuple[int, int]]
    narrative: list[str]

    def lines(self, section: str, all_lines: list[str]) -> list[str]:
        start, end = self.sections.get(section, (0, 0))
        return all_lines[start:end]


def _is_heading(line: str, number: str) -> bool:
    if has_separators(line):
        return False
    text = norm(line)
    if _HEADING.match(text) is None or len(text) > 40:
        return False
    return any(word in text for word in _HEADING_WORDS[number]) or (
        number == "五" and _LATER_PART.match(text) is not None
    )


def locate(lines: list[str]) -> Layout:
    starts: dict[str, int] = {}  # first line of each section, its heading when there is one
    bodies: dict[str, int] = {}  # first line below the heading
    position = 0
    for number in ("二", "三", "四", "五"):
        rest = range(position, len(lines))
        found = next((i for i in rest if _is_heading(lines[i], number)), None)
        body = None if found is None else found + 1
        if found is None and number in _TABLE_ANCHORS:
            anchor = _TABLE_ANCHORS[number]
            found = body = next((i for i in rest if anchor in norm(lines[i])), None)
        if found is not None and body is not None:
            starts[number], bodies[number] = found, body
            position = body

    sections: dict[str, tuple[int, int]] = {}
    for number in ("二", "三", "四"):
        if number in starts:
            later = [s for s in starts.values() if s > starts[number]]
            sections[number] = (bodies[number], min(later, default=len(lines)))

    covered: set[int] = set()
    for number, (_, end) in sections.items():
        covered.update(range(starts[number], end))
    narrative = [line for i, line in enumerate(lines) if i not in covered]
    return Layout(sections, narrative)
