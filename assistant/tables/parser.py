"""From a report's text lines to the canonical cells of its tables and the findings on them.

Pure: lines in, `TablesResult` out. The lines are what the loaders produce (table rows
joined with " | ") or what a text extraction holds (tab-separated rows).
"""

from __future__ import annotations

from assistant.tables import section2, section3, section4
from assistant.tables.digit_rows import settle_digit_rows
from assistant.tables.narrative import check_r6
from assistant.tables.result import FORMAT, Finding, TablesResult, empty_result
from assistant.tables.rules import check_all
from assistant.tables.schema import Format
from assistant.tables.sections import locate
from assistant.tables.values import settle


def detect_format(
    section2_lines: list[str], section3_lines: list[str]
) -> tuple[Format | None, list[Finding]]:
    """2019 试行 or 2021 format, from the section 二 headers and the rows of （六）其他处理.

    The 2021 sub-items of （六） are the surest sign, then the section 二 column headers
    (entirely different in the two formats), then a lone （六） row.
    """
    by_headers = section2.format_votes(section2_lines)
    if section3.has_2021_sub_items(section3_lines):
        if by_headers == {"2019"}:
            message = "表二的表头属于2019年格式，表三属于2021年格式，按2021年格式读取"
            return "2021", [Finding(FORMAT, message)]
        return "2021", []
    if len(by_headers) == 1:
        return by_headers.pop(), []  # type: ignore[return-value]
    if by_headers:
        message = "表二的表头同时含有2019年和2021年格式的列名，按2019年格式读取"
        return "2019", [Finding(FORMAT, message)]
    if section3.has_single_other_row(section3_lines):
        return "2019", []
    return None, [Finding(FORMAT, "未找到年度报告统计表（表二、表三的表头都不可辨认）")]


def parse_tables(lines: list[str]) -> TablesResult:
    """Every canonical cell of the report's sections 二, 三 and 四, and the findings."""
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
        section4.read(parts["四"]),
    ]
    for reading in readings:
        cells, settled = settle(reading)
        result.cells.update(cells)
        result.findings += reading.findings + settled
    digit_rows = [row for reading in readings for row in reading.digit_rows]
    result.findings += settle_digit_rows(result.cells, digit_rows, fmt)
    result.findings += check_all(result.cells, fmt)
    result.findings += check_r6(layout.narrative, result.cells, fmt)
    return result
