"""What a load balancer asks each instance: can it reach its database and Chroma?"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from assistant.db import DatabaseUnavailable
from assistant.index import RetrievalUnavailable
from assistant.services import Services


@dataclass(frozen=True)
class Health:
    database: bool
    retrieval: bool

    @property
    def status(self) -> str:
        """`ok`; `degraded` (Chroma down: table figures, requests and the staff console still
        work, so the instance stays in rotation); `down` (no database: nothing works)."""
        if not self.database:
            return "down"
        return "ok" if self.retrieval else "degraded"

    def as_dict(self) -> dict[str, str]:
        return {
            "status": self.status,
            "database": "ok" if self.database else "unavailable",
            "retrieval": "ok" if self.retrieval else "unavailable",
        }


def check_health(services: Services) -> Health:
    try:
        with services.db.session() as session:
            session.execute(text("SELECT 1"))
        database = True
    except DatabaseUnavailable:
        database = False
    try:
        services.index.count()
        retrieval = True
    except RetrievalUnavailable:
        retrieval = False
    return Health(database, retrieval)
