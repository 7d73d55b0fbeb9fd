"""Picking the clause that answers a question from retrieved passages, and the figure bound to it.

A report sentence often lists several figures ("政府网站公开政府信息47条、政务微博公开
政府信息542条…"); a figure belongs to the words just before it (up to the previous
figure) and, less tightly, to the words right after it ("20个工作日内予以答复"). A
figure scores by how much of the question's weight sits in those places.

Pure: passages in, the best clause out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.qa.asked import Term
from assistant.qa.listing import RESIDUAL_ASKED, Role, roles
from assistant.qa.numbers import (
    DATE,
    DATE_IN_TEXT,
    GENERAL_COUNT,
    YEAR,
    Quantity,
    find_quantities,
    is_measure,
    measures_alike,
    same_unit_family,
    years_in,
)
from assistant.qa.pairs import answers_as_part_of_pair, in_pair, other_mode
from assistant.qa.retrieval import Passage
from assistant.qa.text import squash

# How tightly a term is bound to a figure, by where it sits.
BEFORE, AFTER, CLAUSE, SENTENCE, PASSAGE = 1.0, 0.8, 0.6, 0.35, 0.2
# A term of three or more characters found only in part ("提意见" for "提出意见").
PARTIAL = 0.7
SYNONYM = 0.9
# A required term counts as found in a passage at this presence (half of a long term);
# see `answers_at_all`.
FOUND = PARTIAL / 2
ENOUGH_FOUND = 4
UNIT_AGREES, UNIT_DISAGREES, UNASKED_SHARE = 0.2, -0.4, -0.2
# The words bound to a figure that the question repeats word for word ("部门规范性文件").
PHRASE, PHRASE_CHARS = 0.2, 8
RANK_STEP = 0.02  # a small preference for better-retrieved passages, to break ties
YEAR_NAMED = 0.1  # the figure's own clause names the year asked
# Below this support (share of the question's weight, with the unit's agreement), no
# clause answers the question.
MIN_SUPPORT = 0.5
# How far the best figure's score must stand above a different figure's (see best_clause).
FIGURE_MARGIN = 0.05

# A title (《现在为您导航！…》) never ends a sentence.
_SENTENCE = re.compile(r"(?:《[^》\n]*》|[^。！？；\n])+[。！？；]?")
_OVER_YEARS = re.compile(r"历年|截[至止]|至今|以来|累计至")
# "…和其他…信息25条": a catch-all item of a list.
_CATCH_ALL = re.compile(r"(?:^|[和及与、])(?:其他|其余)")
# A numbered heading run into its first sentence with no stop between them, as web pages
# flatten them: "（一）主动公开政府信息的数量2019年制作…" is a heading, then a sentence.
_HEADING_BEFORE_YEAR = re.compile(r"[（(][一二三四五六七八九十]+[)）][^，,。；：:、（）()\d]{2,20}?(?=(?:19|20)\d{2}年)")
_CLAUSE = re.compile(r"[^，,：:（）()]+")
# Words that open a phrase without belonging to the figure; the year is said by the answer.
_LEADING = re.compile(r"^(?:[、，,；;]|其中|另有|共计|累计|并且?|(?:19|20)\d{2}年度?)+")


@dataclass(frozen=True)
class Clause:
    passage: Passage
    sentence: str  # the sentence as printed (whitespace removed), quoted in the answer
    phrase: str  # the words bound to the figure, e.g. 政务微博公开政府信息542条
    quantity: Quantity | None
    # Share of the question's weight found around the figure, with the unit's agreement.
    support: float
    score: float  # support, and the tie-breakers: phrase repeated, retrieval rank


def _presence(term: Term, text: str) -> float:
    """1 when the term is in `text`; less for a synonym or for part of a long term."""
    return max([_spelled(term.text, text)] + [SYNONYM * _spelled(s, text) for s in term.synonyms])


def _spelled(word: str, text: str) -> float:
    if word in text:
        return 1.0
    if len(word) == 2:
        return PARTIAL if _abbreviates(word, text) else 0.0
    if len(word) < 3:
        return 0.0
    pairs = [word[i : i + 2] for i in range(len(word) - 1)]
    return PARTIAL * sum(p in text for p in pairs) / len(pairs)


def _abbreviates(word: str, text: str) -> bool:
    """A two-character word shortened from a four-character one, first character of each
    half, as Chinese abbreviations are made (环保 for 环境保护, 社保 for 社会保障)."""
    first, second = word
    return (
        first in text
        and second in text
        and re.search(f"{re.escape(first)}[\u4e00-\u9fff]{re.escape(second)}[\u4e00-\u9fff]", text)
        is not None
    )


def coverage(terms: Sequence[Term], places: Sequence[tuple[str, float]]) -> float:
    total = sum(t.weight for t in terms) or 1.0
    found = sum(t.weight * max(_presence(t, text) * level for text, level in places) for t in terms)
    return found / total


def says_every_word(terms: Sequence[Term], text: str) -> bool:
    """Every specific word of the question is in `text` (a synonym counts)."""
    return all(_presence(t, squash(text)) >= FOUND for t in terms if not t.generic)


def answers_at_all(passage: Passage, terms: Sequence[Term]) -> bool:
    """Whether the passage speaks of the question's specific words at all.

    One of four or more may be spelled differently in the report (a typo, another word);
    a question with fewer must find every one, or a neighbouring figure would answer a
    question the report does not.
    """
    text = squash(passage.text)
    # A compound's last noun (账号 of 政务新媒体账号) is checked with the unit, per figure.
    required = [t for t in terms if t.required and not t.compound]
    missing = sum(_presence(t, text) < FOUND for t in required)
    allowed = 1 if len(required) - missing >= ENOUGH_FOUND else 0
    return missing <= allowed


def common_stretch(a: str, b: str) -> int:
    """Length of the longest stretch of characters that `a` and `b` share."""
    best = 0
    previous = [0] * (len(b) + 1)
    for ca in a:
        current = [0] * (len(b) + 1)
        for j, cb in enumerate(b, start=1):
            if ca == cb:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def _unit_bonus(unit: str | None, quantity: Quantity) -> float:
    if unit is None:
        return UNASKED_SHARE if quantity.unit == "%" else 0.0
    if same_unit_family(unit, quantity.unit):
        return UNIT_AGREES
    # 个 counts anything ("几个人" ~ "1名"): another count neither agrees nor disagrees.
    if unit == GENERAL_COUNT and not is_measure(quantity.unit):
        return 0.0
    return UNIT_DISAGREES


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of `text` as spans, a run-in heading apart from what follows it."""
    spans = []
    for m in _SENTENCE.finditer(text):
        start = m.start()
        for heading in _HEADING_BEFORE_YEAR.finditer(text, m.start(), m.end()):
            spans.append((start, heading.end()))
            start = heading.end()
        spans.append((start, m.end()))
    return spans


def _sentence_figures(sentence: str) -> list[tuple[str, int, Quantity]]:
    """Each figure of a sentence with its clause and the clause's offset; the figure's
    span is moved to sentence offsets (roles() reads the sentence as a whole)."""
    found = []
    for clause_match in _CLAUSE.finditer(sentence):
        offset = clause_match.start()
        for q in find_quantities(clause_match.group(0)):
            found.append(
                (
                    clause_match.group(0),
                    offset,
                    replace(q, start=q.start + offset, end=q.end + offset),
                )
            )
    return found


def _counts_what_is_asked(terms: Sequence[Term], sentence: str, loose: bool = False) -> bool:
    """A figure answers only in a sentence that names what the question counts: "文章总
    阅读量是多少" is not answered by "编发文章1640篇" (a noun the question ends on, absent
    from the sentence). `loose` lets a compound's last noun go unsaid ("注销2个政务新媒体"
    for "几个政务新媒体账号"); the caller then wants the unit asked for."""
    return all(
        _presence(t, sentence) >= FOUND
        for t in terms
        if (t.head and not t.generic and not (loose and t.compound)) or t.qualifier
    )


def _names_part(terms: Sequence[Term], question: str, part_words: str, role: Role) -> bool:
    """Whether the question asks for this part of a total: a word of its label that the
    total's description lacks; a residual part (其他…) only when the question says so."""
    if role.residual and not any(w in question for w in RESIDUAL_ASKED):
        return False
    return any(
        _presence(t, part_words) >= FOUND and _presence(t, role.context) < FOUND for t in terms
    )


def _figures_in(
    passage: Passage,
    rank: int,
    question: str,
    terms: Sequence[Term],
    unit: str | None,
    agency: str | None,
    heads: bool = True,
) -> list[Clause]:
    found: list[Clause] = []
    asked_years = {year for year, _, _ in years_in(question)}
    asks_over_years = bool(_OVER_YEARS.search(question))
    text = squash(passage.text)
    # The report's own name says nothing about which figure is meant ("旅游与文化体育局网站
    # 发布信息713条" is not about 旅游信息); blanked, at the same length, for scoring only.
    masked = text.replace(agency, "＊" * len(agency)) if agency else text
    for sentence_start, sentence_end in sentence_spans(text):
        sentence = text[sentence_start:sentence_end]
        plain = masked[sentence_start:sentence_end]
        counted = not heads or _counts_what_is_asked(terms, plain)
        if not counted and not (unit and _counts_what_is_asked(terms, plain, loose=True)):
            continue
        # The compound's unsaid last noun neither helps nor hurts a figure of the right unit.
        scored = terms if counted else [t for t in terms if not t.compound]
        figures = _sentence_figures(sentence)
        quantities = [q for _, _, q in figures]
        sentence_roles = roles(plain, quantities)
        for i, (clause, offset, quantity) in enumerate(figures):
            if not measures_alike(unit, quantity.unit):
                continue
            if not counted and not same_unit_family(unit, quantity.unit):
                continue
            role = sentence_roles[i]
            own_clause = plain[offset : offset + len(clause)]
            same_clause = [q for c, o, q in figures if o == offset]
            k = same_clause.index(quantity)
            before_start = same_clause[k - 1].end if k else offset
            if k:
                # "选认47名区级科技特派员、21名省级…": what runs up to the 、 is the
                # previous item's, not this figure's.
                before_start = max(before_start, plain.rfind("、", before_start, quantity.start) + 1)
            after_end = (
                same_clause[k + 1].start if k + 1 < len(same_clause) else offset + len(clause)
            )
            pair = in_pair(plain, same_clause, k)
            if not answers_as_part_of_pair(pair, question):
                continue  # "由300元提高到462元" asked as "涨到多少": the 462
            if pair in ("to", "high"):
                before_start = offset  # the thing is named before the pair's first figure
            before = role.label if role.label is not None else plain[before_start : quantity.start]
            if other_mode(question, before):
                continue  # "主动公开了多少条" is not answered by "依申请公开政府信息5条"
            if _CATCH_ALL.search(before) and not any(w in question for w in RESIDUAL_ASKED):
                continue  # "工作动态和其他应主动公开的信息25条": the rest of a list, never asked
            # In a list ("542条、政务微信…") what follows belongs to the next item.
            after = plain[quantity.end : after_end].split("、")[0]
            places = [
                (before, BEFORE),
                (after, AFTER),
                (own_clause, CLAUSE),
                (plain, SENTENCE),
                (masked, PASSAGE),
            ]
            if role.parts:
                if any(
                    _names_part(
                        terms,
                        question,
                        plain[quantities[j - 1].end : quantities[j].start],
                        sentence_roles[j],
                    )
                    for j in role.parts
                ):
                    continue  # the question asks for one of its parts
                places.append((role.context, CLAUSE))
            elif role.total is not None:
                if not _names_part(terms, question, before, role):
                    continue  # the question asks for the total, or another part
                places += [(role.head, BEFORE), (role.context, CLAUSE)]
            support = coverage(scored, places) + _unit_bonus(unit, quantity)
            # "20个工作日内予以答复": words after the figure belong to it when they match.
            tail_end = after_end if coverage(terms, [(after, 1.0)]) > 0 else quantity.end
            tail = sentence[quantity.end : tail_end].split("、")[0]
            shown = sentence[before_start : quantity.start] if role.label is None else role.label
            phrase = (_LEADING.sub("", shown) + quantity.text + tail).rstrip("；;。")
            repeated = min(common_stretch(question, before), PHRASE_CHARS) / PHRASE_CHARS
            # "其中2019年度共主动公开…202条" over "截至目前累计…1770条" for a 2019 question;
            # a figure of all years ("历年累计…2979条") answers only a question that asks so.
            # What leads up to the figure since the one before it, across commas.
            lead = plain[quantities[i - 1].end if i else 0 : quantity.start]
            over_years = bool(_OVER_YEARS.search(lead))
            dated = any(f"{y}年" in lead for y in asked_years)
            # "截至2019年累计…" asks the running total, not the year's.
            timing = (over_years - dated) if asks_over_years else (dated - over_years)
            score = support + PHRASE * repeated + YEAR_NAMED * timing - RANK_STEP * rank
            found.append(Clause(passage, sentence, phrase, quantity, support, score))
    return found


def dates_in(sentence: str, unit: str) -> list[str]:
    """The dates (a DATE question) or years (a YEAR question) a sentence gives."""
    if unit == YEAR:
        return [str(year) for year, _, _ in years_in(sentence)]
    return DATE_IN_TEXT.findall(sentence)


def the_year(clause: Clause, terms: Sequence[Term]) -> Clause | None:
    """The clause with the year it gives as the figure ("本条例自2019年5月15日起施行" →
    2019): where it gives several, the one written before the question's words ("2007年…
    公布 2019年…修订 2019年…施行" asked when it was 修订 and 施行 → 2019). None when those
    point to different years."""
    found = years_in(clause.sentence)
    bound: set[int] = set()
    for t in terms:
        for m in re.finditer(re.escape(t.text), clause.sentence):
            before = [year for year, start, _ in found if start < m.start()]
            if before:
                bound.add(before[-1])
    years = {year: (start, end) for year, start, end in found}
    chosen = bound or set(years)
    if len(chosen) != 1:
        return None
    year = chosen.pop()
    start, end = years[year]
    quantity = Quantity(year, "年", start, end, clause.sentence[start:end])
    return replace(clause, phrase=f"{year}年", quantity=quantity)


def _sentences_in(passage: Passage, rank: int, terms: Sequence[Term]) -> list[Clause]:
    found = []
    text = squash(passage.text)
    for sentence in (text[start:end] for start, end in sentence_spans(text)):
        share = coverage(terms, [(sentence, 1.0)])
        found.append(
            Clause(passage, sentence, sentence, None, share, share - RANK_STEP * rank)
        )
    return found


def best_clause(
    passages: Sequence[Passage],
    question: str,
    terms: Sequence[Term],
    unit: str | None,
    numeric: bool,
    agency: str | None = None,
    heads: bool = True,
) -> Clause | None:
    """The clause that answers best: a figure for numeric questions, else a sentence.

    None when nothing covers enough of the question's terms. `heads`: a figure's sentence
    must name what the question counts (see _counts_what_is_asked); the 条例's wording
    is formal ("提出意见" where a citizen asks "回复"), so policy questions do without.
    """
    candidates: list[Clause] = []
    for rank, passage in enumerate(passages):
        if not answers_at_all(passage, terms):
            continue
        if numeric:
            candidates += _figures_in(passage, rank, question, terms, unit, agency, heads)
        else:
            candidates += _sentences_in(passage, rank, terms)
    if unit in (DATE, YEAR):  # "最晚几月几号": only a sentence that gives a date answers
        candidates = [c for c in candidates if dates_in(c.sentence, unit)]
    candidates = sorted((c for c in candidates if c.support >= MIN_SUPPORT), key=lambda c: -c.score)
    if not candidates:
        return None
    best = candidates[0]
    if unit in (DATE, YEAR):
        if any(
            dates_in(c.sentence, unit) != dates_in(best.sentence, unit)
            and best.score - c.score < FIGURE_MARGIN
            for c in candidates[1:]
        ):
            return None  # two sentences with other dates fit about as well
        return the_year(best, terms) if unit == YEAR else best
    # Another figure that fits about as well ("共510条，其中…依申请公开317条"): not sure which
    # the question means, and a wrong figure is worse than a refusal.
    rivals = [
        c
        for c in candidates[1:]
        if c.quantity is not None
        and best.quantity is not None
        and c.quantity.value != best.quantity.value
    ]
    if rivals and best.score - rivals[0].score < FIGURE_MARGIN:
        return None
    return best
