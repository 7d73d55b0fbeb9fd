"""A fixed agency list on the public form; statistics exports whose file names never come
from input, whose cells are text; log lines that cannot be forged."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from assistant.logsafe import EscapingFormatter, escaped
from assistant.requests import intake
from assistant.requests.agencies import known_agencies
from assistant.requests.models import Request
from assistant.requests.report import section3_for
from assistant.requests.validation import Application
from assistant.staff.cli import main as staff_cli
from assistant.ui.staff.statistics import EXPORTS_DIR, write_exports
from tests.security.appserver import AGENCIES, App, CallError, application, call

HOSTILE_AGENCIES = [
    "../../../x",  # the export once wrote outside its folder
    "机关/子机关",  # a "/" once made the export fail and show a server path
    '=HYPERLINK("http://example.com/x","点此")',  # a formula in the xlsx
    "平罗县城关镇人民政府\n2026-12-01 govqa.app ready",  # a forged log line
]


def stored_requests(app: App) -> int:
    with app.services.db.session() as session:
        return session.scalar(select(func.count()).select_from(Request)) or 0


@pytest.mark.parametrize("agency", HOSTILE_AGENCIES)
def test_the_public_form_takes_only_listed_agencies(app: App, agency: str) -> None:
    with app.client() as client, pytest.raises(CallError) as refused:
        call(client, "submit_request", application(agency))
    assert "is not in the list of choices" in refused.value.payload["error"]
    assert stored_requests(app) == 0


def test_a_listed_agency_is_accepted(app: App) -> None:
    with app.client() as client:
        outputs = call(client, "submit_request", application(AGENCIES[1]))
    assert "**受理编号：GK-" in outputs[0]
    assert stored_requests(app) == 1


def test_intake_refuses_an_unlisted_agency_with_a_field_message(app: App) -> None:
    """The second line of defence, behind the dropdown: what the form's handler passes."""
    form = Application(
        agency="../../../x",
        applicant_type="自然人",
        applicant_name="王小明",
        id_number="11010519491231002X",
        phone="13912345678",
        content="请公开某文件",
        channel="网络",
        form="电子",
        delivery="电子邮件",
        email="wxm@example.cn",
        confirmed_on=date(2026, 3, 2),
    )
    with pytest.raises(intake.InvalidApplication) as refused:
        intake.submit(app.services.db, form, agencies=known_agencies(app.services.db))
    assert refused.value.problems == {"受理机关": "请从列表中选择受理机关"}
    assert intake.submit(app.services.db, replace(form, agency=AGENCIES[0]), agencies=AGENCIES)


def test_staff_add_an_agency_on_their_page(app: App) -> None:
    with app.client() as anonymous:
        assert (
            anonymous.post("/staff/gradio_api/call/add_agency", json={"data": ["某局"]}).status_code
            == 401
        )
    with app.client(app.staff_token()) as staff:
        table, message = call(staff, "add_agency", ["平罗县自然资源局"], prefix="/staff")
        assert message == "✓ 已添加：平罗县自然资源局"
        assert ["平罗县自然资源局", "工作人员添加"] in table["data"]
        for name in HOSTILE_AGENCIES:
            _, refused = call(staff, "add_agency", [name], prefix="/staff")
            assert refused.startswith("⚠ 机关名称不能含"), (name, refused)
        _, again = call(staff, "add_agency", [AGENCIES[0]], prefix="/staff")
        assert again == f"⚠ “{AGENCIES[0]}”已在受理机关列表中"
    assert known_agencies(app.services.db) == sorted([*AGENCIES, "平罗县自然资源局"])


def test_the_staff_cli_adds_and_lists_agencies(
    app: App, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = app.services.settings
    assert staff_cli(["add-agency", "淮安市财政局"], settings=settings) == 0
    assert staff_cli(["add-agency", "../x"], settings=settings) == 1
    assert staff_cli(["list-agencies"], settings=settings) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "已添加受理机关：淮安市财政局",
        *sorted([*AGENCIES, "淮安市财政局"]),
    ]
    assert err.startswith("错误：机关名称不能含")


@pytest.mark.parametrize("agency", HOSTILE_AGENCIES[:3])
def test_the_statistics_export_is_safe_whatever_the_agency(app: App, agency: str) -> None:
    """A request stored under a hostile name (entered before the list existed, or by staff):
    the export the staff page writes stays in its folder, is named after the year, and the
    name is text in the workbook. (The staff page's dropdown offers only stored agencies,
    so the page function is called as its button calls it.)"""
    form = Application(
        agency=agency,
        applicant_type="自然人",
        applicant_name="王小明",
        id_number="11010519491231002X",
        phone="13912345678",
        content="请公开某文件",
        channel="网络",
        form="电子",
        delivery="电子邮件",
        email="wxm@example.cn",
        confirmed_on=date(2026, 3, 2),
    )
    intake.submit(app.services.db, form)
    markdown, xlsx = map(Path, write_exports(section3_for(app.services.db, agency, 2026), agency))
    assert (markdown.name, xlsx.name) == ("表三-2026.md", "表三-2026.xlsx")
    assert markdown.parent == xlsx.parent and markdown.parent.parent == EXPORTS_DIR
    title = load_workbook(xlsx).active["A1"]
    assert title.data_type == "s"
    assert title.value == f"{agency}2026年度 三、收到和处理政府信息公开申请情况"
    assert f"### {agency}2026年度" in markdown.read_text(encoding="utf-8")


def test_logged_values_are_escaped(caplog: pytest.LogCaptureFixture) -> None:
    assert escaped("城关镇\n2026 forged\r\x1b[2J\u202e") == "城关镇\\n2026 forged\\r\\x1b[2J\\u202e"
    record = logging.LogRecord("govqa", logging.INFO, "x", 1, "agency %s", ("a\nb",), None)
    assert EscapingFormatter("%(name)s %(message)s").format(record) == "govqa agency a\\nb"


def test_a_registered_request_logs_its_agency_on_one_line(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="assistant.requests.intake")
    with app.client() as client:
        call(client, "submit_request", application())
    (line,) = [r.getMessage() for r in caplog.records if "registered request" in r.getMessage()]
    assert line.endswith(f"for {AGENCIES[0]}") and "\n" not in line
