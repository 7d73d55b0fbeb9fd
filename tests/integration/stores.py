"""Reading both stores back for the integration tests' consistency checks."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sqlalchemy import select

from assistant.corpus.models import Document
from assistant.services import Services


def documents(services: Services) -> dict[str, Document]:
    """Every document record by file name."""
    with services.db.session() as session:
        return {Path(d.path).name: d for d in session.scalars(select(Document))}


def index_problems(services: Services) -> list[str]:
    """What breaks the rule "Chroma holds exactly the current version of every document"."""
    docs = {d.id: d for d in documents(services).values()}
    chunks = services.index.get()
    problems = []
    for chunk in chunks:
        doc = docs.get(int(chunk.metadata["document_id"]))
        if doc is None or doc.version is None or chunk.metadata["version"] != doc.version:
            problems.append(f"orphan chunk {chunk.id}")
    per_document = Counter(int(c.metadata["document_id"]) for c in chunks)
    for doc in docs.values():
        if per_document[doc.id] != doc.chunk_count:
            problems.append(
                f"{Path(doc.path).name}: {per_document[doc.id]} chunks, "
                f"chunk_count {doc.chunk_count}"
            )
    positions = Counter((c.metadata["document_id"], c.metadata["position"]) for c in chunks)
    problems += [f"duplicate chunk {key}" for key, n in positions.items() if n > 1]
    return problems
