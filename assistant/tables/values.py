"""Turning the printed text of placed cells into values, and deciding what blanks mean.

A blank cell means 0 in tables that never write 0 (many web pages leave zeros blank). In
a table that writes 0 elsewhere, a blank is a cell lost in conversion and stays null. A
blank total whose parts are not all zero cannot be 0 either: it stays null.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.tables.reading import Reading
from assistant.tables.result import BLANK, HOW_BLANK, HOW_DIRECT, MISSING, UNIT, Finding
from assistant.tables.schema import CellKey, CellValue, Format, is_amount
from assistant.tables.spec import spec_for
from assistant.tables.text import Number, is_blank, read_number

# Units that may follow a number without changing its meaning in the column.
_PLAIN_UNITS = {"", "件", "个", "项", "条", "宗"}


def _names(keys: list[CellKey], limit: int = 6) -> str:
    shown = "、".join(f"“{k.row}/{k.column}”" for k in keys[:limit])
    return shown + ("等" if len(keys) > limit else "")


def _parts_of(key: CellKey, fmt: Format) -> list[CellKey]:
    """The cells a total cell adds up along its row (empty for cells that are no total)."""
    for total, parts in spec_for(fmt).row_sums(key.section):
        if key.column == total:
            return [CellKey(key.section, key.row, column) for column in parts]
    return []


def _empty_columns(
    reading: Reading, blanks: list[CellKey], numbers: dict[CellKey, Number], fmt: Format
) -> set[str]:
    """Part columns left blank in every row of a table that writes 0 elsewhere (web pages
    that leave, say, every 法人或其他组织 cell empty): the table's way of writing 0 there.

    Not when some row's total exceeds its written parts: then the blanks hold something.
    """
    if reading.section == "二":
        return set()
    blank = set(blanks)
    rows = {key.row for key in reading.raw}
    columns = {key.column for key in reading.raw}
    empty = {
        column
        for column in columns
        if all(CellKey(reading.section, row, column) in blank for row in rows)
    }
    sums = spec_for(fmt).row_sums(reading.section)
    empty &= {column for _, parts in sums for column in parts}
    if not empty or len(rows) < 2:
        return set()
    for total, parts in sums:
        for row in rows:
            stated = numbers.get(CellKey(reading.section, row, total))
            written = [numbers.get(CellKey(reading.section, row, c)) for c in parts]
            if stated is None or any(
                n is None for c, n in zip(parts, written, strict=True) if c not in empty
            ):
                continue
            if stated.value > sum(n.value for n in written if n is not None):
                return set()
    return empty


def settle(
    reading: Reading, fmt: Format, how: dict[CellKey, str] | None = None
) -> tuple[dict[CellKey, CellValue], list[Finding]]:
    """The values of a table's placed cells, and findings on its blanks, lost cells and
    units; `how` gets each valued cell's way of reading."""
    how = how if how is not None else {}
    section = reading.section
    numbers: dict[CellKey, Number] = {}
    cells: dict[CellKey, CellValue] = {}
    lost, unreadable, blanks = [], [], []
    findings: list[Finding] = []
    for key, text in reading.raw.items():
        cells[key] = None
        if text is None:
            lost.append(key)
        elif is_blank(text):
            blanks.append(key)
        elif (number := read_number(text, amount=is_amount(key.column))) is None:
            unreadable.append(key)
        else:
            numbers[key] = number
            cells[key] = number.value
            how[key] = HOW_DIRECT
            if is_amount(key.column) and number.unit not in ("", "万元"):
                findings.append(
                    Finding(
                        UNIT,
                        f"表{section}“{key.row}/{key.column}”写作“{number.text}”，"
                        f"按原文记为{number.value}（单位：{number.unit}）",
                        (key,),
                    )
                )
            elif not is_amount(key.column) and number.unit not in _PLAIN_UNITS:
                unreadable.append(key)
                cells[key] = None
                how.pop(key, None)

    zero_written = any(n.value == 0 for n in numbers.values())
    empty_columns = _empty_columns(reading, blanks, numbers, fmt)
    as_zero, blank_lost, blank_total = [], [], []
    for key in blanks:
        if key.column in empty_columns:
            as_zero.append(key)
            cells[key] = 0
            how[key] = HOW_BLANK
        elif zero_written:
            blank_lost.append(key)
        elif any(numbers.get(part, Number(0, "", "")).value != 0 for part in _parts_of(key, fmt)):
            blank_total.append(key)
        else:
            as_zero.append(key)
            cells[key] = Decimal(0) if is_amount(key.column) else 0
            how[key] = HOW_BLANK

    if as_zero:
        findings.append(
            Finding(BLANK, f"表{section}有{len(as_zero)}个空白单元格，按0计", tuple(as_zero))
        )
    if blank_total:
        findings.append(
            Finding(
                MISSING,
                f"表{section}有{len(blank_total)}个“总计”单元格空白，但同一行的各项不全为0，"
                f"空白不能当作0，记为空值：{_names(blank_total)}",
                tuple(blank_total),
            )
        )
    if blank_lost:
        findings.append(
            Finding(
                MISSING,
                f"表{section}有{len(blank_lost)}个单元格空白，而本表其他单元格写明了0，"
                f"视为转换中丢失，记为空值：{_names(blank_lost)}",
                tuple(blank_lost),
            )
        )
    if lost:
        findings.append(
            Finding(
                MISSING,
                f"表{section}有{len(lost)}个单元格在转换中丢失，记为空值：{_names(lost)}",
                tuple(lost),
            )
        )
    if unreadable:
        findings.append(
            Finding(
                MISSING,
                f"表{section}有{len(unreadable)}个单元格不是可读的数字，记为空值：{_names(unreadable)}",
                tuple(unreadable),
            )
        )
    return cells, findings
