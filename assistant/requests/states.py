"""The review steps of a request (pure): which step may be taken in which status.

A step is identified by what staff do (`Action`), never by the status it leads to: 收到补正
and 收到第三方意见 both lead to 办理中, but each is allowed only after its own notice.

    已登记 ─受理→ 办理中 ─告知补正→ 待补正 ─收到补正→ 办理中
                                    待补正 ─视为放弃→ 视为放弃   (第三十条)
    办理中/已延期 ─征求第三方意见→ 征求意见 ─收到第三方意见→ back (第三十二条)
    办理中 ─延长答复期限→ 已延期; 征求意见 ─延长答复期限→ 征求意见   (第三十三条, once)
    办理中/已延期 ─收费通知→ 待缴费 ─缴纳信息处理费→ back; ─视为放弃→ 视为放弃 (第四十二条)
    办理中/已延期 ─答复→ 已答复

"back" is 已延期 when the deadline was extended, else 办理中. The date rules (补正 within
7 working days, extension before the deadline, abandonment after the period) are checked
in `review`, which knows the request's dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from assistant.requests import messages as msg
from assistant.requests.errors import IllegalTransition


class Status(StrEnum):
    REGISTERED = "已登记"
    IN_PROGRESS = "办理中"
    AWAITING_SUPPLEMENT = "待补正"
    CONSULTING = "征求意见"  # 第三十二条: the clock stops while a third party is consulted
    EXTENDED = "已延期"
    AWAITING_FEE = "待缴费"  # 信息处理费管理办法: the clock stops until the fee is paid
    ANSWERED = "已答复"
    ABANDONED = "视为放弃"  # 第三十条 / 信息处理费管理办法: 逾期不补正 or 逾期未缴费


CLOSED: frozenset[Status] = frozenset({Status.ANSWERED, Status.ABANDONED})
# The answer period is not running: it starts only once the 补正 arrives (第三十条), and
# stands still from the fee notice to the payment. Such a request is never overdue.
PERIOD_STOPPED: frozenset[Status] = frozenset({Status.AWAITING_SUPPLEMENT, Status.AWAITING_FEE})


# Audit-trail steps of 行政复议/行政诉讼 (`appeals`): they change no status and are not review
# steps, so a later review step may carry an earlier date.
APPEAL_STEPS: frozenset[str] = frozenset(
    {"登记行政复议", "登记行政诉讼", "行政复议结果", "行政诉讼结果"}
)


class Action(StrEnum):
    """The staff CLI's names of the review steps."""

    ACCEPT = "accept"
    NOTIFY_SUPPLEMENT = "notify-supplement"
    RECEIVE_SUPPLEMENT = "receive-supplement"
    ABANDON = "abandon"
    CONSULT = "consult"
    CONSULTED = "consulted"
    EXTEND = "extend"
    FEE_NOTICE = "fee-notice"
    FEE_PAID = "fee-paid"
    REPLY = "reply"


@dataclass(frozen=True)
class StepRule:
    name: str  # as in the audit trail
    moves: dict[Status, Status]  # allowed current status → the status it leads to
    # Why any other open status is refused, naming the article; None: list what may follow.
    refusal: str | None = None
    # Statuses the step returns to "back" (已延期 when extended) instead of `moves`' target.
    returns: bool = field(default=False)


RULES: dict[Action, StepRule] = {
    Action.ACCEPT: StepRule("受理", {Status.REGISTERED: Status.IN_PROGRESS}),
    Action.NOTIFY_SUPPLEMENT: StepRule(
        "告知补正", {Status.IN_PROGRESS: Status.AWAITING_SUPPLEMENT}, msg.SUPPLEMENT_NOTICE_WHEN
    ),
    Action.RECEIVE_SUPPLEMENT: StepRule(
        "收到补正", {Status.AWAITING_SUPPLEMENT: Status.IN_PROGRESS}, msg.SUPPLEMENT_NOT_REQUESTED
    ),
    Action.ABANDON: StepRule(
        "视为放弃",
        {Status.AWAITING_SUPPLEMENT: Status.ABANDONED, Status.AWAITING_FEE: Status.ABANDONED},
        msg.ABANDON_WHEN,
    ),
    Action.CONSULT: StepRule(
        "征求第三方意见",
        {Status.IN_PROGRESS: Status.CONSULTING, Status.EXTENDED: Status.CONSULTING},
        msg.CONSULT_WHEN,
    ),
    Action.CONSULTED: StepRule(
        "收到第三方意见", {Status.CONSULTING: Status.IN_PROGRESS}, msg.NOT_CONSULTING, returns=True
    ),
    Action.EXTEND: StepRule(
        "延长答复期限",
        {Status.IN_PROGRESS: Status.EXTENDED, Status.CONSULTING: Status.CONSULTING},
        msg.EXTEND_WHEN,
    ),
    Action.FEE_NOTICE: StepRule(
        "收费通知",
        {Status.IN_PROGRESS: Status.AWAITING_FEE, Status.EXTENDED: Status.AWAITING_FEE},
        msg.FEE_NOTICE_WHEN,
    ),
    Action.FEE_PAID: StepRule(
        "缴纳信息处理费",
        {Status.AWAITING_FEE: Status.IN_PROGRESS},
        msg.FEE_NOT_NOTIFIED,
        returns=True,
    ),
    Action.REPLY: StepRule(
        "答复", {Status.IN_PROGRESS: Status.ANSWERED, Status.EXTENDED: Status.ANSWERED}
    ),
}


# Why a step that is not allowed while waiting for the applicant or a third party is refused.
_WAITING: dict[Status, str] = {
    Status.AWAITING_SUPPLEMENT: msg.WAITING_FOR_SUPPLEMENT,
    Status.CONSULTING: msg.WAITING_FOR_OPINION,
    Status.AWAITING_FEE: msg.WAITING_FOR_FEE,
}


def next_statuses(current: Status) -> list[Status]:
    """Every status some step leads to from `current`, in step order, without repeats."""
    targets: list[Status] = []
    for rule in RULES.values():
        target = rule.moves.get(current)
        if target is not None and target is not current and target not in targets:
            targets.append(target)
    return targets


def check_step(number: str, action: Action, current: Status, *, extended: bool) -> Status:
    """The status `action` leads to from `current`, or IllegalTransition naming the rule."""
    rule = RULES[action]
    target = rule.moves.get(current)
    if target is not None:
        if rule.returns and extended:
            return Status.EXTENDED
        return target
    nominal = next(iter(rule.moves.values()))
    if current in CLOSED:
        reason = msg.NO_WAY_OUT.format(current=current)
    elif rule.refusal is not None:
        reason = rule.refusal
    elif current in _WAITING:
        reason = _WAITING[current]
    else:
        reason = msg.ALLOWED_NEXT.format(current=current, allowed="、".join(next_statuses(current)))
    raise refusal(number, rule.name, current, nominal, reason)


def refusal(
    number: str, step: str, current: Status | str, target: Status | str, reason: str
) -> IllegalTransition:
    """The error for a refused step: from → to when the step changes the status, else the
    step's name."""
    if target == current:
        text = msg.STEP_REFUSED.format(number=number, step=step, current=current, reason=reason)
    else:
        text = msg.ILLEGAL_TRANSITION.format(
            number=number, current=current, target=target, reason=reason
        )
    return IllegalTransition(text)
