"""Ingest files into the stores: SQL (documents, statistics cells) and Chroma (chunks).

A document's chunks are written under a fresh version id first, then one SQL commit
makes that version current, then the old version's chunks are deleted. Retrieval only
trusts chunks of the current version, so at no moment are both or neither searchable,
and a crash at any step leaves the previous state intact (leftovers are swept on the
next ingest of that document).
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import select

from assistant.corpus.models import Document
from assistant.db import Database, DatabaseUnavailable
from assistant.index import ChunkIndex, RetrievalUnavailable
from assistant.services import Services
from assistant.tables.parser import parse_tables
from assistant.tables.result import TablesResult
from assistant.tables.store import replace_tables
from ingest.chunking import Chunk, chunk_document
from ingest.loaders import SUPPORTED_SUFFIXES, parse_document, read_source
from ingest.loaders.base import LoadedDocument, LoadError
from ingest.recognize import Recognition, recognize

INDEX_RESTORED = "检索索引中缺少本文件的分块，已重新写入"

Outcome = Literal["new", "updated", "unchanged", "failed"]


@dataclass(frozen=True)
class FileResult:
    path: Path
    outcome: Outcome
    chunks: int = 0
    message: str = ""  # the reason for a failure; what happened otherwise (Chinese)
    document_id: int | None = None


@dataclass
class Summary:
    results: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0
    embed_seconds: float = 0.0  # time spent inside the embedding model

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def chunks_written(self) -> int:
        return sum(r.chunks for r in self.results)

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0


def expand_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, folders recursively (supported types only, in name order)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield child
        else:
            # Missing or unsupported files are reported by the loader, one line each.
            yield path


def chunk_metadata(
    document_id: int, source: str, rec: Recognition, version: str, chunk: Chunk
) -> dict[str, str | int]:
    meta: dict[str, str | int] = {
        "document_id": document_id,
        "version": version,
        "title": rec.title,
        "kind": rec.kind,
        "section": chunk.section,
        "section_title": chunk.section_title,
        "position": chunk.position,
        "source": source,
    }
    # Chroma metadata cannot hold None; absent keys simply do not match filters.
    optional = {"agency": rec.agency, "year": rec.year, "page": chunk.page, "article": chunk.article}
    meta.update({k: v for k, v in optional.items() if v is not None})
    return meta


@dataclass(frozen=True)
class Prepared:
    """Everything derived from one file before any store is touched."""

    path: Path
    sha256: str
    loaded: LoadedDocument
    recognition: Recognition
    tables: TablesResult | None
    chunks: list[Chunk]


class Ingestor:
    def __init__(
        self,
        db: Database,
        index: ChunkIndex,
        chunk_size: int,
        chunk_overlap: int,
        max_bytes: int,
    ) -> None:
        self.db = db
        self.index = index
        self.chunk_size = chunk_size
        self.chunk_overlap = chunk_overlap
        self.max_bytes = max_bytes
        self.embed_seconds = 0.0

    @classmethod
    def from_services(cls, services: Services) -> Ingestor:
        s = services.settings
        return cls(
            services.db, services.index, s.chunk_size, s.chunk_overlap, s.max_file_mb * 2**20
        )

    def ingest(
        self,
        paths: Iterable[Path],
        on_result: Callable[[FileResult], None] | None = None,
    ) -> Summary:
        start = time.perf_counter()
        self.embed_seconds = 0.0
        summary = Summary()
        for path in paths:
            result = self.ingest_file(path)
            summary.results.append(result)
            if on_result:
                on_result(result)
        summary.seconds = time.perf_counter() - start
        summary.embed_seconds = self.embed_seconds
        return summary

    def ingest_file(self, path: Path) -> FileResult:
        key = str(path.resolve())
        try:
            # Two instances given the same file (both bootstrapping an empty store, two
            # uploads) take turns: the second then finds it unchanged. Interleaved, one
            # run's sweep would delete the chunks of the version the other commits.
            with self.db.lock(f"ingest:{key}"):
                return self._ingest_locked(path, key)
        except (RetrievalUnavailable, DatabaseUnavailable) as exc:
            # A server is down: this file keeps its previous state; the others are tried.
            return FileResult(path, "failed", message=f"{exc}，本文件未入库，请稍后重新入库")

    def _ingest_locked(self, path: Path, key: str) -> FileResult:
        restoring = False
        try:
            data = read_source(path, self.max_bytes)
            sha = hashlib.sha256(data).hexdigest()
            with self.db.session() as session:
                existing = session.scalar(select(Document).where(Document.path == key))
                if existing is not None and existing.sha256 == sha:
                    # Sweep chunks an interrupted run may have left behind.
                    self.index.delete_document(existing.id, keep_version=existing.version)
                    if self._index_holds(existing):
                        return FileResult(path, "unchanged", document_id=existing.id)
                    # Chroma lost them (restored from an older backup, or a new server):
                    # the same file writes them again.
                    restoring = True
                twin = session.scalar(
                    select(Document).where(
                        Document.sha256 == sha,
                        Document.path != key,
                        Document.superseded_by.is_(None),
                    )
                )
                if twin is not None:
                    return FileResult(
                        path, "unchanged", message=f"内容与已入库文件相同：{twin.path}",
                        document_id=twin.id,
                    )
            prepared = self._prepare(path, data, sha)
            # A placeholder left by a failed first ingest (empty hash) was never stored.
            updating = existing is not None and existing.sha256 != ""
            result = self._store(key, prepared, updating=updating)
            if restoring:
                result = replace(result, message=INDEX_RESTORED)
            return result
        except LoadError as exc:
            return FileResult(path, "failed", message=str(exc))

    def _index_holds(self, doc: Document) -> bool:
        """Whether Chroma has every chunk of the document's current version."""
        if doc.version is None:  # superseded: it should have none
            return True
        where = {"$and": [{"document_id": doc.id}, {"version": doc.version}]}
        return self.index.count(where) == doc.chunk_count

    def _abandon(self, doc_id: int, is_new: bool) -> None:
        """Undo a half-written version: its chunks go, the current version stays."""
        with self.db.session() as session:
            doc = session.get_one(Document, doc_id)
            self.index.delete_document(doc_id, keep_version=doc.version)
            if is_new and doc.version is None:
                session.delete(doc)

    def _prepare(self, path: Path, data: bytes, sha: str) -> Prepared:
        loaded = parse_document(path, data)
        lines = loaded.lines()
        recognition = recognize(lines, fallback_title=path.stem)
        tables = parse_tables(lines) if recognition.kind == "report" else None
        chunks = chunk_document(loaded, recognition, self.chunk_size, self.chunk_overlap)
        return Prepared(path, sha, loaded, recognition, tables, chunks)

    def _embed(self, texts: list[str]) -> list[list[float]]:
        start = time.perf_counter()
        vectors = self.index.embeddings.embed_documents(texts)
        self.embed_seconds += time.perf_counter() - start
        return vectors

    def _store(self, key: str, p: Prepared, updating: bool) -> FileResult:
        rec = p.recognition
        version = uuid.uuid4().hex
        vectors = self._embed([c.text for c in p.chunks])

        with self.db.session() as session:
            doc = session.scalar(select(Document).where(Document.path == key))
            if doc is None:
                # A placeholder for the id; it becomes a real record only in the final
                # commit below (an empty hash never matches, so a crash means a retry).
                doc = Document(
                    path=key, sha256="", title=rec.title, kind=rec.kind,
                    ingested_at=datetime.now(UTC),
                )
                session.add(doc)
                session.flush()
            doc_id = doc.id
        metadatas = [chunk_metadata(doc_id, key, rec, version, c) for c in p.chunks]

        ids = [f"{doc_id}:{version}:{c.position}" for c in p.chunks]
        try:
            self.index.add(ids, [c.text for c in p.chunks], metadatas, vectors)
        except Exception:
            self._abandon(doc_id, is_new=not updating)
            raise

        replaced: list[Document] = []
        with self.db.session() as session:
            doc = session.get_one(Document, doc_id)
            doc.sha256 = p.sha256
            doc.title = rec.title
            doc.kind = rec.kind
            doc.agency = rec.agency
            doc.acts_for = rec.acts_for
            doc.agency_note = rec.agency_note
            doc.year = rec.year
            doc.format = p.tables.format if p.tables else None
            doc.ingested_at = datetime.now(UTC)
            doc.version = version
            doc.chunk_count = len(p.chunks)
            doc.superseded_by = None
            if p.tables is not None:
                replace_tables(session, doc_id, p.tables)
            if rec.kind == "report" and rec.agency and rec.year:
                replaced = list(
                    session.scalars(
                        select(Document).where(
                            Document.id != doc_id,
                            Document.kind == "report",
                            Document.agency == rec.agency,
                            Document.year == rec.year,
                            Document.superseded_by.is_(None),
                        )
                    )
                )
                for other in replaced:
                    other.superseded_by = doc_id
                    other.version = None
                    other.chunk_count = 0
        # The commit above made the new version current; now sweep what it replaced.
        self.index.delete_document(doc_id, keep_version=version)
        for other in replaced:
            self.index.delete_document(other.id)

        message = "；".join(f"取代同一年报的另一版本：{o.path}" for o in replaced)
        outcome: Outcome = "updated" if updating else "new"
        return FileResult(p.path, outcome, len(p.chunks), message, doc_id)


