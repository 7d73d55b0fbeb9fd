"""Cells the report lost, recovered from the format's sums where they allow one value only.

A web page that drops blank cells (`…不再处理其政府信息公开申请3.其他（七）总计1000001`)
loses whole rows; the sums of the table may still fix them: a total minus its known parts
leaves one unknown part, or leaves 0 for several parts that cannot be negative. Only the
sums that every fully printed instance of the same rule keeps are trusted (a table whose
R3 is broken elsewhere says nothing reliable through R3), and the recovered cells must
keep every rule they take part in; otherwise nothing is recovered. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.tables.result import DERIVED, HOW_SPLIT, MISSING, Finding
from assistant.tables.rules import check_all
from assistant.tables.schema import CellKey, CellValue, Format
from assistant.tables.spec import FormatSpec, spec_for


@dataclass(frozen=True)
class _Relation:
    """sum(plus) == sum(minus), from one instance of a rule."""

    rule: str
    plus: tuple[CellKey, ...]
    minus: tuple[CellKey, ...]


def _relations(spec: FormatSpec) -> list[_Relation]:
    relations = []
    for rule in spec.rules:
        section = rule.section
        if rule.kind == "balance":
            for column in spec.columns(section):
                relations.append(
                    _Relation(
                        rule.id,
                        tuple(CellKey(section, r, column) for r in rule.left),
                        tuple(CellKey(section, r, column) for r in rule.right),
                    )
                )
        elif rule.kind == "row_sum":
            for row in spec.rows(section):
                relations.append(
                    _Relation(
                        rule.id,
                        tuple(CellKey(section, row, c) for c in rule.parts),
                        (CellKey(section, row, rule.total),),
                    )
                )
        else:
            parts = spec.rule_parts(rule)
            for column in spec.columns(section):
                relations.append(
                    _Relation(
                        rule.id,
                        tuple(CellKey(section, r, column) for r in parts),
                        (CellKey(section, rule.total, column),),
                    )
                )
    return relations


def _solve(
    relation: _Relation, cells: dict[CellKey, CellValue], lost: set[CellKey]
) -> dict[CellKey, int]:
    """The unknown cells of one relation, when it fixes them and all are `lost`; {} otherwise."""
    unknown_plus = [k for k in relation.plus if cells.get(k) is None]
    unknown_minus = [k for k in relation.minus if cells.get(k) is None]
    if not unknown_plus and not unknown_minus:
        return {}
    if any(k not in lost for k in (*unknown_plus, *unknown_minus)):
        return {}  # printed digits that could not be split are evidence, never overwritten
    known = sum(cells[k] or 0 for k in relation.plus if cells.get(k) is not None) - sum(
        cells[k] or 0 for k in relation.minus if cells.get(k) is not None
    )
    if unknown_plus and unknown_minus:
        return {}
    # sum(unknown_plus) == -known, or sum(unknown_minus) == known
    side, needed = (unknown_plus, -known) if unknown_plus else (unknown_minus, known)
    if needed < 0 or int(needed) != needed:
        return {}
    if len(side) == 1:
        return {side[0]: int(needed)}
    if needed == 0:  # counts are never negative: every one of them is 0
        return dict.fromkeys(side, 0)
    return {}


def recover(
    cells: dict[CellKey, CellValue],
    how: dict[CellKey, str],
    findings: list[Finding],
    fmt: Format,
    lost: set[CellKey],
) -> list[Finding]:
    """Fill the `lost` cells (no text printed for them at all) that the sums fix, mark
    them, and return the findings updated: recovered cells leave their MISSING finding,
    and one DERIVED finding names them. A cell printed blank is not lost: what a blank
    means is the table's convention (values.py), not something to work out."""
    spec = spec_for(fmt)
    broken = {f.rule for f in check_all(cells, fmt)}
    relations = [r for r in _relations(spec) if r.rule not in broken]
    trial = dict(cells)
    found: dict[CellKey, int] = {}
    changed = True
    while changed:
        changed = False
        for relation in relations:
            for key, value in _solve(relation, trial, lost).items():
                trial[key] = value
                found[key] = value
                changed = True
    if not found or check_all(trial, fmt):
        return findings
    cells.update(found)
    how.update(dict.fromkeys(found, HOW_SPLIT))
    updated: list[Finding] = []
    for finding in findings:
        if finding.rule == MISSING and set(finding.cells) & set(found):
            kept = tuple(k for k in finding.cells if k not in found)
            if not kept:
                continue
            finding = Finding(finding.rule, finding.message, kept)
        updated.append(finding)
    keys = sorted(found, key=list(cells).index)
    rules = "、".join(sorted({r.rule for r in relations if set(r.plus + r.minus) & set(found)}))
    names = "、".join(f"“{k.row}/{k.column}”" for k in keys[:6]) + ("等" if len(keys) > 6 else "")
    message = (
        f"表{keys[0].section}有{len(keys)}个单元格原文缺失，由勾稽关系（{rules}）唯一推出：{names}"
    )
    updated.append(Finding(DERIVED, message, tuple(keys)))
    return updated
