"""Plain text and Markdown: lines are kept verbatim, grouped into paragraph blocks.

Tables in text files are tab- or ` | `-separated lines; they stay text here because the
table parser downstream reads them line by line.
"""

from __future__ import annotations

import re

from ingest.loaders.base import Block
from ingest.loaders.encoding import decode_text

_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _paragraphs(text: str) -> list[Block]:
    blocks: list[Block] = []
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip():
            lines.append(line)
        elif lines:
            blocks.append(Block(kind="text", text="\n".join(lines)))
            lines = []
    if lines:
        blocks.append(Block(kind="text", text="\n".join(lines)))
    return blocks


def read_plain(data: bytes) -> list[Block]:
    return _paragraphs(decode_text(data))


def read_markdown(data: bytes) -> list[Block]:
    # Headings keep their '#' marks: the chunker finds '## 第X章' by them. Comments such
    # as '<!-- INFO END -->' are editing marks, not content.
    return _paragraphs(_HTML_COMMENT.sub("", decode_text(data)))
