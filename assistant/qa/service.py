"""The one entry point for questions: `QAService(services).answer(question, history)`.

Used by the chat, the CLI and the evaluation script alike. It reads the question,
looks the answer up (table cells, hybrid retrieval over report or policy chunks) and
hands what it found to the configured answerer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import replace
from functools import partial
from threading import Lock
from typing import Any

from langchain_core.embeddings import Embeddings

from assistant.agencies import AgencyDirectory
from assistant.index import RetrievalUnavailable
from assistant.qa import compose
from assistant.qa.answer import Answer
from assistant.qa.answerers import Answerer, make_answerer
from assistant.qa.asked import Question
from assistant.qa.evidence import Evidence, Refusal
from assistant.qa.figures import Figure, figure_for
from assistant.qa.holdings import Holding, Holdings, load_holdings
from assistant.qa.numbers import article_number, same_kind_of_figure, states_figure
from assistant.qa.question import QuestionReader
from assistant.qa.retrieval import HybridRetriever, HybridSearch, Passage
from assistant.qa.semantic import Entry, TableSemantics, by_words
from assistant.qa.text import Tokenizer
from assistant.qa.vectors import QueryVectors
from assistant.qa.vocabulary import Metric, Vocabulary, load_vocabulary
from assistant.services import Services
from assistant.tables.result import TablesResult
from assistant.tables.store import load_tables

log = logging.getLogger(__name__)

# Chat turns as gradio gives them: {"role": "user" | "assistant", "content": …}.
History = Sequence[Mapping[str, Any]]
PASSAGES = 6  # retrieved chunks handed to the answerer


class _LazyEmbeddings(Embeddings):
    """`services.embeddings`, loaded when first used (a refusal needs no model)."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def __getattr__(self, name: str) -> Any:
        return getattr(self.services.embeddings, name)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.services.embeddings.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.services.embeddings.embed_query(text)


class QAService:
    """Built once per process from `Services`; `answer` may be called from several threads."""

    def __init__(
        self,
        services: Services,
        answerer: Answerer | None = None,
        vocabulary: Vocabulary | None = None,
    ) -> None:
        self.services = services
        self.db = services.db
        self.answerer = answerer or make_answerer(services.settings)
        self.vocabulary = vocabulary or load_vocabulary()
        self.tokenizer = Tokenizer()
        self.tokenizer.learn(self.vocabulary.words)
        # Looked up on use: tests and the eval hand in a model already loaded.
        self.vectors = QueryVectors(_LazyEmbeddings(services))
        self.semantics = TableSemantics(self.vocabulary, _LazyEmbeddings(services))
        self.search = HybridSearch(
            lambda: services.index, self.tokenizer, vectors=self.vectors.query
        )
        self._tables: dict[tuple[int, str], TablesResult | None] = {}
        self._reader: tuple[tuple[str, ...], QuestionReader] | None = None
        self._lock = Lock()

    def answer(self, question: str, history: History = ()) -> Answer:
        with self.db.session() as session:
            holdings = load_holdings(session)
        # Table figures come from SQL alone; a search that needs the index says so below.
        with suppress(RetrievalUnavailable):
            self.search.prepare(holdings.versions)
        reader = self._reader_for(holdings)
        read = reader.read(question, history)
        try:
            answer = self._answer(read, holdings)
            # "电台直播搞了几场？" right after a question about a report is about that report
            # too, when the 条例 does not answer it.
            if answer.refused and history and _may_continue(read):
                again = reader.read(question, history, follow_up=True)
                if again.names_report:
                    retried = self._answer(again, holdings)
                    answer = answer if retried.refused else retried
        except RetrievalUnavailable as exc:
            # Citizens get the plain message; the cause is for the operators' log.
            log.warning("retrieval unavailable: %s", exc.detail)
            return compose.unavailable_answer()
        return answer

    def _answer(self, q: Question, holdings: Holdings) -> Answer:
        return self.answerer.answer(self.look_up(self._weigh(q, holdings), holdings))

    def _weigh(self, q: Question, holdings: Holdings) -> Question:
        """Rare words single a clause out better than common ones (BM25's idf)."""
        terms = tuple(
            replace(t, weight=t.weight * self.search.rarity(t.text, holdings.versions))
            for t in q.terms
        )
        return replace(q, terms=terms)

    def look_up(self, q: Question, holdings: Holdings) -> Evidence:
        if q.competing:
            refusal = Refusal("ambiguous_agency", q.unknown_agency, candidates=q.competing)
            return Evidence(q, "refusal", holdings, refusal=refusal)
        if q.unknown_agency:
            return Evidence(
                q, "refusal", holdings, refusal=Refusal("unknown_agency", q.unknown_agency)
            )
        if not q.names_report:
            return self._policy(q, holdings)
        if q.agency is None:
            return Evidence(q, "refusal", holdings, refusal=Refusal("no_agency"))
        years = holdings.years(q.agency)
        year = q.year if q.year is not None else max(years)
        report = holdings.report(q.agency, year)
        if report is None:
            refusal = Refusal("year_not_held", q.agency, year)
            return Evidence(q, "refusal", holdings, refusal=refusal)
        if q.leftover and q.numeric:
            q = self._explain(q)
        if q.metrics and not q.leftover and q.numeric:
            q = self._refine(q)
        figure = self._figure(q, report) if q.is_table_question else None
        # The tables hold counts and amounts: "复议维持率是多少" is no question for them.
        if figure is not None and same_kind_of_figure(q.unit, figure.unit):
            # A cell the page lost or ran together may still be stated in the text.
            lost = figure.value is None
            passages = self._retrieve(q, holdings, [report.document_id]) if lost else ()
            return Evidence(q, "table", holdings, report, figure=figure, passages=passages)
        holds = partial(states_figure, q.unit) if q.numeric else None
        passages = self._retrieve(q, holdings, [report.document_id], holds)
        return Evidence(q, "narrative", holdings, report, passages=passages)

    def _explain(self, q: Question) -> Question:
        """Words the lexicon lacks, read as table rows or columns when their meaning is
        unmistakable (see semantic.py); otherwise the question stays a text question."""
        # A word the lexicon knows as a text topic (官方微博 ~ 政务微博) names no table row:
        # no need to ask the model.
        if any(w in self.vocabulary.synonyms for w in q.leftover):
            return q
        # The unexplained words, read together as one phrase (律师事务所代理, 国家保密事项);
        # the question's own vector rides in the same model call, for retrieval later.
        phrase = "".join(q.leftover)
        vector = self.vectors.queries([phrase, q.dense_query])[0]
        sections = {m.section for m in q.metrics} or None
        match = self.semantics.match(vector, sections)
        if match is None:
            return q
        if isinstance(match.entry, Metric):
            if q.metrics and q.metrics != (match.entry,):
                return q  # the lexicon and the meaning disagree on the row: not sure enough
            return replace(q, metrics=(match.entry,), weak_metric=False, leftover=())
        if not q.metrics:
            return q  # a column alone names no figure
        return replace(q, columns=(*q.columns, match.entry), leftover=())

    def _refine(self, q: Question) -> Question:
        """The row the question's other words point to, when its lexicon word names a
        broader one: 申请 alone defaults to 本年新收, but "申请人不按时补正…" is about
        逾期不补正; 行政诉讼 with "没经过复议直接…" is 未经复议直接起诉."""
        own = [w for m in q.metrics for w in (m.name, *m.terms, *m.weak)]
        own += [w for c in q.columns for w in (c.name, *c.terms)]
        rest = [t.text for t in q.terms if not t.generic and not any(t.text in w for w in own)]
        if not rest or len(q.metrics) != 1:
            return q
        (metric,) = q.metrics
        # "收到的那些信访投诉里…" is about something else than 收到's row.
        foreign = () if q.weak_metric else self.vocabulary.foreign_words(metric, rest)
        if foreign:
            return replace(q, leftover=foreign)
        if q.weak_metric:
            family: tuple[Metric, ...] = tuple(
                m for m in self.vocabulary.metrics if m.section == metric.section
            )
        else:
            family = metric.family(self.vocabulary.metrics)
        if len(family) < 2:
            return q
        # Among a row's own sub-rows one word of a label decides (没掌握 → 本机关不掌握);
        # among every row of the section, it takes two.
        chosen: Entry | None = by_words(rest, family, least=2 if q.weak_metric else 1)
        if chosen is None:
            vector = self.vectors.queries(["".join(rest), q.dense_query])[0]
            chosen = self.semantics.refine(vector, family)
        if chosen is None:
            # Words of another row beside a weak default, or of a sub-row beside a group:
            # not sure which row is meant, and the group's total would be a wrong figure.
            labels = "".join(r for m in family[1:] for r in m.rows)
            narrower = q.weak_metric or any(w in labels for w in rest)
            return replace(q, leftover=tuple(rest)) if narrower else q
        return replace(q, metrics=(chosen,), weak_metric=False)  # type: ignore[arg-type]

    def _policy(self, q: Question, holdings: Holdings) -> Evidence:
        policy_ids = [d.document_id for d in holdings.policies]
        if not policy_ids:
            return Evidence(q, "refusal", holdings, refusal=Refusal("no_policy"))
        article = q.article or (
            self._last_article(holdings, policy_ids) if q.asks_article_count else None
        )
        named = self._article(article, holdings, policy_ids) if article else ()
        passages = named or self._retrieve(q, holdings, policy_ids)
        return Evidence(q, "policy", holdings, passages=passages, article=bool(named))

    def _article(
        self, article: str, holdings: Holdings, policy_ids: list[int]
    ) -> tuple[Passage, ...]:
        """The chunks of a named article (第三十三条), in reading order."""
        where = {
            "$and": [
                {"version": {"$in": holdings.versions}},
                {"document_id": {"$in": policy_ids}},
                {"article": article},
            ]
        }
        chunks = self.services.index.get(where)
        chunks.sort(key=lambda c: c.metadata.get("position", 0))
        return tuple(Passage.from_chunk(c) for c in chunks)

    def _last_article(self, holdings: Holdings, policy_ids: list[int]) -> str | None:
        """The last article of the policy ("一共多少条" is its number), when one policy is held."""
        if len(policy_ids) != 1:
            return None
        where = {"$and": [{"version": {"$in": holdings.versions}}, {"document_id": policy_ids[0]}]}
        numbers = {
            article_number(a): a
            for c in self.services.index.get(where)
            if (a := c.metadata.get("article"))
        }
        return numbers[max(numbers)] if numbers else None

    def _retrieve(
        self,
        q: Question,
        holdings: Holdings,
        document_ids: list[int],
        holds: Callable[[str], bool] | None = None,
    ) -> tuple[Passage, ...]:
        retriever = HybridRetriever(
            search=self.search,
            versions=holdings.versions,
            document_ids=document_ids,
            keywords=q.search_text,
            k=PASSAGES,
            holds=holds,
        )
        return tuple(Passage.from_document(d) for d in retriever.invoke(q.dense_query))

    def _figure(self, q: Question, report: Holding) -> Figure | None:
        """The table figure the question names in the report; None when its tables lack it."""
        key = (report.document_id, report.version)
        if key not in self._tables:  # a version's cells never change: read them once
            with self.db.session() as session:
                self._tables[key] = load_tables(session, report.document_id)
        tables = self._tables[key]
        if tables is None:
            return None
        return figure_for(q.metrics, q.columns, tables.cells, tables.findings, self.vocabulary)

    def _reader_for(self, holdings: Holdings) -> QuestionReader:
        agencies = tuple(holdings.agencies)
        with self._lock:
            if self._reader is None or self._reader[0] != agencies:
                directory = AgencyDirectory(agencies, holdings.acts_for)
                for place in directory.places:
                    self.tokenizer.add_place(place)
                for organ in directory.organ_words:
                    self.tokenizer.add_name(organ, "nt")
                years = {a: holdings.years(a) for a in agencies}
                reader = QuestionReader(self.vocabulary, directory, self.tokenizer, years)
                self._reader = (agencies, reader)
            return self._reader[1]


def _may_continue(q: Question) -> bool:
    """A figure asked with no agency, year or 条例 named: maybe the chat's report."""
    return q.numeric and not q.names_report and not q.article and "条例" not in q.text
