"""The staff 行政复议/诉讼 tab: record a case against a request, or its outcome (第五十一条);
the cases become section 四 of the annual report."""

from __future__ import annotations

from typing import Any

import gradio as gr
import pandas as pd
from sqlalchemy import select

from assistant.db import Database, DatabaseUnavailable
from assistant.requests import RequestError, appeals
from assistant.requests.models import Appeal, Request
from assistant.requests.vocabulary import AppealKind, AppealOutcome, LitigationRoute
from assistant.ui.staff.actions import parse_date, today

CASE_COLUMNS = ["类型", "起诉方式", "申请复议或起诉日期", "结果", "审结日期"]
NO_ROUTE = "（行政复议不填）"


def record_case(
    db: Database,
    number: str,
    actor: str,
    kind: str,
    route: str,
    on: str,
    outcome: str,
    note: str,
) -> str:
    """尚未审结: a new case filed on `on`; another outcome: the decision, on `on`, of the
    request's undecided case of that kind. Returns the message for staff."""
    number = number.strip().upper()
    if not number:
        return "⚠ 请先输入受理编号。"
    chosen_route = route if route and route != NO_ROUTE else None
    try:
        day = parse_date(on, "日期")
        common = {"actor": actor, "kind": kind, "route": chosen_route, "note": note.strip()}
        if outcome == AppealOutcome.PENDING:
            appeals.record_appeal(db, number, filed_on=day, **common)
            return f"✓ {number}：已登记{kind}。"
        appeals.decide_appeal(db, number, outcome=outcome, decided_on=day, **common)
    except (RequestError, DatabaseUnavailable) as exc:
        return f"⚠ {exc}"
    return f"✓ {number}：已登记{kind}结果“{outcome}”。"


def cases_table(db: Database, number: str) -> pd.DataFrame:
    """The cases recorded against one request (empty for an unknown number)."""
    query = (
        select(Appeal.kind, Appeal.route, Appeal.filed_on, Appeal.outcome, Appeal.decided_on)
        .join(Request)
        .where(Request.number == number.strip().upper())
        .order_by(Appeal.id)
    )
    with db.session() as session:
        rows = session.execute(query).all()
    return pd.DataFrame(
        [
            [kind, route or "", filed.isoformat(), outcome, decided.isoformat() if decided else ""]
            for kind, route, filed, outcome, decided in rows
        ],
        columns=CASE_COLUMNS,
    )


def build_cases(db: Database) -> None:
    gr.Markdown(
        "登记对政府信息公开处理决定（或逾期未答复）提起的行政复议、行政诉讼及其结果"
        "（第五十一条）；年报第四部分据此生成。先以“尚未审结”登记案件，审结后再选择结果登记。"
    )
    with gr.Row():
        number = gr.Textbox(label="受理编号", elem_id="case-number", scale=2)
        kind = gr.Dropdown(
            [k.value for k in AppealKind],
            value=AppealKind.RECONSIDERATION.value,
            label="类型",
            elem_id="case-kind",
            scale=1,
        )
        route = gr.Dropdown(
            [NO_ROUTE, *(r.value for r in LitigationRoute)],
            value=NO_ROUTE,
            label="起诉方式",
            elem_id="case-route",
            scale=1,
        )
    with gr.Row():
        on = gr.Textbox(
            label="申请复议、起诉或审结日期（YYYY-MM-DD）",
            value=lambda: today().isoformat(),
            elem_id="case-date",
        )
        outcome = gr.Dropdown(
            [o.value for o in AppealOutcome],
            value=AppealOutcome.PENDING.value,
            label="结果",
            elem_id="case-outcome",
        )
        note = gr.Textbox(label="备注（如复议机关、案号）")
    save = gr.Button("登记", variant="primary", elem_id="case-save")
    message = gr.Markdown(elem_id="case-message")
    table = gr.Dataframe(
        headers=CASE_COLUMNS, interactive=False, label="本申请的案件", elem_id="case-table"
    )

    def run(request: gr.Request, n: str, k: str, r: str, d: str, o: str, text: str) -> list[Any]:
        done = record_case(db, n or "", request.username or "", k, r, d or "", o, text or "")
        return [done, cases_table(db, n or "")]

    save.click(run, [number, kind, route, on, outcome, note], [message, table], api_name="case")
    number.submit(lambda n: cases_table(db, n or ""), number, table, api_visibility="private")
