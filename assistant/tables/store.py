"""Storing a report's parsed tables and reading cells and findings back.

The caller owns the transaction: these functions only add, delete and query through the
session they are given.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session

from assistant.corpus.models import Document
from assistant.tables.models import TableCell, TableFinding
from assistant.tables.result import Finding, TablesResult
from assistant.tables.schema import CellKey, CellValue, is_amount


def encode(value: CellValue) -> str | None:
    return None if value is None else str(value)


def decode(text: str | None, amount: bool) -> CellValue:
    if text is None:
        return None
    return Decimal(text) if amount or "." in text else int(text)


def key_json(key: CellKey) -> dict[str, str]:
    return {"section": key.section, "row": key.row, "column": key.column}


def key_from_json(data: dict[str, Any]) -> CellKey:
    return CellKey(data["section"], data["row"], data["column"])


def replace_tables(session: Session, document_id: int, result: TablesResult) -> None:
    """Make `result` the document's cells and findings, dropping what an earlier ingest stored."""
    session.execute(delete(TableCell).where(TableCell.document_id == document_id))
    session.execute(delete(TableFinding).where(TableFinding.document_id == document_id))
    if result.format is None:
        return
    session.add_all(
        TableCell(
            document_id=document_id,
            format=result.format,
            section=key.section,
            row=key.row,
            column=key.column,
            value=encode(value),
        )
        for key, value in result.cells.items()
    )
    session.add_all(
        TableFinding(
            document_id=document_id,
            rule=finding.rule,
            message=finding.message,
            cells=[key_json(k) for k in finding.cells],
            expected=encode(finding.expected),
            found=encode(finding.found),
        )
        for finding in result.findings
    )
    session.flush()


def _of_documents(query: Select[Any], document_id: int | None) -> Select[Any]:
    """One document when asked for by id, else every document not superseded by a later one."""
    if document_id is not None:
        return query.where(Document.id == document_id)
    return query.where(Document.superseded_by.is_(None))


@dataclass(frozen=True)
class StoredCell:
    """A stored cell with the document it comes from, for answers and their citations."""

    document_id: int
    title: str
    path: str
    agency: str | None
    year: int | None
    format: str
    section: str
    row: str
    column: str
    value: CellValue

    @property
    def key(self) -> CellKey:
        return CellKey(self.section, self.row, self.column)


@dataclass(frozen=True)
class StoredFinding:
    document_id: int
    finding: Finding


def cells_for(
    session: Session,
    agency: str | None = None,
    year: int | None = None,
    section: str | None = None,
    row: str | None = None,
    column: str | None = None,
    document_id: int | None = None,
) -> list[StoredCell]:
    """Stored cells matching every given filter, from documents that are not superseded.

    `agency` must equal the recognised agency name; `row` and `column` are canonical labels.
    """
    query = select(TableCell, Document).join(Document, Document.id == TableCell.document_id)
    query = _of_documents(query, document_id)
    filters = {
        Document.agency: agency,
        Document.year: year,
        TableCell.section: section,
        TableCell.row: row,
        TableCell.column: column,
    }
    for attribute, wanted in filters.items():
        if wanted is not None:
            query = query.where(attribute == wanted)
    query = query.order_by(Document.id, TableCell.id)
    return [
        StoredCell(
            document_id=doc.id,
            title=doc.title,
            path=doc.path,
            agency=doc.agency,
            year=doc.year,
            format=cell.format,
            section=cell.section,
            row=cell.row,
            column=cell.column,
            value=decode(cell.value, is_amount(cell.column)),
        )
        for cell, doc in session.execute(query)
    ]


def findings_for(
    session: Session,
    document_id: int | None = None,
    agency: str | None = None,
    year: int | None = None,
    rule: str | None = None,
) -> list[StoredFinding]:
    """Stored findings matching every given filter (superseded documents only by id), in the
    order the parser produced them."""
    query = select(TableFinding).join(Document, Document.id == TableFinding.document_id)
    query = _of_documents(query, document_id)
    filters = {
        Document.agency: agency,
        Document.year: year,
        TableFinding.rule: rule,
    }
    for attribute, wanted in filters.items():
        if wanted is not None:
            query = query.where(attribute == wanted)
    query = query.order_by(TableFinding.document_id, TableFinding.id)
    return [
        StoredFinding(
            row.document_id,
            Finding(
                row.rule,
                row.message,
                tuple(key_from_json(c) for c in row.cells),
                decode(row.expected, amount=False),
                decode(row.found, amount=False),
            ),
        )
        for row in session.scalars(query)
    ]


def load_tables(session: Session, document_id: int) -> TablesResult | None:
    """The document's stored tables as a `TablesResult`; None when none are stored."""
    cells = cells_for(session, document_id=document_id)
    if not cells:
        return None
    return TablesResult(
        cells[0].format,  # type: ignore[arg-type]
        {cell.key: cell.value for cell in cells},
        [stored.finding for stored in findings_for(session, document_id=document_id)],
    )
