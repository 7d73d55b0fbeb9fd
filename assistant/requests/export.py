"""The section 三 table as JSON cells, Markdown, and an .xlsx laid out like the official
template of the table's format (merged header cells and row labels), all from its spec."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from assistant.requests.stats import Section3Table
from assistant.tables.spec import FormatSpec, spec_for

SECTION = "三"
TITLE = "三、收到和处理政府信息公开申请情况"


def _spec(table: Section3Table | None) -> FormatSpec:
    return spec_for(table.format if table is not None else "2021")


def row_labels(table: Section3Table | None = None) -> list[tuple[str, str, str]]:
    """The template's three label columns for every row, e.g.
    ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"); empty where a label spans."""
    return [row.printed for row in _spec(table).rows3]


def header_rows(table: Section3Table | None = None) -> list[list[str]]:
    """The two header lines above the figures: 自然人 | 法人或其他组织 (spanning its five
    columns) | 总计, then the five kinds of 法人或其他组织 under it."""
    spec = _spec(table)
    top, below = [], []
    for column in spec.section3_columns:
        group = next((g for g, members in spec.column_groups if column in members), None)
        top.append(group or column)
        below.append(column if group else "")
    return [top, below]


def to_json(table: Section3Table, agency: str) -> dict[str, Any]:
    """`{"agency", "year", "format", "cells": [{"section", "row", "column", "value"}...]}`
    with the canonical keys of `assistant.tables.schema`, rows and columns in table order."""
    return {
        "agency": agency,
        "year": table.year,
        "format": table.format,
        "cells": [
            {"section": SECTION, "row": row, "column": column, "value": table.value(row, column)}
            for row in table.row_keys()
            for column in table.columns()
        ],
    }


def to_markdown(table: Section3Table, agency: str) -> str:
    spec = _spec(table)
    top, below = header_rows(table)
    # A spanning header cell is written once, the cells it covers left empty, as in print.
    spanned = [cell if i == 0 or cell != top[i - 1] else "" for i, cell in enumerate(top)]
    lines = [
        f"### {agency}{table.year}年度 {TITLE}",
        "",
        f"表格格式：{spec.title}",
        "",
        "| " + " | ".join([spec.header, *spanned]) + " |",
        "|" + "---|" * (len(top) + 1),
        "| " + " | ".join(["", *below]) + " |",
    ]
    for labels, (_, values) in zip(row_labels(table), table.rows(), strict=True):
        label = " / ".join(part for part in labels if part)
        lines.append("| " + " | ".join([label, *map(str, values)]) + " |")
    lines += ["", spec.corner, ""]
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
    _merge(sheet, 1, 1, 1, 3 + len(table.columns()))

    top = 2  # header rows 2–4, as the template's three header lines
    spec = _spec(table)
    last_col = 3 + len(spec.section3_columns)
    sheet.cell(top, 1, spec.corner)
    _merge(sheet, top, 1, top + 2, 3)
    sheet.cell(top, 4, spec.header)
    _merge(sheet, top, 4, top, last_col)
    upper, lower = header_rows(table)
    for start, end in _runs(upper):
        sheet.cell(top + 1, 4 + start, upper[start])
        if lower[start]:  # a group over several columns, its members below
            _merge(sheet, top + 1, 4 + start, top + 1, 4 + end)
            for offset in range(start, end + 1):
                sheet.cell(top + 2, 4 + offset, lower[offset])
        else:
            _merge(sheet, top + 1, 4 + start, top + 2, 4 + end)

    first = top + 3
    labels = row_labels(table)
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
    for cells in sheet.iter_rows(min_row=top, max_row=first + len(labels) - 1, max_col=last_col):
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
