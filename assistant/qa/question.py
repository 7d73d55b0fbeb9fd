"""Reading a question with rules and dictionaries: agency, year, table metric, search terms.

Follow-ups ("那2019年呢？", "其中自然人多少？") are read against the earlier user turns of
the chat: whatever the new question leaves out is taken from the question before it.
Pure: the tokenizer, the agency directory and the vocabulary are handed in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from assistant.agencies import AgencyDirectory
from assistant.agencies.names import ORGAN_ENDINGS
from assistant.qa.asked import Question, Term
from assistant.qa.asking import ARTICLE, ASKS, article_named, asks_figure, unit_asked
from assistant.qa.numbers import years_in
from assistant.qa.text import Tokenizer, fold
from assistant.qa.vocabulary import Vocabulary
from assistant.qa.words import (
    GLUED,
    SELF_REFERENCE,
    blank_out,
    covered,
    glue_characters,
    is_function_word,
    last_before,
    overlaps,
    spans_of,
    without_particle,
)
from assistant.qa.years import (
    RELATIVE,
    RELATIVE_YEARS,
    YEAR_SHIFT,
    YEAR_SHIFTS,
    resolved,
    shifted,
    with_year_word,
)

# Titles and quotations name documents and phrases, not the agency asked about.
_QUOTED = re.compile(r"《[^》]*》|“[^”]*”|\"[^\"]*\"")
_FOLLOW_UP_START = re.compile(r"^(那么?|其中|另外|还有|同年|该|它|这)")
_FOLLOW_UP_END = re.compile(r"呢[?？。!！]*$")
# The whole area of the agency asked about: its government's figure, not a department's.
_SCOPE = re.compile(r"全(?:区|市|县|镇|乡|省|旗)")
# The word that carries what is asked ("合格率是多少") outweighs the words around it.
HEAD_WEIGHT = 2.0
# Words like 公开 or 申请 help to find a clause but cannot single one out.
GENERIC_WEIGHT = 0.3
OTHER_WEIGHT = 0.6  # verbs, adverbs…: what is done, not what is counted
# jieba's tags for nouns (n, nr, ns, nt, nz…), abbreviations (j), fixed phrases (l, i).
_NOUN_TAGS = frozenset("njli")
_FRAME_TAGS = frozenset("ts")
_RESULT_VERB = re.compile(r"^..*[到至为成]$")  # jieba's time and place words


def turn_text(turn: Mapping[str, Any]) -> str:
    """A chat turn's text: gradio gives a string, or a list of parts for rich messages."""
    content = turn.get("content")
    if isinstance(content, str):
        return content.strip()
    if isinstance(content, list | tuple):
        parts = [p.get("text", "") for p in content if isinstance(p, Mapping)]
        return "".join(p for p in parts if isinstance(p, str)).strip()
    return ""


class QuestionReader:
    def __init__(
        self,
        vocabulary: Vocabulary,
        directory: AgencyDirectory,
        tokenizer: Tokenizer,
        report_years: Mapping[str, Sequence[int]],
    ) -> None:
        self.vocabulary = vocabulary
        self.directory = directory
        self.tokenizer = tokenizer
        self.report_years = report_years

    def read(
        self, question: str, history: Sequence[Mapping[str, Any]] = (), follow_up: bool = False
    ) -> Question:
        """The question, with what a follow-up leaves out taken from the earlier user turns
        (`follow_up`: read it as one even without 那…/…呢)."""
        previous: Question | None = None
        for turn in history:
            text = turn_text(turn) if turn.get("role") == "user" else ""
            if text:
                previous = self._in_context(self.read_alone(text), previous)
        current = self.read_alone(question)
        current = replace(current, follow_up=current.follow_up or follow_up)
        if previous is not None and _SCOPE.search(fold(question)) and not current.agency:
            current = self._whole_place(current, previous)
        return self._resolve_year(self._in_context(current, previous))

    def _whole_place(self, current: Question, previous: Question) -> Question:
        """ "那全区的呢？" after a department's figure: the government of its place."""
        if previous.agency is None:
            return current
        government = self.directory.government_of(previous.agency)
        if government == previous.agency:
            return current
        if government is None:
            return replace(current, unknown_agency=_SCOPE.search(fold(current.text)).group(0))  # type: ignore[union-attr]
        return replace(current, agency=government)

    def read_alone(self, question: str) -> Question:
        text = fold(question)
        mentions = self.directory.mentions(self.tokenizer.tagged(blank_out(text, _QUOTED)))
        if not mentions:
            # Only a quoted name places the question ("“平潭大家谈”访谈办了几期"): its place.
            mentions = self.directory.mentions(self.tokenizer.tagged(text))
        named = [m for m in mentions if m.agency]
        unknown = [m for m in mentions if not m.agency]
        years = years_in(text)
        relative = RELATIVE.search(text)
        shift = YEAR_SHIFT.search(text)
        asks = list(ASKS.finditer(text))
        spotted = self.vocabulary.spot(text)

        # Spans that are no search terms: the agency, the year, the article, the asking.
        skip = [(m.start, m.end) for m in mentions] + [
            with_year_word(text, s, e) for _, s, e in years
        ]
        skip += [relative.span()] if relative else []
        skip += [shift.span()] if shift else []
        skip += [m.span() for m in ARTICLE.finditer(text)] + [m.span() for m in asks]
        # A quoted name (《问政平潭有事你说》, “平潭大家谈”) is one term, searched whole.
        quoted = [(m.start(), m.end(), m.group(0)[1:-1]) for m in _QUOTED.finditer(text)]
        quoted = [q for q in quoted if len(q[2]) >= 2 and not self.vocabulary.explains(q[2])]
        skip += [(s, e) for s, e, _ in quoted]
        words = [
            (word, tag, start, end)
            for word, tag, start, end in map(
                without_particle, glue_characters(self.tokenizer.tagged_spans(text))
            )
            if len(word) >= 2
            and not word.isdigit()
            and not is_function_word(word, tag)
            and word not in self.vocabulary.question_words
            and not SELF_REFERENCE.match(word)
            and not overlaps(start, end, skip)
        ]
        # "主动公开" is a generic phrase even where jieba cuts it into two words.
        generic = spans_of(self.vocabulary.generic, text)
        explained = self._explained(text)
        agency = named[0].agency if named else None
        place = "".join(p.name for p in self.directory.parse(agency).places) if agency else ""
        leftover = [
            w
            for w, tag, s, e in words
            # 现在, 年底 (time), 手里 (place): when and where, not what is counted.
            if tag[:1] not in _FRAME_TAGS
            and not _speaks_of_itself(w, agency, place)
            and not covered(s, e, generic)
            and sum(not explained[i] for i in range(s, e)) >= 2
            # 红头文件 is 文件, which the label 规范性文件 has.
            and not any(self.vocabulary.explains(x) for x in self.vocabulary.synonyms.get(w, ()))
        ]
        # The word just before the asking names what is counted, unless the question goes on
        # to name it ("目录里有多少项二级指标").
        counted_after = asks and any(start >= asks[0].end() for _, _, start, _ in words)
        # A verb with a result right before the asking ("保障金涨到每人每月多少元") says what
        # became of the counted thing, an adjective ("标准最高到…") how it compares; neither
        # is what it is: the head is the word before them.
        counted = [
            (word, tag, start, end)
            for word, tag, start, end in words
            if tag != "a" and not (tag[:1] == "v" and _RESULT_VERB.match(word))
        ]
        head = last_before(counted, asks[0].start()) if asks and not counted_after else None
        if counted_after:  # "注销了几个政务新媒体账号": the phrase ends on what is counted
            head = words[-1][0]
        # "政务新媒体账号", "《问政平潭有事你说》节目": a noun head written right after another
        # noun or a quoted name may only qualify it.
        ends = {e for _, tag, _, e in words if _nounish(tag)} | {e for _, e, _ in quoted}
        # Where the head is written: its last place before the asking (or the last word).
        limit = asks[0].start() if asks and not counted_after else len(text)
        head_start = max((s for w, _, s, _ in words if w == head and s < limit), default=None)
        # A compound's head may go unsaid ("网上办事大厅" printed as "省网"), and the noun
        # before it with it; a head of its own keeps the word narrowing it.
        compound = any(w == head and s in ends and _nounish(tag) for w, tag, s, _ in words)
        terms = {name: Term(name) for _, _, name in quoted}
        terms |= {
            w: replace(
                self._term(w, tag, w == head, covered(s, e, generic)),
                compound=w == head and compound,
                qualifier=e == head_start and not compound and not covered(s, e, generic),
            )
            for w, tag, s, e in words
        }
        leftover += [name for _, _, name in quoted]
        # "不是企业提的有几件" asks everyone but a column; "法人（不是个人）" only clarifies.
        if spotted.excluded and not spotted.columns:
            leftover += spotted.excluded
        # "依申请公开的信息数是多少" counts items of information (the text's 条), not the
        # applications of 表三: a weak word (申请 alone) names no row then, unless the
        # question counts in 件 ("申请公开信息？有几件").
        metrics = spotted.named_rows(text)
        unit = unit_asked(text)
        if spotted.weak and head is not None and head.endswith("信息") and unit in (None, "条"):
            metrics = ()

        return Question(
            text=question.strip(),
            agency=named[0].agency if named else None,
            unknown_agency=unknown[0].text if unknown else None,
            competing=unknown[0].candidates if unknown else (),
            year=years[0][0] if years else None,
            relative_year=RELATIVE_YEARS[relative.group(0)] if relative else None,
            year_shift=YEAR_SHIFTS[shift.group(0)] if shift else None,
            metrics=metrics,
            weak_metric=spotted.weak and bool(metrics),
            columns=spotted.columns,
            terms=tuple(terms.values()),
            leftover=tuple(dict.fromkeys(leftover)),
            unit=unit,
            numeric=asks_figure(text),
            article=article_named(text),
            follow_up=bool(_FOLLOW_UP_START.search(text) or _FOLLOW_UP_END.search(text)),
        )

    def _term(self, word: str, tag: str, head: bool, generic: bool) -> Term:
        """Nouns name what is asked about; verbs and the rest say less ("标注", "通过").
        Only nouns are required of a passage, and not idioms (牵涉到, jieba's l) or glued
        characters: texts say those in their own words."""
        generic = generic or word in self.vocabulary.generic
        noun = tag[:1] in _NOUN_TAGS or tag in ("vn", "eng")
        weight = GENERIC_WEIGHT if generic else 1.0 if noun else OTHER_WEIGHT
        synonyms = self.vocabulary.synonyms.get(word, ())
        return Term(
            word,
            weight * (HEAD_WEIGHT if head else 1.0),
            synonyms,
            required=not generic and noun and tag not in (GLUED, "l"),
            generic=generic,
            head=head,
        )

    def _explained(self, text: str) -> list[bool]:
        """Characters inside a stretch of two or more that a table label also has."""
        explained = [False] * len(text)
        for start in range(len(text)):
            end = start + 2
            while end <= len(text) and self.vocabulary.explains(text[start:end]):
                end += 1
            if end - 1 - start >= 2:
                explained[start : end - 1] = [True] * (end - 1 - start)
        return explained

    @staticmethod
    def _in_context(current: Question, previous: Question | None) -> Question:
        """Fill what a follow-up leaves out from the question before it."""
        if previous is None or not (current.follow_up or _only_refines(current)):
            return current
        names_agency = bool(current.agency or current.unknown_agency)
        if current.year_shift is not None and current.year is None:
            year, relative = shifted(current.year_shift, previous.year, previous.relative_year)
            current = replace(current, year=year, relative_year=relative)
        names_year = current.year is not None or current.relative_year is not None
        own_topic = bool(current.metrics or current.leftover)
        terms = current.terms
        if not own_topic:
            carried = previous.terms
            if current.columns:
                # "那企业提的呢？" after "个人提的…": the earlier column's words go with it.
                gone = [w for c in previous.columns for w in (c.name, *c.terms)]
                carried = tuple(
                    t for t in carried if not any(t.text in w or w in t.text for w in gone)
                )
            known = {t.text for t in carried}
            terms = carried + tuple(t for t in current.terms if t.text not in known)
        elif current.leftover:
            # "那政务微信呢？" replaces the earlier topic (政务微博); the earlier question's
            # general words (公开, 信息) still frame it.
            known = {t.text for t in current.terms}
            terms += tuple(
                t for t in previous.terms if t.weight <= GENERIC_WEIGHT and t.text not in known
            )
        return replace(
            current,
            agency=current.agency if names_agency else previous.agency,
            unknown_agency=current.unknown_agency if names_agency else previous.unknown_agency,
            competing=current.competing if names_agency else previous.competing,
            year=current.year if names_year else previous.year,
            relative_year=current.relative_year if names_year else previous.relative_year,
            metrics=current.metrics if own_topic else previous.metrics,
            weak_metric=current.weak_metric if own_topic else previous.weak_metric,
            columns=current.columns or (() if own_topic else previous.columns),
            terms=terms,
            leftover=current.leftover if own_topic else previous.leftover,
            # A new topic may be counted in another unit ("那政策解读呢？" after 多少场).
            unit=current.unit or (None if own_topic else previous.unit),
            numeric=current.numeric or previous.numeric,
            follow_up=True,
        )

    def _resolve_year(self, question: Question) -> Question:
        held = self.report_years.get(question.agency or "") or [
            y for years in self.report_years.values() for y in years
        ]
        year = resolved(question.year, question.relative_year, question.year_shift, held)
        return replace(question, year=year)


def _nounish(tag: str) -> bool:
    """A noun, or a word jieba learned from the lexicon or the corpus (untagged: x)."""
    return tag[:1] in _NOUN_TAGS or tag == "x"


def _speaks_of_itself(word: str, agency: str | None, place: str) -> bool:
    """ "因为办公室没掌握", "公安局自己没有": the named agency's organ word, repeated; or
    a word of its place said beside its short form ("实验区管委办"). Not a word of what it
    deals with: "公安类信息" of a 公安局 is a topic."""
    organ = bool(agency and agency.endswith(word) and word.endswith(ORGAN_ENDINGS))
    return organ or bool(place and word in place)


def _only_refines(question: Question) -> bool:
    """A question that names nothing but a column or a year refines the one before it."""
    return not question.metrics and not question.leftover and not question.article
