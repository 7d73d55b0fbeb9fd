"""Intake: numbering, duplicate detection, the status look-up, and privacy."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from assistant.db import Database
from assistant.requests import review, views
from assistant.requests.errors import DuplicateRequest, InvalidApplication
from assistant.requests.export import to_json, to_markdown, write_xlsx
from assistant.requests.intake import lookup, submit
from assistant.requests.models import Request
from assistant.requests.report import section3_for
from assistant.requests.texts import render_receipt, render_status
from assistant.requests.validation import Application

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
APPLICATION = Application(
    agency="平罗县城关镇人民政府",
    applicant_type="自然人",
    applicant_name="王小明",
    id_number="11010519491231002X",
    phone="13912345678",
    address="宁夏平罗县城关镇鼓楼路18号",
    email="wxm@example.com",
    content="2025年城关镇老旧小区改造项目的批复文件",
    channel="网络",
    form="电子",
    delivery="电子邮件",
    confirmed_on=date(2026, 3, 2),
)
PERSONAL = ("王小明", "11010519491231002X", "13912345678", "宁夏平罗县城关镇鼓楼路18号", "wxm@")


def test_receipt_gives_number_code_and_deadline(db: Database) -> None:
    first = submit(db, APPLICATION, now=NOW)
    second = submit(db, replace(APPLICATION, content="另一份文件"), now=NOW)
    assert (first.number, second.number) == ("GK-2026-000001", "GK-2026-000002")
    assert first.received_date == date(2026, 3, 2)
    assert first.due_date == date(2026, 3, 30)
    assert len(first.verification_code) == 8
    assert first.verification_code not in repr(first)
    text = render_receipt(first)
    assert "受理编号：GK-2026-000001" in text
    assert f"查询验证码：{first.verification_code}" in text
    assert "答复期限：2026-03-30" in text


def test_code_is_stored_only_as_a_hash(db: Database) -> None:
    receipt = submit(db, APPLICATION, now=NOW)
    with db.session() as session:
        stored = session.scalar(select(Request.code_hash))
    assert stored is not None and stored.startswith("$argon2id$")
    assert receipt.verification_code not in stored


def test_invalid_application_stores_nothing(db: Database) -> None:
    with pytest.raises(InvalidApplication, match="联系电话：格式不正确"):
        submit(db, replace(APPLICATION, phone="555"), now=NOW)
    with db.session() as session:
        assert session.scalar(select(Request.id)) is None


def test_resubmission_within_a_day_is_refused(db: Database) -> None:
    first = submit(db, APPLICATION, now=NOW)
    again = replace(APPLICATION, content="  2025年城关镇老旧小区改造项目的\n批复文件 ")
    with pytest.raises(DuplicateRequest) as error:
        submit(db, again, now=NOW + timedelta(hours=23))
    assert error.value.existing_number == first.number
    assert str(error.value) == (
        "同一申请人已于24小时内提交过相同内容的申请，请勿重复提交；请用当时收到的受理编号和查询码查询进度"
    )
    # After a day, or from another applicant, the same content is a new request.
    assert submit(db, again, now=NOW + timedelta(hours=25)).number == "GK-2026-000002"
    other = replace(APPLICATION, applicant_name="李华", id_number="110105194912310021")
    with pytest.raises(InvalidApplication):  # that ID's checksum is wrong
        submit(db, other, now=NOW)
    other = replace(other, id_number="440524188001010014")
    assert submit(db, other, now=NOW).number == "GK-2026-000003"


def test_lookup_needs_number_and_code_and_never_tells_which_was_wrong(db: Database) -> None:
    receipt = submit(db, APPLICATION, now=NOW)
    view = lookup(db, receipt.number.lower(), receipt.verification_code.lower())
    assert view is not None
    assert (view.number, view.status, view.due_date) == (
        "GK-2026-000001",
        "已登记",
        date(2026, 3, 30),
    )
    wrong_code = lookup(db, receipt.number, "AAAAAAAA")
    unknown_number = lookup(db, "GK-2026-000999", receipt.verification_code)
    assert wrong_code is None and unknown_number is None
    assert render_status(wrong_code) == render_status(unknown_number)
    assert render_status(None).startswith("未查到该申请：受理编号或验证码不正确。")


def test_personal_data_reaches_no_export_lookup_or_log(
    db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    receipt = submit(db, APPLICATION, now=NOW)
    review.accept(db, receipt.number, actor="李科员", on=date(2026, 3, 3))
    review.reply(
        db,
        receipt.number,
        actor="张主任",
        on=date(2026, 3, 10),
        result="予以公开",
        reply_text="已通过电子邮件提供。",
    )
    with pytest.raises(DuplicateRequest) as duplicate:
        submit(db, APPLICATION, now=NOW)
    with pytest.raises(InvalidApplication) as invalid:
        submit(db, replace(APPLICATION, phone="1391234567"), now=NOW)

    table = section3_for(db, APPLICATION.agency, 2026)
    assert table.value("予以公开", "自然人") == 1
    xlsx = tmp_path / "t.xlsx"
    write_xlsx(table, APPLICATION.agency, xlsx)
    sheet_text = " ".join(
        str(cell.value) for row in load_workbook(xlsx).active.iter_rows() for cell in row
    )
    shown = [
        json.dumps(to_json(table, APPLICATION.agency), ensure_ascii=False),
        to_markdown(table, APPLICATION.agency),
        sheet_text,
        render_status(lookup(db, receipt.number, receipt.verification_code)),
        repr(lookup(db, receipt.number, receipt.verification_code)),
        str(duplicate.value),
        str(invalid.value),
        caplog.text,
    ]
    assert "GK-2026-000001" in caplog.text  # the log does record what happened
    for text in shown:
        for value in PERSONAL:
            assert value not in text
        assert "1391234567" not in text
    # Staff's own queue is where the name is shown.
    other = submit(db, replace(APPLICATION, content="另一份"), now=NOW)
    assert [item.applicant_name for item in views.queue(db, date(2026, 3, 3))] == ["王小明"]
    assert other.number == "GK-2026-000002"
