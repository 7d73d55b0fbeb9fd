"""Text from outside (applicants' names, contents, replies) shown inside Markdown as the
very characters it holds: no image, link, emphasis, heading or list of its own (pure)."""

from __future__ import annotations

import re

# CommonMark lets a backslash escape any ASCII punctuation and renders the character itself
# (the frontend's renderer, marked, follows it). Line breaks become <br>, so the value is a
# single source line and no block (list item, heading, table, code fence) can start in it;
# what is left to neutralise are the inline constructs: images, links, emphasis, code,
# strikethrough, raw HTML and entities, LaTeX delimiters.
_PUNCTUATION = re.compile(r"([\\`*_\[\]()!<>&~$|])")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def plain(value: object) -> str:
    """`value` escaped for Markdown; its line breaks become <br> inside the same
    paragraph or list item, so a line of its own can never start a new item."""
    escaped = _PUNCTUATION.sub(r"\\\1", str(value))
    return _LINE_BREAK.sub("<br>　", escaped)  # indented: visibly part of this value
