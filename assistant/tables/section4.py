"""Reading the section 四 table (行政复议、行政诉讼): a header and one row of 15 cells, or
one small table per group."""

from __future__ import annotations

from assistant.tables.reading import Reading
from assistant.tables.schema import CellKey, Format
from assistant.tables.spec import spec_for
from assistant.tables.text import has_separators, is_blank, label_and_values, norm, split_cells


def read(lines: list[str], fmt: Format) -> Reading:
    reading = Reading("四")
    spec = spec_for(fmt)
    rows, columns = spec.section4_rows, spec.section4_columns
    groups_in = _GroupNames(rows, columns)
    # Some exports print one small table per group ("### 行政复议" + 5 cells, then
    # "### 行政诉讼（未经复议直接起诉）"…), and the first heading may be taken for the
    # section's: a group table before the headings of the others is the one they leave.
    headed = [groups_in.heading(norm(label_and_values(split_cells(line))[0])) for line in lines]
    header = ""
    placed: set[str] = set()
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        label, values = label_and_values(split_cells(line))
        blank_row = has_separators(line) and not label and len(values) >= len(columns)
        if any(not is_blank(v) for v in values) or blank_row:
            # The header says which groups of columns the table has; a short row lost
            # its leftmost cells, not those of a group the header names further right.
            groups = groups_in.named(header)
            later = {g for h in headed[i + 1 :] for g in h}
            left = [r for r in rows if r not in later and r not in placed]
            if not groups and later and len([v for v in values if not is_blank(v)]) == len(columns) * len(left):
                groups = left
            groups = groups or list(rows)
            if placed & set(groups):
                break
            keys = [CellKey("四", row, column) for row in groups for column in columns]
            reading.place_row(
                keys,
                values,
                has_separators(line),
                groups=spec.row_groups("四") * len(groups),
                name="复议诉讼数据",
            )
            placed |= set(groups)
            if placed == set(rows):
                break
            header = ""
            continue
        text = norm(label)
        header = text if headed[i] else header + text
    reading.mark_absent([CellKey("四", r, c) for r in rows for c in columns])
    return reading


class _GroupNames:
    """Which groups of columns (行政复议, 行政诉讼/未经复议直接起诉…) a header names."""

    def __init__(self, rows: tuple[str, ...], columns: tuple[str, ...]) -> None:
        self.rows, self.columns = rows, columns
        # The header names each group by the last part of its row (复议后起诉).
        self.words = {row: row.rsplit("/", 1)[-1] for row in rows}
        self.parents = {row.split("/")[0] for row in rows if "/" in row}

    def named(self, text: str) -> list[str]:
        groups = [row for row in self.rows if self.words[row] in text]
        for parent in self.parents:
            children = [row for row in self.rows if row.startswith(parent + "/")]
            if parent in text and not set(children) & set(groups):
                groups += children  # 行政诉讼 named without its two parts
        return [row for row in self.rows if row in groups]

    def heading(self, text: str) -> list[str]:
        """The groups a heading over one group's own table names ("### 行政复议"); none
        for the section's title or a header of columns."""
        named = self.named(text)
        if len(named) < len(self.rows) and not any(c in text for c in self.columns):
            return named
        return []
