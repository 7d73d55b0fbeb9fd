"""HTML pages via BeautifulSoup + lxml: text lines and data tables in document order.

Tables become grids like the PDF and DOCX loaders': `colspan`/`rowspan` are expanded, a
merged cell's text sits in its top-left position and the positions it covers are empty,
so a figure keeps its column whatever the source format. A real cell left blank stays a
cell even at the end of its row (portal pages leave zeros blank: `3 |  |  | 3`). A table that contains another
table is page layout (common on older government sites) and is read as text around the
inner tables.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

from ingest.loaders.base import Block
from ingest.loaders.cells import blocks_from_rows, join_wrapped_lines
from ingest.loaders.encoding import decode_text

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
_CHARSET_WINDOW = 4096
_DROPPED = ("head", "script", "style", "noscript", "template", "nav", "iframe", "svg", "select")
# Elements that start a new line of text.
# fmt: off
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "ol", "p", "section", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
})
# fmt: on
# Spans beyond this are typos or hostile input; they would only inflate the grid.
_MAX_SPAN = 1000


def _span(cell: Tag, attribute: str) -> int:
    value = str(cell.get(attribute) or "1").strip()
    return min(int(value), _MAX_SPAN) if value.isdigit() and int(value) > 0 else 1


def _cell_text(cell: Tag) -> str:
    parts: list[str] = []
    for node in cell.descendants:
        if isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            parts.append(str(node))
        elif isinstance(node, Tag) and node.name == "br":
            parts.append("\n")
    return "".join(parts)


def _table_grid(table: Tag) -> list[list[str | None]]:
    """The table's rows; positions covered by a merged cell are None, blank cells ''."""
    covered: set[tuple[int, int]] = set()
    grid: list[list[str | None]] = []
    for r, tr in enumerate(table.find_all("tr")):
        row: list[str | None] = []
        for cell in tr.find_all(["td", "th"], recursive=False):
            while (r, len(row)) in covered:
                row.append(None)
            col, colspan, rowspan = len(row), _span(cell, "colspan"), _span(cell, "rowspan")
            row.append(_cell_text(cell))
            row.extend([None] * (colspan - 1))
            covered.update((r + dr, col + dc) for dr in range(1, rowspan) for dc in range(colspan))
        grid.append(row)
    return grid


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._pending: list[str] = []

    def flush(self) -> None:
        line = join_wrapped_lines("".join(self._pending))
        self._pending = []
        if line:
            self.blocks.append(Block(kind="text", text=line))

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, PreformattedString):
                    self._pending.append(str(child))
            elif child.name == "br":
                self.flush()
            elif child.name == "pre":
                # Preformatted text may be a tab-separated table: keep its lines as they are.
                self.flush()
                lines = [line for line in child.get_text().splitlines() if line.strip()]
                if lines:
                    self.blocks.append(Block(kind="text", text="\n".join(lines)))
            elif child.name == "table" and child.find("table") is None:
                self.flush()
                self.blocks.extend(blocks_from_rows(_table_grid(child), keep_blank_cells=True))
            elif child.name in _BLOCK_TAGS:
                self.flush()
                self.walk(child)
                self.flush()
            elif isinstance(child, Tag):
                self.walk(child)


def read_html(data: bytes) -> list[Block]:
    declared = _DECLARED_CHARSET.search(data[:_CHARSET_WINDOW])
    text = decode_text(data, declared.group(1).decode("ascii") if declared else None)
    soup = BeautifulSoup(text, "lxml")
    for tag in soup(_DROPPED):
        tag.decompose()
    reader = _Reader()
    reader.walk(soup.body or soup)
    reader.flush()
    return reader.blocks
