"""documents: how the agency was read (acts for the government; place read as another)

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs: a batch would copy the table on SQLite, and dropping the old copy
    # would delete every document's statistics cells (ON DELETE CASCADE).
    op.add_column("documents", sa.Column("acts_for", sa.String(200), nullable=True))
    op.add_column("documents", sa.Column("agency_note", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("agency_note")
        batch.drop_column("acts_for")
