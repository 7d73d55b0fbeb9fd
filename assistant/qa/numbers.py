"""Figures in Chinese text: quantities with units, years, and Chinese numerals (via cn2an).

Pure functions; no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import cn2an

Number = int | float

# Longest first, so that "20个工作日" is read as 20 个工作日 and not 20 个.
UNITS: tuple[str, ...] = (
    "个工作日", "个季度", "个月", "批次", "人次", "万元", "亿元", "万次", "万人", "人",
    "元", "条", "件", "篇", "个", "次", "期", "场", "宗", "名", "项", "家", "块", "份",
    "户", "页", "天", "日", "%", "万",
    # Measure words of things a report counts ("热线244起", "3所学校", "5位专家").
    "起", "例", "所", "座", "位", "台", "辆", "套", "轮", "届", "张", "册", "通",
)  # fmt: skip
_UNIT = "|".join(re.escape(u) for u in UNITS)
_CN_DIGITS = "零〇一二两三四五六七八九十百千"

# "5500 余条": the text has its spaces removed before matching.
_ARABIC = re.compile(rf"(?<![\d.第])(\d+(?:\.\d+)?)(余|多)?({_UNIT})")
# "三批次", "十一个区"; ordinals (第三) and dates are not quantities.
_CHINESE = re.compile(rf"(?<![第{_CN_DIGITS}])([{_CN_DIGITS}]+)(余|多)?({_UNIT})(?!性)")
_DATE_DAY = re.compile(r"月\d+日$")
# A question asking "几月几号" wants a sentence with a date in it (1月31日前), not a figure.
DATE = "日期"
DATE_IN_TEXT = re.compile(r"\d{1,2}月\d{1,2}日")
# A question asking "哪一年" wants the year a sentence gives, when it gives just one.
YEAR = "年份"

_YEAR_ARABIC = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)(?=年|$|[^\d])")
_YEAR_CHINESE = re.compile(r"([〇零○一二三四五六七八九]{4})年")
# "22年" in speech is 2022; not "近10年", "满15年", "第20年" or a longer number's tail.
_YEAR_SHORT = re.compile(r"(?<![\d.近满过第前后每])([0-4]\d)年(?!来|以[来内上下])")
_CN_YEAR_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}
_ANY_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Quantity:
    """A figure bound to its unit as printed, e.g. `542条` or `三批次`."""

    value: Number
    unit: str
    start: int  # span in the text searched
    end: int
    text: str  # as printed, e.g. "5500余条"

    @property
    def approximate(self) -> bool:
        return "余" in self.text or "多" in self.text


def as_number(text: str) -> Number:
    return float(text) if "." in text else int(text)


def chinese_number(text: str) -> int | None:
    """`三十三` → 33, `两` → 2; None when `text` is not a Chinese numeral."""
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError):
        return None
    return int(value) if float(value).is_integer() else None


def find_quantities(text: str) -> list[Quantity]:
    """Every figure with a unit in `text` (already squashed), in reading order."""
    found: list[Quantity] = []
    for m in _ARABIC.finditer(text):
        if m.group(3) == "日" and _DATE_DAY.search(text[: m.end()]):
            continue  # "12月31日" is a date
        found.append(Quantity(as_number(m.group(1)), m.group(3), m.start(), m.end(), m.group(0)))
    for m in _CHINESE.finditer(text):
        value = chinese_number(m.group(1))
        if value is not None:
            found.append(Quantity(value, m.group(3), m.start(), m.end(), m.group(0)))
    return sorted(found, key=lambda q: q.start)


def years_in(text: str) -> list[tuple[int, int, int]]:
    """Years written as 2020(年), 二〇二〇年 or 20年, as (year, start, end) in reading order."""
    found = [(int(m.group(1)), m.start(), m.end()) for m in _YEAR_ARABIC.finditer(text)]
    found += [
        (2000 + int(m.group(1)), m.start(), m.start() + 2) for m in _YEAR_SHORT.finditer(text)
    ]
    for m in _YEAR_CHINESE.finditer(text):
        digits = "".join(_CN_YEAR_DIGITS[c] for c in m.group(1))
        found.append((int(digits), m.start(), m.end()))
    return sorted(found, key=lambda y: y[1])


def numbers_in(text: str) -> list[Number]:
    """Every number a reader sees in `text`: Arabic ones and Chinese quantities."""
    squashed = re.sub(r"\s+", "", text)
    values: list[Number] = [as_number(m.group(0)) for m in _ANY_NUMBER.finditer(squashed)]
    values += [q.value for q in find_quantities(squashed) if not q.text[0].isdigit()]
    return values


def same_number(a: Number | str, b: Number | str) -> bool:
    return abs(float(a) - float(b)) < 1e-9


# Families that measure rather than count: a figure in one never answers a question asked in
# another unit ("复议维持率" is not answered by "结果维持72件", "几天" not by "3件").
MEASURES: tuple[frozenset[str], ...] = (
    frozenset({"个工作日", "日", "天"}),
    frozenset({"元", "万元", "亿元"}),
    frozenset({"%"}),
)
# Units that answer the same kind of question.
UNIT_FAMILIES: tuple[frozenset[str], ...] = (
    *MEASURES,
    # Reports count items of information in 条 and applications, cases and documents in 件:
    # "不予公开的信息有多少条" is not the 表三 row of applications.
    frozenset({"条"}),
)


# The measure word that counts anything: "几个人" asks what "1名" answers.
GENERAL_COUNT = "个"


def is_measure(unit: str) -> bool:
    return any(unit in family for family in MEASURES)


# "多少万" asks a magnitude: it agrees with 万元, 万人次…
_MAGNITUDES = ("万", "亿")


def same_unit_family(asked: str, found: str) -> bool:
    if asked == found or (asked in _MAGNITUDES and found.startswith(asked)):
        return True
    return any(asked in family and found in family for family in UNIT_FAMILIES)


def measures_alike(asked: str | None, found: str) -> bool:
    """False when the question asks a measure and the figure is something else, or the
    figure is a measure the question did not ask in."""
    if asked is None or same_unit_family(asked, found):
        return True
    return not any(asked in f or found in f for f in MEASURES)


@lru_cache(maxsize=8192)
def states_figure(unit: str | None, text: str) -> bool:
    """Whether `text` states a figure that could answer a question asked in `unit`
    (remembered: chunk texts are asked about again and again)."""
    return any(measures_alike(unit, q.unit) for q in find_quantities(re.sub(r"\s+", "", text)))


def same_kind_of_figure(asked: str | None, found: str) -> bool:
    """A count answers "多少件/个/条", not "占比多少" or "多少钱": each family is a kind of
    its own, every other unit counts things."""
    if asked is None:
        return True
    families = [f for f in UNIT_FAMILIES if asked in f or found in f]
    return same_unit_family(asked, found) or not families


def article_number(article: str) -> int:
    """第五十六条 → 56."""
    return int(cn2an.cn2an(article.removeprefix("第").removesuffix("条"), "smart"))
