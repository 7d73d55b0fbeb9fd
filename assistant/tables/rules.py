"""The 勾稽 (consistency) rules R1–R5 of the annual-report tables, checked on canonical cells.

A rule is checked only where every cell it involves is known: a null cell is already
reported as missing and must not also show up as a contradiction.

R4 (部分公开 counts only 部分公开) is a counting rule with no figure of its own: a request
counted both as 部分公开 and elsewhere shows up as a broken R1, since （七）总计 then
exceeds the requests received.
"""

from __future__ import annotations

from collections.abc import Mapping

from assistant.tables.result import Finding
from assistant.tables.schema import (
    APPLICANT_COLUMNS,
    CARRIED_IN,
    CARRIED_OUT,
    NEW_REQUESTS,
    RESULTS_TOTAL,
    SECTION3_COLUMNS,
    SECTION4_COLUMNS,
    SECTION4_ROWS,
    CellKey,
    CellValue,
    Format,
    section3_result_rows,
    section3_rows,
)

Cells = Mapping[CellKey, CellValue]

TOTAL = "总计"


def _row_name(row: str) -> str:
    return "（七）总计" if row == RESULTS_TOTAL else row


def _values(cells: Cells, keys: list[CellKey]) -> list[int] | None:
    values = [cells.get(k) for k in keys]
    if any(v is None for v in values):
        return None
    return values  # type: ignore[return-value]


def check_r1(cells: Cells) -> list[Finding]:
    """Every column: 一 (new) + 二 (carried in) = （七）总计 + 四 (carried out)."""
    findings = []
    for column in SECTION3_COLUMNS:
        keys = [CellKey("三", row, column) for row in (NEW_REQUESTS, CARRIED_IN)]
        keys += [CellKey("三", row, column) for row in (RESULTS_TOTAL, CARRIED_OUT)]
        values = _values(cells, keys)
        if values is None:
            continue
        received, settled = values[0] + values[1], values[2] + values[3]
        if received != settled:
            findings.append(
                Finding(
                    "R1",
                    f"表三“{column}”列：本年新收{values[0]}＋上年结转{values[1]}＝{received}，"
                    f"但（七）总计{values[2]}＋结转下年度{values[3]}＝{settled}",
                    tuple(keys),
                    received,
                    settled,
                )
            )
    return findings


def _sum_rule(
    cells: Cells, rule: str, parts: list[CellKey], total: CellKey, describe: str
) -> list[Finding]:
    """`total` must equal the sum of `parts`; `describe` is formatted with both figures."""
    keys = [*parts, total]
    values = _values(cells, keys)
    if values is None:
        return []
    added, stated = sum(values[:-1]), values[-1]
    if added == stated:
        return []
    return [Finding(rule, describe.format(parts=added, total=stated), tuple(keys), added, stated)]


def check_r2(cells: Cells, fmt: Format) -> list[Finding]:
    """Every section 三 row: 总计 = the sum of the six applicant columns."""
    return [
        finding
        for row in section3_rows(fmt)
        for finding in _sum_rule(
            cells,
            "R2",
            [CellKey("三", row, column) for column in APPLICANT_COLUMNS],
            CellKey("三", row, TOTAL),
            f"表三“{_row_name(row)}”行：各类申请人合计{{parts}}，但“总计”列为{{total}}",
        )
    ]


def check_r3(cells: Cells, fmt: Format) -> list[Finding]:
    """Every column: （七）总计 = the sum of the result rows （一）…（六）."""
    return [
        finding
        for column in SECTION3_COLUMNS
        for finding in _sum_rule(
            cells,
            "R3",
            [CellKey("三", row, column) for row in section3_result_rows(fmt)],
            CellKey("三", RESULTS_TOTAL, column),
            f"表三“{column}”列：办理结果各项合计{{parts}}，但（七）总计为{{total}}",
        )
    ]


def check_r5(cells: Cells) -> list[Finding]:
    """Section 四, each group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    return [
        finding
        for row in SECTION4_ROWS
        for finding in _sum_rule(
            cells,
            "R5",
            [CellKey("四", row, column) for column in SECTION4_COLUMNS[:-1]],
            CellKey("四", row, SECTION4_COLUMNS[-1]),
            f"表四“{row}”：维持、纠正、其他结果与尚未审结合计{{parts}}，但“总计”为{{total}}",
        )
    ]


def check_columns(cells: Cells, fmt: Format) -> list[Finding]:
    """The rules that run down the columns of section 三 (R1, R3)."""
    return check_r1(cells) + check_r3(cells, fmt)


def check_all(cells: Cells, fmt: Format) -> list[Finding]:
    return check_r1(cells) + check_r2(cells, fmt) + check_r3(cells, fmt) + check_r5(cells)
