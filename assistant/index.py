"""The chunk index in Chroma: embedded PersistentClient or a `chroma run` server.

Chroma never embeds anything itself here (its default embedding function downloads
a model): vectors come from our embedding model and are passed in explicitly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.settings import Settings

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from langchain_core.embeddings import Embeddings


class RetrievalUnavailable(Exception):
    """The Chroma server refused or dropped the connection.

    The chat answers what it can from SQL and says retrieval is unavailable; the ingest
    fails the file (a write cut short leaves chunks of a version that never became
    current, swept by the next ingest). The same client recovers by itself once the
    server is back: nothing needs rebuilding.
    """

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(f"检索服务器暂时不可用（{detail}）")


@contextmanager
def _server_reachable() -> Iterator[None]:
    """Turn the HTTP client's connection errors into `RetrievalUnavailable`."""
    import httpx

    try:
        yield
    except httpx.TransportError as exc:  # refused, reset, timed out, cut mid-response
        raise RetrievalUnavailable(str(exc) or type(exc).__name__) from exc
    except ValueError as exc:
        # chromadb.HttpClient() reports a refused connection as a ValueError.
        if isinstance(exc.__context__, httpx.TransportError):
            raise RetrievalUnavailable(str(exc.__context__)) from exc
        raise


def _embedded_client(settings: Settings) -> ClientAPI:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    path = settings.resolved_chroma_path
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(
        path=str(path), settings=ChromaSettings(anonymized_telemetry=False)
    )


def _http_client(settings: Settings) -> ClientAPI:
    import chromadb
    import httpx
    from chromadb.config import Settings as ChromaSettings

    with _server_reachable():
        client = chromadb.HttpClient(
            host=settings.chroma_host,
            port=settings.chroma_port,
            settings=ChromaSettings(anonymized_telemetry=False),
        )
    # chromadb's client waits forever (httpx timeout=None) and has no setting for it: a
    # hung server would hold every question's worker. Set it on the client's session.
    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(settings.chroma_timeout_seconds)
    return client


CHROMA_CLIENTS: dict[str, Callable[[Settings], ClientAPI]] = {
    "embedded": _embedded_client,
    "http": _http_client,
}


def make_chroma_client(settings: Settings) -> ClientAPI:
    return CHROMA_CLIENTS[settings.chroma_mode](settings)


@dataclass(frozen=True)
class IndexedChunk:
    id: str
    text: str
    metadata: dict[str, Any]
    distance: float | None = None


class ChunkIndex:
    """One Chroma collection of chunks; every chunk's metadata names its document version.

    Every method raises `RetrievalUnavailable` while a Chroma server is unreachable.
    """

    def __init__(self, client: ClientAPI, collection_name: str, embeddings: Embeddings) -> None:
        self.client = client
        self.collection_name = collection_name
        self.embeddings = embeddings
        with _server_reachable():
            self.collection = client.get_or_create_collection(
                collection_name, embedding_function=None, metadata={"hnsw:space": "cosine"}
            )

    @classmethod
    def from_settings(cls, settings: Settings, embeddings: Embeddings) -> ChunkIndex:
        return cls(make_chroma_client(settings), settings.chroma_collection, embeddings)

    def add(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
        vectors: Sequence[Sequence[float]],
        batch_size: int = 1000,
    ) -> None:
        for start in range(0, len(ids), batch_size):
            end = start + batch_size
            with _server_reachable():
                self.collection.upsert(
                    ids=list(ids[start:end]),
                    documents=list(texts[start:end]),
                    metadatas=[dict(m) for m in metadatas[start:end]],
                    embeddings=[list(v) for v in vectors[start:end]],
                )

    def delete_document(self, document_id: int, keep_version: str | None = None) -> None:
        """Remove a document's chunks, except those of `keep_version` when given."""
        where: dict[str, Any] = {"document_id": document_id}
        if keep_version is not None:
            where = {"$and": [where, {"version": {"$ne": keep_version}}]}
        with _server_reachable():
            self.collection.delete(where=where)

    def count(self, where: dict[str, Any] | None = None) -> int:
        with _server_reachable():
            if where is None:
                return self.collection.count()
            return len(self.collection.get(where=where, include=[])["ids"])

    def get(self, where: dict[str, Any] | None = None) -> list[IndexedChunk]:
        with _server_reachable():
            got = self.collection.get(where=where, include=["documents", "metadatas"])
        return [
            IndexedChunk(i, t or "", dict(m or {}))
            for i, t, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        ]

    def search(
        self,
        query: str,
        k: int,
        where: dict[str, Any] | None = None,
        vector: list[float] | None = None,
    ) -> list[IndexedChunk]:
        """The k nearest chunks; `vector` is the query's, when the caller has it already."""
        if vector is None:
            vector = self.embeddings.embed_query(query)
        with _server_reachable():
            got = self.collection.query(
                query_embeddings=[vector],
                n_results=k,
                where=where,
                include=["documents", "metadatas", "distances"],
            )
        return [
            IndexedChunk(i, t or "", dict(m or {}), d)
            for i, t, m, d in zip(
                got["ids"][0],
                got["documents"][0],
                got["metadatas"][0],
                got["distances"][0],
                strict=True,
            )
        ]

    def nearest(
        self, vector: list[float], k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """The k nearest chunks' ids and distances, for a caller that holds their texts."""
        with _server_reachable():
            got = self.collection.query(
                query_embeddings=[vector], n_results=k, where=where, include=["distances"]
            )
        return list(zip(got["ids"][0], got["distances"][0], strict=True))

    def langchain_store(self):  # type: ignore[no-untyped-def]
        """The same collection as a langchain `Chroma` vector store."""
        from langchain_chroma import Chroma

        return Chroma(
            client=self.client,
            collection_name=self.collection_name,
            embedding_function=self.embeddings,
        )
