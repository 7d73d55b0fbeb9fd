"""Reading the section 二 tables (第二十条 主动公开 items)."""

from __future__ import annotations

import re

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


def read(lines: list[str], fmt: Format) -> Reading:
    reading = Reading("二")
    spec = spec_for(fmt)
    tables = spec.section2_tables
    rows = tuple(row for table_rows, _ in tables for row in table_rows)
    columns = tuple(dict.fromkeys(col for _, table_columns in tables for col in table_columns))
    header: list[str | None] = []
    for line in lines:
        cells = split_cells(line)
        text = norm(line)
        if not text or text.startswith("第二十条"):
            header = []
            continue
        if "信息内容" in text:
            header = _header_columns(cells, columns, spec.variants)
            continue
        label, values = label_and_values(cells)
        if not label:
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
        reading.place_row(
            keys, values, has_separators(line), signed=spec.signed_columns, align_short=False
        )
    reading.mark_absent(
        [CellKey("二", r, c) for table_rows, cols in tables for r in table_rows for c in cols]
    )
    return reading
