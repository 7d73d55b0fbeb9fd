"""Form fields refuse NUL, control and bidi characters with a per-field message; database
errors reach the log, never the citizen; ID numbers are checked by python-stdnum."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select, text

from assistant.requests.models import Request
from tests.security.appserver import App, application, call, shown_problems

CHARACTERS = "含有不允许的控制字符或文字方向控制符，请删除后重新填写"


def stored(app: App) -> int:
    with app.services.db.session() as session:
        return session.scalar(select(func.count()).select_from(Request)) or 0


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("name", "王\x00小明", "申请人姓名或名称"),  # NUL: PostgreSQL once answered with the SQL
        ("name", "王小明\u202e", "申请人姓名或名称"),  # right-to-left override
        ("phone", "139\x1b[2J12345678", "联系电话"),  # a terminal escape
        ("email", "wxm@example.cn\n", "电子邮箱"),
        ("content", "请公开\u2066某文件\u2069", "申请内容"),  # isolates
        ("content", "请公开\x07某文件", "申请内容"),
    ],
)
def test_control_and_bidi_characters_are_refused_per_field(
    app: App, field: str, value: str, shown: str
) -> None:
    with app.client() as client:
        outputs = call(client, "submit_request", application(**{field: value}))
    assert shown_problems(outputs) == [f"⚠ {shown}：{CHARACTERS}"]
    assert stored(app) == 0


def test_line_breaks_and_tabs_are_text_in_the_content(app: App) -> None:
    with app.client() as client:
        outputs = call(
            client, "submit_request", application(content="请公开：\n1. 甲文件\n\t2. 乙文件")
        )
    assert "**受理编号：GK-" in outputs[0]


@pytest.mark.parametrize(
    ("changes", "shown"),
    [
        ({"id_number": "110105194912310021"}, "⚠ 居民身份证号码：校验位不正确，请核对号码"),
        ({"id_number": "110105194902300024"}, "⚠ 居民身份证号码：出生日期部分无效"),
        (
            {"applicant_type": "商业企业", "id_number": "91440300708461136A"},
            "⚠ 统一社会信用代码：校验位不正确，请核对代码",
        ),
        (
            {"applicant_type": "商业企业", "id_number": "9144030070846113"},
            "⚠ 统一社会信用代码：应为18位统一社会信用代码（数字和大写字母，不含I、O、Z、S、V）",
        ),
    ],
)
def test_id_numbers_are_checked(app: App, changes: dict[str, str], shown: str) -> None:
    with app.client() as client:
        outputs = call(client, "submit_request", application(**changes))
    assert shown_problems(outputs) == [shown]


def test_a_database_error_reaches_the_log_not_the_citizen(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    with app.services.db.session() as session:  # any failure the database may report
        session.execute(text("DROP TABLE request_events"))
    with app.client() as client:
        outputs = call(client, "submit_request", application())
    assert shown_problems(outputs) == ["⚠ 系统暂时出现问题，请稍后再试。"]
    [failure] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert failure.getMessage() == "request intake failed"
    assert "request_events" in str(failure.exc_info[1])
    assert "王小明" not in str(failure.exc_info[1])  # hide_parameters: no values in the text


@pytest.mark.parametrize("name", ["审核员\x1b[31m", "审核员\u202e", "审核\u200b员"])
def test_staff_names_refuse_control_and_format_characters(app: App, name: str) -> None:
    from assistant.staff import StaffError, add_user

    with pytest.raises(StaffError, match="^用户名不能含控制字符或文字方向控制符$"):
        add_user(app.services.db, name, "long-enough-password")
