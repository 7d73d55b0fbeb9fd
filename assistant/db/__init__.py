"""SQL database access: one engine per process, sessions, and Alembic migrations."""

from assistant.db.base import Base
from assistant.db.engine import Database, DatabaseUnavailable

__all__ = ["Base", "Database", "DatabaseUnavailable"]
