"""requests: fees, appeals, loaded holiday calendars, and flags on past rule-breaking steps

Revision ID: 0005
Revises: 0004

Before this revision a step was identified by the status it led to, so some steps the
条例 forbids were recorded under another name (a 收到补正 without a 补正 notice stored as
受理 or 收到第三方意见; an extension during a consultation stored as 收到第三方意见; several
extensions). Nothing is deleted or recomputed: each such request gets a line in
`rule_flags` for staff to review. The checks read the audit trail as it was written by
revisions 0003/0004's code, so they live here and do not follow later code changes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_EXTENSION_NOTE = re.compile(r"^延长(\d+)个工作日，经")


def _flags(
    events: list[tuple[date, str | None, str, str, str]], supplemented_on: date | None
) -> list[str]:
    """Rule breaks in one request's trail of (on_date, from, to, step, note)."""
    flags: list[str] = []
    notified = any(step == "告知补正" for _, _, _, step, _ in events)
    if supplemented_on is not None and not notified:
        flags.append(
            f"{supplemented_on}登记的收到补正没有在先的补正告知，答复期限被错误地重新起算（第三十条）"
        )
    for on, source, target, step, _ in events:
        if step == "收到补正" and supplemented_on != on:
            flags.append(
                f"{on}从“{source}”改为“{target}”被记为收到补正，但没有收到补正（第三十条、第三十二条）"
            )
    extensions = [(on, step) for on, _, _, step, note in events if _EXTENSION_NOTE.match(note)]
    if len(extensions) > 1:
        flags.append(f"答复期限被延长了{len(extensions)}次，只能延长一次（第三十三条）")
    for on, step in extensions:
        if step == "收到第三方意见":
            flags.append(
                f"{on}征求意见期间的延期被记为收到第三方意见，征求意见时间被提前结束（第三十三条）"
            )
    return flags


def upgrade() -> None:
    with op.batch_alter_table("requests") as batch:
        batch.add_column(sa.Column("fee_notice_on", sa.Date))
        batch.add_column(sa.Column("fee_amount", sa.Numeric(12, 2)))
        batch.add_column(sa.Column("fee_basis", sa.String(8)))
        batch.add_column(sa.Column("fee_due", sa.Date))
        batch.add_column(sa.Column("fee_paid_on", sa.Date))
        batch.add_column(sa.Column("rule_flags", sa.Text, nullable=False, server_default=""))
    op.create_table(
        "request_appeals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "request_id",
            sa.Integer,
            sa.ForeignKey("requests.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("route", sa.String(16)),
        sa.Column("filed_on", sa.Date, nullable=False),
        sa.Column("outcome", sa.String(8), nullable=False),
        sa.Column("decided_on", sa.Date),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_index("ix_request_appeals_request_id", "request_appeals", ["request_id"])
    op.create_table(
        "calendar_years",
        sa.Column("year", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("loaded_by", sa.String(100), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "calendar_days",
        sa.Column(
            "year",
            sa.Integer,
            sa.ForeignKey("calendar_years.year", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("workday", sa.Boolean, nullable=False),
        sa.Column("name", sa.String(20), nullable=False),
    )
    _flag_existing()


def _flag_existing() -> None:
    bind = op.get_bind()
    requests = sa.table(
        "requests",
        sa.column("id", sa.Integer),
        sa.column("supplemented_on", sa.Date),
        sa.column("rule_flags", sa.Text),
    )
    events = sa.table(
        "request_events",
        sa.column("id", sa.Integer),
        sa.column("request_id", sa.Integer),
        sa.column("on_date", sa.Date),
        sa.column("from_status", sa.String),
        sa.column("to_status", sa.String),
        sa.column("step", sa.String),
        sa.column("note", sa.Text),
    )
    trails: dict[int, list[tuple[date, str | None, str, str, str]]] = defaultdict(list)
    query = sa.select(
        events.c.request_id,
        events.c.on_date,
        events.c.from_status,
        events.c.to_status,
        events.c.step,
        events.c.note,
    ).order_by(events.c.request_id, events.c.id)
    for request_id, *event in bind.execute(query):
        trails[request_id].append(tuple(event))  # type: ignore[arg-type]
    for request_id, supplemented_on in bind.execute(
        sa.select(requests.c.id, requests.c.supplemented_on)
    ):
        flags = _flags(trails.get(request_id, []), supplemented_on)
        if flags:
            bind.execute(
                requests.update()
                .where(requests.c.id == request_id)
                .values(rule_flags="\n".join(flags))
            )


def downgrade() -> None:
    op.drop_table("calendar_days")
    op.drop_table("calendar_years")
    op.drop_index("ix_request_appeals_request_id", "request_appeals")
    op.drop_table("request_appeals")
    with op.batch_alter_table("requests") as batch:
        for column in (
            "rule_flags",
            "fee_paid_on",
            "fee_due",
            "fee_basis",
            "fee_amount",
            "fee_notice_on",
        ):
            batch.drop_column(column)
