"""Citizens' words matched to table rows and columns by meaning, with a margin.

The lexicon (vocabulary.toml) names most rows in the words people use; a word it lacks
("信访件", "告上法院") is compared with every row's and column's description (its name
and words) by the embedding model. A word counts only when one entry stands out: its
similarity is high and clearly above the next entry of another meaning. A wrong figure is
worse than a refusal, so anything less leaves the word unexplained (the question then goes
to the report's text, and is refused when that does not answer it either).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from threading import Lock

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.qa.vocabulary import Column, Metric, Vocabulary

# Measured on e5-small (passage descriptions, query words): words naming a row score
# 0.88–0.93 against it and a clear step above the next row; unrelated words (官方微博,
# 网友留言) reach 0.84–0.88 against some row, with the runner-up close behind.
MIN_SIMILARITY = 0.875
MIN_MARGIN = 0.02

Entry = Metric | Column


@dataclass(frozen=True)
class Match:
    entry: Entry
    similarity: float
    margin: float


def description(entry: Entry) -> str:
    return f"{entry.name}：{'、'.join(entry.terms)}"


class TableSemantics:
    """The descriptions' vectors, computed on first use and kept for the process."""

    def __init__(self, vocabulary: Vocabulary, embeddings: Embeddings) -> None:
        self.entries: tuple[Entry, ...] = (*vocabulary.metrics, *vocabulary.columns)
        self.embeddings = embeddings
        self._matrix: np.ndarray | None = None
        self._lock = Lock()

    def _vectors(self) -> np.ndarray:
        with self._lock:
            if self._matrix is None:
                texts = [description(e) for e in self.entries]
                matrix = np.asarray(self.embeddings.embed_documents(texts), dtype=np.float32)
                self._matrix = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
            return self._matrix

    def match(
        self,
        vector: Sequence[float],
        sections: set[str] | None = None,
        among: Sequence[Entry] | None = None,
    ) -> Match | None:
        """The one entry `vector` (a query word's) stands out for, within `sections`
        (and among the entries `among`, when given)."""
        query = np.asarray(vector, dtype=np.float32)
        scores = self._vectors() @ (query / np.linalg.norm(query))
        allowed = set(among) if among is not None else None
        order = [
            int(i)
            for i in np.argsort(-scores)
            if (sections is None or self.entries[int(i)].section in sections)
            and (allowed is None or self.entries[int(i)] in allowed)
        ]
        if not order:
            return None
        best = self.entries[order[0]]
        # Rows nested in the best one (不予公开 → its sub-rows) are the same meaning, not rivals.
        rivals = [i for i in order[1:] if not _related(self.entries[i], best)]
        top = float(scores[order[0]])
        margin = top - float(scores[rivals[0]]) if rivals else 1.0
        if top < MIN_SIMILARITY or margin < MIN_MARGIN:
            return None
        return Match(best, top, margin)

    def refine(self, vector: Sequence[float], family: Sequence[Entry]) -> Entry | None:
        """Within a row and its sub-rows (行政诉讼 → 未经复议直接起诉…), the one the
        question's words stand out for; None when none stands out."""
        query = np.asarray(vector, dtype=np.float32)
        scores = self._vectors() @ (query / np.linalg.norm(query))
        ranked = sorted(family, key=lambda e: -float(scores[self.entries.index(e)]))
        if len(ranked) < 2:
            return None
        first, second = (float(scores[self.entries.index(e)]) for e in ranked[:2])
        return ranked[0] if first >= MIN_SIMILARITY and first - second >= MIN_MARGIN else None


def by_words(words: Sequence[str], family: Sequence[Metric], least: int = 2) -> Metric | None:
    """The row whose printed label and words hold clearly more of the question's words
    ("不按时补正…不再处理" → 逾期不补正、行政机关不再处理…: 补正 and 处理; the 补正后 row
    has only one): at least `least` of them, and more than any other row, each word
    counting less the more rows have it ("被要求补正…不再处理": 补正 outweighs 要求, which
    the 收费通知要求 row has)."""
    texts = {m: "".join((m.name, *m.rows, *m.terms)) for m in family}
    held = {m: [w for w in set(words) if w in text] for m, text in texts.items()}
    # A word in many rows' labels (处理, 要求) tells them apart less than one in few (补正).
    rows_with = {w: sum(w in text for text in texts.values()) for w in set(words)}

    def weight(metric: Metric) -> float:
        return sum(1 / rows_with[w] for w in held[metric])

    ranked = sorted(family, key=lambda m: -weight(m))
    if not ranked or len(held[ranked[0]]) < least:
        return None
    if len(ranked) > 1 and weight(ranked[1]) >= weight(ranked[0]):
        return None
    return ranked[0]


def _related(a: Entry, b: Entry) -> bool:
    if isinstance(a, Metric) and isinstance(b, Metric):
        return a.section == b.section and (a.narrower_than(b) or b.narrower_than(a))
    return False
