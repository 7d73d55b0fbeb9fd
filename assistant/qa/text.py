"""Text helpers shared by question reading, retrieval and extraction: folding and jieba."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from threading import Lock

import jieba
import jieba.posseg

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[\w\u4e00-\u9fff%]")
# A corpus word is preferred over the general dictionary's split ("前提交上" is 前|提交|上
# in a text about reports, not 前提|交上). jieba's own frequent words are around 10⁴–10⁵.
LEARNED_FREQUENCY = 50_000

jieba.setLogLevel(60)  # jieba logs its dictionary loading at INFO on every start


def squash(text: str) -> str:
    """Drop all whitespace: PDF and web extractions put spaces inside Chinese words and numbers."""
    return _SPACES.sub("", text)


def fold(text: str) -> str:
    """A question in compare-ready form: full-width digits and letters folded, no whitespace.

    Chinese punctuation is kept as typed (NFKC would turn `，` into `,`), since clause
    splitting treats both forms alike.
    """
    folded = "".join(
        unicodedata.normalize("NFKC", ch) if "\uff10" <= ch <= "\uff5a" else ch for ch in text
    )
    return squash(folded)


class Tokenizer:
    """jieba with the corpus's own words added, kept apart from jieba's global dictionary.

    Segmentation uses the dictionary only (no HMM guessing of new words): guessed words
    such as "年经" (from "2019年经审核") match nothing in the corpus.
    """

    def __init__(self) -> None:
        self._jieba = jieba.Tokenizer()
        self._tagger = jieba.posseg.POSTokenizer(self._jieba)
        self._learned: set[str] = set()
        self._lock = Lock()

    def add_place(self, word: str) -> None:
        self.add_name(word, "ns")

    def add_name(self, word: str, tag: str) -> None:
        """A name jieba must keep whole and tag: a place (ns) or an organ (nt)."""
        with self._lock:
            self._jieba.add_word(word, freq=LEARNED_FREQUENCY, tag=tag)

    def learn(self, words: Iterable[str]) -> None:
        """Prefer these words (the corpus's vocabulary) when splitting text."""
        with self._lock:
            for word in set(words) - self._learned:
                if len(word) >= 2 and not word.isdigit():
                    self._jieba.add_word(word, freq=LEARNED_FREQUENCY)
                    self._learned.add(word)

    def words(self, text: str) -> list[str]:
        """Search tokens: words and numbers, punctuation dropped."""
        return [w for w in self._jieba.lcut(squash(text), HMM=False) if _WORD.match(w)]

    def tagged(self, text: str) -> list[tuple[str, str]]:
        return [(p.word, p.flag) for p in self._tagger.lcut(text, HMM=False)]

    def tagged_spans(self, text: str) -> list[tuple[str, str, int, int]]:
        """Words of `text` with their part of speech and positions, punctuation dropped."""
        spans = []
        position = 0
        for word, tag in self.tagged(text):
            if _WORD.match(word):
                spans.append((word, tag, position, position + len(word)))
            position += len(word)
        return spans
