"""From a report's text lines to the canonical cells of its tables and the findings on them.

Pure: lines in, `TablesResult` out. The lines are what the loaders produce (table rows
joined with " | ") or what a text extraction holds (tab-separated rows).
"""

from __future__ import annotations

from assistant.tables import section2, section3, section4
from assistant.tables.deduce import recover
from assistant.tables.digit_rows import settle_digit_rows
from assistant.tables.narrative import check_r6, stated_section2
from assistant.tables.reading import DigitRow, Reading
from assistant.tables.reflow import reflow
from assistant.tables.result import (
    FORMAT,
    LABEL,
    MISSING,
    SPLIT,
    Finding,
    TablesResult,
    empty_result,
)
from assistant.tables.rules import check_all
from assistant.tables.schema import CellKey, Format
from assistant.tables.sections import locate
from assistant.tables.values import settle


def detect_format(
    section2_lines: list[str], section3_lines: list[str]
) -> tuple[Format | None, list[Finding]]:
    """The report's format, from the words each spec says only it prints.

    A format's own section 三 words (2021: the sub-items of （六）其他处理) are the surest
    sign, then the section 二 column headers (entirely different between formats), then a
    group row that only some format prints alone (a lone （六） row: 2019).
    """
    by_headers = section2.format_votes(section2_lines)
    by_rows = section3.formats_by_words(section3_lines)
    if len(by_rows) == 1:
        fmt = by_rows[0]
        if by_headers and fmt not in by_headers:
            other = "、".join(sorted(by_headers))
            message = f"表二的表头属于{other}年格式，表三属于{fmt}年格式，按{fmt}年格式读取"
            return fmt, [Finding(FORMAT, message)]
        return fmt, []
    if len(by_headers) == 1:
        return by_headers.pop(), []
    if by_headers:
        first = min(by_headers)
        named = "和".join(sorted(by_headers))
        message = f"表二的表头同时含有{named}年格式的列名，按{first}年格式读取"
        return first, [Finding(FORMAT, message)]
    lone = section3.formats_by_lone_rows(section3_lines)
    if len(lone) == 1:
        return lone[0], []
    return None, [Finding(FORMAT, "未找到年度报告统计表（表二、表三的表头都不可辨认）")]


def _lost(readings: list[Reading], digit_rows: list[DigitRow]) -> set[CellKey]:
    """Cells for which the document printed nothing at all (rows dropped or absent).

    A table with printed figures that could not be placed (an unknown row label) has no
    lost cells: working them out from the sums could contradict those figures.
    """
    split = {k for row in digit_rows for k in row.keys}
    lost: set[CellKey] = set()
    for reading in readings:
        if any(f.rule == LABEL and not f.cells for f in reading.findings):
            continue
        absent = {k for f in reading.findings if f.rule == MISSING for k in f.cells}
        lost |= {k for k, text in reading.raw.items() if text is None}
        lost |= absent - set(reading.raw) - split
    return lost


def _is_subsequence(printed: str, digits: str) -> bool:
    rest = iter(digits)
    return all(d in rest for d in printed)


def _recover_unsplit(
    result: TablesResult, fmt: Format, lost: set[CellKey], digit_rows: list[DigitRow]
) -> list[Finding] | None:
    """The findings, when the sums also fix the rows whose run-together digits no split
    fits (`结转下年度继续办理 000000`: a digit dropped) and the figures they fix print as
    those digits with some left out; None when there is no such row or they do not."""
    unsplit = [r for r in digit_rows if all(result.cells.get(k) is None for k in r.keys)]
    if not unsplit:
        return None
    cells, how = dict(result.cells), dict(result.how)
    keys = {k for row in unsplit for k in row.keys}
    findings = recover(cells, how, result.findings, fmt, lost | keys)
    for row in unsplit:
        values = [cells.get(k) for k in row.keys]
        if any(v is None for v in values):
            return None
        if not _is_subsequence("".join(row.tokens), "".join(str(v) for v in values)):
            return None
    result.cells.update(cells)
    result.how.update(how)
    return [f for f in findings if not (f.rule == SPLIT and set(f.cells) <= keys)]


def parse_tables(lines: list[str]) -> TablesResult:
    """Every canonical cell of the report's sections 二, 三 and 四, and the findings."""
    lines = reflow(lines)
    layout = locate(lines)
    parts = {number: layout.lines(number, lines) for number in ("二", "三", "四")}
    fmt, findings = detect_format(parts["二"], parts["三"])
    if fmt is None:
        return TablesResult(None, {}, findings)

    result = empty_result(fmt)
    result.findings += findings
    readings = [
        section2.read(parts["二"], fmt),
        section3.read(parts["三"], fmt),
        section4.read(parts["四"], fmt),
    ]
    for reading in readings:
        cells, settled = settle(reading, fmt, result.how)
        result.cells.update(cells)
        result.findings += reading.findings + settled
    digit_rows = [row for reading in readings for row in reading.digit_rows]
    stated = stated_section2(layout.narrative, fmt)
    result.findings += settle_digit_rows(result.cells, digit_rows, fmt, result.how, stated)
    lost = _lost(readings, digit_rows)
    result.findings = _recover_unsplit(result, fmt, lost, digit_rows) or recover(
        result.cells, result.how, result.findings, fmt, lost
    )
    result.findings += check_all(result.cells, fmt)
    result.findings += check_r6(layout.narrative, result.cells, fmt)
    return result
