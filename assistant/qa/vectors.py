"""Query vectors, computed once per text and in one model call per question.

Row matching and dense retrieval both need the question's vector; a question with
words no table label explains needs theirs too. Asking for all of them in one batch
costs little more than one (the model's time is mostly fixed cost per call on CPU).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from threading import Lock

from langchain_core.embeddings import Embeddings

CACHE_SIZE = 1024


class QueryVectors:
    def __init__(self, embeddings: Embeddings, size: int = CACHE_SIZE) -> None:
        self.embeddings = embeddings
        self.size = size
        self._cache: OrderedDict[str, list[float]] = OrderedDict()
        self._lock = Lock()

    def query(self, text: str) -> list[float]:
        return self.queries([text])[0]

    def queries(self, texts: Sequence[str]) -> list[list[float]]:
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            vectors = self._embed(missing)
            with self._lock:
                for text, vector in zip(missing, vectors, strict=True):
                    self._cache[text] = vector
                while len(self._cache) > self.size:
                    self._cache.popitem(last=False)
        with self._lock:
            for text in texts:
                self._cache.move_to_end(text)
            return [self._cache[t] for t in texts]

    def _embed(self, texts: list[str]) -> list[list[float]]:
        model = getattr(self.embeddings, "sentence_transformer", None)
        kwargs = getattr(self.embeddings, "query_encode_kwargs", None)
        if model is None or kwargs is None or len(texts) == 1:
            return [self.embeddings.embed_query(t) for t in texts]
        # One forward pass for the batch, with the query prefix langchain would add.
        return [list(map(float, v)) for v in model.encode(texts, **kwargs)]
