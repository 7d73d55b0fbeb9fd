"""Reading the section 二 tables (第二十条 主动公开 items)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.tables.labels import match_label
from assistant.tables.reading import Reading
from assistant.tables.result import LABEL
from assistant.tables.schema import FORMATS, CellKey, Format
from assistant.tables.spec import spec_for
from assistant.tables.text import has_separators, is_blank, label_and_values, norm, split_cells

# A unit moved into a row label: `政府集中采购（元）`.
_UNIT_LABEL = re.compile(r"\((?:万元|元|件|个|项)\)$")


def format_votes(lines: list[str]) -> set[str]:
    """The formats whose section 二 header words (from their specs) the lines contain."""
    text = norm("".join(lines))
    return {fmt for fmt in FORMATS if any(norm(w) in text for w in spec_for(fmt).section2_words)}


def _canonical(
    label: str, names: tuple[str, ...], variants: dict[str, tuple[str, ...]]
) -> str | None:
    """The canonical name a printed label stands for: exactly, as a listed variant, or by
    an unambiguous close match."""
    text = _UNIT_LABEL.sub("", norm(label))
    for name in names:
        if text == norm(name) or text in (norm(v) for v in variants.get(name, ())):
            return name
    return match_label(text, names)


def _header_columns(
    cells: list[str], columns: tuple[str, ...], variants: dict[str, tuple[str, ...]]
) -> list[str | None]:
    """The canonical columns named by a `信息内容 | … ` header line."""
    start = next(i for i, cell in enumerate(cells) if "信息内容" in norm(cell)) + 1
    return [_canonical(cell, columns, variants) for cell in cells[start:] if not is_blank(cell)]


@dataclass
class _Row:
    """A printed row of a sub-table: its keys (None for a line of figures with no label)."""

    keys: list[CellKey] | None
    values: list[str]
    separated: bool

    @property
    def filled(self) -> list[str]:
        return [norm(v) for v in self.values if not is_blank(v)]


def _fills(figures: _Row, width: int) -> bool:
    """Whether a line of figures could be a whole row (a lone `5` under a 3-column table
    is a page number)."""
    return len(figures.filled) >= width or sum(len(v) for v in figures.filled) >= width


def _place_block(block: list[_Row], reading: Reading, signed: frozenset[str]) -> None:
    """Place a sub-table's rows; labels printed in one block and their figures in the next
    are paired in order when the counts agree (leaving out lines that cannot be a row)."""
    i = 0
    while i < len(block):
        labels: list[_Row] = []
        while i < len(block) and block[i].keys is not None and not block[i].filled:
            labels.append(block[i])
            i += 1
        figures: list[_Row] = []
        while i < len(block) and block[i].keys is None:
            figures.append(block[i])
            i += 1
        if labels and figures:
            width = max(len(row.keys or ()) for row in labels)
            full = [f for f in figures if _fills(f, width)]
            chosen = figures if len(figures) == len(labels) else full
            if len(chosen) == len(labels):
                for label, line in zip(labels, chosen, strict=True):
                    label.values, label.separated = line.values, line.separated
                figures = [f for f in figures if f not in chosen]
        for row in labels:
            assert row.keys is not None
            reading.place_row(row.keys, row.values, row.separated, signed=signed, align_short=False)
        if figures:
            shown = "、".join(f"“{' '.join(f.filled)}”" for f in figures)
            reading.doubt(LABEL, f"表二的数字行{shown}没有对应的行标签，未计入", [])
        if i < len(block) and block[i].keys is not None and block[i].filled:
            row = block[i]
            assert row.keys is not None
            reading.place_row(row.keys, row.values, row.separated, signed=signed, align_short=False)
            i += 1


def read(lines: list[str], fmt: Format) -> Reading:
    reading = Reading("二")
    spec = spec_for(fmt)
    tables = spec.section2_tables
    rows = tuple(row for table_rows, _ in tables for row in table_rows)
    columns = tuple(dict.fromkeys(col for _, table_columns in tables for col in table_columns))
    header: list[str | None] = []
    block: list[_Row] = []
    for line in lines:
        cells = split_cells(line)
        text = norm(line)
        if not text or text.startswith("第二十条") or "信息内容" in text:
            _place_block(block, reading, spec.signed_columns)
            block = []
            header = _header_columns(cells, columns, spec.variants) if "信息内容" in text else []
            continue
        label, values = label_and_values(cells)
        if not label:
            if any(not is_blank(v) for v in values):
                block.append(_Row(None, values, has_separators(line)))
            continue
        row = _canonical(label, rows, spec.variants)
        if row is None:
            if any(not is_blank(v) for v in values):
                reading.doubt(LABEL, f"表二行标签“{label}”无法对应到任何一行，该行数字未计入", [])
            continue
        expected = next(table_columns for table_rows, table_columns in tables if row in table_rows)
        # The printed header decides the column order when it names exactly this table's
        # columns; otherwise the official order is the best reading.
        named = [column for column in header if column is not None]
        order = (
            named if len(named) == len(header) and sorted(named) == sorted(expected) else expected
        )
        keys = [CellKey("二", row, column) for column in order]
        block.append(_Row(keys, values, has_separators(line)))
    _place_block(block, reading, spec.signed_columns)
    reading.mark_absent(
        [CellKey("二", r, c) for table_rows, cols in tables for r in table_rows for c in cols]
    )
    return reading
