"""Intake limits per client and per ID/phone number, over the real form endpoint; staff
marking a request as spam takes it out of the queue and the statistics, with an audit line."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select
from stdnum.cn import ric

from assistant.requests.deadlines import BUSINESS_TZ, business_date
from assistant.requests.models import Request
from assistant.requests.report import section3_for
from assistant.tables.schema import NEW_REQUESTS
from tests.security.appserver import AGENCIES, App, application, call, shown_problems

PER_PERSON = "⚠ 同一身份证明号码或联系电话24小时内最多提交5件申请，请24小时后再提交"
PER_CLIENT = "⚠ 提交过于频繁：同一网络地址每小时最多提交10件申请，请稍后再提交"


def person(number: int) -> dict[str, str]:
    """A distinct applicant: valid ID number (born 1980-01-01) and phone of their own."""
    body = f"11010519800101{number:03d}"
    return {
        "name": f"申请人{number}",
        "id_number": body + ric.calc_check_digit(body + "0"),
        "phone": f"139{number:08d}",
    }


def file(app: App, via: str, number: int, index: int) -> list[str]:
    """One request of applicant `number` from client `via`; the messages shown."""
    with app.client() as client:
        client.headers["X-Forwarded-For"] = via
        fields = {**person(number), "content": f"请公开第{index}号文件"}
        outputs = call(client, "submit_request", application(**fields))
    return ["ok"] if "**受理编号：GK-" in outputs[0] else shown_problems(outputs)


def stored(app: App) -> int:
    with app.services.db.session() as session:
        return session.scalar(select(func.count()).select_from(Request)) or 0


def test_one_applicant_files_at_most_five_a_day(app: App) -> None:
    replies = [file(app, f"203.0.113.{i}", 1, i) for i in range(6)]
    assert replies == [["ok"]] * 5 + [[PER_PERSON]]
    # The same phone with another ID number counts as the same applicant.
    with app.client() as client:
        client.headers["X-Forwarded-For"] = "203.0.113.99"
        changed = {**person(1), "id_number": person(2)["id_number"], "content": "请公开另一文件"}
        assert shown_problems(call(client, "submit_request", application(**changed))) == [
            PER_PERSON
        ]
    assert file(app, "203.0.113.100", 3, 0) == ["ok"]
    assert stored(app) == 6


def test_one_client_files_at_most_ten_an_hour(app: App) -> None:
    """The issue's script filed 100 requests in 9 s, each a different applicant."""
    replies = [file(app, "198.51.100.7", number, 0) for number in range(12)]
    assert replies == [["ok"]] * 10 + [[PER_CLIENT]] * 2
    assert file(app, "198.51.100.8", 20, 0) == ["ok"]  # another client is not held up
    assert stored(app) == 11


def test_staff_mark_spam_out_of_the_queue_and_the_statistics(app: App) -> None:
    assert file(app, "192.0.2.1", 1, 0) == ["ok"] and file(app, "192.0.2.1", 2, 0) == ["ok"]
    with app.services.db.session() as session:
        spam, kept = session.scalars(select(Request.number).order_by(Request.id)).all()
    year = business_date(datetime.now(BUSINESS_TZ)).year
    today = business_date(datetime.now(BUSINESS_TZ)).isoformat()
    assert section3_for(app.services.db, AGENCIES[0], year).value(NEW_REQUESTS, "总计") == 2

    with app.client(app.staff_token()) as staff:
        args = [spam, today, "", "", 20, "", None, "", "", None]  # + 收费金额, 计收方式
        (refused,) = call(staff, "mark_spam", args, prefix="/staff")
        assert refused == "⚠ 标记为垃圾申请须在备注中写明理由"
        args[2] = "脚本批量提交"
        (done,) = call(staff, "mark_spam", args, prefix="/staff")
        assert done == f"✓ {spam}：已完成“标记为垃圾申请”。"
        (again,) = call(staff, "mark_spam", args, prefix="/staff")
        assert again == f"⚠ 申请{spam}已标记为垃圾申请"
        queue, _, history = call(staff, "queue", [spam, "全部机关", False], prefix="/staff")

    assert [row[0] for row in queue["data"]] == [kept]
    last = history["data"][-1]
    assert last[2:] == ["审核员", "标记为垃圾申请", "已登记", "已登记", "脚本批量提交"]
    assert section3_for(app.services.db, AGENCIES[0], year).value(NEW_REQUESTS, "总计") == 1


@pytest.mark.parametrize("limit", [0, -1])
def test_the_limits_must_be_positive(limit: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic import ValidationError

    from assistant.settings import Settings

    monkeypatch.setenv("GOVQA_INTAKE_PER_CLIENT_PER_HOUR", str(limit))
    with pytest.raises(ValidationError, match="intake_per_client_per_hour"):
        Settings()
