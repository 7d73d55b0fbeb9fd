"""documents

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("path", sa.String(1024), nullable=False, unique=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("agency", sa.String(200)),
        sa.Column("year", sa.Integer),
        sa.Column("format", sa.String(8)),
        sa.Column("chunk_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("version", sa.String(32)),
        sa.Column(
            "superseded_by",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_documents_path", "documents", ["path"], unique=True)
    op.create_index("ix_documents_sha256", "documents", ["sha256"])
    op.create_index("ix_documents_agency", "documents", ["agency"])
    op.create_index("ix_documents_year", "documents", ["year"])


def downgrade() -> None:
    op.drop_table("documents")
