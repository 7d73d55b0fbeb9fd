"""Reading the section 二 tables (第二十条 主动公开 items)."""

from __future__ import annotations

from assistant.tables.labels import match_label
from assistant.tables.reading import Reading
from assistant.tables.result import LABEL
from assistant.tables.schema import CellKey, Format, section2_tables
from assistant.tables.text import has_separators, is_blank, label_and_values, norm, split_cells

# Header words of each format's section 二 tables.
FORMAT_WORDS = {
    "2019": (
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "采购项目数量",
    ),
    "2021": ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量"),
}
# Both formats' name for the first table's second row; each format prints one of them.
_NORMATIVE = ("规范性文件", "行政规范性文件")


def format_votes(lines: list[str]) -> set[str]:
    text = norm("".join(lines))
    votes = {fmt for fmt, words in FORMAT_WORDS.items() if any(w in text for w in words)}
    if "第二十条第(九)项" in text:
        votes.add("2019")
    return votes


def _header_columns(cells: list[str], columns: tuple[str, ...]) -> list[str | None]:
    """The canonical columns named by a `信息内容 | … ` header line."""
    start = next(i for i, cell in enumerate(cells) if "信息内容" in norm(cell)) + 1
    return [match_label(cell, columns) for cell in cells[start:] if not is_blank(cell)]


def read(lines: list[str], fmt: Format) -> Reading:
    reading = Reading("二")
    tables = section2_tables(fmt)
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
            header = _header_columns(cells, columns)
            continue
        label, values = label_and_values(cells)
        if not label:
            continue
        if norm(label) in _NORMATIVE:
            row = next(r for r in rows if r in _NORMATIVE)
        else:
            row = match_label(label, rows)
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
        reading.place_row(keys, values, has_separators(line))
    reading.mark_absent(
        [CellKey("二", r, c) for table_rows, cols in tables for r in table_rows for c in cols]
    )
    return reading
