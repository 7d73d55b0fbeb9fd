"""Section 四 (行政复议、行政诉讼) as Markdown and as a second sheet of the .xlsx, laid out
like the 2021 template: 行政复议 | 行政诉讼 (未经复议直接起诉 | 复议后起诉), five outcome
columns under each, one row of figures."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles import Alignment, Border, Font, Side

from assistant.requests.appeals import Section4Table
from assistant.tables.schema import SECTION4_COLUMNS, SECTION4_ROWS

TITLE = "四、政府信息公开行政复议、行政诉讼情况"


def _values(table: Section4Table) -> list[int]:
    return [table.value(row, column) for row in SECTION4_ROWS for column in SECTION4_COLUMNS]


def section4_markdown(table: Section4Table, agency: str) -> str:
    width = len(SECTION4_COLUMNS)
    groups = ["行政复议", *(row.split("/")[1] for row in SECTION4_ROWS[1:])]
    lines = [
        f"### {agency}{table.year}年度 {TITLE}",
        "",
        "| " + " | ".join(["行政复议"] * width + ["行政诉讼"] * (2 * width)) + " |",
        "|" + "---|" * (3 * width),
        "| " + " | ".join(group for group in groups for _ in SECTION4_COLUMNS) + " |",
        "| " + " | ".join(list(SECTION4_COLUMNS) * 3) + " |",
        "| " + " | ".join(map(str, _values(table))) + " |",
        "",
    ]
    return "\n".join(lines)


def add_section4_sheet(path: Path, table: Section4Table, agency: str) -> None:
    """Append the 表四 sheet to the workbook at `path` (written by `export.write_xlsx`)."""
    book = load_workbook(path)
    sheet = book.create_sheet(f"{table.year}年表四")
    width = len(SECTION4_COLUMNS)
    title = sheet.cell(1, 1, f"{agency}{table.year}年度 {TITLE}")
    # The agency name comes from applicants' forms: never let "=…" become a formula.
    title.data_type = "s"
    title.font = Font(bold=True)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3 * width)
    sheet.cell(2, 1, "行政复议")
    sheet.merge_cells(start_row=2, start_column=1, end_row=3, end_column=width)
    sheet.cell(2, width + 1, "行政诉讼")
    sheet.merge_cells(start_row=2, start_column=width + 1, end_row=2, end_column=3 * width)
    for index, row in enumerate(SECTION4_ROWS[1:]):
        start = width * (index + 1) + 1
        sheet.cell(3, start, row.split("/")[1])
        sheet.merge_cells(start_row=3, start_column=start, end_row=3, end_column=start + width - 1)
    for offset, column in enumerate(list(SECTION4_COLUMNS) * 3):
        sheet.cell(4, offset + 1, column)
    for offset, value in enumerate(_values(table)):
        sheet.cell(5, offset + 1, value)
    thin = Side(style="thin")
    for cells in sheet.iter_rows(min_row=2, max_row=5, max_col=3 * width):
        for cell in cells:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    book.save(path)
