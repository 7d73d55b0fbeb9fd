"""Reading flattened table lines: normalising labels, splitting cells, reading numbers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

_SPACES = re.compile(r"\s+")
# Explanations inside a label, e.g. 部分公开（区分处理的，只计这一情形，不计其他情形）;
# one-character parentheses are numbering such as (一) and stay.
_REMARK = re.compile(r"\([^()]{2,}\)")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_UNIT = re.compile(r"(万元|元|件|个|项|条|宗)$")
# Cells that stand for "nothing here" in published tables.
_BLANK_MARKS = {"", "-", "—", "——", "/", "\\", "无"}
# A label followed by whitespace-separated numbers, for lines without cell separators.
# Each number may carry its unit (`政府集中采购 3个 3443000元`).
_TRAILING_NUMBERS = re.compile(
    r"^(?P<label>.*?[^\d\s+-])??(?P<numbers>(?:\s*[+-]?\d+(?:\.\d+)?(?:万元|元|件|个|项|条|宗)?)+)\s*$"
)
# One number within a run of digits and signs (`88-720` is 88 then -720).
_SIGNED_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def norm(text: str) -> str:
    """Compare-ready form: full-width forms folded (NFKC) and all whitespace removed.

    PDF and web extractions put spaces and line breaks inside Chinese words
    (`三、本 年度办 理结果`, `商业企 业`), so whitespace never carries meaning in a label.
    """
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


def strip_remarks(label: str) -> str:
    """`norm`ed label without its parenthesised explanations."""
    return _REMARK.sub("", label)


def is_blank(cell: str) -> bool:
    return norm(cell) in _BLANK_MARKS


@dataclass(frozen=True)
class Number:
    value: int | Decimal
    unit: str  # as written after the number ("" when none)
    text: str  # the cell as written


def read_number(cell: str, amount: bool = False) -> Number | None:
    """The number written in a cell (int, or Decimal when `amount`); None when it is not one."""
    text = norm(cell).replace("＋", "+")
    unit_match = _UNIT.search(text)
    unit = unit_match.group(1) if unit_match else ""
    body = text[: len(text) - len(unit)]
    if _THOUSANDS.fullmatch(body.lstrip("+-")):
        body = body.replace(",", "")
    if not _NUMBER.fullmatch(body):
        return None
    if amount:
        return Number(Decimal(body.lstrip("+")), unit, cell.strip())
    if "." in body:
        return None  # a fraction in a count column is not a count
    return Number(int(body), unit, cell.strip())


def is_number(cell: str) -> bool:
    return read_number(cell, amount=True) is not None


def split_cells(line: str) -> list[str]:
    """A flattened table line as its cells.

    Tab-separated lines come from PDF-to-text conversion, whose trailing tabs are
    artefacts; `|`-separated lines come from the loaders and web pages and keep every
    cell, including blank ones at the end. A line without separators is a label followed
    by whitespace-separated numbers, or by one run-together digit string.
    """
    if "\t" in line:
        return [c.strip() for c in line.rstrip().split("\t")]
    if "|" in line:
        cells = [c.strip() for c in line.split("|")]
        if line.startswith("|") and line.rstrip().endswith("|") and len(cells) > 2:
            # A Markdown row's outer borders hold no cells (the loaders join cells with
            # " | ", so their rows never start with a bare "|").
            cells = cells[1:-1]
        return cells
    match = _TRAILING_NUMBERS.match(line.strip())
    if not match:
        return [line.strip()]
    label = (match.group("label") or "").strip()
    numbers = []
    for token in match.group("numbers").split():
        found = _SIGNED_NUMBER.findall(token)
        unit = _UNIT.search(token)
        if unit and found:
            found[-1] += unit.group(1)
        numbers += found
    return ([label] if label else []) + numbers


def has_separators(line: str) -> bool:
    return "\t" in line or "|" in line


def label_and_values(cells: list[str]) -> tuple[str, list[str]]:
    """Split a row's cells into its label (joined, `norm`ed) and the cells after it.

    The label is every cell up to the last one that is neither blank nor a number. A
    label cell that ends in a digit string (`…申请数量21710000218`, cells run together
    on a web page) gives that digit string as the row's only value cell.
    """
    last_label = -1
    for i, cell in enumerate(cells):
        if not is_blank(cell) and not is_number(cell):
            last_label = i
    label = norm("".join(cells[: last_label + 1]))
    values = cells[last_label + 1 :]
    tail = re.search(r"(?<=\D)\d+$", label)
    if tail and all(is_blank(v) for v in values):
        label, values = label[: tail.start()], [tail.group(0)]
    return label, values
