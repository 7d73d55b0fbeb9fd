"""A table as read off the page, before blank cells and run-together digits are settled.

The section readers decide only which printed cell belongs to which canonical cell; what
a blank cell means depends on the whole table and is decided afterwards (values.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.tables.result import LABEL, MISSING, Finding
from assistant.tables.schema import CellKey
from assistant.tables.text import is_blank, norm

# A printed token that a run-together row may be cut into: digits, a sign, a decimal.
_TOKEN = re.compile(r"[+-]?\d+(?:\.\d+)?")
_UNIT_AFTER = re.compile(r"(?<=\d)(万元|元)$")


@dataclass(frozen=True)
class DigitRow:
    """A row whose cells ran together into fewer printed tokens than it has cells."""

    keys: tuple[CellKey, ...]
    tokens: tuple[str, ...]
    # Cells per group, each group followed by its total; () when the row has no totals.
    groups: tuple[int, ...]
    # Which cells may hold a negative number (本年增/减).
    signed: tuple[bool, ...] = ()
    # A unit printed after the last token (`元`), which belongs to the last cell.
    unit: str = ""

    @property
    def digits(self) -> str:
        """The tokens as printed, for messages."""
        return " ".join(self.tokens) + self.unit


@dataclass
class Reading:
    section: str
    # Printed text of each placed cell; None for a cell lost in conversion.
    raw: dict[CellKey, str | None] = field(default_factory=dict)
    digit_rows: list[DigitRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # Cells already named by a finding, which need no second one as "not found".
    reported: set[CellKey] = field(default_factory=set)

    def doubt(self, rule: str, message: str, keys: list[CellKey] | tuple[CellKey, ...]) -> None:
        self.findings.append(Finding(rule, message, tuple(keys)))
        self.reported.update(keys)

    def place_row(
        self,
        keys: list[CellKey],
        values: list[str],
        separated: bool,
        groups: tuple[int, ...] = (),
        name: str = "",
        signed: frozenset[str] = frozenset(),
        align_short: bool = True,
    ) -> None:
        """Place a row's value cells (the cells right of its label) into `keys`.

        Printed rows may carry empty cells on either side (merged label columns on the
        left, conversion artefacts): the values are aligned from the right. A row with
        fewer cells than the header promises lost its leftmost cells (unless
        `align_short` is False: then nothing tells which cells it lost); fewer digit
        tokens than cells, where no separators tell cells apart, is a run-together row.
        """
        name = name or keys[0].row
        if any(k in self.raw for k in keys):
            self.doubt(LABEL, f"表{self.section}“{name}”行重复出现，只取第一次出现的数字", keys)
            return
        if len(values) > len(keys):
            # Trailing empty cells are artefacts of a table's right border (markdown `| |`).
            while len(values) > len(keys) and is_blank(values[-1]):
                values = values[:-1]
        filled = [norm(v) for v in values if not is_blank(v)]
        unit = ""
        if filled and (match := _UNIT_AFTER.search(filled[-1])) and not separated:
            # `2832995元`: the unit belongs to the row's last cell, not to the digits.
            unit, filled[-1] = match.group(), filled[-1][: match.start()]
        digits = filled[0] if len(filled) == 1 else ""
        # One long digit string where a row of cells with totals belongs cannot be a
        # single cell: a lone cell would contradict the row's blank total.
        long_digits = len(keys) > 1 and digits.isdigit() and len(digits) >= len(keys)
        tokens_short = not separated and filled and len(filled) < len(keys)
        if (long_digits and groups) or (tokens_short and all(_TOKEN.fullmatch(v) for v in filled)):
            self._run_together(keys, filled, groups, name, signed, unit)
            return
        if unit:
            filled[-1] += unit
        if not separated and not filled:
            # A row printed with no figures at all (the blanks were dropped): lost cells.
            self.raw.update(dict.fromkeys(keys))
            return
        if len(values) > len(keys):
            extra = values[: len(values) - len(keys)]
            if any(not is_blank(v) for v in extra):
                self.doubt(
                    LABEL,
                    f"表{self.section}“{name}”行有{len(filled)}个数字，多于{len(keys)}列，"
                    "无法确定各数字所属的列，记为空值",
                    keys,
                )
                return
            values = values[len(extra) :]
        if len(values) < len(keys) and separated and not align_short:
            self._short_row(keys, values, name)
            return
        if len(values) < len(keys):
            if not separated:
                self.doubt(
                    LABEL,
                    f"表{self.section}“{name}”行只有{len(values)}个数字，少于{len(keys)}列，"
                    "无法确定各数字所属的列，记为空值",
                    keys,
                )
                return
            lost = keys[: len(keys) - len(values)]
            self.raw.update(dict.fromkeys(lost))
            keys = keys[len(lost) :]
        self.raw.update(zip(keys, values, strict=True))

    def _short_row(self, keys: list[CellKey], values: list[str], name: str) -> None:
        """A row with fewer cells than columns and nothing to say which it lost: the
        possible placements are named and every cell stays empty."""
        shown = [norm(v) or "空" for v in values]
        lost = len(keys) - len(values)
        placements = []
        for start in range(lost + 1):  # contiguous cells kept, the lost ones around them
            cells = ["空"] * start + shown + ["空"] * (lost - start)
            placements.append("|".join(cells))
        if lost == 1 and len(values) > 1:  # one lost cell anywhere
            placements = ["|".join([*shown[:i], "空", *shown[i:]]) for i in range(len(values) + 1)]
        self.doubt(
            LABEL,
            f"表{self.section}“{name}”行只有{len(values)}个单元格（{'、'.join(shown)}），"
            f"少于{len(keys)}列，可能是{'；'.join(placements)}，无法确定，记为空值",
            keys,
        )

    def _run_together(
        self,
        keys: list[CellKey],
        tokens: list[str],
        groups: tuple[int, ...],
        name: str,
        signed: frozenset[str],
        unit: str = "",
    ) -> None:
        flags = tuple(key.column in signed for key in keys)
        self.digit_rows.append(DigitRow(tuple(keys), tuple(tokens), groups, flags, unit))

    def mark_absent(self, keys: list[CellKey]) -> None:
        """Cells whose row or column the document does not print at all."""
        accounted = set(self.raw) | self.reported | {k for r in self.digit_rows for k in r.keys}
        absent = [k for k in keys if k not in accounted]
        if not absent:
            return
        if len(absent) == len(keys):
            message = f"未找到表{self.section}，其{len(absent)}个单元格记为空值"
        else:
            rows = "、".join(dict.fromkeys(f"“{k.row}”" for k in absent))
            message = f"表{self.section}中未找到{rows}的{len(absent)}个单元格，记为空值"
        self.doubt(MISSING, message, absent)
