"""The request form's handler and the status look-up, called as gradio calls them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import gradio as gr
import pytest
from sqlalchemy import select

from assistant.requests.agencies import add_agency
from assistant.requests.deadlines import BUSINESS_TZ, business_date
from assistant.requests.models import Request
from assistant.services import Services
from assistant.settings import Settings
from assistant.ui.request_form import CONSENT_REQUIRED, FIELDS, RequestForm, field_errors
from assistant.ui.status import MISSING, status_markdown

VALID = {
    "agency": "平罗县城关镇人民政府",
    "applicant_type": "自然人",
    "name": "王小明",
    "id_number": "11010519491231002X",
    "phone": "13912345678",
    "address": "",
    "email": "wang@example.com",
    "content": "2024年城关镇老旧小区改造项目的批复文件",
    "form": "电子",
    "delivery": "电子邮件",
}


@pytest.fixture
def services(settings: Settings) -> Services:
    built = Services(settings)  # the form needs the database only, no model
    add_agency(built.db, VALID["agency"], "测试")  # the form takes only listed agencies
    return built


@pytest.fixture
def form(services: Services) -> Iterator[RequestForm]:
    with gr.Blocks():
        yield RequestForm(services, [VALID["agency"]])


def submit(form: RequestForm, consent: bool = True, **changes: str) -> dict[str, Any]:
    """The handler's outputs by name: result, each field's message, general, number."""
    values = {**VALID, **changes}
    outputs = form.submit(*(values[f] for f in FIELDS), consent)
    messages = dict(zip(FIELDS, outputs[1:-2], strict=True))
    shown = {f: m.value for f, m in messages.items() if m.visible}
    return {"result": outputs[0], "fields": shown, "general": outputs[-2], "number": outputs[-1]}


def stored(services: Services) -> list[Request]:
    with services.db.session() as session:
        return list(session.scalars(select(Request)))


def test_problems_map_to_their_form_fields() -> None:
    by_field, general = field_errors(
        {"居民身份证号码": "校验位不正确，请核对号码", "收到申请日期": "须填写"}
    )
    assert by_field == {"id_number": "居民身份证号码：校验位不正确，请核对号码"}
    assert general == ["收到申请日期：须填写"]


def test_a_valid_request_is_registered_online_today_and_shows_the_receipt(
    form: RequestForm, services: Services
) -> None:
    out = submit(form)
    [request] = stored(services)
    assert out["number"] == request.number
    assert f"**受理编号：{request.number}**" in out["result"]
    assert "**查询验证码：" in out["result"]
    assert out["fields"] == {} and out["general"].visible is False
    assert request.channel == "网络"
    assert request.received_date == business_date(datetime.now(BUSINESS_TZ))


def test_each_bad_field_gets_its_own_message_and_nothing_is_stored(
    form: RequestForm, services: Services
) -> None:
    out = submit(form, phone="12345", id_number="110105194912310021", content=" ")
    assert out["fields"] == {
        "id_number": "⚠ 居民身份证号码：校验位不正确，请核对号码",
        "phone": "⚠ 联系电话：格式不正确：手机号码为11位数字，固定电话如0952-6013731",
        "content": "⚠ 申请内容：不能为空，请填写所需政府信息的名称、文号或者便于查询的特征描述",
    }
    assert out["result"] == ""
    assert stored(services) == []


def test_an_organisation_is_checked_by_its_credit_code(form: RequestForm) -> None:
    out = submit(form, applicant_type="商业企业", id_number="91440300708461136A")
    assert out["fields"] == {"id_number": "⚠ 统一社会信用代码：校验位不正确，请核对代码"}


def test_without_consent_nothing_is_stored_and_field_problems_still_show(
    form: RequestForm, services: Services
) -> None:
    out = submit(form, consent=False, phone="")
    assert out["fields"] == {"phone": "⚠ 联系电话：不能为空"}
    assert out["general"].value == f"⚠ {CONSENT_REQUIRED}"
    assert stored(services) == []


def test_a_resubmission_is_refused_without_naming_the_first_number(form: RequestForm) -> None:
    """Whoever knows a person's name and ID number must not learn the person's 受理编号."""
    first = submit(form)["number"]
    again = submit(form)
    assert again["general"].value == (
        "⚠ 同一申请人已于24小时内提交过相同内容的申请，请勿重复提交；请用当时收到的受理编号和查询码查询进度"
    )
    assert first not in again["general"].value
    assert again["result"] == ""


def test_the_chat_prefills_only_what_it_knows() -> None:
    agency, content = RequestForm.fill({"content": "征地补偿标准", "agency": None})
    assert content == "征地补偿标准"
    assert agency == gr.skip()


def test_status_look_up_reads_the_same_for_a_wrong_code_and_an_unknown_number(
    form: RequestForm, services: Services
) -> None:
    out = submit(form)
    code = out["result"].split("查询验证码：")[1][:8]
    found = status_markdown(services, out["number"], code)
    assert found.startswith(f"受理编号：{out['number']}  \n办理状态：已登记")
    assert VALID["name"] not in found and VALID["phone"] not in found
    wrong = status_markdown(services, out["number"], "AAAAAAAA" if code != "AAAAAAAA" else "B" * 8)
    unknown = status_markdown(services, "GK-1999-000001", code)
    assert (
        wrong
        == unknown
        == "未查到该申请：受理编号或验证码不正确。请核对后重试；如遗失验证码，请联系受理机关。"
    )
    assert status_markdown(services, out["number"], " ") == MISSING
