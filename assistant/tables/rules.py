"""The 勾稽 (consistency) rules of the annual-report tables, as the format spec declares them.

Three kinds (spec.RULE_KINDS): `balance` (per column, the left rows add up to the right
rows: R1), `row_sum` (per row, a total column is the sum of part columns: R2, R5) and
`column_sum` (per column, a total row is the sum of part rows: R3). A rule is checked
only where every cell it involves is known: a null cell is already reported as missing and
must not also show up as a contradiction.

R4 (部分公开 counts only 部分公开) is a counting rule with no figure of its own: a request
counted both as 部分公开 and elsewhere shows up as a broken R1, since （七）总计 then
exceeds the requests received.
"""

from __future__ import annotations

from collections.abc import Mapping

from assistant.tables.result import Finding
from assistant.tables.schema import CellKey, CellValue, Format
from assistant.tables.spec import FormatSpec, Rule, spec_for

Cells = Mapping[CellKey, CellValue]


def _row_name(spec: FormatSpec, row: str) -> str:
    """A row as the report prints it where the bare key is ambiguous (（七）总计)."""
    printed = next((r for r in spec.rows3 if r.key == row and r.total), None)
    return f"（{printed.group}）{printed.group_label}" if printed else row


def _values(cells: Cells, keys: list[CellKey]) -> list[int] | None:
    values = [cells.get(k) for k in keys]
    if any(v is None for v in values):
        return None
    return values  # type: ignore[return-value]


def _balance(cells: Cells, spec: FormatSpec, rule: Rule) -> list[Finding]:
    findings = []
    for column in spec.columns(rule.section):
        keys = [CellKey(rule.section, row, column) for row in (*rule.left, *rule.right)]
        values = _values(cells, keys)
        if values is None:
            continue
        left, right = values[: len(rule.left)], values[len(rule.left) :]
        if sum(left) == sum(right):
            continue
        named = {f"l{i}": v for i, v in enumerate(left)} | {f"r{i}": v for i, v in enumerate(right)}
        message = rule.message.format(column=column, left=sum(left), right=sum(right), **named)
        findings.append(Finding(rule.id, message, tuple(keys), sum(left), sum(right)))
    return findings


def _sum(
    cells: Cells, rule: Rule, parts: list[CellKey], total: CellKey, **names: str
) -> list[Finding]:
    keys = [*parts, total]
    values = _values(cells, keys)
    if values is None:
        return []
    added, stated = sum(values[:-1]), values[-1]
    if added == stated:
        return []
    message = rule.message.format(parts=added, total=stated, **names)
    return [Finding(rule.id, message, tuple(keys), added, stated)]


def check_rule(cells: Cells, spec: FormatSpec, rule: Rule) -> list[Finding]:
    section = rule.section
    if rule.kind == "balance":
        return _balance(cells, spec, rule)
    if rule.kind == "row_sum":
        return [
            finding
            for row in spec.rows(section)
            for finding in _sum(
                cells,
                rule,
                [CellKey(section, row, column) for column in rule.parts],
                CellKey(section, row, rule.total),
                row=_row_name(spec, row),
            )
        ]
    parts = spec.rule_parts(rule)
    return [
        finding
        for column in spec.columns(section)
        for finding in _sum(
            cells,
            rule,
            [CellKey(section, row, column) for row in parts],
            CellKey(section, rule.total, column),
            column=column,
        )
    ]


def _check(
    cells: Cells, fmt: Format, ids: tuple[str, ...] = (), kinds: tuple[str, ...] = ()
) -> list[Finding]:
    spec = spec_for(fmt)
    return [
        finding
        for rule in spec.rules
        if (not ids or rule.id in ids) and (not kinds or rule.kind in kinds)
        for finding in check_rule(cells, spec, rule)
    ]


def check_columns(cells: Cells, fmt: Format) -> list[Finding]:
    """The rules that run down the columns (R1, R3): they link the rows of a table."""
    return _check(cells, fmt, kinds=("balance", "column_sum"))


def check_all(cells: Cells, fmt: Format) -> list[Finding]:
    return _check(cells, fmt)
