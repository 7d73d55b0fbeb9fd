"""What the staff console shows, as tables (pandas) and texts — no UI code here.

This is the only part of the web app that reads applicants' personal data.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from pandas.io.formats.style import Styler
from sqlalchemy import extract, func, select

from assistant.corpus.models import Document
from assistant.db import Database
from assistant.requests import messages as msg
from assistant.requests.deadlines import BUSINESS_TZ
from assistant.requests.errors import UnknownRequest
from assistant.requests.models import Request, RequestEvent
from assistant.requests.states import Status
from assistant.requests.stats import Section3Table
from assistant.requests.texts import result_label
from assistant.requests.views import QueueItem
from assistant.tables.schema import SECTION3_COLUMNS
from assistant.tables.store import findings_for
from assistant.ui.plaintext import plain

QUEUE_COLUMNS = [
    "受理编号",
    "受理机关",
    "申请人类型",
    "申请人",
    "收到日期",
    "状态",
    "答复期限",
    "提示",
]
OVERDUE, DUE_SOON = "已逾期", "3个工作日内到期"
HISTORY_COLUMNS = ["记录时间", "办理日期", "操作人", "步骤", "原状态", "新状态", "备注"]
_ROW_COLOURS = {OVERDUE: "background-color: #f8d7da", DUE_SOON: "background-color: #fff3cd"}


def queue_table(items: list[QueueItem]) -> pd.DataFrame:
    """The queue as given (sorted by deadline); 提示 flags overdue and nearly due requests."""
    rows = [
        [
            item.number,
            item.agency,
            item.applicant_type,
            item.applicant_name,
            item.received_date.isoformat(),
            item.status,
            item.due_date.isoformat() + ("（估算）" if item.due_estimated else ""),
            _hint(item),
        ]
        for item in items
    ]
    return pd.DataFrame(rows, columns=QUEUE_COLUMNS)


def _hint(item: QueueItem) -> str:
    if item.waiting_until is not None:  # 待补正/待缴费: the answer period stands still
        return f"等待申请人至{item.waiting_until.isoformat()}"
    return OVERDUE if item.overdue else DUE_SOON if item.due_within_3_days else ""


def highlighted(table: pd.DataFrame) -> Styler:
    """Overdue rows red, nearly due rows amber."""
    return table.style.apply(lambda row: [_ROW_COLOURS.get(row["提示"], "")] * len(row), axis=1)


def request_markdown(db: Database, number: str) -> str:
    """Every field of one request, personal data included (staff only)."""
    with db.session() as session:
        request = session.scalar(select(Request).where(Request.number == number.strip().upper()))
    if request is None:
        raise UnknownRequest(msg.UNKNOWN_NUMBER.format(number=number.strip()))
    due = request.due_date.isoformat() + ("（估算）" if request.due_estimated else "")
    # The period stands still while the applicant owes a 补正 or a fee: say so.
    if request.status == Status.AWAITING_SUPPLEMENT:
        due = f"收到补正后起算（若于补正期限当日补正，为{request.due_date.isoformat()}）"
    elif request.status == Status.AWAITING_FEE:
        due = f"缴费后继续计算（若于缴费期限当日缴纳，为{request.due_date.isoformat()}）"
    fields = [
        ("受理编号", request.number),
        (msg.FIELD_AGENCY, request.agency),
        (msg.FIELD_STATUS, request.status),
        (msg.FIELD_RECEIVED, request.received_date.isoformat()),
        ("答复期限", due),
        (msg.FIELD_CHANNEL, request.channel),
        (msg.FIELD_APPLICANT_TYPE, request.applicant_type),
        (msg.FIELD_NAME, request.applicant_name),
        (msg.FIELD_ID, request.id_number or "—"),
        (msg.FIELD_PHONE, request.phone or "—"),
        (msg.FIELD_ADDRESS, request.address or "—"),
        (msg.FIELD_EMAIL, request.email or "—"),
        (msg.FIELD_FORM, request.form or "—"),
        (msg.FIELD_DELIVERY, request.delivery or "—"),
        (msg.FIELD_CONTENT, request.content),
    ]
    if request.supplement_due:
        fields.append(("补正期限", request.supplement_due.isoformat()))
    if request.fee_notice_on:
        paid = request.fee_paid_on.isoformat() if request.fee_paid_on else "未缴"
        fields.append(
            (
                "信息处理费",
                f"{request.fee_amount}元（{request.fee_basis}），{request.fee_notice_on}通知，"
                f"缴费期限{request.fee_due}，{paid}",
            )
        )
    # Steps recorded before the rules were enforced (migration 0005): for staff to review.
    fields += [("⚠ 办理记录问题", flag) for flag in request.rule_flags.splitlines() if flag]
    if request.closed_date:
        fields += [
            (msg.FIELD_CLOSED, request.closed_date.isoformat()),
            (msg.FIELD_RESULT, result_label(request.result or "")),
            ("答复内容", request.reply_text or "—"),
        ]
    # Every value is shown as plain text: an applicant's text is not Markdown for staff's
    # browser (an image link in it would load from anywhere; a line break could add a line).
    return "\n".join(f"- **{name}**：{plain(value)}" for name, value in fields)


def history_table(events: list[RequestEvent]) -> pd.DataFrame:
    rows = [
        [
            event.at.astimezone(BUSINESS_TZ).strftime("%Y-%m-%d %H:%M"),
            event.on_date.isoformat(),
            event.actor,
            event.step,
            event.from_status or "",
            event.to_status,
            event.note,
        ]
        for event in events
    ]
    return pd.DataFrame(
        rows, columns=["记录时间", "办理日期", "操作人", "步骤", "原状态", "新状态", "备注"]
    )


def documents_table(db: Database) -> pd.DataFrame:
    """The current documents of the corpus."""
    with db.session() as session:
        docs = session.scalars(
            select(Document).where(Document.superseded_by.is_(None)).order_by(Document.id)
        ).all()
    rows = [
        [d.title, d.agency or "", str(d.year or ""), d.format or "", d.chunk_count] for d in docs
    ]
    return pd.DataFrame(rows, columns=["文档", "机关", "年度", "表格格式", "分块数"])


def findings_table(db: Database) -> pd.DataFrame:
    """The 勾稽 findings and parsing caveats of every current report."""
    with db.session() as session:
        titles = dict(session.execute(select(Document.id, Document.title)).all())
        stored = findings_for(session)
    rows = [[titles.get(s.document_id, ""), s.finding.rule, s.finding.message] for s in stored]
    return pd.DataFrame(rows, columns=["年报", "规则", "说明"])


def monthly_received(db: Database, agency: str, year: int) -> pd.DataFrame:
    """Requests received per month of `year` (all twelve months, zeros included)."""
    month = extract("month", Request.received_date)
    query = (
        select(month, func.count())
        .where(
            Request.agency == agency,
            Request.spam.is_(False),
            Request.received_date >= date(year, 1, 1),
            Request.received_date <= date(year, 12, 31),
        )
        .group_by(month)
    )
    with db.session() as session:
        counts = {int(m): n for m, n in session.execute(query)}
    return pd.DataFrame(
        [(f"{m}月", counts.get(m, 0)) for m in range(1, 13)], columns=["月份", "新收申请（件）"]
    )


def results_by_category(table: Section3Table) -> pd.DataFrame:
    """Requests closed in the year per result category (（一）…（六）), zeros included."""
    totals: dict[str, int] = {}
    for row in table.result_rows():  # the table's own format (2019 has one （六） row)
        category = row.partition("/")[0]
        totals[category] = totals.get(category, 0) + table.value(row, SECTION3_COLUMNS[-1])
    return pd.DataFrame(list(totals.items()), columns=["办理结果", "件数"])
