"""requests

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "request_counters",
        sa.Column("year", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("last", sa.Integer, nullable=False),
    )
    op.create_table(
        "requests",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String(20), nullable=False, unique=True),
        sa.Column("agency", sa.String(200), nullable=False),
        sa.Column("applicant_type", sa.String(16), nullable=False),
        sa.Column("applicant_name", sa.String(200), nullable=False),
        sa.Column("id_number", sa.String(32)),
        sa.Column("phone", sa.String(32)),
        sa.Column("address", sa.String(300)),
        sa.Column("email", sa.String(200)),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("form", sa.String(8)),
        sa.Column("delivery", sa.String(8)),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("received_date", sa.Date, nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("due_date", sa.Date, nullable=False),
        sa.Column("due_estimated", sa.Boolean, nullable=False),
        sa.Column("supplement_requested_on", sa.Date),
        sa.Column("supplement_due", sa.Date),
        sa.Column("supplemented_on", sa.Date),
        sa.Column("extension_days", sa.Integer, nullable=False),
        sa.Column("result", sa.String(120)),
        sa.Column("reply_text", sa.Text),
        sa.Column("closed_date", sa.Date),
        sa.Column("code_hash", sa.String(200)),
        sa.Column("duplicate_key", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_requests_agency_received", "requests", ["agency", "received_date"])
    op.create_index("ix_requests_status", "requests", ["status"])
    op.create_index("ix_requests_due_date", "requests", ["due_date"])
    op.create_index("ix_requests_closed_date", "requests", ["closed_date"])
    op.create_index("ix_requests_duplicate_key", "requests", ["duplicate_key"])
    op.create_table(
        "request_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "request_id",
            sa.Integer,
            sa.ForeignKey("requests.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("on_date", sa.Date, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("from_status", sa.String(8)),
        sa.Column("to_status", sa.String(8), nullable=False),
        sa.Column("step", sa.String(40), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_index("ix_request_events_request_id", "request_events", ["request_id"])


def downgrade() -> None:
    op.drop_table("request_events")
    op.drop_table("requests")
    op.drop_table("request_counters")
