"""Reading the section 四 table (行政复议、行政诉讼): a header and one row of 15 cells."""

from __future__ import annotations

from assistant.tables.reading import Reading
from assistant.tables.schema import SECTION4_COLUMNS, SECTION4_ROWS, CellKey
from assistant.tables.text import has_separators, is_blank, label_and_values, norm, split_cells

# How the header names each group of five columns.
_GROUP_WORDS = {
    "行政复议": "行政复议",
    "行政诉讼/未经复议直接起诉": "未经复议直接起诉",
    "行政诉讼/复议后起诉": "复议后起诉",
}
_PARTS = len(SECTION4_COLUMNS) - 1


def read(lines: list[str]) -> Reading:
    reading = Reading("四")
    header = ""
    for line in lines:
        if not line.strip():
            continue
        label, values = label_and_values(split_cells(line))
        blank_row = has_separators(line) and not label and len(values) >= len(SECTION4_COLUMNS)
        if any(not is_blank(v) for v in values) or blank_row:
            # The header says which groups of columns the table has; a short row lost
            # its leftmost cells, not those of a group the header names further right.
            groups = [row for row in SECTION4_ROWS if _GROUP_WORDS[row] in header]
            if "行政诉讼" in header and groups in ([], ["行政复议"]):
                groups += list(SECTION4_ROWS[1:])  # 行政诉讼 named without its two parts
            groups = groups or list(SECTION4_ROWS)
            keys = [CellKey("四", row, column) for row in groups for column in SECTION4_COLUMNS]
            reading.place_row(
                keys,
                values,
                has_separators(line),
                groups=(_PARTS,) * len(groups),
                name="复议诉讼数据",
            )
            break
        header += norm(label)
    reading.mark_absent([CellKey("四", r, c) for r in SECTION4_ROWS for c in SECTION4_COLUMNS])
    return reading
