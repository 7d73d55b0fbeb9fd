"""Filling run-together digit rows: only a split that the table's sums make unique is kept."""

from __future__ import annotations

from decimal import Decimal
from itertools import product
from math import prod

from assistant.tables.digits import MAX_CANDIDATES, TooManySplits, split_tokens
from assistant.tables.reading import DigitRow
from assistant.tables.result import HOW_NARRATIVE, HOW_SPLIT, SPLIT, UNIT, Finding
from assistant.tables.rules import check_columns
from assistant.tables.schema import CellKey, CellValue, Format, is_amount

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
            trial.update(zip(row.keys, _values(row, split), strict=True))
        if not check_columns(trial, fmt):
            fitting.append(combination)
    narrowed = dict(options)
    for index, row in enumerate(linked):
        kept = {combination[index] for combination in fitting}
        narrowed[row] = [split for split in options[row] if split in kept] or options[row]
    return narrowed


def _values(row: DigitRow, split: tuple[int | None, ...]) -> list[CellValue]:
    """A split's cell values; a decimal token kept whole is read as written."""
    values: list[CellValue] = []
    whole = iter(t for t in row.tokens if not t.lstrip("+-").isdigit())
    for key, part in zip(row.keys, split, strict=True):
        value: CellValue = Decimal(next(whole)) if part is None else part
        if is_amount(key.column) and value is not None:
            value = Decimal(value)
        values.append(value)
    return values


def settle_digit_rows(
    cells: dict[CellKey, CellValue],
    rows: list[DigitRow],
    fmt: Format,
    how: dict[CellKey, str] | None = None,
    stated: dict[CellKey, int] | None = None,
) -> list[Finding]:
    """Write the split of each row into `cells` (and `how`) when it is unique; findings
    naming the alternatives for the rest, whose cells are filled only where every
    alternative agrees. A figure the report's text states for one of the row's cells
    (`stated`) keeps only the splits that agree with it, when any does."""
    how = how if how is not None else {}
    stated = stated or {}
    findings: list[Finding] = []
    options: dict[DigitRow, list[Split]] = {}
    for row in rows:
        try:
            candidates = split_tokens(
                row.tokens, len(row.keys), row.groups, row.signed or (False,) * len(row.keys)
            )
        except TooManySplits:
            findings.append(_doubt(row, "可能的拆分过多，无法逐一检验"))
            continue
        if not candidates:
            why = "没有任何拆分满足合计关系" if row.groups else "没有任何拆分符合各列的取值"
            findings.append(_doubt(row, why))
        elif len(candidates) > MAX_CANDIDATES:
            findings.append(_doubt(row, f"满足合计关系的拆分超过{MAX_CANDIDATES}种"))
        else:
            options[row] = candidates

    for row, candidates in _consistent_choices(cells, options, fmt).items():
        told = {i: stated[k] for i, k in enumerate(row.keys) if k in stated}
        by_text = [c for c in candidates if all(c[i] == v for i, v in told.items())]
        narrative = bool(told) and 0 < len(by_text) < len(candidates)
        if narrative:
            candidates = by_text
        if len(candidates) == 1:
            cells.update(zip(row.keys, _values(row, candidates[0]), strict=True))
            way = HOW_NARRATIVE if narrative else HOW_SPLIT
            how.update(dict.fromkeys(row.keys, way))
            last = row.keys[-1]
            if row.unit and row.unit != "万元" and is_amount(last.column):
                message = (
                    f"表{last.section}“{last.row}/{last.column}”写作“{cells[last]}{row.unit}”，"
                    f"按原文记为{cells[last]}（单位：{row.unit}）"
                )
                findings.append(Finding(UNIT, message, (last,)))
        else:
            findings.append(_ambiguous(row, candidates, cells, how, narrative))
    return findings


def _ambiguous(
    row: DigitRow,
    candidates: list[Split],
    cells: dict[CellKey, CellValue],
    how: dict[CellKey, str],
    narrative: bool,
) -> Finding:
    """A row with several possible splits: the cells all of them agree on are filled, the
    others stay empty and the finding names the alternatives."""
    readings = [_values(row, split) for split in candidates]
    agreed = [i for i in range(len(row.keys)) if len({r[i] for r in readings}) == 1]
    for i in agreed:
        cells[row.keys[i]] = readings[0][i]
        how[row.keys[i]] = HOW_NARRATIVE if narrative else HOW_SPLIT
    shown = "；".join("|".join(map(str, r)) for r in readings[:8])
    shown += "等" if len(readings) > 8 else ""
    rules = "勾稽关系" if row.groups else "各列的取值"
    if narrative:
        rules += "和正文所述数字"
    why = f"有{len(candidates)}种拆分都满足{rules}：{shown}，无法确定"
    if agreed:
        named = "、".join(f"“{row.keys[i].column}”" for i in agreed)
        why += f"；各种拆分中{named}都相同，已取该值，其余"
    else:
        why += "，"
    where = f"表{row.keys[0].section}“{row.keys[0].row}”行的数字连在一起（{row.digits}），"
    open_keys = tuple(k for i, k in enumerate(row.keys) if i not in agreed)
    return Finding(SPLIT, where + why + "记为空值", open_keys)
