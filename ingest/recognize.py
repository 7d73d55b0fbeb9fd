"""Recognise what a document is: an annual report (agency, year, sections) or another document.

Pure functions over the loader's text lines; no I/O (the division data is package data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.agencies.reading import read_agency

CN_SECTION_NUMBERS = "一二三四五六"

# "平罗县城关镇人民政府2020年政府信息公开年度报告", "淮安市人民政府2024年政府信息公开工作年度报告",
# "…局2021年度政府信息公开工作报告"
_AGENCY_FIRST = re.compile(
    r"(?P<agency>[\u4e00-\u9fa5（）()]{2,40}?)(?P<year>(?:19|20)\d{2})年度?"
    r"政府信息公开(?:工作)?(?:年度?)?报告"
)
# "2019年上海市人民政府办公厅政府信息公开工作年度报告"
_YEAR_FIRST = re.compile(
    r"(?P<year>(?:19|20)\d{2})年度?(?P<agency>[\u4e00-\u9fa5（）()]{2,40}?)"
    r"政府信息公开(?:工作)?(?:年度?)?报告"
)
# "统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日" — the statistics year.
_PERIOD = re.compile(r"(?:统计期限|统计时限|数据统计期限)[^。]{0,12}?((?:19|20)\d{2})年1月1日")
_HEADING = re.compile(r"^\s*(?P<num>[一二三四五六])\s*[、.．]\s*(?P<title>\S.*?)\s*$")
_ARTICLE = re.compile(r"^\s*第[一二三四五六七八九十百零〇]+条")
_POLICY_TITLE = re.compile(r"(条例|办法|规定|法|细则|规则|决定|通知|意见)$")
_DECREE_ISSUER = re.compile(r"(国务院|[\u4e00-\u9fa5]{2,20}(?:人民政府|办公厅|办公室))令")

_SPACES = re.compile(r"\s+")
_LEADING_MARKS = re.compile(r"^[#>*\s]+")


@dataclass(frozen=True)
class Section:
    number: str  # "一" … "六"; "" for text before the first section
    title: str
    start_line: int  # index into the document's lines


@dataclass
class Recognition:
    title: str
    kind: str  # "report" | "policy" | "document"
    agency: str | None = None
    year: int | None = None
    sections: list[Section] = field(default_factory=list)
    agency_note: str | None = None  # how a place the division data lacks was read
    acts_for: str | None = None  # the government a government office's report speaks for


def squash(text: str) -> str:
    """Drop all whitespace: PDF and web extractions put spaces inside Chinese words."""
    return _SPACES.sub("", text)


def _first_lines(lines: list[str], count: int) -> list[str]:
    out = []
    for line in lines:
        clean = _LEADING_MARKS.sub("", line).strip()
        if clean:
            out.append(clean)
        if len(out) == count:
            break
    return out


def _report_title(lines: list[str]) -> tuple[str, str, int] | None:
    """(title, agency, year) when the opening lines name an annual report."""
    head = _first_lines(lines, 4)
    # The title may be split over two lines ("淮安市人民政府" / "2024 年…年度报告").
    candidates = [squash(x) for x in head] + [
        squash(a + b) for a, b in zip(head, head[1:], strict=False)
    ]
    for text in sorted(candidates, key=len):
        for pattern in (_YEAR_FIRST, _AGENCY_FIRST):
            m = pattern.search(text)
            if m:
                agency = m.group("agency").strip("（）()")
                return m.group(0), agency, int(m.group("year"))
    return None


def find_sections(lines: list[str]) -> list[Section]:
    """Top-level headings 一、… 六、 in order.

    Table rows such as "一、本年新收政府信息公开申请数量 | 3 | …" also start with a Chinese
    numeral, so a heading must come in sequence and carry no table cells.
    """
    sections: list[Section] = []
    expected = 0
    for i, line in enumerate(lines):
        if expected >= len(CN_SECTION_NUMBERS):
            break
        if "\t" in line or "|" in line:
            continue
        m = _HEADING.match(line)
        # One title may cover two sections ("一、总体情况和主动公开政府信息情况"): the next
        # heading then skips a number.
        allowed = CN_SECTION_NUMBERS[expected : expected + 2] if sections else CN_SECTION_NUMBERS[0]
        if not m or m.group("num") not in allowed:
            continue
        title = squash(m.group("title")).rstrip("。.")
        if not title or len(title) > 40 or re.search(r"\d{2,}", title):
            continue
        sections.append(Section(m.group("num"), title, i))
        expected = CN_SECTION_NUMBERS.index(m.group("num")) + 1
    return sections


def _policy_issuer(lines: list[str]) -> tuple[str | None, int | None]:
    issuer, year = None, None
    for line in _first_lines(lines, 8):
        m = _DECREE_ISSUER.search(line)
        if m:
            issuer = m.group(1)
            y = re.match(r"\s*((?:19|20)\d{2})年", line)
            if y:
                year = int(y.group(1))  # the latest decree line (the revision) wins
    return issuer, year


def recognize(lines: list[str], fallback_title: str = "") -> Recognition:
    """Recognise a document from its text lines; `fallback_title` is used when none is found."""
    found = _report_title(lines)
    if found:
        title, printed, year = found
        period = _PERIOD.search(squash("".join(lines[:40])))
        if period:
            year = int(period.group(1))
        reading = read_agency(printed, f"{fallback_title}\n" + "\n".join(lines))
        return Recognition(
            title,
            "report",
            reading.agency,
            year,
            find_sections(lines),
            agency_note=reading.note,
            acts_for=reading.acts_for,
        )

    head = _first_lines(lines, 1)
    title = squash(head[0]) if head else fallback_title
    articles = sum(1 for line in lines if _ARTICLE.match(line))
    if articles >= 3 and _POLICY_TITLE.search(title):
        agency, year = _policy_issuer(lines)
        return Recognition(title, "policy", agency, year)
    return Recognition(title or fallback_title, "document")
