"""Hybrid retrieval over the chunk index: Chroma dense search + BM25 over jieba, fused (RRF).

Only chunks of a document's current version are ever returned (see ingest.pipeline):
the dense search filters on the versions SQL names current, and the BM25 index is
rebuilt whenever that set changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from threading import Lock
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict
from rank_bm25 import BM25Okapi

from assistant.index import ChunkIndex, IndexedChunk
from assistant.qa.text import Tokenizer

# RRF's damping constant from Cormack et al. (2009); 60 works across collections.
RRF_K = 60
# Bounds on how much a word's rarity changes its weight in clause matching.
MIN_RARITY, MAX_RARITY = 0.5, 2.0


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with what a citation needs."""

    chunk_id: str
    text: str
    document_id: int
    title: str
    kind: str
    section: str
    section_title: str
    article: str | None = None
    # Cosine similarity to the question when the dense search found it (None: BM25 only).
    similarity: float | None = None

    @classmethod
    def from_chunk(cls, chunk: IndexedChunk) -> Passage:
        meta = chunk.metadata
        return cls(
            chunk_id=chunk.id,
            text=chunk.text,
            document_id=int(meta["document_id"]),
            title=str(meta.get("title", "")),
            kind=str(meta.get("kind", "")),
            section=str(meta.get("section", "")),
            section_title=str(meta.get("section_title", "")),
            article=meta.get("article"),
            similarity=None if chunk.distance is None else 1.0 - chunk.distance,
        )

    def to_document(self) -> Document:
        meta: dict[str, Any] = {
            "chunk_id": self.chunk_id,
            "document_id": self.document_id,
            "title": self.title,
            "kind": self.kind,
            "section": self.section,
            "section_title": self.section_title,
        }
        if self.article:
            meta["article"] = self.article
        if self.similarity is not None:
            meta["similarity"] = self.similarity
        return Document(page_content=self.text, metadata=meta, id=self.chunk_id)

    @classmethod
    def from_document(cls, doc: Document) -> Passage:
        meta = doc.metadata
        return cls(
            chunk_id=str(meta["chunk_id"]),
            text=doc.page_content,
            document_id=int(meta["document_id"]),
            title=str(meta["title"]),
            kind=str(meta["kind"]),
            section=str(meta["section"]),
            section_title=str(meta["section_title"]),
            article=meta.get("article"),
            similarity=meta.get("similarity"),
        )


def reciprocal_rank_fusion(rankings: Sequence[Sequence[str]], k: int = RRF_K) -> list[str]:
    """Ids ordered by Σ 1/(k + rank) over the rankings they appear in."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores, key=lambda item: -scores[item])


LEXICAL_KEPT = 2  # BM25's best chunks, always handed on
FILTERED_WIDER = 2  # how many more candidates to rank when only some chunks may answer


class _Bm25:
    """BM25 over the current chunks, built for one set of current versions."""

    def __init__(self, chunks: list[IndexedChunk], tokenizer: Tokenizer) -> None:
        self.chunks = chunks
        self.by_id = {c.id: c for c in chunks}
        self.tokenizer = tokenizer
        tokenizer.learn(w for c in chunks for w in tokenizer.words(c.text))
        tokens = [tokenizer.words(c.text) or [""] for c in chunks]
        self.bm25 = BM25Okapi(tokens) if chunks else None
        self.positions: dict[int, list[int]] = {}  # each document's chunks
        for position, chunk in enumerate(chunks):
            self.positions.setdefault(int(chunk.metadata["document_id"]), []).append(position)

    def rarity(self, word: str) -> float:
        """How much rarer than the average word `word` is in the corpus (1 when unseen)."""
        if self.bm25 is None or word not in self.bm25.idf:
            return 1.0
        return min(MAX_RARITY, max(MIN_RARITY, self.bm25.idf[word] / self.bm25.average_idf))

    def rank(self, query: str, k: int, document_ids: set[int] | None) -> list[IndexedChunk]:
        if self.bm25 is None:
            return []
        words = self.tokenizer.words(query)
        if document_ids is None:
            positions = list(range(len(self.chunks)))
            scores = list(self.bm25.get_scores(words))
        else:
            # Only the asked documents' chunks are scored; the words' rarity stays the corpus's.
            positions = sorted(p for d in document_ids for p in self.positions.get(d, ()))
            scores = self.bm25.get_batch_scores(words, positions) if positions else []
        ranked = sorted(zip(scores, positions, strict=True), key=lambda sp: -sp[0])
        return [self.chunks[p] for score, p in ranked if score > 0][:k]


class HybridSearch:
    """Dense + BM25 search over the current chunks; the engine behind `HybridRetriever`."""

    def __init__(
        self,
        index: Callable[[], ChunkIndex],
        tokenizer: Tokenizer,
        candidates: int = 10,
        vectors: Callable[[str], list[float]] | None = None,
    ) -> None:
        # Asked for on each use: a Chroma server that was down comes back by itself.
        self.index = index
        self.tokenizer = tokenizer
        self.candidates = candidates
        self.vectors = vectors  # the query's vector, shared with row matching
        self._versions: frozenset[str] | None = None
        self._bm25: _Bm25 | None = None
        self._lock = Lock()

    def _bm25_for(self, versions: frozenset[str]) -> _Bm25:
        with self._lock:
            if self._bm25 is None or versions != self._versions:
                where = {"version": {"$in": sorted(versions)}} if versions else None
                chunks = self.index().get(where) if versions else []
                self._bm25, self._versions = _Bm25(chunks, self.tokenizer), versions
            return self._bm25

    def prepare(self, versions: Sequence[str]) -> None:
        """Index the current chunks now (and teach the tokenizer their words)."""
        self._bm25_for(frozenset(versions))

    def rarity(self, word: str, versions: Sequence[str]) -> float:
        """The word's rarity in the index `prepare` built (1 when none is built for them)."""
        if self._bm25 is None or self._versions != frozenset(versions):
            return 1.0
        return self._bm25.rarity(word)

    def search(
        self,
        query: str,
        k: int,
        versions: Sequence[str],
        document_ids: Sequence[int] | None = None,
        keywords: str | None = None,
        holds: Callable[[str], bool] | None = None,
    ) -> list[Passage]:
        """The k best current chunks for `query` (BM25 reads `keywords` when given), among
        those whose text `holds` what is asked, when given (a figure of the unit asked):
        a question in only general words ("主动公开了多少条政府信息") finds those words in
        every paragraph, and the one with the figure would rank too low."""
        current = frozenset(versions)
        ids = set(document_ids) if document_ids is not None else None
        if not current or ids == set():
            return []
        bm25 = self._bm25_for(current)
        wanted = self.candidates if holds is None else self.candidates * FILTERED_WIDER
        lexical = bm25.rank(keywords or query, wanted, ids)
        where: dict[str, Any] = {"version": {"$in": sorted(current)}}
        if ids is not None:
            where = {"$and": [where, {"document_id": {"$in": sorted(ids)}}]}
        index = self.index()
        vector = self.vectors(query) if self.vectors else index.embeddings.embed_query(query)
        # The current chunks' texts are held here already: Chroma gives ids and distances.
        dense = [
            replace(bm25.by_id[i], distance=distance)
            for i, distance in index.nearest(vector, wanted, where)
            if i in bm25.by_id
        ]
        if holds is not None:
            lexical = [c for c in lexical if holds(c.text)][: self.candidates]
            dense = [c for c in dense if holds(c.text)][: self.candidates]
        # Dense hits last: their chunks carry the similarity.
        by_id = {c.id: c for c in [*lexical, *dense]}
        fused = reciprocal_rank_fusion([[c.id for c in lexical], [c.id for c in dense]])[:k]
        # A rare word's best chunks stay even when the model ranks them low ("培训会2场" in
        # a paragraph about something else); the clause scorer judges them like the rest.
        fused += [c.id for c in lexical[:LEXICAL_KEPT] if c.id not in fused]
        return [Passage.from_chunk(by_id[i]) for i in fused]


class HybridRetriever(BaseRetriever):
    """The hybrid search as a langchain retriever, optionally limited to some documents."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    search: HybridSearch
    versions: list[str]
    document_ids: list[int] | None = None
    keywords: str | None = None
    k: int = 6
    holds: Callable[[str], bool] | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        passages = self.search.search(
            query, self.k, self.versions, self.document_ids, self.keywords, self.holds
        )
        return [p.to_document() for p in passages]
