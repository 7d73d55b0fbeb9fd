"""SQL database access: one engine per process, sessions, and Alembic migrations."""

from assistant.db.base import Base
from assistant.db.engine import Database

__all__ = ["Base", "Database"]
