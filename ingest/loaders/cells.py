"""Cell and line clean-up shared by the loaders: pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ingest.loaders.base import Block


def _needs_space(before: str, after: str) -> bool:
    # Chinese wraps anywhere and never has spaces between words, and a number wrapped in a
    # narrow cell is still one number; only Latin words broken over lines need a space.
    if not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum()):
        return False
    return not (before.isdigit() and after.isdigit())


def join_wrapped_lines(text: str) -> str:
    """One line from text that layout wrapped, e.g. a cell label broken over lines."""
    joined = ""
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if joined and _needs_space(joined[-1], line[0]):
            joined += " "
        joined += line
    return joined


def clean_rows(
    rows: Iterable[Sequence[str | None]], keep_blank_cells: bool = False
) -> tuple[tuple[str, ...], ...]:
    """Cells joined into single lines, `None` as ''; empty rows dropped.

    Trailing empty cells are dropped because they are the grid positions covered by a
    merged cell to their left (e.g. `行政许可 | 447228` spanning three columns), which
    is also how the corpus' text extractions render tables. With `keep_blank_cells`, the
    reader marks covered positions None and a real cell left blank ('') is kept: on web
    pages a blank cell often means 0, and dropping it would shift the row's figures.
    """
    cleaned: list[tuple[str, ...]] = []
    for row in rows:
        raw = list(row)
        while keep_blank_cells and raw and raw[-1] is None:
            raw.pop()
        cells = [join_wrapped_lines(cell or "") for cell in raw]
        if not any(cells) and not (keep_blank_cells and any(c is not None for c in raw)):
            cells = []  # a row of blank cells is kept when they are real cells (zeros)
        while cells and not cells[-1] and not keep_blank_cells:
            cells.pop()
        if cells:
            cleaned.append(tuple(cells))
    return tuple(cleaned)


def blocks_from_rows(
    rows: Iterable[Sequence[str | None]], page: int | None = None, keep_blank_cells: bool = False
) -> list[Block]:
    """A table block, or a text block when the "table" is a one-column frame around text."""
    cleaned = clean_rows(rows, keep_blank_cells)
    if not cleaned:
        return []
    if all(len(row) == 1 for row in cleaned):
        return [Block(kind="text", text="\n".join(row[0] for row in cleaned), page=page)]
    return [Block(kind="table", rows=cleaned, page=page)]
