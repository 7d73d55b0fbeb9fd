"""Checking that every figure an answer states comes from what it cites.

Used on the LLM's phrasing (a figure it cannot point to means falling back to the
extractive answer) and by the tests over the whole QA set. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assistant.qa.answer import Citation
from assistant.qa.numbers import Number, numbers_in, same_number


def cited_numbers(citations: Sequence[Citation]) -> list[Number]:
    """Every number in the citations' quotes and in the cited documents' titles (the year)."""
    return [n for c in citations for text in (c.quote, c.document) for n in numbers_in(text)]


def unsupported_figures(
    text: str, citations: Sequence[Citation], derived: Iterable[Number] = ()
) -> list[Number]:
    """Numbers in `text` that no citation holds; `derived` are figures computed from cited
    cells (a sum of table cells), allowed as well."""
    allowed = cited_numbers(citations) + list(derived)
    return [n for n in numbers_in(text) if not any(same_number(n, a) for a in allowed)]
