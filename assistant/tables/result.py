"""What the table parser returns: canonical cells with values, and findings about them."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.tables.schema import CellKey, CellValue, Format, cell_keys

# Finding rules besides the 勾稽 rules R1–R6 of the format specification.
BLANK = "BLANK"  # blank cells read as 0
MISSING = "MISSING"  # cells the document lost or left unreadable: stored as null
LABEL = "LABEL"  # a row or column label that could not be matched with certainty
SPLIT = "SPLIT"  # a run-together digit row without a unique split
UNIT = "UNIT"  # an amount written with a unit other than the column's
FORMAT = "FORMAT"  # headers of both formats, or of none
DERIVED = "DERIVED"  # lost cells that the table's sums fix to one value

# How a cell's value was read (`TablesResult.how`); cells without a value have none.
HOW_DIRECT = "direct"  # a number printed in the cell
HOW_BLANK = "blank_as_zero"  # a blank cell, read as 0 by the table's convention
HOW_SPLIT = "split_by_constraints"  # cut from run-together digits, the only split the sums allow
HOW_NARRATIVE = "from_narrative"  # stated in the report's text, the table's cell being unreadable
HOWS = (HOW_DIRECT, HOW_BLANK, HOW_SPLIT, HOW_NARRATIVE)


@dataclass(frozen=True)
class Finding:
    """One thing a reader of the tables should know: a broken 勾稽 rule or a parsing caveat."""

    rule: str
    message: str  # Chinese, for staff and citizens
    cells: tuple[CellKey, ...] = ()
    expected: CellValue = None
    found: CellValue = None


@dataclass
class TablesResult:
    """Every canonical cell of one report's format (None where unrecoverable) and findings."""

    format: Format | None
    cells: dict[CellKey, CellValue] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # How each cell with a value was read (one of HOWS). Parse metadata: not stored in the
    # database (no migration), so it takes no part in comparing results.
    how: dict[CellKey, str] = field(default_factory=dict, compare=False)

    def value(self, section: str, row: str, column: str) -> CellValue:
        return self.cells.get(CellKey(section, row, column))

    @property
    def recovered(self) -> int:
        return sum(1 for v in self.cells.values() if v is not None)

    @property
    def missing(self) -> int:
        return sum(1 for v in self.cells.values() if v is None)


def empty_result(fmt: Format) -> TablesResult:
    return TablesResult(fmt, dict.fromkeys(cell_keys(fmt)))
