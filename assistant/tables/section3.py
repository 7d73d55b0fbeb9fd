"""Reading the section 三 table (收到和处理政府信息公开申请情况)."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.tables.labels import (
    continues,
    is_cut_off,
    is_header,
    looks_like_row,
    match_section3_row,
    read_label,
)
from assistant.tables.reading import Reading
from assistant.tables.result import LABEL
from assistant.tables.schema import SECTION3_COLUMNS, CellKey, Format, section3_rows
from assistant.tables.text import has_separators, is_blank, label_and_values, norm, split_cells

# Words found only in the （六）其他处理 sub-items of the 2021 format.
_SUB_ITEMS_2021 = ("逾期不补正", "收费通知")


@dataclass
class PrintedRow:
    label: str
    values: list[str]
    separated: bool

    @property
    def has_numbers(self) -> bool:
        return any(not is_blank(v) for v in self.values)


def printed_rows(lines: list[str]) -> list[PrintedRow]:
    """The table's rows, with labels that the conversion split over lines joined again.

    A line without numbers is a header, a row of blank cells, or a piece of a label: the
    rest of the row above when that row's label stops part-way (`5.要求行政机关` /
    `确认或重新出具已获取信息`), else the start of the row below.
    """
    rows: list[PrintedRow] = []
    pending = ""
    for line in lines:
        if not line.strip():
            continue
        label, values = label_and_values(split_cells(line))
        row = PrintedRow(label, values, has_separators(line))
        if not row.has_numbers:
            if not label or is_header(label):
                continue
            if rows and continues(rows[-1].label, label):
                rows[-1].label += label
                continue
            if is_cut_off(label) or not looks_like_row(label):
                pending += label
                continue
        row.label = pending + row.label
        pending = ""
        rows.append(row)
    return rows


def has_2021_sub_items(lines: list[str]) -> bool:
    """Whether （六）其他处理 has the sub-items that only the 2021 format prints."""
    text = norm("".join(lines))
    return any(word in text for word in _SUB_ITEMS_2021)


def has_single_other_row(lines: list[str]) -> bool:
    """Whether a （六） row stands alone, as in the 2019 format (or a 2021 table that lost
    its sub-item labels, so this counts only when nothing else tells the format)."""
    return any(read_label(row.label).group == "六" for row in printed_rows(lines))


def read(lines: list[str], fmt: Format) -> Reading:
    reading = Reading("三")
    group = ""
    for row in printed_rows(lines):
        match = match_section3_row(row.label, fmt, group)
        group = match.group or group
        if match.heading:
            if row.has_numbers:
                reading.doubt(LABEL, f"表三“{row.label}”是分组标题行，其数字未计入", [])
            continue
        if match.path is None:
            if row.has_numbers:
                reading.doubt(LABEL, f"表三{match.doubt}，该行数字未计入", [])
            continue
        keys = [CellKey("三", match.path, column) for column in SECTION3_COLUMNS]
        reading.place_row(keys, row.values, row.separated, groups=(len(SECTION3_COLUMNS) - 1,))
    reading.mark_absent([CellKey("三", r, c) for r in section3_rows(fmt) for c in SECTION3_COLUMNS])
    return reading
