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
from assistant.tables.schema import FORMATS, CellKey, Format
from assistant.tables.spec import spec_for
from assistant.tables.text import has_separators, is_blank, label_and_values, norm, split_cells


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


def formats_by_words(lines: list[str]) -> list[Format]:
    """Formats whose own section 三 words (spec `detect.section3_words`) the lines hold,
    e.g. the sub-items of （六）其他处理 that only the 2021 format prints."""
    text = norm("".join(lines))
    return [fmt for fmt in FORMATS if any(norm(w) in text for w in spec_for(fmt).section3_words)]


def formats_by_lone_rows(lines: list[str]) -> list[Format]:
    """Formats in which every group row printed without sub-items (a lone （六）其他处理) is
    a leaf row; weak evidence, since a table may lose its sub-item labels."""
    labels = [read_label(row.label) for row in printed_rows(lines)]
    groups = {label.group for label in labels if label.group and not label.item}
    if not groups:
        return []
    found = []
    for fmt in FORMATS:
        rows = spec_for(fmt).rows3
        with_items = {r.group for r in rows if r.item}
        if groups <= {r.group for r in rows if r.group} and not groups & with_items:
            found.append(fmt)
    return found if len(found) < len(FORMATS) else []


def read(lines: list[str], fmt: Format) -> Reading:
    reading = Reading("三")
    spec = spec_for(fmt)
    columns = spec.section3_columns
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
        keys = [CellKey("三", match.path, column) for column in columns]
        reading.place_row(keys, row.values, row.separated, groups=spec.row_groups("三"))
    reading.mark_absent([CellKey("三", r, c) for r in spec.section3_rows for c in columns])
    return reading
