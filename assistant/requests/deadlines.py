"""Working-day arithmetic for the 条例's answer deadlines (pure: no I/O, no clock).

Counting convention (期间开始之日不计算在内): the day that starts a period — the day of
receipt, of the supplement's receipt, of a consultation letter — is never counted; day 1 is
the first working day after it, and a period of N working days ends on the N-th working
day after it. Example: a request received on Tuesday 2025-09-30 has day 1 on Thursday
2025-10-09 (国庆 runs 10-01..10-08) and day 3 on Saturday 2025-10-11 (a 调休 working day).

Working days come from a `WorkCalendar` (`workcalendar`): arrangements staff loaded, then
`chinesecalendar`, then an estimate with the statutory holidays computed. Every result that
relied on an estimated day says so (`Deadline.estimated`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from assistant.requests import messages
from assistant.requests.vocabulary import Channel
from assistant.requests.workcalendar import DEFAULT_CALENDAR, WorkCalendar

ANSWER_DAYS = 20  # 第三十三条第二款
MAX_EXTENSION_DAYS = 20  # 第三十三条第二款: 延长的期限最长不得超过20个工作日
SUPPLEMENT_NOTICE_DAYS = 7  # 第三十条: 7个工作日内一次性告知补正
CONSULTATION_DAYS = 15  # 第三十二条: 第三方15个工作日内提出意见
FEE_PAYMENT_DAYS = 20  # 信息处理费管理办法: 收到收费通知次日起20个工作日内缴纳
DUE_SOON_DAYS = 3  # staff queue: flag requests with at most this many working days left

# Business dates (received, due, closed) are dates in China's time zone.
BUSINESS_TZ = ZoneInfo("Asia/Shanghai")


def business_date(moment: datetime) -> date:
    """The calendar day in China at `moment` (which must be timezone-aware)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: pass a timezone-aware moment")
    return moment.astimezone(BUSINESS_TZ).date()


def is_official(day: date, calendar: WorkCalendar = DEFAULT_CALENDAR) -> bool:
    """Whether an official arrangement covers `day`."""
    return calendar.is_official(day)


def is_workday(day: date, calendar: WorkCalendar = DEFAULT_CALENDAR) -> bool:
    """Official working day (调休 Saturdays included); estimated outside the calendar."""
    return calendar.is_workday(day)


@dataclass(frozen=True)
class Pause:
    """Days that do not count, (start, end]: a consultation (第三十二条/第三十四条) or the time
    between a fee notice and the payment (信息处理费管理办法).

    `end` is None while the opinion or payment is still awaited; the pause is then assumed
    to last its full `assumed_days` working days (the third party's 15, the applicant's 20
    to pay), and deadlines depending on it are estimates.
    """

    start: date
    end: date | None = None
    assumed_days: int = CONSULTATION_DAYS

    def resolved_end(self, calendar: WorkCalendar = DEFAULT_CALENDAR) -> date:
        return self.end or add_working_days(self.start, self.assumed_days, calendar=calendar).due


@dataclass(frozen=True)
class Deadline:
    due: date
    # True when a counted day lies beyond the official calendar or an open consultation's
    # end was assumed: staff should re-check the date later.
    estimated: bool = False


def add_working_days(
    start: date,
    days: int,
    pauses: Sequence[Pause] = (),
    *,
    calendar: WorkCalendar = DEFAULT_CALENDAR,
) -> Deadline:
    """The `days`-th working day after `start`, skipping days inside `pauses`."""
    if days < 1:
        raise ValueError(f"days must be positive, got {days}")
    spans = [(p.start, p.resolved_end(calendar)) for p in pauses]
    estimated = any(p.end is None for p in pauses)
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        if not calendar.is_workday(day) or any(lo < day <= hi for lo, hi in spans):
            continue
        counted += 1
        estimated = estimated or not calendar.is_official(day)
    return Deadline(day, estimated)


def working_days_between(start: date, end: date, calendar: WorkCalendar = DEFAULT_CALENDAR) -> int:
    """Working days in (start, end]; 0 when end is not after start."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += calendar.is_workday(day)
    return count


def received_date(
    channel: Channel,
    *,
    submitted_on: date | None = None,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
) -> date:
    """The day the agency received the request, by channel (第三十一条).

    当面: the day of submission; 邮寄: the day the agency signed for it, or for ordinary
    letters the day it confirmed receipt with the applicant; 网络/传真: the day both sides
    confirmed. Raises ValueError (Chinese message) when the date the channel needs is missing.
    """
    if channel is Channel.IN_PERSON:
        chosen = submitted_on
    elif channel is Channel.POST:
        chosen = signed_on or confirmed_on
    else:
        chosen = confirmed_on
    if chosen is None:
        raise ValueError(messages.RECEIVED_DATE_MISSING[channel])
    return chosen


def supplement_notice_deadline(received: date, calendar: WorkCalendar = DEFAULT_CALENDAR) -> date:
    """Last day to ask for 补正 (第三十条: 7 working days from receipt), itself allowed."""
    return add_working_days(received, SUPPLEMENT_NOTICE_DAYS, calendar=calendar).due


def fee_payment_deadline(notified: date, calendar: WorkCalendar = DEFAULT_CALENDAR) -> date:
    """Last day to pay a fee (信息处理费管理办法: 20 working days after the notice)."""
    return add_working_days(notified, FEE_PAYMENT_DAYS, calendar=calendar).due


def answer_deadline(
    received: date,
    *,
    supplemented_on: date | None = None,
    extension_days: int = 0,
    pauses: Sequence[Pause] = (),
    calendar: WorkCalendar = DEFAULT_CALENDAR,
) -> Deadline:
    """Last day to answer: 20 working days (第三十三条) from receipt or, after a 补正, from
    the supplement's receipt (第三十条); plus one extension of at most 20 working days;
    consultation days not counted."""
    if not 0 <= extension_days <= MAX_EXTENSION_DAYS:
        raise ValueError(messages.EXTENSION_TOO_LONG.format(max=MAX_EXTENSION_DAYS))
    start = supplemented_on or received
    return add_working_days(start, ANSWER_DAYS + extension_days, pauses, calendar=calendar)


def deadline_flags(
    due: date, today: date, calendar: WorkCalendar = DEFAULT_CALENDAR
) -> tuple[bool, bool]:
    """(overdue, due soon): overdue once `today` is past `due`; due soon when at most
    DUE_SOON_DAYS working days remain, counting `due` itself but not `today`."""
    if today > due:
        return True, False
    return False, working_days_between(today, due, calendar) <= DUE_SOON_DAYS
