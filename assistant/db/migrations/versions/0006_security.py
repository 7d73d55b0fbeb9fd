"""security: configured agencies, failed sign-ins, spam mark on requests

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "configured_agencies",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("added_by", sa.String(50), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "staff_sign_in_failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account", sa.String(64), nullable=False),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_staff_sign_in_failures_at", "staff_sign_in_failures", ["at"])
    # A plain ADD COLUMN, not a batch: on SQLite a batch copies the table, and dropping the
    # old copy deletes every request's events (ON DELETE CASCADE with foreign keys on).
    op.add_column(
        "requests", sa.Column("spam", sa.Boolean, nullable=False, server_default=sa.false())
    )


def downgrade() -> None:
    with op.batch_alter_table("requests") as batch:
        batch.drop_column("spam")
    op.drop_index("ix_staff_sign_in_failures_at", "staff_sign_in_failures")
    op.drop_table("staff_sign_in_failures")
    op.drop_table("configured_agencies")
