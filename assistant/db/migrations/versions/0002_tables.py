"""tables

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "table_cells",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("section", sa.String(4), nullable=False),
        sa.Column("row", sa.String(200), nullable=False),
        sa.Column("column", sa.String(100), nullable=False),
        sa.Column("value", sa.Text, nullable=True),
        sa.UniqueConstraint("document_id", "section", "row", "column"),
    )
    op.create_index("ix_table_cells_document_id", "table_cells", ["document_id"])
    op.create_index("ix_table_cells_row", "table_cells", ["row"])
    op.create_table(
        "table_findings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("rule", sa.String(16), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("cells", sa.JSON, nullable=False),
        sa.Column("expected", sa.Text, nullable=True),
        sa.Column("found", sa.Text, nullable=True),
    )
    op.create_index("ix_table_findings_document_id", "table_findings", ["document_id"])


def downgrade() -> None:
    op.drop_table("table_findings")
    op.drop_table("table_cells")
