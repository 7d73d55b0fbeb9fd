"""Reading the section 四 table (行政复议、行政诉讼): a header and one row of 15 cells."""

from __future__ import annotations

from assistant.tables.reading import Reading
from assistant.tables.schema import CellKey, Format
from assistant.tables.spec import spec_for
from assistant.tables.text import has_separators, is_blank, label_and_values, norm, split_cells


def read(lines: list[str], fmt: Format) -> Reading:
    reading = Reading("四")
    spec = spec_for(fmt)
    rows, columns = spec.section4_rows, spec.section4_columns
    # The header names each group of columns by the last part of its row (复议后起诉).
    words = {row: row.rsplit("/", 1)[-1] for row in rows}
    parents = {row.split("/")[0] for row in rows if "/" in row}
    header = ""
    for line in lines:
        if not line.strip():
            continue
        label, values = label_and_values(split_cells(line))
        blank_row = has_separators(line) and not label and len(values) >= len(columns)
        if any(not is_blank(v) for v in values) or blank_row:
            # The header says which groups of columns the table has; a short row lost
            # its leftmost cells, not those of a group the header names further right.
            groups = [row for row in rows if words[row] in header]
            for parent in parents:
                children = [row for row in rows if row.startswith(parent + "/")]
                if parent in header and not set(children) & set(groups):
                    groups += children  # 行政诉讼 named without its two parts
            groups = [row for row in rows if row in groups] or list(rows)
            keys = [CellKey("四", row, column) for row in groups for column in columns]
            reading.place_row(
                keys,
                values,
                has_separators(line),
                groups=spec.row_groups("四") * len(groups),
                name="复议诉讼数据",
            )
            break
        header += norm(label)
    reading.mark_absent([CellKey("四", r, c) for r in rows for c in columns])
    return reading
