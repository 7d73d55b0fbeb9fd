"""The staff console's new pieces: 行政复议诉讼, 节假日安排, fees, waiting requests in the
queue, flags from migration 0005, and section 四 in the exports."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from openpyxl import load_workbook

from assistant.db import Database
from assistant.requests import views
from assistant.requests.appeals import section4_for
from assistant.requests.intake import submit
from assistant.requests.models import Request
from assistant.requests.report import section3_for
from assistant.requests.validation import Application
from assistant.ui.staff.actions import perform
from assistant.ui.staff.cases import cases_table, record_case
from assistant.ui.staff.data import queue_table, request_markdown
from assistant.ui.staff.holidays import load_file, years_table
from assistant.ui.staff.statistics import write_exports
from tests.conftest import FIXTURES

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
    submitted_on=date(2025, 3, 3),
)


def registered(db: Database, application: Application = APPLICATION) -> str:
    return submit(db, application, now=datetime(2025, 3, 3, 2, tzinfo=UTC)).number


def test_cases_are_recorded_decided_and_listed(db: Database) -> None:
    number = registered(db)
    assert record_case(
        db, number, "李科员", "行政复议", "（行政复议不填）", "2025-04-01", "尚未审结", ""
    ) == (f"✓ {number}：已登记行政复议。")
    assert record_case(
        db, number.lower(), "李科员", "行政复议", "", "2025-05-01", "结果纠正", ""
    ) == (f"✓ {number}：已登记行政复议结果“结果纠正”。")
    assert record_case(db, number, "李科员", "行政诉讼", "", "2025-05-02", "尚未审结", "") == (
        f"⚠ 不能对申请{number}办理“登记行政诉讼”（当前状态“已登记”）："
        "行政诉讼须写明：未经复议直接起诉、复议后起诉（第五十一条）"
    )
    assert record_case(db, "", "李科员", "行政复议", "", "2025-05-02", "尚未审结", "") == (
        "⚠ 请先输入受理编号。"
    )
    assert record_case(db, number, "李科员", "行政复议", "", "2025-5-2x", "尚未审结", "") == (
        "⚠ 日期：“2025-5-2x”不是有效日期，应如2025-09-30"
    )
    table = cases_table(db, number)
    assert table.values.tolist() == [["行政复议", "", "2025-04-01", "结果纠正", "2025-05-01"]]
    assert section4_for(db, AGENCY, 2025).value("行政复议", "结果纠正") == 1


def test_loading_a_calendar_file_in_the_console(db: Database, tmp_path: Path) -> None:
    number = registered(
        db, Application(**{**APPLICATION.__dict__, "submitted_on": date(2027, 1, 25)})
    )
    message = load_file(db, str(FIXTURES / "calendar_2027.toml"), "李科员")
    assert message == (
        "✓ 已载入2027年节假日安排：放假29天，调休上班6天；1件未办结申请的答复期限改变。\n"
        f"- {number}：2027-02-24 → 2027-02-26"
    )
    assert years_table(db)[["年度", "载入人"]].values.tolist() == [[2027, "李科员"]]
    bad = tmp_path / "bad.toml"
    bad.write_text("year = 2027\n", encoding="utf-8")
    assert load_file(db, str(bad), "李科员") == f"⚠ {bad}：holidays：缺少放假日期"
    assert load_file(db, None, "李科员") == "⚠ 请先选择安排文件。"


def test_fee_steps_and_waiting_requests_in_the_console(db: Database) -> None:
    number = registered(db)
    assert perform(db, "受理", number, "李科员", "2025-03-04", "") == f"✓ {number}：已完成“受理”。"
    assert (
        perform(db, "收费通知", number, "李科员", "2025-03-10", "", amount="300", basis="按件计收")
        == f"✓ {number}：已完成“收费通知”。"
    )
    items = views.queue(db, date(2025, 4, 3))
    assert queue_table(items)["提示"].tolist() == ["等待申请人至2025-04-08"]
    detail = request_markdown(db, number)
    assert (
        "- **信息处理费**：300.00元（按件计收），2025-03-10通知，缴费期限2025-04-08，未缴" in detail
    )
    # 5 working days to 03-10, (03-10, 04-08] not counted, 15 more from 04-09 (04-27 调休).
    assert "- **答复期限**：缴费后继续计算（若于缴费期限当日缴纳，为2025-04-28）" in detail
    assert perform(db, "缴纳信息处理费", number, "李科员", "2025-03-17", "") == (
        f"✓ {number}：已完成“缴纳信息处理费”。"
    )


def test_flags_from_the_migration_are_shown_to_staff(db: Database) -> None:
    number = registered(db)
    with db.session() as session:
        request = session.query(Request).filter_by(number=number).one()
        request.rule_flags = "答复期限被延长了2次，只能延长一次（第三十三条）"
    assert "- **⚠ 办理记录问题**：答复期限被延长了2次，只能延长一次（第三十三条）" in (
        request_markdown(db, number)
    )


def test_exports_carry_section4(db: Database) -> None:
    number = registered(db)
    record_case(db, number, "李科员", "行政复议", "", "2025-04-01", "尚未审结", "")
    markdown, xlsx = write_exports(
        section3_for(db, AGENCY, 2025), AGENCY, section4_for(db, AGENCY, 2025)
    )
    assert "四、政府信息公开行政复议、行政诉讼情况" in Path(markdown).read_text(encoding="utf-8")
    book = load_workbook(xlsx)
    assert book.sheetnames == ["2025年表三", "2025年表四"]
    assert [book["2025年表四"].cell(5, c).value for c in range(1, 6)] == [0, 0, 0, 1, 1]
