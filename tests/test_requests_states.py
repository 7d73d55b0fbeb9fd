"""The review steps: each is allowed in its own statuses only, and refused naming why."""

from __future__ import annotations

from itertools import product

import pytest

from assistant.requests.errors import IllegalTransition
from assistant.requests.states import (
    CLOSED,
    RULES,
    Action,
    Status,
    check_step,
    next_statuses,
)

S = Status
LEGAL = {
    (Action.ACCEPT, S.REGISTERED): S.IN_PROGRESS,
    (Action.NOTIFY_SUPPLEMENT, S.IN_PROGRESS): S.AWAITING_SUPPLEMENT,
    (Action.RECEIVE_SUPPLEMENT, S.AWAITING_SUPPLEMENT): S.IN_PROGRESS,
    (Action.ABANDON, S.AWAITING_SUPPLEMENT): S.ABANDONED,
    (Action.ABANDON, S.AWAITING_FEE): S.ABANDONED,
    (Action.CONSULT, S.IN_PROGRESS): S.CONSULTING,
    (Action.CONSULT, S.EXTENDED): S.CONSULTING,
    (Action.CONSULTED, S.CONSULTING): S.IN_PROGRESS,
    (Action.EXTEND, S.IN_PROGRESS): S.EXTENDED,
    (Action.EXTEND, S.CONSULTING): S.CONSULTING,  # the consultation pause goes on
    (Action.FEE_NOTICE, S.IN_PROGRESS): S.AWAITING_FEE,
    (Action.FEE_NOTICE, S.EXTENDED): S.AWAITING_FEE,
    (Action.FEE_PAID, S.AWAITING_FEE): S.IN_PROGRESS,
    (Action.REPLY, S.IN_PROGRESS): S.ANSWERED,
    (Action.REPLY, S.EXTENDED): S.ANSWERED,
}
ALL_PAIRS = list(product(Action, Status))


def test_the_rules_are_exactly_the_specified_steps() -> None:
    table = {
        (action, source): target
        for action, rule in RULES.items()
        for source, target in rule.moves.items()
    }
    assert table == LEGAL


@pytest.mark.parametrize(("action", "current"), list(LEGAL))
def test_legal_step_leads_to_its_status(action: Action, current: Status) -> None:
    assert check_step("GK-2025-000001", action, current, extended=False) == LEGAL[(action, current)]


@pytest.mark.parametrize(
    ("action", "current"), [(Action.CONSULTED, S.CONSULTING), (Action.FEE_PAID, S.AWAITING_FEE)]
)
def test_waiting_steps_return_to_extended_when_the_deadline_was_extended(
    action: Action, current: Status
) -> None:
    assert check_step("GK-2025-000001", action, current, extended=True) is S.EXTENDED


@pytest.mark.parametrize(("action", "current"), [p for p in ALL_PAIRS if p not in LEGAL])
def test_every_other_step_is_refused(action: Action, current: Status) -> None:
    with pytest.raises(IllegalTransition) as error:
        check_step("GK-2025-000001", action, current, extended=False)
    assert str(error.value).startswith("不能")
    assert "GK-2025-000001" in str(error.value)


@pytest.mark.parametrize(
    ("action", "current", "reason"),
    [
        # Why 1: 收到补正 without a 补正 notice, in 已登记, 征求意见 or after an extension.
        (Action.RECEIVE_SUPPLEMENT, S.REGISTERED, "第三十条"),
        (Action.RECEIVE_SUPPLEMENT, S.CONSULTING, "第三十条"),
        (Action.RECEIVE_SUPPLEMENT, S.EXTENDED, "第三十条"),
        # Why 2: a second extension.
        (Action.EXTEND, S.EXTENDED, "第三十三条"),
        # Why 3: 收到第三方意见 while awaiting 补正.
        (Action.CONSULTED, S.AWAITING_SUPPLEMENT, "第三十二条"),
        (Action.NOTIFY_SUPPLEMENT, S.EXTENDED, "第三十条"),
        (Action.ABANDON, S.IN_PROGRESS, "第三十条"),
        (Action.FEE_PAID, S.IN_PROGRESS, "第四十二条"),
        (Action.FEE_NOTICE, S.AWAITING_SUPPLEMENT, "第四十二条"),
        (Action.CONSULT, S.AWAITING_SUPPLEMENT, "第三十二条"),
        (Action.REPLY, S.AWAITING_SUPPLEMENT, "第三十条"),
        (Action.REPLY, S.CONSULTING, "第三十二条"),
        (Action.REPLY, S.AWAITING_FEE, "第四十二条"),
        (Action.ACCEPT, S.AWAITING_FEE, "第四十二条"),
    ],
)
def test_rule_refusals_name_their_article(action: Action, current: Status, reason: str) -> None:
    with pytest.raises(IllegalTransition) as error:
        check_step("GK-2025-000007", action, current, extended=False)
    assert f"（{reason}" in str(error.value) or f"、{reason}" in str(error.value)


def test_exact_refusals() -> None:
    with pytest.raises(IllegalTransition) as error:
        check_step("GK-2025-000007", Action.RECEIVE_SUPPLEMENT, S.REGISTERED, extended=False)
    assert str(error.value) == (
        "不能将申请GK-2025-000007从“已登记”改为“办理中”：本申请没有待补正的告知："
        "答复期限只在一次性告知补正后才自收到补正之日起重新计算（第三十条）"
    )
    with pytest.raises(IllegalTransition) as error:
        check_step("GK-2025-000007", Action.EXTEND, S.EXTENDED, extended=True)
    assert str(error.value) == (
        "不能对申请GK-2025-000007办理“延长答复期限”（当前状态“已延期”）："
        "答复期限只能在办理中或征求意见期间延长，且只能延长一次（第三十三条）"
    )
    with pytest.raises(IllegalTransition) as error:
        check_step("GK-2025-000007", Action.REPLY, S.REGISTERED, extended=False)
    assert str(error.value) == (
        "不能将申请GK-2025-000007从“已登记”改为“已答复”：“已登记”之后只能是：办理中"
    )


def test_what_may_follow() -> None:
    assert next_statuses(S.IN_PROGRESS) == [
        S.AWAITING_SUPPLEMENT,
        S.CONSULTING,
        S.EXTENDED,
        S.AWAITING_FEE,
        S.ANSWERED,
    ]
    assert next_statuses(S.ANSWERED) == []


@pytest.mark.parametrize("action", list(Action))
def test_nothing_follows_closing_but_an_appeal(action: Action) -> None:
    assert {Status.ANSWERED, Status.ABANDONED} == CLOSED
    for closed in CLOSED:
        with pytest.raises(IllegalTransition) as error:
            check_step("GK-2025-000007", action, closed, extended=False)
        assert str(error.value).endswith(
            f"“{closed}”是办结状态，不能再变更；对处理决定提起的行政复议、行政诉讼可另行登记（第五十一条）"
        )
