"""Load a document file into text and table blocks: `load_document(path, max_bytes)`.

Every failure is a `LoadError` whose message gives the reason in Chinese; the caller
prefixes the file name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ingest.loaders.base import CELL_SEPARATOR, Block, LoadedDocument, LoadError
from ingest.loaders.docxfile import read_docx
from ingest.loaders.htmlfile import read_html
from ingest.loaders.pdffile import read_pdf
from ingest.loaders.textfile import read_markdown, read_plain

__all__ = [
    "CELL_SEPARATOR",
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "Block",
    "LoadError",
    "LoadedDocument",
    "load_document",
    "parse_document",
    "read_source",
]

_READERS: dict[str, Callable[[bytes], list[Block]]] = {
    ".txt": read_plain,
    ".md": read_markdown,
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".html": read_html,
    ".htm": read_html,
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_READERS)

_MB = 1024 * 1024
DEFAULT_MAX_BYTES = 64 * _MB


def _megabytes(size: int) -> str:
    return f"{size / _MB:.1f}".removesuffix(".0")


def load_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedDocument:
    """Read a .txt/.md/.pdf/.docx/.html/.htm file; suffixes are matched case-insensitively."""
    return parse_document(path, read_source(path, max_bytes))


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, after the checks that need no parsing (existence, type, size)."""
    if not path.exists():
        raise LoadError("文件不存在")
    if not path.is_file():
        raise LoadError("不是文件（可能是文件夹）")
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        supported = " ".join(SUPPORTED_SUFFIXES)
        raise LoadError(f"不支持的文件类型：{suffix or '无扩展名'}（支持 {supported}）")
    size = path.stat().st_size
    if size == 0:
        raise LoadError("文件为空")
    if size > max_bytes:
        raise LoadError(f"文件过大（{_megabytes(size)}MB，上限{_megabytes(max_bytes)}MB）")
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:  # removed between the checks and the read
        raise LoadError("文件不存在") from exc
    except OSError as exc:
        raise LoadError("无法读取文件（没有读取权限或磁盘错误）") from exc


# An HTML page saved from a portal under a text name (`page.txt`): its start says so, on
# the first line or after a line a crawler put above it (`source: …`).
_HTML_START = re.compile(
    rb"^(?:[^\n<]*\n)?\s*(?:\xef\xbb\xbf)?\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<meta\s)",
    re.I,
)


def parse_document(path: Path, data: bytes) -> LoadedDocument:
    """Parse bytes already read by `read_source`; the suffix of `path` picks the reader,
    except that a .txt/.md file holding an HTML page is read as HTML (its tables as
    tables, not as markup)."""
    reader = _READERS[path.suffix.lower()]
    if reader in (read_plain, read_markdown) and _HTML_START.match(data[:1024]):
        reader = read_html
    document = LoadedDocument(path=path, blocks=reader(data))
    if not any(line.strip() for line in document.lines()):
        raise LoadError("文件中没有文字内容")
    return document
