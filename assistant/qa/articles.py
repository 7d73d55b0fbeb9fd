"""条例 questions answered by an article: the one that says clearly more of the question,
or the one closest in meaning; an article quoted whole; what an article counts (its
items, the 条例's articles). Pure: passages in, a clause out (see clauses.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.qa.asked import Term
from assistant.qa.clauses import Clause, coverage, dates_in, sentence_spans, the_year
from assistant.qa.numbers import (
    DATE,
    YEAR,
    Quantity,
    article_number,
    find_quantities,
    same_unit_family,
)
from assistant.qa.retrieval import Passage
from assistant.qa.text import squash

# e5-small cosine between a plain-language question and the 条例 article that answers it
# is 0.83–0.88; articles about other things sit about 0.01 lower (benchmarks/qa.py).
ARTICLE_MIN_SIMILARITY = 0.82
ARTICLE_MARGIN = 0.004
# How much more of the question's weight the article chosen by its words must hold.
ARTICLE_WORDS_MARGIN = 0.2
# ...and how much it must hold at all: less than a clause (MIN_SUPPORT), since citizens add
# words of their own that no article has ("我不太会写字"); the margin keeps the choice safe.
ARTICLE_WORDS_SUPPORT = 0.4


def article_by_meaning(
    passages: Sequence[Passage], unit: str | None, numeric: bool
) -> Clause | None:
    """The article closest in meaning to a question that shares too few words with any
    (找政府要信息得交钱吗？ → 第四十二条), quoted whole; with its figure when the question
    asks one in a unit (几天) the article states just once. None when no article is close
    enough, two are equally close, or a figure is asked that it does not state once.

    Every article is a rival, also one that states no figure of the unit asked: how close
    the others come says how sure the ranking is (第三十五条 beside 第三十三条, on a third
    party's days, keeps 第三十三条's 20 from answering)."""
    scored = sorted(
        (p for p in passages if p.similarity is not None and p.article),
        key=lambda p: -(p.similarity or 0.0),
    )
    if not scored or (scored[0].similarity or 0.0) < ARTICLE_MIN_SIMILARITY:
        return None
    best = scored[0]
    rivals = [p for p in scored[1:] if p.article != best.article]
    if rivals and (best.similarity or 0.0) - (rivals[0].similarity or 0.0) < ARTICLE_MARGIN:
        return None
    return _quoted_article(best, unit, numeric)


def article_by_words(
    passages: Sequence[Passage], terms: Sequence[Term], unit: str | None, numeric: bool
) -> Clause | None:
    """The article that says clearly more of the question than any other (能口头申请吗 →
    第二十九条, the only one with 口头), when no clause says all of it and meaning alone
    does not decide; it must still be close in meaning. None when two say about as much."""
    articles = [p for p in passages if p.article and p.similarity is not None]
    texts = [squash(p.text) for p in articles]
    scored = sorted(
        ((_said(terms, text, unit, numeric), p) for text, p in zip(texts, articles, strict=True)),
        key=lambda sp: -sp[0],
    )
    if not scored or (scored[0][1].similarity or 0.0) < ARTICLE_MIN_SIMILARITY:
        return None
    best_share, best = scored[0]
    rivals = [share for share, p in scored[1:] if p.article != best.article]
    if best_share < ARTICLE_WORDS_SUPPORT or (rivals and best_share - rivals[0] < ARTICLE_WORDS_MARGIN):
        return None
    return _quoted_article(best, unit, numeric, terms)


def _said(terms: Sequence[Term], text: str, unit: str | None, numeric: bool) -> float:
    """How much of the question an article says; for a figure asked, in a sentence that
    holds one (第三十三条 speaks of 第三方 too, but its 20个工作日 are for the answer)."""
    if not numeric:
        return coverage(terms, [(text, 1.0)])
    sentences = [
        text[start:end]
        for start, end in sentence_spans(text)
        if any(
            unit is None or same_unit_family(unit, q.unit)
            for q in find_quantities(text[start:end])
        )
    ]
    return max((coverage(terms, [(x, 1.0)]) for x in sentences), default=0.0)


def _quoted_article(
    best: Passage, unit: str | None, numeric: bool, terms: Sequence[Term] = ()
) -> Clause | None:
    text = squash(best.text)
    if unit in (DATE, YEAR) and not dates_in(text, unit):
        return None
    if unit == YEAR:
        return the_year(Clause(best, text, text, None, 1.0, 1.0), terms)
    quantity = None
    if numeric:
        # A figure asked for must be in the article, once: "每页收多少钱" is not answered
        # by the article on fees, which names no amount.
        found = [q for q in find_quantities(text) if unit is None or same_unit_family(unit, q.unit)]
        if len({q.value for q in found}) != 1:
            return None
        quantity = found[0]
    phrase = text if quantity is None else text[: quantity.end].split("，")[-1]
    return Clause(best, text, phrase, quantity, 1.0, 1.0)


def whole_article(passages: Sequence[Passage]) -> Clause:
    """An article quoted whole (all its chunks), for questions about the article itself."""
    text = "".join(squash(p.text) for p in passages)
    return Clause(passages[0], text, text, None, 1.0, 1.0)


# "（一）…（十五）": the items an article lists.
_ITEM = re.compile(r"[（(]([一二三四五六七八九十]+)[）)]")


def counted_in_article(passages: Sequence[Passage], unit: str | None) -> Clause | None:
    """How many items an article lists (第二十条列了几项 → 15), or, asked of the last
    article, how many articles the 条例 has (一共多少条 → 第五十六条 → 56)."""
    if not passages:
        return None
    whole = whole_article(passages)
    if unit == "项":
        items = dict.fromkeys(_ITEM.findall(whole.sentence))
        count, phrase = len(items), f"列有{len(items)}项"
    elif unit == "条" and passages[0].article:
        count = article_number(passages[0].article)
        phrase = f"共{count}条，最后一条是{passages[0].article}"
    else:
        return None
    if not count:
        return None
    quantity = Quantity(count, unit, 0, 0, f"{count}{unit}")
    return replace(whole, phrase=phrase, quantity=quantity)
