"""Deadline rules of the 条例 on the real 2024–2026 holiday calendar.

Every expected date below was counted by hand from the State Council's holiday notices
(国庆 2024: 10-01..10-07, 调休 09-29 and 10-12; 春节 2025: 01-28..02-04, 调休 01-26 and
02-08; 国庆 2025: 10-01..10-08, 调休 09-28 and 10-11; 元旦 2026: 01-01..01-03, 调休 01-04;
春节 2026: 02-15..02-23, 调休 02-14 and 02-28).
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.requests.deadlines import (
    Pause,
    add_working_days,
    answer_deadline,
    deadline_flags,
    is_official,
    is_workday,
    received_date,
    supplement_notice_deadline,
    working_days_between,
)
from assistant.requests.vocabulary import Channel


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 10, 11), True),  # Saturday, 调休 for 国庆 2025
        (date(2025, 9, 28), True),  # Sunday, 调休 for 国庆 2025
        (date(2025, 10, 8), False),  # Wednesday inside 国庆 2025
        (date(2026, 1, 4), True),  # Sunday, 调休 for 元旦 2026
        (date(2026, 2, 14), True),  # Saturday, 调休 for 春节 2026
        (date(2026, 2, 23), False),  # Monday inside 春节 2026
        (date(2024, 10, 12), True),  # Saturday, 调休 for 国庆 2024
        (date(2025, 10, 12), False),  # an ordinary Sunday
    ],
)
def test_official_working_days(day: date, expected: bool) -> None:
    assert is_workday(day) is expected


def test_the_calendar_covers_2026_but_not_2027() -> None:
    assert is_official(date(2026, 12, 31))
    assert not is_official(date(2027, 1, 4))
    # Outside the calendar: Monday to Friday minus the fixed-date holidays.
    assert not is_workday(date(2027, 1, 1))  # Friday, 元旦
    assert is_workday(date(2027, 1, 4))


def test_day_of_receipt_is_not_counted_and_tiaoxiu_saturday_is() -> None:
    # Received the day before 国庆 2025: day 1 is the first day after the holiday.
    assert add_working_days(date(2025, 9, 30), 1).due == date(2025, 10, 9)
    assert add_working_days(date(2025, 9, 30), 3).due == date(2025, 10, 11)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2025, 9, 30), date(2025, 11, 4)),  # day before 国庆 2025
        (date(2024, 9, 30), date(2024, 11, 1)),  # day before 国庆 2024
        (date(2026, 2, 10), date(2026, 3, 16)),  # across 春节 2026 and both 调休 Saturdays
        (date(2026, 11, 2), date(2026, 11, 30)),
        (date(2025, 10, 4), date(2025, 11, 4)),  # received during the holiday: same as 09-30
    ],
)
def test_twenty_working_days_from_receipt(received: date, due: date) -> None:
    assert answer_deadline(received).due == due
    assert answer_deadline(received).estimated is False


def test_first_working_day_of_2026_is_a_sunday() -> None:
    assert add_working_days(date(2025, 12, 31), 1).due == date(2026, 1, 4)


def test_supplement_notice_within_seven_working_days() -> None:
    assert supplement_notice_deadline(date(2025, 9, 30)) == date(2025, 10, 16)
    # 春节 2025 with both 调休 days (Sunday 01-26, Saturday 02-08).
    assert supplement_notice_deadline(date(2025, 1, 24)) == date(2025, 2, 10)


def test_supplement_restarts_the_clock_from_its_receipt() -> None:
    deadline = answer_deadline(date(2025, 9, 30), supplemented_on=date(2025, 10, 20))
    assert deadline.due == date(2025, 11, 17)


def test_one_extension_of_at_most_twenty_working_days() -> None:
    assert answer_deadline(date(2025, 9, 30), extension_days=20).due == date(2025, 12, 2)
    assert answer_deadline(date(2025, 9, 30), extension_days=5).due == date(2025, 11, 11)
    with pytest.raises(ValueError, match="延长的期限最长不得超过20个工作日"):
        answer_deadline(date(2025, 9, 30), extension_days=21)


def test_consultation_days_do_not_count() -> None:
    # (10-13, 10-20] holds five working days: the deadline moves from 11-04 to 11-11.
    pause = Pause(date(2025, 10, 13), date(2025, 10, 20))
    assert answer_deadline(date(2025, 9, 30), pauses=[pause]) == answer_deadline(
        date(2025, 9, 30), extension_days=5
    )
    assert answer_deadline(date(2025, 9, 30), pauses=[pause]).due == date(2025, 11, 11)


def test_open_consultation_assumes_the_third_partys_fifteen_days() -> None:
    deadline = answer_deadline(date(2025, 9, 30), pauses=[Pause(date(2025, 10, 13))])
    assert deadline.due == date(2025, 11, 25)
    assert deadline.estimated is True


def test_deadline_beyond_the_published_calendar_is_estimated() -> None:
    deadline = answer_deadline(date(2026, 12, 10))
    assert deadline.due == date(2027, 1, 8)  # 2027-01-01 skipped as 元旦
    assert deadline.estimated is True


@pytest.mark.parametrize(
    ("channel", "dates", "expected"),
    [
        (Channel.IN_PERSON, {"submitted_on": date(2025, 3, 3)}, date(2025, 3, 3)),
        (
            Channel.POST,
            {"submitted_on": date(2025, 3, 1), "signed_on": date(2025, 3, 5)},
            date(2025, 3, 5),
        ),
        (Channel.POST, {"confirmed_on": date(2025, 3, 6)}, date(2025, 3, 6)),  # 平常信函
        (
            Channel.ONLINE,
            {"submitted_on": date(2025, 3, 1), "confirmed_on": date(2025, 3, 3)},
            date(2025, 3, 3),
        ),
        (Channel.FAX, {"confirmed_on": date(2025, 3, 4)}, date(2025, 3, 4)),
    ],
)
def test_received_date_by_channel(channel: Channel, dates: dict, expected: date) -> None:
    assert received_date(channel, **dates) == expected


def test_received_date_refuses_a_missing_confirmation() -> None:
    with pytest.raises(ValueError) as error:
        received_date(Channel.ONLINE, submitted_on=date(2025, 3, 1))
    assert str(error.value) == "网络提交的申请须填写双方确认的日期（第三十一条第（三）项）"


@pytest.mark.parametrize(
    ("today", "flags"),
    [
        (date(2025, 11, 5), (True, False)),
        (date(2025, 11, 4), (False, True)),  # due today
        (date(2025, 10, 30), (False, True)),  # 10-31, 11-03, 11-04 left
        (date(2025, 10, 29), (False, False)),  # four working days left
    ],
)
def test_queue_flags_count_working_days(today: date, flags: tuple[bool, bool]) -> None:
    assert deadline_flags(date(2025, 11, 4), today) == flags


def test_working_days_between_excludes_the_start() -> None:
    assert working_days_between(date(2025, 9, 30), date(2025, 10, 11)) == 3
    assert working_days_between(date(2025, 10, 11), date(2025, 10, 11)) == 0
