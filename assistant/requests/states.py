"""The review state machine of a request (pure): which status may follow which.

    已登记 → 办理中 ⇄ 待补正 → 视为放弃
             办理中 ⇄ 征求意见 ⇄ 已延期
             办理中 → 已延期 → 已答复
             办理中 → 已答复

The deadline rules that also gate a step (补正 within 7 working days and only once, one
extension, abandonment only after the 补正 period) are checked in `review`, which knows
the request's dates.
"""

from __future__ import annotations

from enum import StrEnum

from assistant.requests import messages as msg
from assistant.requests.errors import IllegalTransition


class Status(StrEnum):
    REGISTERED = "已登记"
    IN_PROGRESS = "办理中"
    AWAITING_SUPPLEMENT = "待补正"
    CONSULTING = "征求意见"  # 第三十二条: the clock stops while a third party is consulted
    EXTENDED = "已延期"
    ANSWERED = "已答复"
    ABANDONED = "视为放弃"  # 第三十条: 无正当理由逾期不补正


CLOSED: frozenset[Status] = frozenset({Status.ANSWERED, Status.ABANDONED})

# Every legal step, named as it appears in the audit trail.
TRANSITIONS: dict[tuple[Status, Status], str] = {
    (Status.REGISTERED, Status.IN_PROGRESS): "受理",
    (Status.IN_PROGRESS, Status.AWAITING_SUPPLEMENT): "告知补正",
    (Status.AWAITING_SUPPLEMENT, Status.IN_PROGRESS): "收到补正",
    (Status.AWAITING_SUPPLEMENT, Status.ABANDONED): "逾期不补正，视为放弃",
    (Status.IN_PROGRESS, Status.CONSULTING): "征求第三方意见",
    (Status.EXTENDED, Status.CONSULTING): "征求第三方意见",
    # Back to whichever status the consultation interrupted.
    (Status.CONSULTING, Status.IN_PROGRESS): "收到第三方意见",
    (Status.CONSULTING, Status.EXTENDED): "收到第三方意见",
    (Status.IN_PROGRESS, Status.EXTENDED): "延长答复期限",
    (Status.IN_PROGRESS, Status.ANSWERED): "答复",
    (Status.EXTENDED, Status.ANSWERED): "答复",
}


def next_statuses(current: Status) -> list[Status]:
    return [target for (source, target) in TRANSITIONS if source is current]


def check_transition(number: str, current: Status, target: Status) -> str:
    """The step's name, or IllegalTransition naming both statuses and what is allowed."""
    step = TRANSITIONS.get((current, target))
    if step is not None:
        return step
    allowed = next_statuses(current)
    reason = (
        msg.ALLOWED_NEXT.format(current=current, allowed="、".join(allowed))
        if allowed
        else msg.NO_WAY_OUT.format(current=current)
    )
    raise IllegalTransition(
        msg.ILLEGAL_TRANSITION.format(number=number, current=current, target=target, reason=reason)
    )
