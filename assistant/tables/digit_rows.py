"""Filling run-together digit rows: only a split that the table's sums make unique is kept."""

from __future__ import annotations

from itertools import product
from math import prod

from assistant.tables.digits import MAX_CANDIDATES, split_digits
from assistant.tables.reading import DigitRow
from assistant.tables.result import SPLIT, Finding
from assistant.tables.rules import check_columns
from assistant.tables.schema import CellKey, CellValue, Format

Split = tuple[int, ...]

# Beyond this many combinations of ambiguous section 三 rows, none is tried: a partial
# search could call a split unique that is not.
MAX_COMBINATIONS = 20_000


def _doubt(row: DigitRow, why: str) -> Finding:
    where = f"表{row.keys[0].section}“{row.keys[0].row}”行的数字连在一起（{row.digits}），"
    return Finding(SPLIT, where + why + "，记为空值", row.keys)


def _consistent_choices(
    cells: dict[CellKey, CellValue], options: dict[DigitRow, list[Split]], fmt: Format
) -> dict[DigitRow, list[Split]]:
    """Narrow each section 三 row's candidates to those in a combination that keeps the
    column rules (R1, R3); rows of other sections keep theirs."""
    linked = [row for row in options if row.keys[0].section == "三"]
    if not linked or prod(len(options[row]) for row in linked) > MAX_COMBINATIONS:
        return options
    fitting: list[tuple[Split, ...]] = []
    for combination in product(*(options[row] for row in linked)):
        trial = dict(cells)
        for row, split in zip(linked, combination, strict=True):
            trial.update(zip(row.keys, split, strict=True))
        if not check_columns(trial, fmt):
            fitting.append(combination)
    narrowed = dict(options)
    for index, row in enumerate(linked):
        kept = {combination[index] for combination in fitting}
        narrowed[row] = [split for split in options[row] if split in kept] or options[row]
    return narrowed


def settle_digit_rows(
    cells: dict[CellKey, CellValue], rows: list[DigitRow], fmt: Format
) -> list[Finding]:
    """Write the split of each row into `cells` when it is unique; findings for the rest."""
    findings: list[Finding] = []
    options: dict[DigitRow, list[Split]] = {}
    for row in rows:
        candidates = split_digits(row.digits, row.groups)
        if not candidates:
            findings.append(_doubt(row, "没有任何拆分满足合计关系"))
        elif len(candidates) > MAX_CANDIDATES:
            findings.append(_doubt(row, f"满足合计关系的拆分超过{MAX_CANDIDATES}种"))
        else:
            options[row] = candidates

    for row, candidates in _consistent_choices(cells, options, fmt).items():
        if len(candidates) == 1:
            cells.update(zip(row.keys, candidates[0], strict=True))
        else:
            shown = "；".join("|".join(map(str, split)) for split in candidates)
            why = f"有{len(candidates)}种拆分都满足勾稽关系：{shown}，无法确定"
            findings.append(_doubt(row, why))
    return findings
