"""The review state machine: every pair of statuses is either a named step or refused."""

from __future__ import annotations

from itertools import product

import pytest

from assistant.requests.errors import IllegalTransition
from assistant.requests.states import CLOSED, TRANSITIONS, Status, check_transition

LEGAL = {
    (Status.REGISTERED, Status.IN_PROGRESS): "受理",
    (Status.IN_PROGRESS, Status.AWAITING_SUPPLEMENT): "告知补正",
    (Status.AWAITING_SUPPLEMENT, Status.IN_PROGRESS): "收到补正",
    (Status.AWAITING_SUPPLEMENT, Status.ABANDONED): "逾期不补正，视为放弃",
    (Status.IN_PROGRESS, Status.CONSULTING): "征求第三方意见",
    (Status.EXTENDED, Status.CONSULTING): "征求第三方意见",
    (Status.CONSULTING, Status.IN_PROGRESS): "收到第三方意见",
    (Status.CONSULTING, Status.EXTENDED): "收到第三方意见",
    (Status.IN_PROGRESS, Status.EXTENDED): "延长答复期限",
    (Status.IN_PROGRESS, Status.ANSWERED): "答复",
    (Status.EXTENDED, Status.ANSWERED): "答复",
}
ALL_PAIRS = list(product(Status, Status))


def test_the_table_is_exactly_the_specified_machine() -> None:
    assert TRANSITIONS == LEGAL


@pytest.mark.parametrize(("current", "target"), list(LEGAL))
def test_legal_step_is_named(current: Status, target: Status) -> None:
    assert check_transition("GK-2025-000001", current, target) == LEGAL[(current, target)]


@pytest.mark.parametrize(("current", "target"), [pair for pair in ALL_PAIRS if pair not in LEGAL])
def test_illegal_step_is_refused_naming_both_statuses(current: Status, target: Status) -> None:
    with pytest.raises(IllegalTransition) as error:
        check_transition("GK-2025-000001", current, target)
    message = str(error.value)
    assert message.startswith(f"不能将申请GK-2025-000001从“{current}”改为“{target}”：")


def test_refusal_lists_what_may_follow() -> None:
    with pytest.raises(IllegalTransition) as error:
        check_transition("GK-2025-000007", Status.REGISTERED, Status.ANSWERED)
    assert str(error.value) == (
        "不能将申请GK-2025-000007从“已登记”改为“已答复”：“已登记”之后只能是：办理中"
    )
    with pytest.raises(IllegalTransition) as error:
        check_transition("GK-2025-000007", Status.IN_PROGRESS, Status.ABANDONED)
    assert str(error.value).endswith("“办理中”之后只能是：待补正、征求意见、已延期、已答复")


def test_closed_statuses_have_no_way_out() -> None:
    assert {Status.ANSWERED, Status.ABANDONED} == CLOSED
    for closed in CLOSED:
        with pytest.raises(IllegalTransition, match=f"“{closed}”是办结状态，不能再变更"):
            check_transition("GK-2025-000007", closed, Status.IN_PROGRESS)
