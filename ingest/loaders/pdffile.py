"""PDF via pdfplumber: per page, text lines and tables merged in reading order.

Text is taken only from outside the tables' boxes, so table figures appear once, as rows.
One-column "tables" are frames drawn around paragraphs and are read as text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psexceptions import PSException
from pdfplumber.page import Page
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from ingest.loaders.base import Block, LoadError
from ingest.loaders.cells import clean_rows

BBox = tuple[float, float, float, float]

# "- 3 -", "第3页", "第 3 页 共 6 页": page furniture, not content.
_PAGE_NUMBER = re.compile(r"[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(\s*共\s*\d+\s*页)?")
# The spec lets a PDF header start anywhere in the first 1024 bytes.
_HEADER_WINDOW = 1024


def _outside(boxes: list[BBox]) -> Callable[[dict[str, Any]], bool]:
    def keep(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    return keep


def _page_blocks(page: Page, number: int) -> list[Block]:
    tables: list[tuple[float, tuple[tuple[str, ...], ...], BBox]] = []
    for table in page.find_tables():
        rows = clean_rows(table.extract())
        if any(len(row) > 1 for row in rows):
            tables.append((table.bbox[1], rows, table.bbox))

    text_page = page.filter(_outside([bbox for _, _, bbox in tables]))
    items: list[tuple[float, str | tuple[tuple[str, ...], ...]]] = [
        (line["top"], line["text"])
        for line in text_page.extract_text_lines()
        if not _PAGE_NUMBER.fullmatch(line["text"].strip())
    ]
    items.extend((top, rows) for top, rows, _ in tables)
    items.sort(key=lambda item: item[0])

    blocks: list[Block] = []
    lines: list[str] = []
    for _, item in items:
        if isinstance(item, str):
            lines.append(item)
            continue
        if lines:
            blocks.append(Block(kind="text", text="\n".join(lines), page=number))
            lines = []
        blocks.append(Block(kind="table", rows=item, page=number))
    if lines:
        blocks.append(Block(kind="text", text="\n".join(lines), page=number))
    return blocks


def read_pdf(data: bytes) -> list[Block]:
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise LoadError("不是有效的PDF文件")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages:
                raise LoadError("PDF文件中没有页面")
            blocks = [
                block
                for number, page in enumerate(pdf.pages, start=1)
                for block in _page_blocks(page, number)
            ]
    except (PdfminerException, MalformedPDFException, PSException) as exc:
        # pdfplumber wraps most of pdfminer's errors in PdfminerException, not all.
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise LoadError("PDF已加密，需要密码") from exc
        if isinstance(cause, PDFEncryptionError):
            raise LoadError("PDF使用了不支持的加密方式，无法读取") from exc
        raise LoadError("PDF文件已损坏或不完整") from exc
    if not any(block.kind == "table" or block.text.strip() for block in blocks):
        raise LoadError("未能从PDF中提取文字（可能是扫描件）")
    return blocks
