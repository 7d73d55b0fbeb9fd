"""Staff actions on one request: 受理, 补正, 征求意见, 延期, 收费, 答复, 视为放弃."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import gradio as gr
from gradio.events import Dependency

from assistant.db import Database, DatabaseUnavailable
from assistant.requests import RequestError, review
from assistant.requests import messages as msg
from assistant.requests.deadlines import BUSINESS_TZ, business_date
from assistant.requests.spam import mark_spam
from assistant.requests.texts import result_label
from assistant.requests.vocabulary import ABANDONMENT_RESULTS, RESULT_CATEGORIES, FeeBasis

# Results a reply may carry (逾期不补正 and 逾期未缴费 close a request only through 视为放弃).
REPLY_RESULTS = [(result_label(r), r) for r in RESULT_CATEGORIES if r not in ABANDONMENT_RESULTS]
SIMPLE_ACTIONS: dict[str, Callable[..., None]] = {
    "受理": review.accept,
    "收到补正": review.receive_supplement,
    "征求第三方意见": review.start_consultation,
    "收到第三方意见": review.end_consultation,
    "视为放弃": review.mark_abandoned,
    "缴纳信息处理费": review.record_fee_paid,
    # Not a step of the 条例: the request leaves the queue and the statistics (audited).
    "标记为垃圾申请": mark_spam,
}


# API names of the actions (staff-only endpoints, behind the sign-in like the pages).
API_NAMES = {
    "受理": "accept",
    "收到补正": "receive_supplement",
    "征求第三方意见": "start_consultation",
    "收到第三方意见": "end_consultation",
    "视为放弃": "mark_abandoned",
    "缴纳信息处理费": "fee_paid",
    "收费通知": "fee_notice",
    "标记为垃圾申请": "mark_spam",
    "告知补正": "request_supplement",
    "延期": "extend",
    "答复": "reply",
}


def today() -> date:
    return business_date(datetime.now(BUSINESS_TZ))


def parse_date(value: str, field: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise RequestError(f"{field}：{msg.DATE_FORMAT.format(value=value.strip())}") from None


def perform(
    db: Database, step: str, number: str, actor: str, on: str, note: str, **details: Any
) -> str:
    """Run one action; returns the message for staff (the reason when it was refused)."""
    number = number.strip().upper()
    if not number:
        return "⚠ 请先输入或在队列中选择受理编号。"
    try:
        common = {"actor": actor, "on": parse_date(on, "办理日期"), "note": note.strip()}
        if step in SIMPLE_ACTIONS:
            SIMPLE_ACTIONS[step](db, number, **common)
        elif step == "告知补正":
            due = parse_date(details["supplement_due"], "补正期限")
            review.request_supplement(db, number, supplement_due=due, **common)
        elif step == "延期":
            days = int(details["days"] or 0)
            review.extend(db, number, days=days, approver=details["approver"] or "", **common)
        elif step == "收费通知":
            review.notify_fee(
                db, number, amount=details["amount"] or "", basis=details["basis"] or "", **common
            )
        elif step == "答复":
            review.reply(
                db,
                number,
                result=details["result"] or "",
                reply_text=details["reply_text"] or "",
                **common,
            )
        else:
            raise ValueError(f"unknown step {step!r}")
    except (RequestError, DatabaseUnavailable) as exc:
        return f"⚠ {exc}"
    return f"✓ {number}：已完成“{step}”。"


def build_actions(db: Database, number: gr.Textbox) -> list[Dependency]:
    """Render the action panel for the request in `number`; returns the actions' events, for
    the page to refresh itself after each."""
    gr.Markdown("### 办理")
    with gr.Row():
        on = gr.Textbox(label="办理日期（YYYY-MM-DD）", value=lambda: today().isoformat())
        note = gr.Textbox(label="备注（记入办理记录）")
    with gr.Row():
        simple = {step: gr.Button(step, size="sm") for step in SIMPLE_ACTIONS}
    with gr.Accordion("告知补正（收到申请7个工作日内，一次性告知）", open=False):
        supplement_due = gr.Textbox(label="补正期限（YYYY-MM-DD）")
        ask_supplement = gr.Button("告知补正", size="sm")
    with gr.Accordion("延长答复期限（最长20个工作日，须经负责人同意）", open=False):
        with gr.Row():
            days = gr.Number(label="延长工作日数", value=20, precision=0, minimum=1, maximum=20)
            approver = gr.Textbox(label="批准人")
        extend = gr.Button("延期", size="sm")
    with gr.Accordion(
        "收费通知（第四十二条；申请人20个工作日内缴纳，期间不计入答复期限）", open=False
    ):
        with gr.Row():
            amount = gr.Textbox(label="信息处理费（元）")
            basis = gr.Dropdown([b.value for b in FeeBasis], label="收费依据", value=None)
        fee_notice = gr.Button("收费通知", size="sm")
    with gr.Accordion("答复", open=True):
        result = gr.Dropdown(
            REPLY_RESULTS, label="办理结果（年报表三分类）", value=None, elem_id="reply-result"
        )
        reply_text = gr.Textbox(label="答复内容", lines=3, elem_id="reply-text")
        answer = gr.Button("答复", variant="primary", elem_id="reply-button")
    message = gr.Markdown(elem_id="action-message")

    def handler(step: str) -> Callable[..., str]:
        def run(
            request: gr.Request,
            number_: str,
            on_: str,
            note_: str,
            due: str,
            days_: float | None,
            approver_: str,
            result_: str | None,
            reply_: str,
            amount_: str,
            basis_: str | None,
        ) -> str:
            return perform(
                db,
                step,
                number_ or "",
                request.username or "",
                on_ or "",
                note_ or "",
                supplement_due=due or "",
                days=days_,
                approver=approver_,
                result=result_,
                reply_text=reply_,
                amount=amount_,
                basis=basis_,
            )

        return run

    inputs = [number, on, note, supplement_due, days, approver, result, reply_text, amount, basis]
    buttons = {
        **simple,
        "告知补正": ask_supplement,
        "延期": extend,
        "收费通知": fee_notice,
        "答复": answer,
    }
    return [
        button.click(handler(step), inputs, message, api_name=API_NAMES[step])
        for step, button in buttons.items()
    ]
