"""The holiday arrangement file staff load each autumn (TOML; format in README.md).

    year = 2027
    source = "国务院办公厅关于2027年部分节假日安排的通知"

    [holidays]                      # days off, by holiday; "A..B" is a range, both included
    "元旦" = ["2027-01-01..2027-01-03"]
    "春节" = ["2027-02-05..2027-02-12"]

    [workdays]                      # 调休 working days (Saturdays/Sundays worked)
    "春节" = ["2027-02-14", "2027-02-20"]

Parsing is pure (`parse_arrangement`); `read_arrangement` adds the file read. Every error
names the file and the field, and nothing is loaded from a file with any error.
"""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from assistant.requests.errors import RequestError
from assistant.requests.workcalendar import YearArrangement

# How far outside its year an arrangement's day may lie (a 元旦 break from 31 December).
EDGE = timedelta(days=31)
MAX_RANGE_DAYS = 15  # no official break is longer; a longer range is a typo


class CalendarFileError(RequestError):
    """The file cannot be loaded; the message lists every problem."""


def _day(text: str, field: str, problems: list[str]) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        problems.append(f"{field}：“{text}”不是有效日期，应如2027-02-05")
        return None


def _days(value: Any, field: str, problems: list[str]) -> list[date]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problems.append(f'{field}：应为日期列表，如["2027-02-05..2027-02-12"]')
        return []
    days: list[date] = []
    for item in value:
        first_text, dots, last_text = item.partition("..")
        first = _day(first_text, field, problems)
        last = _day(last_text, field, problems) if dots else first
        if first is None or last is None:
            continue
        if last < first or (last - first).days >= MAX_RANGE_DAYS:
            problems.append(f"{field}：“{item}”不是有效的日期范围（最长{MAX_RANGE_DAYS}天）")
            continue
        days += [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return days


def _section(data: dict[str, Any], key: str, problems: list[str]) -> dict[date, str]:
    table = data.get(key, {})
    if not isinstance(table, dict):
        problems.append(f"{key}：应为表，每行“节日名 = [日期…]”")
        return {}
    days: dict[date, str] = {}
    for name, value in table.items():
        for day in _days(value, f"{key}.{name}", problems):
            if day in days:
                problems.append(f"{key}.{name}：{day}重复（已列在{days[day]}下）")
            days[day] = name
    return days


def parse_arrangement(text: str, source: str) -> YearArrangement:
    """The arrangement in `text`, or CalendarFileError listing every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CalendarFileError(f"{source}：不是有效的TOML文件（{exc}）") from None
    problems: list[str] = []
    year = data.get("year")
    if not isinstance(year, int) or not 2000 <= year <= 2099:
        problems.append("year：应为年份，如2027")
        year = None
    name = data.get("source", "")
    if not isinstance(name, str):
        problems.append("source：应为文字（通知名称或文号）")
        name = ""
    unknown = sorted(set(data) - {"year", "source", "holidays", "workdays"})
    if unknown:
        problems.append(
            f"不认识的字段：{'、'.join(unknown)}（应有year、source、holidays、workdays）"
        )
    holidays = _section(data, "holidays", problems)
    workdays = _section(data, "workdays", problems)
    if not holidays and "holidays" not in data:
        problems.append("holidays：缺少放假日期")
    for day in sorted(set(holidays) & set(workdays)):
        problems.append(f"workdays.{workdays[day]}：{day}同时列为放假日（{holidays[day]}）")
    for day, holiday in sorted(workdays.items()):
        if day.weekday() < 5:
            problems.append(f"workdays.{holiday}：{day}是工作日（周一至周五），不是调休上班日")
    if year is not None:
        first, last = date(year, 1, 1) - EDGE, date(year, 12, 31) + EDGE
        for key, days in (("holidays", holidays), ("workdays", workdays)):
            for day, holiday in sorted(days.items()):
                if not first <= day <= last:
                    problems.append(f"{key}.{holiday}：{day}不在{year}年内")
    if problems:
        raise CalendarFileError(f"{source}：" + "；".join(problems))
    assert year is not None
    return YearArrangement(year, holidays, workdays, name)


def read_arrangement(path: Path) -> YearArrangement:
    """Read and parse the file; OSError and encoding problems become CalendarFileError."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CalendarFileError(f"{path}：不是UTF-8编码的文本文件") from None
    except OSError as exc:
        raise CalendarFileError(f"{path}：无法读取（{exc.strerror}）") from None
    return parse_arrangement(text, str(path))
