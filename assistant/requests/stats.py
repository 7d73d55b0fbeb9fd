"""The section 三 table of an agency's year, computed from its request log (pure).

Per DESIGN.md: 本年新收 = received in the year; 上年结转 = received earlier and still open
on 1 January; each result row = closed in the year with that result; 结转下年度 = still
open at the end of 31 December; （七）总计 = the sum of the result rows; the 总计 column =
the sum of the applicant columns. Every request received by 31 December and not closed
before 1 January is counted exactly once on each side, so R1 (一 + 二 = （七）总计 + 四)
holds for every column by construction, as do R2 and R3; `Section3Table.check()` runs the
format's own 勾稽 rules on the same canonical cells a parsed report has.

The table comes in the format that reports for its year were due in (spec.format_for_year:
2019 试行 for 2019 and 2020, 2021 from 2021 on). A result the format has no row for is
counted in its group's row: the three （六） sub-items of 2021 in 2019's single （六）其他处理.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from assistant.requests.vocabulary import APPLICANT_TYPES, RESULT_CATEGORIES
from assistant.tables.result import Finding
from assistant.tables.rules import check_all
from assistant.tables.schema import (
    CARRIED_IN,
    CARRIED_OUT,
    NEW_REQUESTS,
    RESULTS_TOTAL,
    SECTION3_COLUMNS,
    CellKey,
    Format,
    format_for_year,
    spec_for,
)

COLUMN_TOTAL = SECTION3_COLUMNS[-1]
SECTION = "三"


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
    """Every row × column of the format's section 三 table (2021: 25 × 7), every cell present."""

    year: int
    cells: dict[tuple[str, str], int]
    format: Format = "2021"

    def value(self, row: str, column: str) -> int:
        return self.cells[(row, column)]

    def row_keys(self) -> tuple[str, ...]:
        return spec_for(self.format).section3_rows

    def result_rows(self) -> tuple[str, ...]:
        return spec_for(self.format).result_rows

    def columns(self) -> tuple[str, ...]:
        return spec_for(self.format).section3_columns

    def rows(self) -> list[tuple[str, list[int]]]:
        """Rows top to bottom, each with its values in column order."""
        return [
            (row, [self.cells[(row, column)] for column in self.columns()])
            for row in self.row_keys()
        ]

    def canonical_cells(self) -> dict[CellKey, int]:
        """The cells under the keys a parsed report's cells have."""
        return {CellKey(SECTION, row, column): v for (row, column), v in self.cells.items()}

    def check(self) -> list[Finding]:
        """The format's 勾稽 rules on this table (none break for a table computed from a log)."""
        return check_all(self.canonical_cells(), self.format)  # type: ignore[arg-type]


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


def _in_format(row: str, rows: tuple[str, ...]) -> str:
    """The format's row for a result: itself, or its group's row when the format has no
    sub-items there (2019's single （六）其他处理)."""
    if row in rows:
        return row
    group = row.partition("/")[0]
    if group in rows:
        return group
    raise ValueError(f"the format has no row for result {row!r}")


def compute_section3(
    requests: Iterable[RequestFacts], year: int, fmt: Format | None = None
) -> Section3Table:
    """The section 三 table for `year` from the requests of one agency, in `fmt` (default:
    the format reports for `year` were due in)."""
    fmt = fmt or format_for_year(year)
    spec = spec_for(fmt)
    rows, columns = spec.section3_rows, spec.section3_columns
    first, last = date(year, 1, 1), date(year, 12, 31)
    cells = {(row, column): 0 for row in rows for column in columns}
    for facts in requests:
        for row in _rows_for(facts, first, last):
            row = _in_format(row, rows)
            cells[(row, facts.applicant_type)] += 1
            cells[(row, COLUMN_TOTAL)] += 1
    return Section3Table(year, cells, fmt)
