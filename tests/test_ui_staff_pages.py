"""What the staff pages show and do: the queue, a request's detail, the actions, the table
三 with its exports and charts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assistant.db import Database
from assistant.requests import review, views
from assistant.requests.errors import UnknownRequest
from assistant.requests.export import to_markdown
from assistant.requests.intake import submit
from assistant.requests.report import section3_for
from assistant.requests.validation import Application
from assistant.ui.staff.actions import perform
from assistant.ui.staff.data import (
    highlighted,
    history_table,
    monthly_received,
    queue_table,
    request_markdown,
    results_by_category,
)
from assistant.ui.staff.statistics import write_exports

AGENCY = "平罗县城关镇人民政府"
APPLICATION = Application(
    agency=AGENCY,
    applicant_type="自然人",
    applicant_name="王小明",
    id_number="11010519491231002X",
    phone="13912345678",
    content="2025年城关镇老旧小区改造项目的批复文件",
    channel="当面",
    form="电子",
    delivery="自取",
)
NOW = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)


def register(db: Database, on: date, content: str, kind: str = "自然人") -> str:
    application = replace(APPLICATION, submitted_on=on, content=content, applicant_type=kind)
    if kind != "自然人":
        application = replace(application, id_number="91440300708461136T")
    return submit(db, application, now=NOW).number


def test_queue_is_sorted_by_deadline_with_overdue_and_nearly_due_flagged(db: Database) -> None:
    late = register(db, date(2025, 3, 3), "甲")  # due 2025-03-31
    soon = register(db, date(2025, 3, 12), "乙")  # due 2025-04-10
    later = register(db, date(2025, 4, 1), "丙")  # due 2025-04-29
    table = queue_table(views.queue(db, date(2025, 4, 8)))
    assert list(table["受理编号"]) == [late, soon, later]
    assert list(table["答复期限"]) == ["2025-03-31", "2025-04-10", "2025-04-29"]
    assert list(table["提示"]) == ["已逾期", "3个工作日内到期", ""]
    assert list(table["申请人"]) == ["王小明"] * 3
    colours = highlighted(table).to_html()
    assert "background-color: #f8d7da" in colours and "background-color: #fff3cd" in colours


def test_detail_shows_every_field_to_staff_and_names_an_unknown_number(db: Database) -> None:
    number = register(db, date(2025, 3, 3), "甲")
    detail = request_markdown(db, number.lower())
    for line in (
        f"- **受理编号**：{number}",
        "- **申请人姓名或名称**：王小明",
        "- **身份证明号码**：11010519491231002X",
        "- **联系电话**：13912345678",
        "- **申请内容**：甲",
        "- **答复期限**：2025-03-31",
    ):
        assert line in detail
    with pytest.raises(UnknownRequest, match="没有受理编号为GK-2025-999999的申请"):
        request_markdown(db, "GK-2025-999999")


def test_actions_run_through_the_review_rules_and_say_why_they_refuse(db: Database) -> None:
    number = register(db, date(2025, 3, 3), "甲")
    assert perform(
        db, "答复", number, "李科员", "2025-03-04", "", result="予以公开", reply_text="见附件"
    ) == (f"⚠ 不能将申请{number}从“已登记”改为“已答复”：“已登记”之后只能是：办理中")
    assert perform(db, "受理", number, "李科员", "2025-13-01", "") == (
        "⚠ 办理日期：“2025-13-01”不是有效日期，应如2025-09-30"
    )
    assert (
        perform(db, "受理", "", "李科员", "2025-03-04", "") == "⚠ 请先输入或在队列中选择受理编号。"
    )
    assert (
        perform(db, "受理", number.lower(), "李科员", "2025-03-04", "")
        == f"✓ {number}：已完成“受理”。"
    )
    assert perform(db, "延期", number, "李科员", "2025-03-05", "", days=20, approver="") == (
        f"⚠ 不能将申请{number}从“办理中”改为“已延期”："
        "延期须经政府信息公开工作机构负责人同意，请写明批准人（第三十三条）"
    )
    done = perform(
        db, "答复", number, "李科员", "2025-03-06", "", result="予以公开", reply_text="见附件"
    )
    assert done == f"✓ {number}：已完成“答复”。"
    history = history_table(views.history(db, number))
    assert list(history["步骤"]) == ["登记", "受理", "答复"]
    assert list(history["操作人"]) == ["申请人", "李科员", "李科员"]


def test_charts_count_requests_per_month_and_results_per_category(db: Database) -> None:
    first = register(db, date(2025, 3, 3), "甲")
    register(db, date(2025, 3, 20), "乙", kind="商业企业")
    register(db, date(2025, 10, 9), "丙")
    review.accept(db, first, actor="李科员", on=date(2025, 3, 4))
    review.reply(
        db,
        first,
        actor="李科员",
        on=date(2025, 3, 10),
        result="不予公开/属于国家秘密",
        reply_text="属于国家秘密",
    )
    months = monthly_received(db, AGENCY, 2025)
    assert list(months["新收申请（件）"]) == [0, 0, 2, 0, 0, 0, 0, 0, 0, 1, 0, 0]
    assert months["月份"][2] == "3月"
    results = results_by_category(section3_for(db, AGENCY, 2025))
    assert dict(zip(results["办理结果"], results["件数"], strict=True)) == {
        "予以公开": 0,
        "部分公开": 0,
        "不予公开": 1,
        "无法提供": 0,
        "不予处理": 0,
        "其他处理": 0,
    }


def test_exports_hold_the_same_table_as_markdown_and_xlsx(db: Database) -> None:
    register(db, date(2025, 3, 3), "甲")
    table = section3_for(db, AGENCY, 2025)
    markdown_path, xlsx_path = map(Path, write_exports(table, AGENCY))
    assert markdown_path.name == "表三-2025.md"
    assert markdown_path.read_text(encoding="utf-8") == to_markdown(table, AGENCY)
    sheet = load_workbook(xlsx_path).active
    assert sheet["A5"].value == "一、本年新收政府信息公开申请数量"
    assert [sheet.cell(5, column).value for column in range(4, 11)] == [1, 0, 0, 0, 0, 0, 1]
