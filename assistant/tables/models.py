"""SQL records of a report's statistics cells and the findings on them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from assistant.corpus.models import Document
from assistant.db.base import Base


class TableCell(Base):
    """One canonical cell; `value` is the number as written ("96171.6"), NULL when lost.

    Text keeps ints and decimals exact on SQLite and PostgreSQL alike; `schema.is_amount`
    says which columns read back as Decimal.
    """

    __tablename__ = "table_cells"
    __table_args__ = (UniqueConstraint("document_id", "section", "row", "column"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey(Document.id, ondelete="CASCADE"), index=True
    )
    format: Mapped[str] = mapped_column(String(8))
    section: Mapped[str] = mapped_column(String(4))
    row: Mapped[str] = mapped_column(String(200), index=True)
    column: Mapped[str] = mapped_column(String(100))
    value: Mapped[str | None] = mapped_column(Text, nullable=True)


class TableFinding(Base):
    """A broken 勾稽 rule or a parsing caveat; `cells` lists {"section","row","column"}."""

    __tablename__ = "table_findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey(Document.id, ondelete="CASCADE"), index=True
    )
    rule: Mapped[str] = mapped_column(String(16))
    message: Mapped[str] = mapped_column(Text)
    cells: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    expected: Mapped[str | None] = mapped_column(Text, nullable=True)
    found: Mapped[str | None] = mapped_column(Text, nullable=True)
