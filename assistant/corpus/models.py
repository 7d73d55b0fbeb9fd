"""SQL record of one ingested document (its chunks live in Chroma)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from assistant.db.base import Base


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(String(1024), unique=True, index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(Text)
    # "report" (annual report), "policy" (law/regulation chunked by article) or "document".
    kind: Mapped[str] = mapped_column(String(16))
    agency: Mapped[str | None] = mapped_column(String(200), index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    # The government a government office's report speaks for (its report says 市政府共受理…),
    # so that "上海市政府" finds the report of 上海市人民政府办公厅. See ARCHITECTURE.md.
    acts_for: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # How the title's agency was read when its place is not in the division data
    # (a misspelling read as the real place, or a zone named after one); shown by `ingest list`.
    agency_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Annual-report table format: "2019" (试行) or "2021"; None for other documents.
    format: Mapped[str | None] = mapped_column(String(8))
    chunk_count: Mapped[int] = mapped_column(Integer, default=0)
    # Chunks in Chroma carry the version they were written under. Retrieval keeps only
    # chunks whose version is the document's current one, so switching this column in
    # one SQL commit swaps old chunks for new ones atomically. None: nothing searchable.
    version: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # A later form of the same report (same agency and year) replaces this one;
    # a superseded document keeps its record but has no chunks in the index.
    superseded_by: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), nullable=True
    )
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
