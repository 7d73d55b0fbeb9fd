"""Holiday calendars past the packaged years: the statutory lunar holidays estimated, and a
year's official arrangement loaded from a file (tests/fixtures/calendar_2027.toml)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import chinese_calendar
import pytest

from assistant.db import Database
from assistant.requests.calendar_file import CalendarFileError, parse_arrangement
from assistant.requests.calendar_store import load_calendar, loaded_years
from assistant.requests.cli import main
from assistant.requests.deadlines import answer_deadline, is_workday
from assistant.requests.intake import submit
from assistant.requests.validation import Application
from assistant.requests.workcalendar import WorkCalendar, statutory_holidays
from assistant.settings import Settings
from tests.conftest import FIXTURES

CALENDAR_2027 = FIXTURES / "calendar_2027.toml"
APPLICATION = Application(
    agency="平罗县城关镇人民政府",
    applicant_type="自然人",
    applicant_name="王小明",
    id_number="11010519491231002X",
    phone="13912345678",
    content="2026年城关镇财政预算执行情况",
    channel="当面",
    form="电子",
    delivery="自取",
    submitted_on=date(2027, 1, 25),
)


def test_statutory_holidays_of_2027_include_the_lunar_ones() -> None:
    assert statutory_holidays(2027) == {
        date(2027, 1, 1): "元旦",
        date(2027, 2, 5): "春节",  # 除夕
        date(2027, 2, 6): "春节",  # 正月初一
        date(2027, 2, 7): "春节",
        date(2027, 2, 8): "春节",  # 正月初三
        date(2027, 4, 5): "清明节",
        date(2027, 5, 1): "劳动节",
        date(2027, 5, 2): "劳动节",
        date(2027, 6, 9): "端午节",  # 五月初五
        date(2027, 9, 15): "中秋节",  # 八月十五
        date(2027, 10, 1): "国庆节",
        date(2027, 10, 2): "国庆节",
        date(2027, 10, 3): "国庆节",
    }


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_estimate_agrees_with_the_published_years(year: int) -> None:
    # Every statutory day computed for a published year is a day off in chinesecalendar.
    for day in statutory_holidays(year):
        assert not chinese_calendar.is_workday(day), day


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 2, 5), False),  # Friday, 除夕
        (date(2027, 2, 8), False),  # Monday, 正月初三
        (date(2027, 2, 9), True),  # Tuesday after: no 调休 can be predicted
        (date(2027, 4, 5), False),  # Monday, 清明
        (date(2027, 6, 9), False),  # Wednesday, 端午
        (date(2027, 9, 15), False),  # Wednesday, 中秋
        (date(2028, 1, 25), False),  # Tuesday, 除夕 2028
    ],
)
def test_estimated_working_days_skip_the_lunar_holidays(day: date, expected: bool) -> None:
    assert is_workday(day) is expected


def test_estimated_deadline_across_spring_festival_2027() -> None:
    # 01-26..29, 02-01..04 (8); 02-05 and 02-08 off; 02-09..12, 02-15..19, 02-22..24 (20).
    assert answer_deadline(date(2027, 1, 25)).due == date(2027, 2, 24)
    assert answer_deadline(date(2027, 1, 25)).estimated is True


def test_a_loaded_arrangement_decides_its_year() -> None:
    arrangement = parse_arrangement(CALENDAR_2027.read_text(encoding="utf-8"), "f.toml")
    calendar = WorkCalendar.of([arrangement])
    assert (len(arrangement.holidays), len(arrangement.workdays)) == (29, 6)
    assert not calendar.is_workday(date(2027, 2, 9))  # in the file's 春节 break
    assert calendar.is_workday(date(2027, 2, 14))  # Sunday, 调休 in the file
    assert calendar.is_official(date(2027, 7, 1))
    # 01-26..29, 02-01..04 (8); break 02-05..13; 02-14 (9), 02-15..19 (14), 02-20 (15),
    # 02-22..26 (20).
    assert answer_deadline(date(2027, 1, 25), calendar=calendar).due == date(2027, 2, 26)
    assert answer_deadline(date(2027, 1, 25), calendar=calendar).estimated is False
    # 2026 still comes from chinesecalendar, 2028 is still estimated.
    assert calendar.is_workday(date(2026, 2, 14)) and not calendar.is_official(date(2028, 3, 1))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'year = 2027\n[holidays]\n"春节" = ["2027-02-30"]\n',
            "f.toml：holidays.春节：“2027-02-30”不是有效日期，应如2027-02-05",
        ),
        (
            'year = 2027\n[holidays]\n"春节" = ["2027-02-13..2027-02-05"]\n',
            "f.toml：holidays.春节：“2027-02-13..2027-02-05”不是有效的日期范围（最长15天）",
        ),
        (
            'year = 2027\n[holidays]\n"春节" = ["2027-02-05"]\n[workdays]\n"春节" = ["2027-02-09"]\n',
            "f.toml：workdays.春节：2027-02-09是工作日（周一至周五），不是调休上班日",
        ),
        (
            'year = 2027\n[holidays]\n"春节" = ["2027-02-06"]\n[workdays]\n"春节" = ["2027-02-06"]\n',
            "f.toml：workdays.春节：2027-02-06同时列为放假日（春节）",
        ),
        (
            'year = 2027\n[holidays]\n"国庆节" = ["2028-10-01"]\n',
            "f.toml：holidays.国庆节：2028-10-01不在2027年内",
        ),
        ('year = "2027"\n[holidays]\n"元旦" = ["2027-01-01"]\n', "f.toml：year：应为年份，如2027"),
        ("year = 2027\n", "f.toml：holidays：缺少放假日期"),
        (
            "year = 2027\n元旦 = 1\n",
            "f.toml：不是有效的TOML文件（Invalid statement (at line 2, column 1)）",
        ),
    ],
)
def test_bad_files_are_refused_naming_the_field(text: str, message: str) -> None:
    with pytest.raises(CalendarFileError) as error:
        parse_arrangement(text, "f.toml")
    assert str(error.value) == message


def test_loading_the_2027_file_changes_the_2027_deadlines(
    settings: Settings, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    now = datetime(2027, 1, 25, 2, 0, tzinfo=UTC)
    before = submit(db, APPLICATION, now=now)
    assert (before.due_date, before.due_estimated) == (date(2027, 2, 24), True)

    assert main(["calendar", "load", str(CALENDAR_2027), "--actor", "李科员"], settings) == 0
    assert capsys.readouterr().out == (
        "已载入2027年节假日安排：放假29天，调休上班6天；1件未办结申请的答复期限改变。\n"
        f"{before.number}\t2027-02-24 → 2027-02-26\n"
    )
    assert main(["show", before.number, "--json"], settings) == 0
    shown = capsys.readouterr().out
    assert '"due": "2027-02-26"' in shown and '"due_estimated": false' in shown
    after = submit(db, replace(APPLICATION, content="另一项申请"), now=now)
    assert (after.due_date, after.due_estimated) == (date(2027, 2, 26), False)
    assert [(y, s, who) for y, s, who, _ in loaded_years(db)] == [
        (2027, "测试用：2027年部分节假日安排（非官方）", "李科员")
    ]

    # Loading it again replaces it; nothing changes any more.
    assert main(["calendar", "load", str(CALENDAR_2027)], settings) == 0
    assert capsys.readouterr().out.startswith("已替换2027年节假日安排")


def test_a_bad_file_loads_nothing(
    settings: Settings, db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "2027.toml"
    bad.write_text('year = 2027\n[holidays]\n"春节" = ["2027-02-31"]\n', encoding="utf-8")
    assert main(["calendar", "load", str(bad)], settings) == 1
    assert capsys.readouterr().err == (
        f"错误：{bad}：holidays.春节：“2027-02-31”不是有效日期，应如2027-02-05\n"
    )
    assert main(["calendar", "load", str(tmp_path / "missing.toml")], settings) == 1
    assert "无法读取（No such file or directory）" in capsys.readouterr().err
    assert load_calendar(db).loaded_years == frozenset()
