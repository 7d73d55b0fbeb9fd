"""Section-aware chunking: a chunk never spans two top-level sections (or two articles).

Pure functions over loader output; no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.loaders.base import CELL_SEPARATOR, LoadedDocument
from ingest.recognize import Recognition

_SENTENCE = re.compile(r"[^。！？；!?;]*[。！？；!?;]+[”」』）)]*|[^。！？；!?;]+$")
# A line that starts a new paragraph even when the previous one did not end a sentence.
_PARAGRAPH_START = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、是]|\d+[.、．]|第[一二三四五六七八九十百]+[条章节])"
)
_CHAPTER = re.compile(r"^[#\s]*(第[一二三四五六七八九十]+章)\s*(.*)$")
_ARTICLE = re.compile(r"^\s*(第[一二三四五六七八九十百零〇]+条)")
_SENTENCE_END = "。！？；：:!?;"
# A short line without punctuation is a heading or a title, not a wrapped sentence.
_HEADING_MAX = 25


@dataclass(frozen=True)
class Line:
    text: str
    page: int | None
    is_table_row: bool


@dataclass(frozen=True)
class Chunk:
    text: str
    section: str  # "一"…"六" for reports, "第三章" for policies, "" for front matter
    section_title: str
    position: int
    page: int | None = None
    article: str | None = None  # "第三十三条" for policy chunks


def document_lines(doc: LoadedDocument) -> list[Line]:
    """The document's lines with their page; the same sequence as `doc.lines()`."""
    out: list[Line] = []
    for block in doc.blocks:
        for text in block.lines():
            out.append(Line(text, block.page, block.kind == "table"))
    return out


def _is_table_row(line: Line) -> bool:
    return line.is_table_row or "\t" in line.text or CELL_SEPARATOR in line.text


def _paragraphs(lines: list[Line]) -> list[tuple[str, int | None]]:
    """Re-join hard-wrapped lines (PDF extraction wraps mid-sentence) into paragraphs.

    Table rows stay one paragraph each, with tabs normalised to the cell separator.
    """
    paragraphs: list[tuple[str, int | None]] = []
    current, page = "", None
    previous_was_heading = False
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if _is_table_row(line):
            if current:
                paragraphs.append((current, page))
                current = ""
            cells = [c.strip() for c in re.split(r"\t|\s\|\s?", text)]
            paragraphs.append((CELL_SEPARATOR.join(c for c in cells if c), line.page))
            continue
        text = re.sub(r"^#+\s*", "", text).replace("**", "")
        if current and (
            previous_was_heading or current[-1] in _SENTENCE_END or _PARAGRAPH_START.match(text)
        ):
            paragraphs.append((current, page))
            current = ""
        if not current:
            page = line.page
        current += text
        previous_was_heading = len(text) < _HEADING_MAX and not re.search(r"[，,。；;：:！？]", text)
    if current:
        paragraphs.append((current, page))
    return paragraphs


def split_sentences(text: str) -> list[str]:
    return [s for s in (m.group(0).strip() for m in _SENTENCE.finditer(text)) if s]


def _pack(units: list[tuple[str, int | None]], size: int, overlap: int) -> list[tuple[str, int | None]]:
    """Greedily pack sentences into chunks of at most `size` characters.

    The last sentences of a chunk (up to `overlap` characters) open the next one, so a
    figure and the words that name it are not cut apart.
    """
    chunks: list[tuple[str, int | None]] = []
    current: list[str] = []
    page: int | None = None
    for text, unit_page in units:
        pieces = [text[i : i + size] for i in range(0, len(text), size)] or [text]
        for piece in pieces:
            if current and sum(map(len, current)) + len(piece) > size:
                chunks.append(("".join(current), page))
                carry: list[str] = []
                for sentence in reversed(current):
                    if sum(map(len, carry)) + len(sentence) > overlap:
                        break
                    carry.insert(0, sentence)
                current = carry
                page = unit_page if not carry else page
            if not current:
                page = unit_page
            current.append(piece)
    if current:
        chunks.append(("".join(current), page))
    return chunks


def _sentence_units(lines: list[Line]) -> list[tuple[str, int | None]]:
    units: list[tuple[str, int | None]] = []
    for paragraph, page in _paragraphs(lines):
        if CELL_SEPARATOR in paragraph:
            units.append((paragraph + "\n", page))
        else:
            sentences = split_sentences(paragraph)
            sentences[-1] += "\n"  # keep paragraph breaks visible inside a chunk
            units.extend((s, page) for s in sentences)
    return units


def _chunk_report(
    lines: list[Line], recognition: Recognition, size: int, overlap: int
) -> list[Chunk]:
    bounds = [(s.number, s.title, s.start_line) for s in recognition.sections]
    if not bounds or bounds[0][2] > 0:
        bounds.insert(0, ("", recognition.title, 0))
    chunks: list[Chunk] = []
    for i, (number, title, start) in enumerate(bounds):
        end = bounds[i + 1][2] if i + 1 < len(bounds) else len(lines)
        # The heading line itself is in the metadata; the body starts after it.
        body = lines[start + 1 : end] if number else lines[start:end]
        for text, page in _pack(_sentence_units(body), size, overlap):
            chunks.append(Chunk(text.strip(), number, title, len(chunks), page))
    return chunks


def _chunk_policy(lines: list[Line], size: int, overlap: int) -> list[Chunk]:
    """One chunk per article (第N条), so an answer can cite and quote the article."""
    groups: list[tuple[str, str, str | None, list[Line]]] = [("", "", None, [])]
    chapter, chapter_title = "", ""
    for line in lines:
        m = _CHAPTER.match(line.text)
        if m:
            chapter, chapter_title = m.group(1), m.group(2).strip()
            continue
        article = _ARTICLE.match(line.text)
        if article:
            groups.append((chapter, chapter_title, article.group(1), []))
        groups[-1][3].append(line)
    chunks: list[Chunk] = []
    for chapter, title, article, group in groups:
        text = "\n".join(
            x.text.strip().lstrip("#").strip()
            for x in group
            if x.text.strip() and "<!--" not in x.text
        )
        if not text:
            continue
        if len(text) <= 2 * size:
            chunks.append(Chunk(text, chapter, title, len(chunks), group[0].page, article))
            continue
        for piece, page in _pack(_sentence_units(group), size, overlap):
            prefix = "" if article is None or piece.startswith(article) else f"{article}（续）"
            chunks.append(Chunk(prefix + piece.strip(), chapter, title, len(chunks), page, article))
    return chunks


def chunk_document(
    doc: LoadedDocument, recognition: Recognition, size: int, overlap: int
) -> list[Chunk]:
    lines = document_lines(doc)
    if recognition.kind == "policy":
        return _chunk_policy(lines, size, overlap)
    return _chunk_report(lines, recognition, size, overlap)
