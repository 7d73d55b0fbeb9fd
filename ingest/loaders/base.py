"""What every loader returns: flowing text and tables as rows of cells, in reading order."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

# Table rows are rendered into text lines with this separator, the same layout the
# corpus' text extractions use, so the table parser sees one format for every source.
CELL_SEPARATOR = " | "


class LoadError(Exception):
    """A file that cannot be loaded; the message names the reason in Chinese."""


@dataclass(frozen=True)
class Block:
    """A paragraph/line of text, or a table given as rows of cells."""

    kind: Literal["text", "table"]
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    page: int | None = None

    def lines(self) -> list[str]:
        if self.kind == "table":
            return [CELL_SEPARATOR.join(cell.strip() for cell in row) for row in self.rows]
        return self.text.splitlines()


@dataclass
class LoadedDocument:
    path: Path
    blocks: list[Block] = field(default_factory=list)

    def lines(self) -> list[str]:
        """All text in reading order, table rows as ` | `-joined lines."""
        out: list[str] = []
        for block in self.blocks:
            out.extend(block.lines())
        return out

    @property
    def text(self) -> str:
        return "\n".join(self.lines())

    @property
    def tables(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "table"]
