"""Text helpers shared by question reading, retrieval and extraction: folding and jieba."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import jieba
import jieba.posseg

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[\w\u4e00-\u9fff%]")

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
    """jieba with the corpus's place names added, kept apart from jieba's global dictionary."""

    def __init__(self, places: Iterable[str] = ()) -> None:
        self._jieba = jieba.Tokenizer()
        self._tagger = jieba.posseg.POSTokenizer(self._jieba)
        for place in places:
            self.add_place(place)

    def add_place(self, word: str) -> None:
        self._jieba.add_word(word, freq=100_000, tag="ns")

    def words(self, text: str) -> list[str]:
        """Search tokens: words and numbers, punctuation dropped."""
        return [w for w in self._jieba.lcut(squash(text)) if _WORD.match(w)]

    def tagged(self, text: str) -> list[tuple[str, str]]:
        return [(p.word, p.flag) for p in self._tagger.lcut(text)]
