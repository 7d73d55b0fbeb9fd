"""Word .docx via python-docx: paragraphs and tables in body order.

Tables are read from the XML grid rather than through `row.cells`, which repeats a
merged cell's text in every grid position it covers. Here a merged cell's text sits in its
first (top-left) position and the positions it covers are empty, as in the PDF loader.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row

from ingest.loaders.base import Block, LoadError
from ingest.loaders.cells import blocks_from_rows

# Legacy .doc files and password-protected .docx files are OLE compound files, not zips.
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def _grid_row(tr: CT_Row) -> list[str]:
    cells = [""] * tr.grid_before
    for tc in tr.tc_lst:
        text = "" if tc.vMerge == "continue" else "\n".join(p.text for p in tc.p_lst)
        cells.append(text)
        cells.extend([""] * (tc.grid_span - 1))
    return cells


def read_docx(data: bytes) -> list[Block]:
    if data.startswith(_OLE_MAGIC):
        raise LoadError("文件是旧版Word格式（.doc）或已加密，请另存为未加密的 .docx 后再试")
    try:
        body = docx.Document(io.BytesIO(data)).element.body
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        # Not a zip, a zip without Word parts, or another Office file renamed to .docx.
        raise LoadError("不是有效的DOCX文件") from exc

    blocks: list[Block] = []
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            if child.text.strip():
                blocks.append(Block(kind="text", text=child.text))
        elif child.tag == qn("w:tbl"):
            blocks.extend(blocks_from_rows(_grid_row(tr) for tr in child.tr_lst))
    return blocks
