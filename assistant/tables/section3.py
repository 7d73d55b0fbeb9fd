"""Reading the section 三 table (收到和处理政府信息公开申请情况)."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.tables.labels import (
    RowMatch,
    continues,
    is_cut_off,
    is_header,
    items_in,
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
    own: str = ""  # the label printed on the figures' own line, before pieces were joined

    @property
    def merges_labels(self) -> bool:
        """Figures whose only label is several rows' labels run together ("4.无正当理由…
        5.要求…1.申请人…逾期不补正" from a PDF): whose figures they are, nothing tells."""
        return self.has_numbers and not self.own.strip() and items_in(self.label) >= 2

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
        row = PrintedRow(label, values, has_separators(line), own=label)
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


def _fits(words: str, canonical: str) -> bool:
    """Whether what is left of a label is consistent with a row: nothing, or a piece of it
    without numbering (numbered labels that did not match are a conflict, not a loss)."""
    printed = read_label(words)
    if printed.top or printed.group or printed.item:
        return False
    return not printed.words or printed.words in norm(canonical)


def _fills(row: PrintedRow, columns: int) -> bool:
    """Whether a row's figures could fill a whole row (a lone `5` is a page number)."""
    filled = [norm(v) for v in row.values if not is_blank(v)]
    return len(row.values) >= columns or sum(len(v) for v in filled) >= columns


def _pair_blocks(
    matched: list[tuple[PrintedRow, RowMatch]], columns: int, reading: Reading
) -> list[tuple[PrintedRow, RowMatch]]:
    """Row labels printed in one block and their figures in the next, paired in order.

    PDF text often gives a run of label lines without figures, then as many lines of
    figures without labels. Lines of figures that cannot fill a row (a stray page number)
    are left out when that makes the counts agree; otherwise nothing is paired.
    """
    out: list[tuple[PrintedRow, RowMatch]] = []
    i = 0
    while i < len(matched):
        labels = []
        while i < len(matched) and matched[i][1].path and not matched[i][0].has_numbers:
            labels.append(matched[i])
            i += 1
        figures = []
        while i < len(matched) and matched[i][1].path is None and not matched[i][0].label:
            figures.append(matched[i])
            i += 1
        full = [f for f in figures if _fills(f[0], columns)]
        if labels and figures and len(labels) in (len(figures), len(full)):
            chosen = figures if len(labels) == len(figures) else full
            for (label_row, match), (figure_row, _) in zip(labels, chosen, strict=True):
                label_row.values, label_row.separated = figure_row.values, figure_row.separated
                out.append((label_row, match))
            stray = [f[0] for f in figures if f not in chosen]
            if stray:
                shown = "、".join("".join(norm(v) for v in r.values) for r in stray)
                reading.doubt(
                    LABEL, f"表三行标签与数字分开排列，其间的数字行“{shown}”不成一行，未计入", []
                )
        else:
            out += labels + figures
        if i < len(matched) and not labels and not figures:
            out.append(matched[i])
            i += 1
    return out


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
        if row.merges_labels:
            match = RowMatch(None, group, doubt=f"行标签“{row.label}”含多行的标签，无法确定数字属于哪一行")
        if match.heading:
            if row.has_numbers:
                reading.doubt(LABEL, f"表三“{row.label}”是分组标题行，其数字未计入", [])
            continue
        if match.path is not None or row.has_numbers:
            matched.append((row, match))
    # "### 一、本年新收…" as a heading over its own one-row table: the row holds the figures.
    matched = [
        (row, match)
        for i, (row, match) in enumerate(matched)
        if row.has_numbers
        or i + 1 == len(matched)
        or not (matched[i + 1][1].path == match.path and matched[i + 1][0].has_numbers)
    ]
    matched = _pair_blocks(matched, len(columns), reading)
    for row, match in _by_order(matched, spec.section3_rows):
        if match.path is None:
            reading.doubt(LABEL, f"表三{match.doubt}，该行数字未计入", [])
            continue
        keys = [CellKey("三", match.path, column) for column in columns]
        reading.place_row(keys, row.values, row.separated, groups=spec.row_groups("三"))
    reading.mark_absent([CellKey("三", r, c) for r in spec.section3_rows for c in columns])
    return reading
