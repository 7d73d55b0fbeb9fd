"""Table figures for a question: the canonical cells it names, added up, with the report's caveats.

A row's 总计 that contradicts the row's own parts (R2; R5 in section 四), or that the
report left blank, is replaced by the sum of the parts, and the answer says what the
printed table shows. Pure: cells and findings come from assistant.tables.store.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from assistant.qa.vocabulary import Column, Metric, Vocabulary
from assistant.tables.result import Finding
from assistant.tables.schema import APPLICANT_COLUMNS, SECTION4_COLUMNS, CellKey, CellValue

TOTAL = "总计"
# The columns a 总计 adds up, per section.
_TOTAL_PARTS = {"三": APPLICANT_COLUMNS, "四": SECTION4_COLUMNS[:4]}
# Rules about one row (its total against its parts, or the text against the table).
_ROW_RULES = frozenset({"R2", "R5", "R6"})
# Rules about whole columns: worth telling only when the printed figure was not used.
_COLUMN_RULES = frozenset({"R1", "R3"})
# Findings that say why a cell has no value.
_LOSS_RULES = frozenset({"MISSING", "SPLIT", "LABEL"})
_UNIT_NOTE = re.compile(r"单位：(\S+?)）")

Cells = Mapping[CellKey, CellValue]


@dataclass(frozen=True)
class RowFigure:
    row: str
    column: str
    value: CellValue
    read: tuple[tuple[CellKey, CellValue], ...]  # the cells added up for it
    printed_total: CellValue = None  # the 总计 the table prints, when it was not used
    summed: bool = False  # the figure adds up the parts instead of the printed 总计


@dataclass(frozen=True)
class Figure:
    metric: str  # how the answer names it, e.g. 不予公开（属于国家秘密）
    column: str  # the column's name, e.g. 自然人 or 总计
    section: str
    value: int | Decimal | None  # None: a cell it needs was lost
    unit: str
    rows: tuple[RowFigure, ...]
    notes: tuple[str, ...] = ()  # what the printed table shows where it disagrees
    noted: tuple[tuple[CellKey, CellValue], ...] = ()  # cells the notes speak of
    missing: tuple[CellKey, ...] = ()

    @property
    def cells(self) -> list[tuple[CellKey, CellValue]]:
        """Every cell the answer rests on or speaks of, each once."""
        seen: dict[CellKey, CellValue] = {}
        for row in self.rows:
            seen.update(row.read)
            if row.printed_total is not None or row.summed:
                seen[CellKey(self.section, row.row, TOTAL)] = row.printed_total
        seen.update(self.noted)
        return list(seen.items())


def _rows_of(cells: Cells, section: str, metrics: Sequence[Metric]) -> list[str]:
    rows = dict.fromkeys(k.row for k in cells if k.section == section)
    return [r for r in rows if any(m.covers(r) for m in metrics)]


def _columns_for(
    cells: Cells, section: str, row: str, metrics: Sequence[Metric], columns: Sequence[Column]
) -> list[str]:
    held = [k.column for k in cells if k.section == section and k.row == row]
    if columns:
        return [c for spec in columns for c in spec.columns if c in held]
    if section == "二":
        defaults = [c for m in metrics for c in m.columns if c in held]
        return defaults[:1]
    return [TOTAL] if TOTAL in held else []


def _read_total(cells: Cells, section: str, row: str) -> RowFigure:
    """A row's 总计, or the sum of its parts when the printed 总计 is blank or contradicts them."""
    total_key = CellKey(section, row, TOTAL)
    printed = cells.get(total_key)
    part_keys = [CellKey(section, row, c) for c in _TOTAL_PARTS.get(section, ())]
    parts = [(k, cells.get(k)) for k in part_keys if k in cells]
    if not parts or any(v is None for _, v in parts):
        return RowFigure(row, TOTAL, printed, ((total_key, printed),))
    summed = sum(v for _, v in parts)  # type: ignore[misc]
    if printed is not None and printed == summed:
        return RowFigure(row, TOTAL, printed, ((total_key, printed),))
    return RowFigure(row, TOTAL, summed, tuple(parts), printed_total=printed, summed=True)


def _notes(
    findings: Sequence[Finding], figure_rows: Sequence[RowFigure], section: str
) -> tuple[list[str], set[CellKey]]:
    used = {k for r in figure_rows for k, _ in r.read}
    missing = {k for r in figure_rows for k, v in r.read if v is None}
    replaced = {CellKey(section, r.row, TOTAL) for r in figure_rows if r.summed}
    notes: list[str] = []
    noted: set[CellKey] = set()
    for finding in findings:
        touched = set(finding.cells)
        if (
            (finding.rule in _ROW_RULES and touched & (used | replaced))
            or (finding.rule in _COLUMN_RULES and touched & replaced)
            or (finding.rule in _LOSS_RULES and touched & missing)
        ):
            notes.append(finding.message)
            noted |= touched
    return notes, noted


def _unit(
    vocabulary: Vocabulary, column: str, keys: set[CellKey], findings: Sequence[Finding]
) -> str:
    # A cell printed in another unit than its column's ("251000元" under 万元) keeps it.
    for finding in findings:
        if finding.rule == "UNIT" and keys & set(finding.cells):
            m = _UNIT_NOTE.search(finding.message)
            if m:
                return m.group(1)
    return vocabulary.unit(column)


def figure_for(
    metrics: Sequence[Metric],
    columns: Sequence[Column],
    cells: Cells,
    findings: Sequence[Finding],
    vocabulary: Vocabulary,
) -> Figure | None:
    """The figure the metrics and columns name in one report's cells; None when it has none."""
    if not metrics:
        return None
    section = metrics[0].section
    metrics = [m for m in metrics if m.section == section]
    columns = [c for c in columns if c.section == section]
    figure_rows: list[RowFigure] = []
    for row in _rows_of(cells, section, metrics):
        for column in _columns_for(cells, section, row, metrics, columns):
            if column == TOTAL and section in _TOTAL_PARTS:
                figure_rows.append(_read_total(cells, section, row))
            else:
                key = CellKey(section, row, column)
                figure_rows.append(RowFigure(row, column, cells[key], ((key, cells[key]),)))
    if not figure_rows:
        return None

    missing = tuple(k for r in figure_rows for k, v in r.read if v is None)
    value = None if missing else sum(r.value for r in figure_rows)  # type: ignore[misc]
    notes, noted_keys = _notes(findings, figure_rows, section)
    keys = {k for r in figure_rows for k, _ in r.read}
    column_names = dict.fromkeys(r.column for r in figure_rows)
    return Figure(
        metric="、".join(m.name for m in metrics),
        column="、".join(c.name for c in columns) or "、".join(column_names),
        section=section,
        value=value,
        unit=_unit(vocabulary, next(iter(column_names)), keys, findings),
        rows=tuple(figure_rows),
        notes=tuple(dict.fromkeys(notes)),
        noted=tuple((k, cells.get(k)) for k in sorted(noted_keys - keys)),
        missing=missing,
    )
