"""Validation of submitted requests: one Chinese message per bad field, no personal data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from assistant.requests.errors import InvalidApplication
from assistant.requests.validation import (
    Application,
    is_valid_credit_code,
    is_valid_id_card,
    is_valid_phone,
    validate_application,
)
from assistant.requests.vocabulary import Channel, Delivery, Form

PERSON = Application(
    agency="平罗县城关镇人民政府",
    applicant_type="自然人",
    applicant_name="王小明",
    id_number="11010519491231002x",
    phone="139 1234 5678",
    content="  2024年城关镇老旧小区改造项目的  批复文件  ",
    channel="当面",
    form="纸质",
    delivery="邮寄",
    address="宁夏平罗县城关镇某路1号",
    submitted_on=date(2025, 9, 30),
)


def problems_of(app: Application) -> dict[str, str]:
    with pytest.raises(InvalidApplication) as error:
        validate_application(app)
    return error.value.problems


def test_a_valid_application_is_normalised() -> None:
    valid = validate_application(PERSON)
    assert valid.id_number == "11010519491231002X"
    assert valid.phone == "13912345678"
    assert valid.content == "2024年城关镇老旧小区改造项目的  批复文件"
    assert (valid.channel, valid.form, valid.delivery) == (
        Channel.IN_PERSON,
        Form.PAPER,
        Delivery.POST,
    )
    assert valid.received_date == date(2025, 9, 30)


def test_an_organisation_needs_a_valid_credit_code() -> None:
    company = replace(
        PERSON,
        applicant_type="商业企业",
        applicant_name="某某科技有限公司",
        id_number="91440300708461136T",
    )
    assert validate_application(company).applicant_type == "商业企业"
    assert problems_of(replace(company, id_number="91440300708461136A")) == {
        "统一社会信用代码": "校验位不正确，请核对代码"
    }
    assert problems_of(replace(company, id_number="9144030070846113")) == {
        "统一社会信用代码": "应为18位统一社会信用代码（数字和大写字母，不含I、O、Z、S、V）"
    }


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("11010519491231002X", None),
        ("110105194912310021", "校验位不正确，请核对号码"),
        ("110105194902300024", "出生日期部分无效"),  # 30 February
        ("1101051949123100", "应为18位居民身份证号码（最后一位可为X）"),
    ],
)
def test_id_card_checks(number: str, reason: str | None) -> None:
    assert is_valid_id_card(number) == reason


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91440300708461136T", None),
        ("91330100799655058B", None),
        ("91330100799655058C", "校验位不正确，请核对代码"),
        ("91330100799655058I", "应为18位统一社会信用代码（数字和大写字母，不含I、O、Z、S、V）"),
    ],
)
def test_credit_code_checks(code: str, reason: str | None) -> None:
    assert is_valid_credit_code(code) == reason


@pytest.mark.parametrize(
    ("phone", "valid"),
    [
        ("13912345678", True),
        ("0952-6013731", True),
        ("010-12345678", True),
        ("09526013731", True),
        ("0952-6013731-801", True),
        ("12912345678", False),
        ("1391234567", False),
        ("6013731", False),
    ],
)
def test_phone_numbers(phone: str, valid: bool) -> None:
    assert is_valid_phone(phone) is valid


def test_every_bad_field_is_reported_at_once() -> None:
    app = replace(
        PERSON,
        applicant_type="个人",
        phone="12345",
        content="   ",
        form="光盘",
        channel="电话",
    )
    assert problems_of(app) == {
        "申请人类型": "“个人”无效，应为：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他",
        "联系电话": "格式不正确：手机号码为11位数字，固定电话如0952-6013731",
        "申请内容": "不能为空，请填写所需政府信息的名称、文号或者便于查询的特征描述",
        "获取信息的形式": "“光盘”无效，应为：纸质、电子",
        "提交渠道": "“电话”无效，应为：网络、当面、邮寄、传真",
    }


def test_missing_name_id_and_phone() -> None:
    app = replace(PERSON, applicant_name=" ", id_number="", phone="")
    assert problems_of(app) == {
        "申请人姓名或名称": "不能为空",
        "居民身份证号码": "不能为空",
        "联系电话": "不能为空",
    }
    assert problems_of(replace(app, applicant_type="", applicant_name="某某")) == {
        "申请人类型": "不能为空",
        "身份证明号码": "不能为空",
        "联系电话": "不能为空",
    }


def test_delivery_needs_its_contact_detail() -> None:
    assert problems_of(replace(PERSON, address="")) == {"通信地址": "选择邮寄时必须填写"}
    by_email = replace(PERSON, form="电子", delivery="电子邮件")
    assert problems_of(by_email) == {"电子邮箱": "选择电子邮件时必须填写"}
    assert problems_of(replace(by_email, email="wang@")) == {
        "电子邮箱": "格式不正确，应如name@example.com"
    }
    assert problems_of(replace(by_email, form="纸质", email="wang@example.com")) == {
        "获取信息的方式": "纸质形式不能通过电子邮件提供，请选择邮寄或自取"
    }


def test_the_channel_decides_which_date_is_required() -> None:
    online = replace(PERSON, channel="网络")
    assert problems_of(online) == {
        "收到申请日期": "网络提交的申请须填写双方确认的日期（第三十一条第（三）项）"
    }
    assert validate_application(replace(online, confirmed_on=date(2025, 10, 9))).received_date == (
        date(2025, 10, 9)
    )


def test_messages_and_repr_never_contain_personal_values() -> None:
    app = replace(PERSON, id_number="110105194912310021", phone="1391234567", address="")
    with pytest.raises(InvalidApplication) as error:
        validate_application(app)
    shown = str(error.value) + repr(app) + repr(validate_application(PERSON))
    for value in ("110105194912310021", "1391234567", "王小明", "11010519491231002X"):
        assert value not in shown
    assert "居民身份证号码：校验位不正确，请核对号码" in str(error.value)
