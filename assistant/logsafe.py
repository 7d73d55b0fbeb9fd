"""Log lines that cannot be forged: values from outside are written with their control
characters escaped, so a name holding a line break stays on its own log line."""

from __future__ import annotations

import logging
import unicodedata

# Bidirectional controls reorder what a reader of the log sees; escape them as well.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def escaped(value: object) -> str:
    """`str(value)` with control and bidi characters as \\n, \\x1b, \\u202e escapes."""
    text = str(value)
    if not any(_needs_escape(ch) for ch in text):
        return text
    return "".join(_escape(ch) if _needs_escape(ch) else ch for ch in text)


def _needs_escape(ch: str) -> bool:
    return ch in _BIDI or unicodedata.category(ch) == "Cc"


def _escape(ch: str) -> str:
    return ch.encode("unicode_escape").decode("ascii")


class EscapingFormatter(logging.Formatter):
    """Escapes the message itself (arguments included) but not the traceback lines the
    formatter appends after it: those are ours, not the client's."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's name)
        record.message = escaped(record.message)
        return super().formatMessage(record)
