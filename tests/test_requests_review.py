"""Staff actions through the database: each transition, its deadline rule, its audit event."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from assistant.db import Database
from assistant.requests import review, views
from assistant.requests.errors import IllegalTransition, UnknownRequest
from assistant.requests.intake import lookup, submit
from assistant.requests.models import Request
from assistant.requests.report import section3_for
from assistant.requests.validation import Application

RECEIVED = date(2025, 9, 30)  # the day before 国庆 2025: answer due 2025-11-04
NOW = datetime(2025, 9, 30, 2, 0, tzinfo=UTC)
APPLICATION = Application(
    agency="平罗县城关镇人民政府",
    applicant_type="自然人",
    applicant_name="王小明",
    id_number="11010519491231002X",
    phone="13912345678",
    content="2024年城关镇老旧小区改造项目的批复文件",
    channel="当面",
    form="电子",
    delivery="自取",
    submitted_on=RECEIVED,
)


def register(db: Database, content: str = APPLICATION.content, **dates: date) -> str:
    return submit(db, replace(APPLICATION, content=content, **dates), now=NOW).number


def accepted(db: Database) -> str:
    number = register(db)
    review.accept(db, number, actor="李科员", on=date(2025, 10, 9))
    return number


def state(db: Database, number: str) -> tuple[str, date]:
    with db.session() as session:
        request = session.scalar(select(Request).where(Request.number == number))
        assert request is not None
        return request.status, request.due_date


def test_full_path_with_supplement_and_audit_trail(db: Database) -> None:
    number = accepted(db)
    review.request_supplement(
        db,
        number,
        actor="李科员",
        on=date(2025, 10, 10),
        supplement_due=date(2025, 10, 24),
        note="请写明项目名称",
    )
    # The period has not started: the date shown assumes the 补正 arrives on its last day.
    assert state(db, number) == ("待补正", date(2025, 11, 21))
    review.receive_supplement(db, number, actor="李科员", on=date(2025, 10, 20))
    assert state(db, number) == ("办理中", date(2025, 11, 17))  # clock restarted on 10-20
    review.reply(
        db, number, actor="张主任", on=date(2025, 11, 3), result="部分公开", reply_text="部分公开。"
    )
    trail = [
        (e.actor, e.on_date, e.from_status, e.to_status, e.step, e.note)
        for e in views.history(db, number)
    ]
    assert trail == [
        ("申请人", RECEIVED, None, "已登记", "登记", ""),
        ("李科员", date(2025, 10, 9), "已登记", "办理中", "受理", ""),
        ("李科员", date(2025, 10, 10), "办理中", "待补正", "告知补正", "请写明项目名称"),
        ("李科员", date(2025, 10, 20), "待补正", "办理中", "收到补正", ""),
        ("张主任", date(2025, 11, 3), "办理中", "已答复", "答复", ""),
    ]
    assert all(e.at.tzinfo is not None for e in views.history(db, number))


def test_supplement_must_be_asked_within_seven_working_days(db: Database) -> None:
    number = accepted(db)
    with pytest.raises(IllegalTransition) as error:
        review.request_supplement(
            db, number, actor="李科员", on=date(2025, 10, 17), supplement_due=date(2025, 10, 31)
        )
    assert str(error.value) == (
        f"不能将申请{number}从“办理中”改为“待补正”：补正须在收到申请之日起7个工作日内"
        "（最迟2025-10-16）一次性告知（第三十条）"
    )
    review.request_supplement(
        db, number, actor="李科员", on=date(2025, 10, 16), supplement_due=date(2025, 10, 31)
    )


def test_supplement_is_asked_only_once(db: Database) -> None:
    number = accepted(db)
    review.request_supplement(
        db, number, actor="李科员", on=date(2025, 10, 9), supplement_due=date(2025, 10, 20)
    )
    review.receive_supplement(db, number, actor="李科员", on=date(2025, 10, 10))
    with pytest.raises(IllegalTransition, match="补正只能一次性告知（第三十条）"):
        review.request_supplement(
            db, number, actor="李科员", on=date(2025, 10, 13), supplement_due=date(2025, 10, 27)
        )


def test_supplement_period_must_lie_after_the_notice(db: Database) -> None:
    number = accepted(db)
    with pytest.raises(IllegalTransition, match="补正期限2025-10-09不能早于告知日期2025-10-09"):
        review.request_supplement(
            db, number, actor="李科员", on=date(2025, 10, 9), supplement_due=date(2025, 10, 9)
        )


def test_abandonment_only_after_the_supplement_period(db: Database) -> None:
    number = accepted(db)
    review.request_supplement(
        db, number, actor="李科员", on=date(2025, 10, 9), supplement_due=date(2025, 10, 20)
    )
    with pytest.raises(IllegalTransition, match="补正期限2025-10-20尚未届满，不能视为放弃申请"):
        review.mark_abandoned(db, number, actor="李科员", on=date(2025, 10, 20))
    review.mark_abandoned(db, number, actor="李科员", on=date(2025, 10, 21))
    assert views.queue(db, date(2025, 10, 21)) == []
    events = views.history(db, number)
    assert (events[-1].from_status, events[-1].to_status) == ("待补正", "视为放弃")


def test_abandoned_request_counts_as_other_handling(db: Database) -> None:
    number = accepted(db)
    review.request_supplement(
        db, number, actor="李科员", on=date(2025, 10, 9), supplement_due=date(2025, 10, 20)
    )
    review.mark_abandoned(db, number, actor="李科员", on=date(2025, 10, 21))
    table = section3_for(db, APPLICATION.agency, 2025)
    row = "其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    assert table.value(row, "自然人") == 1
    assert table.value("总计", "总计") == 1


def test_extension_adds_working_days_once_with_approval(db: Database) -> None:
    number = accepted(db)
    with pytest.raises(IllegalTransition, match="延长的期限最长不得超过20个工作日"):
        review.extend(db, number, actor="李科员", on=date(2025, 11, 3), days=21, approver="张主任")
    with pytest.raises(IllegalTransition, match="须经政府信息公开工作机构负责人同意"):
        review.extend(db, number, actor="李科员", on=date(2025, 11, 3), days=20, approver=" ")
    with pytest.raises(IllegalTransition, match="延期须在原答复期限2025-11-04届满前决定"):
        review.extend(db, number, actor="李科员", on=date(2025, 11, 5), days=20, approver="张主任")
    review.extend(db, number, actor="李科员", on=date(2025, 11, 4), days=20, approver="张主任")
    assert state(db, number) == ("已延期", date(2025, 12, 2))
    assert views.history(db, number)[-1].note == "延长20个工作日，经张主任同意"
    with pytest.raises(IllegalTransition, match="且只能延长一次（第三十三条）"):
        review.extend(db, number, actor="李科员", on=date(2025, 11, 5), days=5, approver="张主任")


def test_consultation_stops_the_clock(db: Database) -> None:
    number = accepted(db)
    review.start_consultation(db, number, actor="李科员", on=date(2025, 10, 13))
    items = views.queue(db, date(2025, 10, 14))
    assert (items[0].status, items[0].due_date, items[0].due_estimated) == (
        "征求意见",
        date(2025, 11, 25),
        True,
    )
    review.end_consultation(db, number, actor="李科员", on=date(2025, 10, 20))
    assert state(db, number) == ("办理中", date(2025, 11, 11))
    with pytest.raises(
        IllegalTransition,
        match="本申请没有在征求第三方意见（第三十二条）|不能登记收到第三方意见（第三十二条）",
    ):
        review.end_consultation(db, number, actor="李科员", on=date(2025, 10, 21))


def test_consultation_after_extension_returns_to_extended(db: Database) -> None:
    number = accepted(db)
    review.extend(db, number, actor="李科员", on=date(2025, 10, 31), days=10, approver="张主任")
    review.start_consultation(db, number, actor="李科员", on=date(2025, 11, 3))
    review.end_consultation(db, number, actor="李科员", on=date(2025, 11, 5))
    # 11-04 + 10 working days = 11-18, plus the paused 11-04 and 11-05 = 11-20.
    assert state(db, number) == ("已延期", date(2025, 11, 20))
    review.reply(
        db,
        number,
        actor="张主任",
        on=date(2025, 11, 20),
        result="予以公开",
        reply_text="同意公开。",
    )


@pytest.mark.parametrize(
    ("result", "reply_text", "reason"),
    [
        (
            "同意公开",
            "文本",
            "“同意公开”不是有效的办理结果，应为2021年格式年报表三“本年度办理结果”的一项",
        ),
        (
            "其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "文本",
            "“逾期不补正”只能通过“视为放弃”办结，不能作为答复结果（第三十条）",
        ),
        ("予以公开", "  ", "答复内容不能为空"),
    ],
)
def test_reply_needs_a_valid_result_and_text(
    db: Database, result: str, reply_text: str, reason: str
) -> None:
    number = accepted(db)
    with pytest.raises(IllegalTransition) as error:
        review.reply(
            db, number, actor="张主任", on=date(2025, 10, 10), result=result, reply_text=reply_text
        )
    assert str(error.value) == f"不能将申请{number}从“办理中”改为“已答复”：{reason}"


def test_registered_request_cannot_be_answered_before_acceptance(db: Database) -> None:
    number = register(db)
    with pytest.raises(
        IllegalTransition, match="从“已登记”改为“已答复”：“已登记”之后只能是：办理中"
    ):
        review.reply(
            db, number, actor="张主任", on=date(2025, 10, 9), result="予以公开", reply_text="同意。"
        )
    assert len(views.history(db, number)) == 1  # nothing recorded


def test_dates_cannot_go_backwards(db: Database) -> None:
    number = register(db)
    with pytest.raises(IllegalTransition, match="办理日期2025-09-29不能早于收到申请日期2025-09-30"):
        review.accept(db, number, actor="李科员", on=date(2025, 9, 29))
    review.accept(db, number, actor="李科员", on=date(2025, 10, 10))
    with pytest.raises(IllegalTransition, match="办理日期2025-10-09不能早于上一步的日期2025-10-10"):
        review.extend(db, number, actor="李科员", on=date(2025, 10, 9), days=5, approver="张主任")


def test_unknown_number(db: Database) -> None:
    with pytest.raises(UnknownRequest, match="没有受理编号为GK-2025-999999的申请"):
        review.accept(db, "GK-2025-999999", actor="李科员", on=date(2025, 10, 9))


def test_queue_is_sorted_by_deadline_with_flags(db: Database) -> None:
    late = register(db, content="甲", submitted_on=date(2025, 9, 1))  # due Sunday 09-28 (调休)
    soon = register(db, content="乙", submitted_on=date(2025, 9, 30))  # due 2025-11-04
    later = register(db, content="丙", submitted_on=date(2025, 10, 20))  # due 2025-11-17
    closed = accepted(db)
    review.reply(
        db, closed, actor="张主任", on=date(2025, 10, 10), result="予以公开", reply_text="是"
    )
    items = views.queue(db, date(2025, 10, 30))
    assert [(i.number, i.due_date, i.overdue, i.due_within_3_days) for i in items] == [
        (late, date(2025, 9, 28), True, False),
        (soon, date(2025, 11, 4), False, True),
        (later, date(2025, 11, 17), False, False),
    ]
    assert [i.number for i in views.queue(db, date(2025, 10, 30), overdue_only=True)] == [late]
    assert views.queue(db, date(2025, 10, 30), agency="别的机关") == []


def test_status_lookup_follows_the_review(db: Database) -> None:
    receipt = submit(db, APPLICATION, now=NOW)
    review.accept(db, receipt.number, actor="李科员", on=date(2025, 10, 9))
    review.reply(
        db,
        receipt.number,
        actor="张主任",
        on=date(2025, 10, 20),
        result="予以公开",
        reply_text="请于工作日到政务服务大厅领取。",
    )
    view = lookup(db, receipt.number, receipt.verification_code)
    assert view is not None
    assert (view.status, view.result, view.closed_date, view.reply_text) == (
        "已答复",
        "予以公开",
        date(2025, 10, 20),
        "请于工作日到政务服务大厅领取。",
    )
