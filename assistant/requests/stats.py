"""The section 三 table of an agency's year, computed from its request log (pure).

Per DESIGN.md: 本年新收 = received in the year; 上年结转 = received earlier and still open
on 1 January; each result row = closed in the year with that result; 结转下年度 = still
open at the end of 31 December; （七）总计 = the sum of the result rows; the 总计 column =
the sum of the applicant columns. Every request received by 31 December and not closed
before 1 January is counted exactly once on each side, so R1 (一 + 二 = （七）总计 + 四)
holds for every column by construction, as do R2 and R3.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from assistant.requests.vocabulary import APPLICANT_TYPES, RESULT_CATEGORIES
from assistant.tables.schema import (
    CARRIED_IN,
    CARRIED_OUT,
    NEW_REQUESTS,
    RESULTS_TOTAL,
    SECTION3_COLUMNS,
    SECTION3_ROWS_2021,
)

COLUMN_TOTAL = SECTION3_COLUMNS[-1]


@dataclass(frozen=True)
class RequestFacts:
    """What the table needs of one request — nothing personal."""

    applicant_type: str
    received_date: date
    closed_date: date | None = None
    result: str | None = None

    def __post_init__(self) -> None:
        if self.applicant_type not in APPLICANT_TYPES:
            raise ValueError(f"unknown applicant type {self.applicant_type!r}")
        if (self.closed_date is None) != (self.result is None):
            raise ValueError("a request has a result exactly when it has a closed date")
        if self.result is not None and self.result not in RESULT_CATEGORIES:
            raise ValueError(f"unknown result {self.result!r}")
        if self.closed_date is not None and self.closed_date < self.received_date:
            raise ValueError("closed before it was received")


@dataclass(frozen=True)
class Section3Table:
    """All 25 rows × 7 columns of the 2021 template, every cell present."""

    year: int
    cells: dict[tuple[str, str], int]

    def value(self, row: str, column: str) -> int:
        return self.cells[(row, column)]

    def rows(self) -> list[tuple[str, list[int]]]:
        """Rows top to bottom, each with its values in column order."""
        return [
            (row, [self.cells[(row, column)] for column in SECTION3_COLUMNS])
            for row in SECTION3_ROWS_2021
        ]


def _rows_for(facts: RequestFacts, first: date, last: date) -> list[str]:
    """The rows of the year's table in which one request is counted (possibly none)."""
    rows: list[str] = []
    if first <= facts.received_date <= last:
        rows.append(NEW_REQUESTS)
    elif facts.received_date < first and (facts.closed_date is None or facts.closed_date >= first):
        rows.append(CARRIED_IN)
    if facts.received_date > last:
        return rows
    if facts.closed_date is not None and first <= facts.closed_date <= last:
        assert facts.result is not None
        rows += [facts.result, RESULTS_TOTAL]
    elif facts.closed_date is None or facts.closed_date > last:
        rows.append(CARRIED_OUT)
    return rows


def compute_section3(requests: Iterable[RequestFacts], year: int) -> Section3Table:
    """The section 三 table for `year` from the requests of one agency."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    cells = {(row, column): 0 for row in SECTION3_ROWS_2021 for column in SECTION3_COLUMNS}
    for facts in requests:
        for row in _rows_for(facts, first, last):
            cells[(row, facts.applicant_type)] += 1
            cells[(row, COLUMN_TOTAL)] += 1
    return Section3Table(year, cells)
