"""The 条例's rules on the review steps, each refusal naming its article; the cases of
issue 12's "Why" as regression tests.

A request received on Monday 2025-03-03 is due 2025-03-31 (20 working days); the last day
to ask for 补正 is 2025-03-12 (7 working days).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from assistant.db import Database
from assistant.requests import review, views
from assistant.requests.errors import IllegalTransition
from assistant.requests.intake import lookup, submit
from assistant.requests.models import Request
from assistant.requests.report import section3_for
from assistant.requests.texts import render_status
from assistant.requests.validation import Application

RECEIVED = date(2025, 3, 3)
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
NOW = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)
ACTOR = "李科员"


def register(db: Database, content: str = APPLICATION.content) -> str:
    return submit(db, replace(APPLICATION, content=content), now=NOW).number


def accepted(db: Database) -> str:
    number = register(db)
    review.accept(db, number, actor=ACTOR, on=date(2025, 3, 4))
    return number


def state(db: Database, number: str) -> tuple[str, date, bool]:
    with db.session() as session:
        request = session.scalar(select(Request).where(Request.number == number))
        assert request is not None
        return request.status, request.due_date, request.due_estimated


def refused(error: pytest.ExceptionInfo[IllegalTransition], number: str, text: str) -> None:
    assert str(error.value) == text.format(number=number)


# --- 第三十条: 补正 ------------------------------------------------------------------------


def test_why_1_supplement_received_without_a_notice_is_refused(db: Database) -> None:
    number = register(db)  # still 已登记
    with pytest.raises(IllegalTransition) as error:
        review.receive_supplement(db, number, actor=ACTOR, on=date(2025, 3, 28))
    refused(
        error,
        number,
        "不能将申请{number}从“已登记”改为“办理中”：本申请没有待补正的告知："
        "答复期限只在一次性告知补正后才自收到补正之日起重新计算（第三十条）",
    )
    assert state(db, number) == ("已登记", date(2025, 3, 31), False)  # not 2025-04-27
    assert [e.step for e in views.history(db, number)] == ["登记"]


def test_why_1_supplement_received_during_a_consultation_is_refused(db: Database) -> None:
    number = accepted(db)
    review.start_consultation(db, number, actor=ACTOR, on=date(2025, 3, 10))
    before = state(db, number)
    with pytest.raises(IllegalTransition, match=r"自收到补正之日起重新计算（第三十条）$"):
        review.receive_supplement(db, number, actor=ACTOR, on=date(2025, 3, 20))
    assert state(db, number) == before == ("征求意见", date(2025, 4, 22), True)


def test_why_1_supplement_received_after_an_extension_is_refused(db: Database) -> None:
    number = accepted(db)
    review.extend(db, number, actor=ACTOR, on=date(2025, 3, 28), days=20, approver="张主任")
    with pytest.raises(IllegalTransition, match=r"“已延期”改为“办理中”.*（第三十条）$"):
        review.receive_supplement(db, number, actor=ACTOR, on=date(2025, 4, 1))
    assert state(db, number) == ("已延期", date(2025, 4, 28), False)


def test_supplement_notice_on_the_seventh_working_day_is_allowed(db: Database) -> None:
    number = accepted(db)
    with pytest.raises(IllegalTransition) as error:
        review.request_supplement(
            db, number, actor=ACTOR, on=date(2025, 3, 13), supplement_due=date(2025, 3, 20)
        )
    # Why 8: the last allowed day is named as allowed ("最迟"), not as a day before it.
    refused(
        error,
        number,
        "不能将申请{number}从“办理中”改为“待补正”：补正须在收到申请之日起7个工作日内"
        "（最迟2025-03-12）一次性告知（第三十条）",
    )
    review.request_supplement(
        db, number, actor=ACTOR, on=date(2025, 3, 12), supplement_due=date(2025, 3, 20)
    )
    review.receive_supplement(db, number, actor=ACTOR, on=date(2025, 3, 18))
    assert state(db, number) == ("办理中", date(2025, 4, 16), False)  # restarted on 03-18


def test_no_supplement_notice_after_an_extension_or_during_a_consultation(db: Database) -> None:
    number = accepted(db)
    review.start_consultation(db, number, actor=ACTOR, on=date(2025, 3, 5))
    with pytest.raises(IllegalTransition, match=r"一次性告知（第三十条）$"):
        review.request_supplement(
            db, number, actor=ACTOR, on=date(2025, 3, 6), supplement_due=date(2025, 3, 20)
        )


# --- 第三十二条 / 第三十三条: consultation and extension ------------------------------------


def test_why_2_one_extension_and_the_consultation_goes_on(db: Database) -> None:
    number = accepted(db)
    review.start_consultation(db, number, actor=ACTOR, on=date(2025, 3, 10))
    # Extending during the consultation records an extension, not the third party's opinion.
    review.extend(db, number, actor=ACTOR, on=date(2025, 3, 12), days=20, approver="张主任")
    last = views.history(db, number)[-1]
    assert (last.step, last.from_status, last.to_status, last.note) == (
        "延长答复期限",
        "征求意见",
        "征求意见",
        "延长20个工作日，经张主任同意",
    )
    # Still paused, assuming the third party's full 15 working days: estimated.
    assert state(db, number) == ("征求意见", date(2025, 5, 22), True)
    with pytest.raises(IllegalTransition) as error:
        review.extend(db, number, actor=ACTOR, on=date(2025, 3, 13), days=5, approver="张主任")
    refused(
        error,
        number,
        "不能对申请{number}办理“延长答复期限”（当前状态“征求意见”）："
        "答复期限只能延长一次（第三十三条），本申请已于2025-03-12延长20个工作日",
    )
    review.end_consultation(db, number, actor=ACTOR, on=date(2025, 3, 24))
    # (03-10, 03-24] not counted: 20 + 20 working days from 03-03 end on 05-15.
    assert state(db, number) == ("已延期", date(2025, 5, 15), False)
    review.start_consultation(db, number, actor=ACTOR, on=date(2025, 3, 25))
    review.end_consultation(db, number, actor=ACTOR, on=date(2025, 3, 26))
    with pytest.raises(IllegalTransition, match=r"且只能延长一次（第三十三条）$"):
        review.extend(db, number, actor=ACTOR, on=date(2025, 3, 27), days=5, approver="张主任")
    steps = [e.step for e in views.history(db, number)]
    assert steps.count("延长答复期限") == 1


def test_extension_needs_an_approver_and_at_most_twenty_days(db: Database) -> None:
    number = accepted(db)
    with pytest.raises(IllegalTransition) as error:
        review.extend(db, number, actor=ACTOR, on=date(2025, 3, 20), days=20, approver="")
    refused(
        error,
        number,
        "不能将申请{number}从“办理中”改为“已延期”：延期须经政府信息公开工作机构负责人同意，"
        "请写明批准人（第三十三条）",
    )
    with pytest.raises(IllegalTransition, match=r"不得超过20个工作日（第三十三条）$"):
        review.extend(db, number, actor=ACTOR, on=date(2025, 3, 20), days=21, approver="张主任")
    with pytest.raises(IllegalTransition, match=r"2025-03-31届满前决定并告知申请人（第三十三条）$"):
        review.extend(db, number, actor=ACTOR, on=date(2025, 4, 1), days=5, approver="张主任")


def test_why_3_third_party_opinion_while_awaiting_supplement_is_refused(db: Database) -> None:
    number = accepted(db)
    review.request_supplement(
        db, number, actor=ACTOR, on=date(2025, 3, 5), supplement_due=date(2025, 3, 19)
    )
    with pytest.raises(IllegalTransition) as error:
        review.end_consultation(db, number, actor=ACTOR, on=date(2025, 3, 10))
    refused(
        error,
        number,
        "不能将申请{number}从“待补正”改为“办理中”：本申请没有在征求第三方意见，"
        "不能登记收到第三方意见（第三十二条）",
    )
    assert views.history(db, number)[-1].step == "告知补正"


# --- Why 4: a request awaiting 补正 is not overdue ------------------------------------------


def test_why_4_awaiting_supplement_is_neither_overdue_in_the_queue_nor_on_the_status_page(
    db: Database,
) -> None:
    receipt = submit(db, APPLICATION, now=NOW)
    number = receipt.number
    review.accept(db, number, actor=ACTOR, on=date(2025, 3, 4))
    review.request_supplement(
        db, number, actor=ACTOR, on=date(2025, 3, 5), supplement_due=date(2025, 4, 30)
    )
    today = date(2025, 4, 10)  # past the original 2025-03-31
    [item] = views.queue(db, today)
    assert (item.status, item.overdue, item.due_within_3_days, item.waiting_until) == (
        "待补正",
        False,
        False,
        date(2025, 4, 30),
    )
    assert views.queue(db, today, overdue_only=True) == []
    view = lookup(db, number, receipt.verification_code)
    assert view is not None
    assert render_status(view).splitlines()[3] == (
        "答复期限：自收到补正之日起20个工作日内答复（请于2025-04-30前补正）"
    )


# --- 第四十二条 and the 办法: 信息处理费 ----------------------------------------------------


def test_fee_notice_stops_the_clock_until_payment(db: Database) -> None:
    number = accepted(db)
    with pytest.raises(IllegalTransition, match=r"最多两位小数（第四十二条）$"):
        review.notify_fee(
            db, number, actor=ACTOR, on=date(2025, 3, 10), amount="0", basis="按件计收"
        )
    with pytest.raises(IllegalTransition, match=r"收费依据应为：按件计收、按量计收"):
        review.notify_fee(db, number, actor=ACTOR, on=date(2025, 3, 10), amount="100", basis="按次")
    review.notify_fee(db, number, actor=ACTOR, on=date(2025, 3, 10), amount="300", basis="按件计收")
    with db.session() as session:
        request = session.scalar(select(Request).where(Request.number == number))
        assert request is not None
        assert (request.status, str(request.fee_amount), request.fee_due) == (
            "待缴费",
            "300.00",
            date(2025, 4, 8),  # 20 working days after the notice (清明 04-04 skipped)
        )
    [item] = views.queue(db, date(2025, 4, 3))
    assert (item.overdue, item.waiting_until) == (False, date(2025, 4, 8))
    review.record_fee_paid(db, number, actor=ACTOR, on=date(2025, 3, 17))
    # (03-10, 03-17] not counted: five working days more than 03-31.
    assert state(db, number) == ("办理中", date(2025, 4, 8), False)
    with pytest.raises(IllegalTransition, match=r"已于2025-03-10发出过收费通知（第四十二条）$"):
        review.notify_fee(
            db, number, actor=ACTOR, on=date(2025, 3, 18), amount="100", basis="按件计收"
        )


def test_unpaid_fee_closes_the_request_in_its_own_other_row(db: Database) -> None:
    number = accepted(db)
    review.notify_fee(
        db, number, actor=ACTOR, on=date(2025, 3, 10), amount="50.5", basis="按量计收"
    )
    with pytest.raises(IllegalTransition) as error:
        review.mark_abandoned(db, number, actor=ACTOR, on=date(2025, 4, 8))
    refused(
        error,
        number,
        "不能将申请{number}从“待缴费”改为“视为放弃”：缴费期限2025-04-08尚未届满，不能视为放弃申请"
        "（收到收费通知次日起20个工作日内缴纳，《政府信息公开信息处理费管理办法》）",
    )
    with pytest.raises(IllegalTransition) as error:
        review.record_fee_paid(db, number, actor=ACTOR, on=date(2025, 4, 9))
    refused(
        error,
        number,
        "不能将申请{number}从“待缴费”改为“办理中”：缴费期限2025-04-08已届满，"
        "逾期未缴纳的视为放弃申请（第四十二条、《政府信息公开信息处理费管理办法》）",
    )
    review.mark_abandoned(db, number, actor=ACTOR, on=date(2025, 4, 9))
    assert views.history(db, number)[-1].step == "逾期未缴费，视为放弃"
    table = section3_for(db, APPLICATION.agency, 2025)
    row = "其他处理/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    assert table.value(row, "自然人") == 1
    assert table.value("总计", "总计") == 1


def test_the_unpaid_fee_row_is_not_a_reply(db: Database) -> None:
    number = accepted(db)
    with pytest.raises(IllegalTransition, match=r"不能作为答复结果（第四十二条）$"):
        review.reply(
            db,
            number,
            actor=ACTOR,
            on=date(2025, 3, 10),
            result="其他处理/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            reply_text="未缴费",
        )


def test_payment_without_a_notice_is_refused(db: Database) -> None:
    number = accepted(db)
    with pytest.raises(
        IllegalTransition, match=r"没有待缴的信息处理费，不能登记缴费（第四十二条）$"
    ):
        review.record_fee_paid(db, number, actor=ACTOR, on=date(2025, 3, 10))


# --- after closing ---------------------------------------------------------------------


def test_nothing_after_closing(db: Database) -> None:
    number = accepted(db)
    review.reply(
        db, number, actor=ACTOR, on=date(2025, 3, 10), result="予以公开", reply_text="同意公开。"
    )
    with pytest.raises(IllegalTransition) as error:
        review.extend(db, number, actor=ACTOR, on=date(2025, 3, 11), days=5, approver="张主任")
    refused(
        error,
        number,
        "不能将申请{number}从“已答复”改为“已延期”：“已答复”是办结状态，不能再变更；"
        "对处理决定提起的行政复议、行政诉讼可另行登记（第五十一条）",
    )
