"""How a question asks: for a figure, in which unit (多少条 → 条, 几天 → 个工作日, 几月几号 →
a date), or for an article (第几条). Pure regular expressions over the question's text."""

from __future__ import annotations

import re

import cn2an

from assistant.qa.numbers import DATE, UNITS, YEAR

ARTICLE = re.compile(r"第([一二三四五六七八九十百零〇]+|\d+)条")
_UNITS = "|".join(sorted(UNITS, key=len, reverse=True))
# What a question asks for, and the unit it expects ("多少条" → 条).
ASKS = re.compile(
    rf"(?:是|为)?(?:百分之)?(?:多少|几)(?:{_UNITS})?|多久|多长时间|什么时[候间]|何时|怎么样?|如何"
)
_UNIT_CUES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"几月几[号日]|哪一?天|什么时[候间]|何时|什么日子|[截期]止日"), DATE),
    (re.compile(r"哪一?年(?!度)|什么年份|何年"), YEAR),
    (re.compile(r"多久|多长时间|几天|多少天|多少日|几日|(?:多少|几)个?工作日"), "个工作日"),
    (re.compile(r"多少钱|多少元|多少万元|金额"), "元"),
    (re.compile(r"百分之|比例|比率|占比|[^税]率"), "%"),
)
_UNIT_CUE = re.compile(rf"(?:多少|几)({_UNITS})")
_ASKS_ARTICLE = re.compile(r"第几条|哪一?条")
_NUMERIC_CUE = re.compile(r"多少|几|多久|多长|多大|数量|百分之|比例|率|[条件次个人篇项]数")


def article_named(text: str) -> str | None:
    """The article a question names (第33条 → 第三十三条)."""
    m = ARTICLE.search(text)
    if not m:
        return None
    number = m.group(1)
    return f"第{cn2an.an2cn(number) if number.isdigit() else number}条"


def unit_asked(text: str) -> str | None:
    for cue, unit in _UNIT_CUES:
        if cue.search(text):
            return unit
    m = _UNIT_CUE.search(text)
    return m.group(1) if m else None


def asks_figure(text: str) -> bool:
    """"第几条" asks which article, "几月几号" a date, "哪一年" a year: no figure either."""
    return bool(_NUMERIC_CUE.search(_ASKS_ARTICLE.sub("", text))) and unit_asked(text) not in (
        DATE,
        YEAR,
    )
