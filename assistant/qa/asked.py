"""What a question asks, as read (see question.py): its words as search terms, the agency,
year, table rows and columns it names, and how it asks. Pure data."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.qa.vocabulary import Column, Metric


@dataclass(frozen=True)
class Term:
    text: str
    weight: float = 1.0
    synonyms: tuple[str, ...] = ()
    # A specific word of the question itself: a passage without it does not answer it.
    required: bool = True
    generic: bool = False  # 公开, 申请…: frames a question without naming its topic
    head: bool = (
        False  # the word just before the asking (阅读量 in "阅读量是多少"): what is counted
    )
    compound: bool = False  # a head right after another noun (政务新媒体 + 账号)
    # The word written right before the head, narrowing it (网上 in "网上投诉的有多少件"):
    # a figure of the unnarrowed thing ("…网络投诉等信访投诉事项7733件") does not answer.
    qualifier: bool = False


@dataclass(frozen=True)
class Question:
    """What a question asks, with follow-ups already resolved against the chat history."""

    text: str
    agency: str | None = None  # a held agency it names
    unknown_agency: str | None = None  # an agency it names that the corpus does not hold
    competing: tuple[str, ...] = ()  # held agencies the name it uses fits equally well
    year: int | None = None
    relative_year: int | None = None  # 去年 = 1, resolved into `year` once the agency is known
    year_shift: int | None = None  # 前一年 = -1: from the year of the question before
    metrics: tuple[Metric, ...] = ()
    weak_metric: bool = False  # the metric is only the default a weak word names ("申请")
    columns: tuple[Column, ...] = ()
    terms: tuple[Term, ...] = ()  # content words for retrieval and clause matching
    leftover: tuple[str, ...] = ()  # content words no table cell explains
    unit: str | None = None  # the unit the question asks in (多少条 → 条)
    numeric: bool = False  # asks for a figure
    article: str | None = None  # 第三十三条, when named
    follow_up: bool = False

    @property
    def names_report(self) -> bool:
        return bool(
            self.agency
            or self.unknown_agency
            or self.year
            or self.relative_year is not None
            or self.year_shift is not None
        )

    @property
    def asks_article_count(self) -> bool:
        """ "条例一共有多少条？": the 条例 itself counted, nothing more specific asked."""
        return (
            self.numeric
            and self.unit == "条"
            and self.article is None
            and "条例" in self.text
            and all(t.generic for t in self.terms)
        )

    @property
    def is_table_question(self) -> bool:
        return bool(self.metrics) and not self.leftover

    @property
    def focus(self) -> str:
        """The question's specific words (no agency, year or asking): what embeds its topic."""
        return "".join(t.text for t in self.terms if not t.generic) or self.text

    @property
    def search_text(self) -> str:
        """Keywords to search with: the question's terms (a follow-up's include earlier ones).

        A generic word's synonyms (公开 → 发布、公示…) would outnumber the one word that
        names the topic (培训), so only the specific words bring theirs."""
        words = [w for t in self.terms for w in (t.text, *([] if t.generic else t.synonyms))]
        return " ".join(dict.fromkeys(words)) or self.text

    @property
    def dense_query(self) -> str:
        """What the embedding model reads: the question, plus the earlier topic for a follow-up."""
        return f"{self.text} {self.search_text}" if self.follow_up else self.text
