"""The words people use for table cells, read from vocabulary.toml, and spotting them in a question.

Pure apart from reading the file once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from assistant.tables.schema import (
    FORMATS,
    SECTION3_COLUMNS,
    SECTION4_COLUMNS,
    SECTION4_ROWS,
    section2_tables,
    section3_rows,
)
from assistant.tables.spec import spec_for

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.toml")
DEFAULT_UNIT = "件"


class VocabularyError(ValueError):
    """The vocabulary file names something the statistics tables do not have."""


@dataclass(frozen=True)
class Metric:
    """A row, or rows added up; `columns` is the section 二 column read by default."""

    name: str
    section: str
    rows: tuple[str, ...]
    terms: tuple[str, ...]
    weak: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    # The rows its row is the total of, by the format's sum rules: （七）总计 sums every
    # 办理结果 row, so "办理结果里予以公开的" asks 予以公开, not the total.
    sums: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Its name and printed labels, run together."""
        return "".join((self.name, *self.rows))

    @property
    def text(self) -> str:
        """Its name, printed labels and everyday words, run together to look words up in."""
        return "".join((self.name, *self.rows, *self.terms, *self.weak))

    def family(self, metrics: Sequence[Metric]) -> tuple[Metric, ...]:
        """This metric and those of `metrics` narrower than it (不予公开 and its reasons)."""
        return (self, *(m for m in metrics if m.narrower_than(self)))

    def covers(self, row: str) -> bool:
        return any(row == r or (r.endswith("/") and row.startswith(r)) for r in self.rows)

    def narrower_than(self, other: Metric) -> bool:
        """True for 不予公开/属于国家秘密 against 不予公开/, and for 予以公开 against （七）总计:
        every row of self is in other, or among the rows other's row adds up."""
        return (
            self != other
            and self.section == other.section
            and all(other.covers(r) or _among(r, other.sums) for r in self.rows)
        )


@dataclass(frozen=True)
class Column:
    name: str
    section: str
    columns: tuple[str, ...]
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Spotted:
    """The table words found in a question, in reading order."""

    metrics: tuple[Metric, ...]
    columns: tuple[Column, ...]
    primary: Metric | None  # the metric named by the longest word
    weak: bool = False  # the metrics were named by weak words only ("申请" alone)
    # Column words said negated ("不是企业提的"): everyone but them, which no column holds.
    excluded: tuple[str, ...] = ()

    def named_rows(self, text: str) -> tuple[Metric, ...]:
        """The rows `text` names; several only when it joins them ("予以公开和部分公开"),
        and not a row whose words are part of another's label: "先申请复议、复议完又去
        法院打官司" names 复议后起诉, whose label says 复议, not 行政复议 besides."""
        if len(self.metrics) < 2 or _AND.search(text):
            metrics = self.metrics
            return tuple(m for m in metrics if not any(_part_of(m, o, text) for o in metrics))
        return (self.primary,) if self.primary else ()


# Conjunctions that make two table rows one sum: "予以公开和部分公开".
_AND = re.compile(r"和|及|与|以及|加上|、")
_JOINED = re.compile(r"和|及|与|以及|加上")  # words that join two things, as 、 may not


def _part_of(metric: Metric, other: Metric, text: str) -> bool:
    """`metric`'s shortest word the question uses (复议) is in a row label of `other`
    (复议后起诉, 未经复议直接起诉), and either the words that named `other` say it too
    (复议完又…) or nothing but a 、 joins them ("没走复议、直接告到法院")."""
    if metric == other or metric.section != other.section:
        return False
    used = sorted((t for t in (metric.name, *metric.terms) if t in text), key=len)
    if not used:
        return False
    core = used[0]
    labels = [row.rsplit("/", 1)[-1] for row in other.rows]
    naming = [t for t in (other.name, *other.terms) if t in text]
    joined = bool(_JOINED.search(text))
    return any(core in label for label in labels) and (
        any(core in t for t in naming) or not joined
    )


def _table_rows() -> dict[str, set[str]]:
    rows: dict[str, set[str]] = {"二": set(), "三": set(), "四": set(SECTION4_ROWS)}
    for fmt in FORMATS:
        rows["二"].update(r for table_rows, _ in section2_tables(fmt) for r in table_rows)
        rows["三"].update(section3_rows(fmt))
    return rows


def _table_columns() -> dict[str, set[str]]:
    columns = {"三": set(SECTION3_COLUMNS), "四": set(SECTION4_COLUMNS), "二": set()}
    for fmt in FORMATS:
        columns["二"].update(c for _, table_columns in section2_tables(fmt) for c in table_columns)
    return columns


@dataclass(frozen=True)
class Vocabulary:
    metrics: tuple[Metric, ...]
    columns: tuple[Column, ...]
    units: dict[str, str]
    generic: frozenset[str]
    question_words: frozenset[str]
    synonyms: dict[str, tuple[str, ...]]
    labels: str  # every table word and canonical label, "|"-joined

    @property
    def words(self) -> set[str]:
        """Every word of the lexicon, for the tokenizer to keep whole (官方微博, 告到法院)."""
        words = {t for m in self.metrics for t in (*m.terms, *m.weak)}
        words |= {t for c in self.columns for t in c.terms}
        return words | set(self.synonyms)

    @cached_property
    def _entries(self) -> list[tuple[str, Metric | Column, bool]]:
        """Every lexicon word with what it names and whether it is weak, longest first."""
        entries: list[tuple[str, Metric | Column, bool]] = []
        for metric in self.metrics:
            entries += [(t, metric, False) for t in metric.terms]
            entries += [(t, metric, True) for t in metric.weak]
        for column in self.columns:
            entries += [(t, column, False) for t in column.terms]
        return sorted(entries, key=lambda e: -len(e[0]))

    def foreign_words(self, metric: Metric, words: Sequence[str]) -> tuple[str, ...]:
        """The words only one other row's label has (信访 of 信访举报投诉类申请), and not
        `metric`, its parts or its whole: a question with them is about another row.
        Words many labels share (属于, 办理) say nothing of the kind."""
        section = [m for m in self.metrics if m.section == metric.section]
        kin = "".join(
            m.text
            for m in section
            if m == metric or m.narrower_than(metric) or metric.narrower_than(m)
        )
        return tuple(
            w for w in words if w not in kin and sum(w in m.label for m in section) == 1
        )

    def explains(self, text: str) -> bool:
        """Whether a table cell could be what `text` is about (it is part of a label)."""
        return text in self.generic or text in self.labels

    def unit(self, column: str) -> str:
        return self.units.get(column, DEFAULT_UNIT)

    def spot(self, text: str) -> Spotted:
        """Table words in `text`, longest first and without overlaps.

        A weak word counts only when no other metric word is found. The aspect particle 了
        is read past: "复议完了又起诉" says what "复议完又起诉" says.
        """
        taken = [False] * len(text)
        found: list[tuple[int, int, Metric | Column, bool]] = []
        excluded: list[str] = []
        characters = set(text)
        for term, entry, weak in self._entries:
            # A word whose first character is absent cannot be there (unless it opens with
            # a negation or the year after or before, said some other way).
            varies = _OPENING_NEGATION.match(term) or _RELATIVE_YEAR.match(term)
            if term[0] not in characters and not varies:
                continue
            for match in _term_pattern(term).finditer(text):
                start, end = match.span()
                if not any(taken[start:end]):
                    taken[start:end] = [True] * (end - start)
                    # "不再处理了" is not "处理了" (办理结果): a negated word names no row.
                    negated = _NEGATED.search(text[:start]) or _NEGATED_AFTER.match(text[end:])
                    if not negated or term.startswith(_NEGATIONS):
                        found.append((start, end, entry, weak))
                    elif isinstance(entry, Column):
                        excluded.append(match.group())
        found.sort(key=lambda f: f[0])

        strong = [f for f in found if isinstance(f[2], Metric) and not f[3]]
        kept = [f for f in found if not (f[3] and strong)]
        metrics = _unique(f[2] for f in kept if isinstance(f[2], Metric))
        # 国家秘密 and 不予公开 in one question mean the narrower row.
        metrics = [m for m in metrics if not any(o.narrower_than(m) for o in metrics)]
        columns = _unique(f[2] for f in kept if isinstance(f[2], Column))
        named = [f for f in kept if f[2] in metrics]
        primary = max(named, key=lambda f: f[1] - f[0])[2] if named else None
        weak = bool(named) and all(f[3] for f in named)
        return Spotted(tuple(metrics), tuple(columns), primary, weak, tuple(excluded))  # type: ignore[arg-type]


_NEGATIONS = ("不", "没", "未")
# Before the word (不再处理, 没公开, 不是个人), or after it (答复不了); not the asking
# 有没有/是不是.
_NEGATED = re.compile(r"(?:(?<![有是能])不(?:再|是)?|(?<!有)没有?|未|并非)$")
_NEGATED_AFTER = re.compile(r"^(?:不了|不出|不到|不成)")


# The ways to say the year after or before, in a lexicon word (拖到下一年 ~ 拖到第二年).
_RELATIVE_YEARS = {
    "下一年": "(?:下一?年度?|第二年|次年|来年|明年)",
    "下年": "(?:下一?年度?|第二年|次年|来年|明年)",
    "上一年": "(?:上一?年度?|去年|前一年)",
    "上年": "(?:上一?年度?|去年|前一年)",
}
_RELATIVE_YEAR = re.compile("|".join(_RELATIVE_YEARS))
# A lexicon word that opens with a negation matches any of them (没有掌握 ~ 没掌握 ~ 未掌握).
_OPENING_NEGATION = re.compile(r"^(?:没有|没|未|不)(?=.)")
_ANY_NEGATION = "(?:没有?|未|不)"


@cache
def _term_pattern(term: str) -> re.Pattern[str]:
    """The term, with the particle 了 allowed between its characters, an opening negation
    and the year after or before said in any of their usual ways."""
    parts: list[str] = []
    position = 0
    if negation := _OPENING_NEGATION.match(term):
        parts.append(_ANY_NEGATION)
        position = negation.end()
    for m in _RELATIVE_YEAR.finditer(term, position):
        parts += ["了?".join(map(re.escape, term[position : m.start()])), _RELATIVE_YEARS[m.group()]]
        position = m.end()
    parts.append("了?".join(map(re.escape, term[position:])))
    return re.compile("了?".join(p for p in parts if p))


def _among(row: str, rows: Sequence[str]) -> bool:
    """`row` (a path, or a group ending in "/") is one of `rows` or holds only rows of it."""
    return row in rows or (row.endswith("/") and any(r.startswith(row) for r in rows))


def _row_sums() -> dict[tuple[str, str], tuple[str, ...]]:
    """(section, total row) → the rows it adds up, from every format's column-sum rules."""
    sums: dict[tuple[str, str], tuple[str, ...]] = {}
    for fmt in FORMATS:
        spec = spec_for(fmt)
        for rule in spec.rules:
            if rule.kind == "column_sum":
                key = (rule.section, rule.total)
                sums[key] = tuple(dict.fromkeys((*sums.get(key, ()), *spec.rule_parts(rule))))
    return sums


def _unique(items: Any) -> list[Any]:
    return list(dict.fromkeys(items))


def _strings(value: Any, where: str, field: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise VocabularyError(f"{where}：“{field}”应为非空字符串的列表")
    return tuple(value)


def _metric(
    data: dict[str, Any],
    where: str,
    rows: dict[str, set[str]],
    sums: dict[tuple[str, str], tuple[str, ...]],
) -> Metric:
    section = data.get("section")
    if section not in rows:
        raise VocabularyError(f"{where}：section 应为 二、三 或 四，而不是“{section}”")
    metric = Metric(
        name=str(data.get("name") or ""),
        section=section,
        rows=_strings(data.get("rows"), where, "rows"),
        terms=_strings(data.get("terms"), where, "terms"),
        weak=_strings(data.get("weak", []), where, "weak") if data.get("weak") else (),
        columns=_strings(data["columns"], where, "columns") if "columns" in data else (),
    )
    if len(metric.rows) == 1:
        metric = replace(metric, sums=sums.get((section, metric.rows[0]), ()))
    if not metric.name:
        raise VocabularyError(f"{where}：缺少 name")
    for row in metric.rows:
        held = (
            any(r.startswith(row) for r in rows[section])
            if row.endswith("/")
            else row in rows[section]
        )
        if not held:
            raise VocabularyError(f"{where}：表{section}没有“{row}”这一行")
    return metric


def _column(data: dict[str, Any], where: str, columns: dict[str, set[str]]) -> Column:
    section = data.get("section")
    if section not in columns:
        raise VocabularyError(f"{where}：section 应为 二、三 或 四，而不是“{section}”")
    column = Column(
        name=str(data.get("name") or ""),
        section=section,
        columns=_strings(data.get("columns"), where, "columns"),
        terms=_strings(data.get("terms"), where, "terms"),
    )
    for name in column.columns:
        if name not in columns[section]:
            raise VocabularyError(f"{where}：表{section}没有“{name}”这一列")
    return column


def _synonyms(groups: Any, source: str) -> dict[str, tuple[str, ...]]:
    """Each word of a group maps to the others."""
    if not isinstance(groups, list):
        raise VocabularyError(f"{source}：“synonyms”应为词组的列表")
    table: dict[str, tuple[str, ...]] = {}
    for group in groups:
        words = _strings(group, source, "synonyms")
        for word in words:
            table[word] = table.get(word, ()) + tuple(w for w in words if w != word)
    return table


def parse_vocabulary(data: dict[str, Any], source: str) -> Vocabulary:
    rows, columns, sums = _table_rows(), _table_columns(), _row_sums()
    metrics = tuple(
        _metric(m, f"{source}：第{i}个 [[metric]]", rows, sums)
        for i, m in enumerate(data.get("metric", []), start=1)
    )
    column_specs = tuple(
        _column(c, f"{source}：第{i}个 [[column]]", columns)
        for i, c in enumerate(data.get("column", []), start=1)
    )
    for metric in metrics:
        for column in metric.columns:
            if column not in columns[metric.section]:
                raise VocabularyError(f"{source}：“{metric.name}”的默认列“{column}”不存在")
    words = [t for m in metrics for t in (*m.terms, *m.weak)] + [
        t for c in column_specs for t in c.terms
    ]
    labels = [
        *words,
        *(r for rs in rows.values() for r in rs),
        *(c for cs in columns.values() for c in cs),
    ]
    return Vocabulary(
        metrics,
        column_specs,
        dict(data.get("units", {})),
        frozenset(_strings(data.get("generic", []), source, "generic")),
        frozenset(_strings(data.get("question_words", []), source, "question_words")),
        _synonyms(data.get("synonyms", []), source),
        "|".join(labels),
    )


@cache
def load_vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise VocabularyError(f"{path}：TOML格式错误：{exc}") from exc
    return parse_vocabulary(data, str(path))
