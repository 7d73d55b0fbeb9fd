"""Which days are working days (pure: no I/O, no clock).

Three sources, in order of precedence:

1. an official arrangement staff loaded for a year (`YearArrangement`: its holidays and
   调休 working days; every other day of that year is Monday–Friday);
2. the `chinesecalendar` package (2004–2026 in version 1.11.0);
3. beyond both, an estimate: Monday–Friday minus the statutory holidays of
   《全国年节及纪念日放假办法》 (2025 revision): 元旦 (1 day), 春节 (除夕 to 正月初三, 4 days),
   清明 (1 day, the day of the solar term), 劳动节 (2 days), 端午 (1 day), 中秋 (1 day),
   国庆 (3 days). The lunar dates come from `lunardate`, the 清明 solar term from
   `chinesecalendar`. The State Council's 调休 and the extra days it adds around the
   holidays cannot be predicted, so every such day is flagged as estimated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache

import chinese_calendar
from lunardate import LunarDate

# Gregorian-date statutory holidays.
_FIXED_HOLIDAYS = {
    (1, 1): "元旦",
    (5, 1): "劳动节",
    (5, 2): "劳动节",
    (10, 1): "国庆节",
    (10, 2): "国庆节",
    (10, 3): "国庆节",
}


@cache
def statutory_holidays(year: int) -> dict[date, str]:
    """The statutory holiday days of `year`, without 调休 or added bridge days."""
    days = {date(year, month, day): name for (month, day), name in _FIXED_HOLIDAYS.items()}
    new_year = LunarDate(year, 1, 1).to_solar_date()
    for offset in range(-1, 3):  # 除夕 (the eve) to 正月初三
        days[new_year + timedelta(days=offset)] = "春节"
    qingming = chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 10))
    days[next(day for day, term in qingming if term == "清明")] = "清明节"
    days[LunarDate(year, 5, 5).to_solar_date()] = "端午节"
    days[LunarDate(year, 8, 15).to_solar_date()] = "中秋节"
    return days


@lru_cache(maxsize=8192)
def _package_workday(day: date) -> bool | None:
    """chinesecalendar's answer, or None when it has no data for that year."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


@dataclass(frozen=True)
class YearArrangement:
    """One year's official arrangement (国务院办公厅关于某年部分节假日安排的通知).

    `holidays` maps each day off to its holiday's name; `workdays` maps each 调休 working
    day (a Saturday or Sunday worked) to the holiday it makes up for. Days near the year's
    edge may belong to the neighbouring year (a 元旦 break starting on 31 December).
    """

    year: int
    holidays: Mapping[date, str]
    workdays: Mapping[date, str]
    source: str = ""


@dataclass(frozen=True)
class WorkCalendar:
    """Working days, with the arrangements loaded by staff taking precedence."""

    arrangements: tuple[YearArrangement, ...] = ()
    _days: dict[date, bool] = field(init=False, repr=False, compare=False)
    _years: frozenset[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        days: dict[date, bool] = {}
        for arrangement in sorted(self.arrangements, key=lambda a: a.year):
            days.update(dict.fromkeys(arrangement.holidays, False))
            days.update(dict.fromkeys(arrangement.workdays, True))
        object.__setattr__(self, "_days", days)
        object.__setattr__(self, "_years", frozenset(a.year for a in self.arrangements))

    @classmethod
    def of(cls, arrangements: Iterable[YearArrangement]) -> WorkCalendar:
        return cls(tuple(arrangements))

    @property
    def loaded_years(self) -> frozenset[int]:
        return self._years

    def is_official(self, day: date) -> bool:
        """Whether an official arrangement (loaded or packaged) covers `day`."""
        return day in self._days or day.year in self._years or _package_workday(day) is not None

    def is_workday(self, day: date) -> bool:
        if day in self._days:
            return self._days[day]
        if day.year in self._years:
            return day.weekday() < 5
        packaged = _package_workday(day)
        if packaged is not None:
            return packaged
        return day.weekday() < 5 and day not in statutory_holidays(day.year)


# chinesecalendar plus the estimate: what applies before staff load anything.
DEFAULT_CALENDAR = WorkCalendar()
