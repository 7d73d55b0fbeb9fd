"""Reading the section 三 table (收到和处理政府信息公开申请情况)."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.tables.labels import (
    RowMatch,
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
        if not row.label and not pending and rows and not rows[-1].has_numbers:
            # Figures printed on the line below their label (a PDF table row whose label
            # cell wrapped): they belong to the label line above.
            rows[-1].values, rows[-1].separated = row.values, row.separated
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


def _fits(words: str, canonical: str) -> bool:
    """Whether what is left of a label is consistent with a row: nothing, or a piece of it
    without numbering (numbered labels that did not match are a conflict, not a loss)."""
    printed = read_label(words)
    if printed.top or printed.group or printed.item:
        return False
    return not printed.words or printed.words in norm(canonical)


def _by_order(
    matched: list[tuple[PrintedRow, RowMatch]], order: tuple[str, ...]
) -> list[tuple[PrintedRow, RowMatch]]:
    """Rows whose label was lost or cut, placed by the table's row order.

    Between two rows whose labels matched, unmatched rows with figures can only be the
    rows the template prints between those two; when there are exactly as many of each,
    and every leftover label piece is part of its row's label, they are taken in order.
    """
    placed = {m.path for _, m in matched if m.path is not None}
    out = list(matched)
    anchors = [i for i, (_, m) in enumerate(out) if m.path is not None]
    bounds = [-1, *anchors, len(out)]
    for before, after in zip(bounds, bounds[1:], strict=False):
        gap = list(range(before + 1, after))
        if not gap:
            continue
        low = order.index(out[before][1].path) + 1 if before >= 0 else 0
        high = order.index(out[after][1].path) if after < len(out) else len(order)
        between = [path for path in order[low:high] if path not in placed]
        if len(between) != len(gap) or not all(
            _fits(out[i][0].label, path) for i, path in zip(gap, between, strict=True)
        ):
            continue
        for i, path in zip(gap, between, strict=True):
            out[i] = (out[i][0], RowMatch(path, out[i][1].group))
    return out


def read(lines: list[str], fmt: Format) -> Reading:
    reading = Reading("三")
    spec = spec_for(fmt)
    columns = spec.section3_columns
    group = ""
    matched: list[tuple[PrintedRow, RowMatch]] = []
    for row in printed_rows(lines):
        match = match_section3_row(row.label, fmt, group)
        group = match.group or group
        if match.heading:
            if row.has_numbers:
                reading.doubt(LABEL, f"表三“{row.label}”是分组标题行，其数字未计入", [])
            continue
        if match.path is not None or row.has_numbers:
            matched.append((row, match))
    for row, match in _by_order(matched, spec.section3_rows):
        if match.path is None:
            reading.doubt(LABEL, f"表三{match.doubt}，该行数字未计入", [])
            continue
        keys = [CellKey("三", match.path, column) for column in columns]
        reading.place_row(keys, row.values, row.separated, groups=spec.row_groups("三"))
    reading.mark_absent([CellKey("三", r, c) for r in spec.section3_rows for c in columns])
    return reading
