"""R6: figures that the report's text states and its tables also hold.

Reports summarise the section 三 and 四 tables in their opening text ("共受理政府信息公开
申请859件…"); when a sentence and the table disagree, both are kept and a finding says so.
Only statements whose table counterpart is unambiguous are checked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from assistant.tables.result import Finding
from assistant.tables.schema import (
    APPLICANT_COLUMNS,
    CARRIED_IN,
    CARRIED_OUT,
    NEW_REQUESTS,
    RESULTS_TOTAL,
    CellKey,
    CellValue,
    Format,
    section3_result_rows,
)
from assistant.tables.spec import spec_for
from assistant.tables.text import norm

Cells = Mapping[CellKey, CellValue]

# Patterns run on the text with whitespace removed and full-width forms folded (NFKC), so
# "，" is "," and "（" is "(".
_CLAUSE = r"[^,;。]"
_SECTION3_TOTALS = (
    (re.compile(rf"(?:受理|收到){_CLAUSE}{{0,20}}?申请(\d+)[件个]"), (NEW_REQUESTS,)),
    (re.compile(r"答复(?:政府信息公开申请)?(\d+)件"), (RESULTS_TOTAL,)),
    (re.compile(r"上一?年度?结转(?:政府信息公开)?申请(\d+)件"), (CARRIED_IN,)),
    (re.compile(rf"另有(\d+)件{_CLAUSE}{{0,20}}?顺延"), (CARRIED_OUT,)),
)
_RESULT_GROUPS = re.compile(
    r"(予以公开及部分公开|予以公开|部分公开|不予公开|无法提供|不予处理|其他处理)(\d+)件"
)
_REVIEW = re.compile(r"行政复议(\d+)件")
_LAWSUIT = re.compile(r"(?<!复议后)诉讼(\d+)件")
_CLAUSE_END = re.compile(r"[;。]|诉讼|复议")
_OUTCOME = re.compile(r"(结果维持|结果纠正|其他结果|尚未审结)(\d+)件")

_SUMMED = "（“总计”栏空白处按各类申请人相加）"
_LAWSUIT_ROWS = ("行政诉讼/未经复议直接起诉", "行政诉讼/复议后起诉")


@dataclass(frozen=True)
class _Claim:
    quote: str  # the sentence part as printed (whitespace removed)
    found: int
    keys: tuple[CellKey, ...]  # the cells the claim is about
    table: CellValue  # the figure the table gives for it, None when it cannot tell
    what: str  # names the table figure in the message


def _row_total(cells: Cells, row: str) -> tuple[CellValue, list[CellKey]]:
    """A section 三 row's 总计, or the sum of its applicant columns when 总计 is null."""
    total = CellKey("三", row, "总计")
    if cells.get(total) is not None:
        return cells[total], [total]
    parts = [CellKey("三", row, column) for column in APPLICANT_COLUMNS]
    values = [cells.get(k) for k in parts]
    if any(v is None for v in values):
        return None, [total]
    return sum(values), parts  # type: ignore[arg-type]


def _rows_total(cells: Cells, rows: list[str]) -> tuple[CellValue, tuple[CellKey, ...], bool]:
    """The rows' total, their cells, and whether a blank 总计 had to be added up."""
    value: CellValue = 0
    keys: list[CellKey] = []
    for row in rows:
        row_value, row_keys = _row_total(cells, row)
        keys += row_keys
        value = None if value is None or row_value is None else value + row_value
    summed = any(k.column != "总计" for k in keys)
    return value, tuple(keys), summed


def _section3_claims(text: str, cells: Cells, fmt: Format) -> list[_Claim]:
    claims = []
    for pattern, rows in _SECTION3_TOTALS:
        for match in pattern.finditer(text):
            value, keys, summed = _rows_total(cells, list(rows))
            what = "“（七）总计”" if rows[0] == RESULTS_TOTAL else f"“{rows[0]}”"
            what += _SUMMED if summed else ""
            claims.append(_Claim(match.group(0), int(match.group(1)), keys, value, what))
    for match in _RESULT_GROUPS.finditer(text):
        groups = match.group(1).split("及")
        rows = [r for r in section3_result_rows(fmt) if r.split("/")[0] in groups]
        value, keys, summed = _rows_total(cells, rows)
        what = "、".join(f"“{g}”" for g in groups) + "合计" + (_SUMMED if summed else "")
        claims.append(_Claim(match.group(0), int(match.group(2)), keys, value, what))
    return claims


def _section4_claims(text: str, cells: Cells) -> list[_Claim]:
    claims = []
    kinds = ((_REVIEW, ("行政复议",), "行政复议"), (_LAWSUIT, _LAWSUIT_ROWS, "行政诉讼"))
    for pattern, rows, name in kinds:
        for match in pattern.finditer(text):
            # The outcomes ("其中结果维持72件…") follow in the same clause, before the
            # sentence turns to the other kind of case.
            clause = _CLAUSE_END.split(text[match.end() :], maxsplit=1)[0]
            stated = [("总计", match.group(0), int(match.group(1)))]
            stated += [
                (m.group(1), f"{match.group(0)}…{m.group(0)}", int(m.group(2)))
                for m in _OUTCOME.finditer(clause)
            ]
            for column, quote, found in stated:
                keys = tuple(CellKey("四", row, column) for row in rows)
                values = [cells.get(k) for k in keys]
                table = None if any(v is None for v in values) else sum(values)  # type: ignore[arg-type]
                claims.append(_Claim(quote, found, keys, table, f"“{name}/{column}”"))
    return claims


def check_r6(narrative: list[str], cells: Cells, fmt: Format) -> list[Finding]:
    text = "".join(norm(line) for line in narrative)
    findings: list[Finding] = []
    seen: set[tuple[tuple[CellKey, ...], int]] = set()
    claims = _section3_claims(text, cells, fmt) + _section4_claims(text, cells)
    for claim in claims:
        if claim.table is None or claim.table == claim.found or (claim.keys, claim.found) in seen:
            continue
        seen.add((claim.keys, claim.found))
        section = claim.keys[0].section
        findings.append(
            Finding(
                "R6",
                f"正文称“{claim.quote}”，但表{section}{claim.what}为{claim.table}",
                claim.keys,
                claim.table,
                claim.found,
            )
        )
    return findings


# Section 二 figures the text states with the words that name exactly one cell: the
# number of decisions (行政许可/行政处罚/行政强制), e.g. "作出行政处罚决定784起"; and the
# 2021 format's 规范性文件 counts, e.g. "废止规范性文件6件", "现行有效的规范性文件16件".
_DECISIONS = ("行政许可", "行政处罚", "行政强制")
_DOCUMENTS = r"(?:行政)?规范性文件(?:共|总数)?(\d+)件"
_DOCUMENT_COUNTS = (
    ("制发件数", re.compile(rf"(?:制定|制发|出台|印发)了?{_DOCUMENTS}")),
    ("废止件数", re.compile(rf"废止了?{_DOCUMENTS}")),
    ("现行有效件数", re.compile(rf"现行有效的?{_DOCUMENTS}|规范性文件现行有效(\d+)件")),
)


def stated_section2(narrative: list[str], fmt: Format) -> dict[CellKey, int]:
    """Cells of section 二 whose figure the report's text states once, unambiguously."""
    text = "".join(norm(line) for line in narrative)
    stated: dict[CellKey, int] = {}
    for row in _DECISIONS:
        column = next(
            (c for c in spec_for(fmt).columns("二", row) if c.endswith("处理决定数量")), None
        )
        if column is None:
            continue
        pattern = rf"(?:作出|办理|受理)?{row}(?:决定|案件)?(?:共)?(\d+)(?:件|起|个|宗)"
        values = {int(m) for m in re.findall(pattern, text)}
        if len(values) == 1:
            stated[CellKey("二", row, column)] = values.pop()
    spec = spec_for(fmt)
    documents = next((r for r in spec.rows("二") if r.endswith("规范性文件")), None)
    for ending, pattern in _DOCUMENT_COUNTS:
        column = next((c for c in spec.columns("二", documents or "") if c.endswith(ending)), None)
        values = {int(next(g for g in m.groups() if g)) for m in pattern.finditer(text)}
        if column and len(values) == 1:
            stated[CellKey("二", documents or "", column)] = values.pop()
    return stated
