"""Canonical cells of the annual-report statistics tables (sections 二, 三 and 四).

Everything here derives from the format specs (specs/*.toml, loaded by spec.py): the 2019
试行 format (国办公开办函〔2019〕60号) and the 2021 format (国办公开办函〔2021〕30号). A
cell is addressed by its section, its row as the canonical label path joined by "/", and
its column label. The module-level constants keep the names other modules import.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from assistant.tables.spec import bundled_specs, spec_for
from assistant.tables.spec import format_for_year as format_for_year  # re-exported

# A format name, as the spec files name them ("2019", "2021", …).
Format = str
Section = str
CellValue = int | Decimal | None

FORMATS: tuple[Format, ...] = tuple(bundled_specs())
LATEST: Format = FORMATS[-1]


@dataclass(frozen=True, order=True)
class CellKey:
    section: str
    row: str
    column: str

    def label(self) -> str:
        """How a cell is named to people, e.g. `三/予以公开/自然人`."""
        return f"{self.section}/{self.row}/{self.column}"


_2019, _2021 = spec_for("2019"), spec_for("2021")

# --- Section 三: 收到和处理政府信息公开申请情况 -------------------------------------------
SECTION3_COLUMNS: tuple[str, ...] = _2021.section3_columns
APPLICANT_COLUMNS: tuple[str, ...] = SECTION3_COLUMNS[:-1]
NEW_REQUESTS, CARRIED_IN = _2021.section3_rows[0], _2021.section3_rows[1]
CARRIED_OUT = _2021.section3_rows[-1]
RESULTS_TOTAL = _2021.results_total
PARTIAL = "部分公开"

SECTION3_RESULT_ROWS_2021: tuple[str, ...] = _2021.result_rows
SECTION3_RESULT_ROWS_2019: tuple[str, ...] = _2019.result_rows
SECTION3_ROWS_2021: tuple[str, ...] = _2021.section3_rows
SECTION3_ROWS_2019: tuple[str, ...] = _2019.section3_rows

# --- Section 四: 行政复议、行政诉讼 --------------------------------------------------------
SECTION4_ROWS: tuple[str, ...] = _2021.section4_rows
SECTION4_COLUMNS: tuple[str, ...] = _2021.section4_columns

# --- Section 二: 主动公开政府信息情况 (第二十条 tables) -----------------------------------
SECTION2_TABLES_2021 = _2021.section2_tables
SECTION2_TABLES_2019 = _2019.section2_tables

# Columns holding money (万元): their values are Decimal, every other cell is an int.
AMOUNT_COLUMNS: frozenset[str] = frozenset(
    column for spec in bundled_specs().values() for column in spec.amount_columns
)


def section2_tables(fmt: Format) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    return spec_for(fmt).section2_tables


def section3_rows(fmt: Format) -> tuple[str, ...]:
    return spec_for(fmt).section3_rows


def section3_result_rows(fmt: Format) -> tuple[str, ...]:
    return spec_for(fmt).result_rows


def cell_keys(fmt: Format) -> list[CellKey]:
    """Every cell of the three tables in `fmt`, in reading order."""
    spec = spec_for(fmt)
    return [
        CellKey(section, row, column)
        for section in ("二", "三", "四")
        for row in spec.rows(section)
        for column in spec.columns(section, row)
    ]


def is_amount(column: str) -> bool:
    return column in AMOUNT_COLUMNS
