"""Which year a question means when it does not write one out. Pure.

Reports come out a year after the year they cover, so "去年" is the latest report's year
and years are counted back from the year after it. "那前一年呢？" counts from the year of
the question before. Years written out (2020年, 二〇二〇年, 22年) are `numbers.years_in`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

RELATIVE_YEARS = {"大前年": 3, "前年": 2, "去年": 1, "今年": 0}
RELATIVE = re.compile("|".join(RELATIVE_YEARS))
# Only where the year is what the words say: "上一年没办完的" and 上一年项目数量 are about
# requests and items.
YEAR_SHIFTS = {"前一年": -1, "上一年": -1, "头一年": -1, "下一年": 1, "后一年": 1, "次年": 1}
YEAR_SHIFT = re.compile(
    rf"(?:{'|'.join(YEAR_SHIFTS)})(?=的?(?:呢|[，,？?。！!]|$|是|有|多少|几|情况|数据))"
)
# A question that names no year asks about the latest report: 去年, counted as above.
LATEST = 1


def with_year_word(text: str, start: int, end: int) -> tuple[int, int]:
    """A year's span with the 年 or 年度 after it."""
    for word in ("年度", "年"):
        if text.startswith(word, end):
            return start, end + len(word)
    return start, end


def shifted(
    shift: int, previous_year: int | None, previous_relative: int | None
) -> tuple[int | None, int | None]:
    """(year, relative year) of "那前一年呢？" after a question about `previous_year`, or
    about a relative year, or (neither) about the latest report."""
    if previous_year is not None:
        return previous_year + shift, None
    relative = previous_relative if previous_relative is not None else LATEST
    return None, relative - shift


def resolved(
    year: int | None, relative: int | None, shift: int | None, held: Sequence[int]
) -> int | None:
    """The year meant, given the years of the reports held (None: not known yet)."""
    if year is not None:
        return year
    if relative is None and shift is not None:
        relative = -shift  # with no question before it, "上一年" is counted from this year
    if relative is None or not held:
        return None
    return max(held) + 1 - relative
