"""What every answer is: text for the citizen, the figure, its unit, citations, refusal."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

Value = int | float


@dataclass(frozen=True)
class Citation:
    """Where an answer comes from: a document, its section or article, and the quoted text."""

    document: str  # the document's title
    section: str = ""  # report section 一…六, or the policy's chapter (第四章)
    quote: str = ""  # the quoted sentence, or a table cell as “行”“栏”：value
    document_id: int | None = None
    article: str | None = None  # 第三十三条, for policies
    cell: str | None = None  # canonical cell label, e.g. 三/予以公开/自然人
    finding: str | None = None  # the 勾稽 rule (R2, R6…) when the quote is a finding on the table

    @property
    def source(self) -> str:
        """How the answer names it: 《…》第三十三条, 《…》表三, 《…》第一部分."""
        if self.article:
            return f"《{self.document}》{self.article}"
        if self.cell or self.finding:
            return f"《{self.document}》表{self.section}"
        return f"《{self.document}》" + (f"第{self.section}部分" if self.section else "")

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}


@dataclass(frozen=True)
class Answer:
    text: str
    value: Value | None = None
    unit: str | None = None
    citations: tuple[Citation, ...] = ()
    refused: bool = False
    route: str = ""  # how it was answered: table | narrative | policy | refusal
    # What the answerer looked at (retrieved passages, table cells): for evaluating
    # retrieval, never shown to citizens.
    context: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": self.value,
            "unit": self.unit,
            "citations": [c.to_dict() for c in self.citations],
            "refused": self.refused,
        }


def as_value(number: int | float | Decimal | None) -> Value | None:
    """A figure as a JSON-friendly number: 96171.6 stays exact as written, 3 stays an int."""
    if number is None:
        return None
    if isinstance(number, Decimal):
        return int(number) if number == number.to_integral_value() else float(number)
    return number


def show(number: int | float | Decimal) -> str:
    """A figure as printed in an answer: no trailing zeros, no exponent."""
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    if isinstance(number, Decimal):
        return format(number.normalize(), "f")
    return str(number)
