"""Figures from the ingested reports' statistics tables, for the public 统计 tab (no UI)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from assistant.db import Database
from assistant.qa.answer import as_value
from assistant.tables.schema import CARRIED_IN, CARRIED_OUT, NEW_REQUESTS, RESULTS_TOTAL
from assistant.tables.store import cells_for

AGENCY, YEAR, VALUE, REPORT = "机关", "年度", "数值", "年报"


@dataclass(frozen=True)
class Metric:
    """One cell of the report tables; `columns` lists the column's name in each format
    (2021 first), since section 二 names the same figure differently in 2019."""

    label: str
    section: str
    row: str
    columns: tuple[str, ...]


_TOTAL = ("总计",)
_DECISIONS = ("本年处理决定数量", "处理决定数量")
METRICS: tuple[Metric, ...] = (
    Metric("依申请公开：本年新收申请（件）", "三", NEW_REQUESTS, _TOTAL),
    Metric("依申请公开：上年结转申请（件）", "三", CARRIED_IN, _TOTAL),
    Metric("依申请公开：予以公开（件）", "三", "予以公开", _TOTAL),
    Metric("依申请公开：部分公开（件）", "三", "部分公开", _TOTAL),
    Metric("依申请公开：办理结果总计（件）", "三", RESULTS_TOTAL, _TOTAL),
    Metric("依申请公开：结转下年度继续办理（件）", "三", CARRIED_OUT, _TOTAL),
    Metric("主动公开：行政许可处理决定（件）", "二", "行政许可", _DECISIONS),
    Metric("主动公开：行政处罚处理决定（件）", "二", "行政处罚", _DECISIONS),
    Metric("行政复议：总计（件）", "四", "行政复议", _TOTAL),
    Metric("行政诉讼（未经复议直接起诉）：总计（件）", "四", "行政诉讼/未经复议直接起诉", _TOTAL),
    Metric("行政诉讼（复议后起诉）：总计（件）", "四", "行政诉讼/复议后起诉", _TOTAL),
)
METRIC_LABELS = [m.label for m in METRICS]


def metric_named(label: str) -> Metric:
    return next(m for m in METRICS if m.label == label)


Figure = tuple[str, int, int | float | None]  # agency, year, value (None: the report lost it)


def figures(db: Database, metric: Metric, agency: str | None = None) -> list[Figure]:
    """One figure per report holding the cell, sorted by agency and year."""
    rows: dict[tuple[str, int], float | int | None] = {}
    with db.session() as session:
        for column in metric.columns:
            for cell in cells_for(
                session, agency=agency, section=metric.section, row=metric.row, column=column
            ):
                if cell.agency and cell.year:
                    rows.setdefault((cell.agency, cell.year), as_value(cell.value))
    return [(a, y, v) for (a, y), v in sorted(rows.items())]


def figures_table(figures: list[Figure]) -> pd.DataFrame:
    """For reading: a missing figure shows as “—”."""
    return pd.DataFrame(
        [(a, str(y), "—" if v is None else v) for a, y, v in figures],
        columns=[AGENCY, YEAR, VALUE],
    )


def figures_chart(figures: list[Figure]) -> pd.DataFrame:
    """For the bar chart: present figures only, one bar per report named by agency and year
    (a label on the axis reads better than a legend of colours)."""
    return pd.DataFrame(
        [(f"{a}{y}年", v) for a, y, v in figures if v is not None], columns=[REPORT, VALUE]
    )
