"""The section 三 table as JSON cells, Markdown, and an .xlsx laid out like the official
template (国办公开办函〔2021〕30号: merged header cells and row labels)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from assistant.requests.stats import Section3Table
from assistant.tables.schema import (
    APPLICANT_COLUMNS,
    CARRIED_IN,
    CARRIED_OUT,
    NEW_REQUESTS,
    PARTIAL,
    RESULTS_TOTAL,
    SECTION3_COLUMNS,
    SECTION3_ROWS_2021,
)

SECTION = "三"
TITLE = "三、收到和处理政府信息公开申请情况"
CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
RESULTS_HEADING = "三、本年度办理结果"
_TOP_LABELS = {
    NEW_REQUESTS: "一、本年新收政府信息公开申请数量",
    CARRIED_IN: "二、上年结转政府信息公开申请数量",
    CARRIED_OUT: "四、结转下年度继续办理",
}
_GROUP_NOTES = {PARTIAL: "（区分处理的，只计这一情形，不计其他情形）"}
_ORDINALS = "一二三四五六七八"


def row_labels() -> list[tuple[str, str, str]]:
    """The template's three label columns for every row, e.g.
    ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"); empty where a label spans."""
    labels: list[tuple[str, str, str]] = []
    groups: list[str] = []
    item = 0
    for row in SECTION3_ROWS_2021:
        if row in _TOP_LABELS:
            labels.append((_TOP_LABELS[row], "", ""))
            continue
        group, _, leaf = row.partition("/")
        if group not in groups:
            groups.append(group)
            item = 0
        heading = f"（{_ORDINALS[len(groups) - 1]}）{group}{_GROUP_NOTES.get(group, '')}"
        if leaf:
            item += 1
            labels.append((RESULTS_HEADING, heading, f"{item}.{leaf}"))
        else:
            labels.append((RESULTS_HEADING, heading, ""))
    assert groups[-1] == RESULTS_TOTAL
    return labels


def to_json(table: Section3Table, agency: str) -> dict[str, Any]:
    """`{"agency", "year", "cells": [{"section", "row", "column", "value"}...]}` with the
    canonical keys of `assistant.tables.schema`, rows and columns in table order."""
    return {
        "agency": agency,
        "year": table.year,
        "cells": [
            {"section": SECTION, "row": row, "column": column, "value": table.value(row, column)}
            for row in SECTION3_ROWS_2021
            for column in SECTION3_COLUMNS
        ],
    }


def to_markdown(table: Section3Table, agency: str) -> str:
    header = ["申请人情况", *SECTION3_COLUMNS]
    lines = [
        f"### {agency}{table.year}年度 {TITLE}",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for labels, (_, values) in zip(row_labels(), table.rows(), strict=True):
        label = " / ".join(part for part in labels if part)
        lines.append("| " + " | ".join([label, *map(str, values)]) + " |")
    lines += ["", CORNER, ""]
    return "\n".join(lines)


def _merge(sheet: Any, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
    if (first_row, first_col) != (last_row, last_col):
        sheet.merge_cells(
            start_row=first_row, start_column=first_col, end_row=last_row, end_column=last_col
        )


def _runs(keys: list[str]) -> Iterator[tuple[int, int]]:
    """(first, last) index of every run of equal non-empty keys."""
    index = 0
    for key, group in groupby(keys):
        size = len(list(group))
        if key:
            yield index, index + size - 1
        index += size


def write_xlsx(table: Section3Table, agency: str, path: Path) -> None:
    """Columns A–C hold the row labels, D–J the seven figures; rows 2–4 the header."""
    book = Workbook()
    sheet = book.active
    sheet.title = f"{table.year}年表三"
    sheet["A1"] = f"{agency}{table.year}年度 {TITLE}"
    sheet["A1"].font = Font(bold=True)
    _merge(sheet, 1, 1, 1, 10)

    top = 2  # header rows 2–4, as the template's three header lines
    sheet.cell(top, 1, CORNER)
    _merge(sheet, top, 1, top + 2, 3)
    sheet.cell(top, 4, "申请人情况")
    _merge(sheet, top, 4, top, 10)
    sheet.cell(top + 1, 4, APPLICANT_COLUMNS[0])
    _merge(sheet, top + 1, 4, top + 2, 4)
    sheet.cell(top + 1, 5, "法人或其他组织")
    _merge(sheet, top + 1, 5, top + 1, 9)
    for offset, column in enumerate(APPLICANT_COLUMNS[1:]):
        sheet.cell(top + 2, 5 + offset, column)
    sheet.cell(top + 1, 10, SECTION3_COLUMNS[-1])
    _merge(sheet, top + 1, 10, top + 2, 10)

    first = top + 3
    labels = row_labels()
    for index, ((level1, level2, level3), (_, values)) in enumerate(
        zip(labels, table.rows(), strict=True)
    ):
        row = first + index
        if not level2:
            sheet.cell(row, 1, level1)
            _merge(sheet, row, 1, row, 3)
        elif not level3:
            sheet.cell(row, 2, level2)
            _merge(sheet, row, 2, row, 3)
        else:
            sheet.cell(row, 3, level3)
        for offset, value in enumerate(values):
            sheet.cell(row, 4 + offset, value)
    # Vertical merges: 三、本年度办理结果 over all its rows, each （n） over its numbered items.
    for level in (0, 1):
        keys = [label[level] if label[level + 1] else "" for label in labels]
        for start, end in _runs(keys):
            sheet.cell(first + start, level + 1, keys[start])
            _merge(sheet, first + start, level + 1, first + end, level + 1)

    thin = Side(style="thin")
    for cells in sheet.iter_rows(min_row=top, max_row=first + len(labels) - 1, max_col=10):
        for cell in cells:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for letter, width in zip("ABCDEFGHIJ", (12, 18, 30, 8, 8, 8, 10, 10, 8, 8), strict=True):
        sheet.column_dimensions[letter].width = width
    _as_text(sheet)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def _as_text(sheet: Any) -> None:
    """Every string cell is text, never a formula: openpyxl stores a string that starts
    with "=" as a formula, and the agency's name is part of the title cell."""
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str) and cell.data_type != "s":
                cell.data_type = "s"
