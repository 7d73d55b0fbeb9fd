"""Which chat messages lead to the request form, and what they pre-fill."""

from __future__ import annotations

import pytest

from assistant.ui.intent import ApplyIntent, apply_intent, named_agency

AGENCIES = ["平罗县城关镇人民政府", "淮安市人民政府", "上海市人民政府办公厅"]


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "我想申请公开城关镇2021年老旧小区改造项目的资金安排",
            ApplyIntent("城关镇2021年老旧小区改造项目的资金安排", "平罗县城关镇人民政府"),
        ),
        (
            "我要向平罗县城关镇人民政府申请公开征地补偿标准。",
            ApplyIntent("征地补偿标准", "平罗县城关镇人民政府"),
        ),
        (
            "如何申请公开淮安市的拆迁补偿方案？",
            ApplyIntent("淮安市的拆迁补偿方案", "淮安市人民政府"),
        ),
        (
            "申请公开上海市2019年的财政预算",
            ApplyIntent("上海市2019年的财政预算", "上海市人民政府办公厅"),
        ),
        ("怎么申请？", ApplyIntent("", None)),
        ("怎么申请政府信息公开？", ApplyIntent("", None)),
        ("请问怎么提交依申请公开", ApplyIntent("", None)),
    ],
)
def test_a_wish_to_apply_becomes_a_prefilled_request(message: str, expected: ApplyIntent) -> None:
    assert apply_intent(message, AGENCIES) == expected


@pytest.mark.parametrize(
    "message",
    [
        "城关镇2020年主动公开政府信息多少条？",
        "依申请公开的答复期限是多少个工作日？",  # about the procedure: the answerer's
        "城关镇依申请公开了多少件",
        "申请公开需要什么材料？",
        "淮安市2024年收到多少件政府信息公开申请？",
    ],
)
def test_questions_are_left_to_the_answerer(message: str) -> None:
    assert apply_intent(message, AGENCIES) is None


def test_an_agency_is_named_only_when_exactly_one_matches() -> None:
    assert named_agency("城关镇的规划", AGENCIES) == "平罗县城关镇人民政府"
    assert named_agency("城关镇的规划", ["平罗县城关镇人民政府", "沛县城关镇人民政府"]) is None
    assert named_agency("北京市的规划", AGENCIES) is None
