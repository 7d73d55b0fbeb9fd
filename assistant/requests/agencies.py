"""The agencies a request may be addressed to: those of the held annual reports plus those
staff configured. The public form offers only these, so no agency name is ever typed by a
citizen (names end up in statistics, exports and logs)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column

from assistant.corpus.models import Document
from assistant.db import Database
from assistant.db.base import Base
from assistant.logsafe import escaped
from assistant.requests import messages as msg
from assistant.requests.models import AwareDateTime
from assistant.requests.validation import has_forbidden_characters

log = logging.getLogger(__name__)

MAX_AGENCY = 100
# Characters that make a name a path, or a formula when a spreadsheet opens it.
_PATH_CHARACTERS = set('/\\:*?"<>|')
_FORMULA_STARTS = ("=", "+", "-", "@")


class ConfiguredAgency(Base):
    __tablename__ = "configured_agencies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(MAX_AGENCY), unique=True)
    added_by: Mapped[str] = mapped_column(String(50))
    added_at: Mapped[datetime] = mapped_column(AwareDateTime())


class AgencyError(ValueError):
    """A refused agency name; `str(error)` is the Chinese message."""


def check_agency_name(name: str) -> str:
    """The stripped name, or AgencyError naming the reason."""
    name = name.strip()
    if not 2 <= len(name) <= MAX_AGENCY:
        raise AgencyError(msg.AGENCY_LENGTH.format(limit=MAX_AGENCY))
    if has_forbidden_characters(name, multiline=False) or any(ch.isspace() for ch in name):
        raise AgencyError(msg.AGENCY_CHARACTERS)
    if _PATH_CHARACTERS & set(name) or name.startswith(_FORMULA_STARTS) or ".." in name:
        raise AgencyError(msg.AGENCY_SYMBOLS)
    return name


def report_agencies(db: Database) -> list[str]:
    """Agencies with at least one current annual report in the corpus, sorted."""
    with db.session() as session:
        return sorted(
            session.scalars(
                select(Document.agency)
                .where(
                    Document.kind == "report",
                    Document.superseded_by.is_(None),
                    Document.agency.is_not(None),
                )
                .distinct()
            )
        )


def configured_agencies(db: Database) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(ConfiguredAgency.name).order_by(ConfiguredAgency.name)))


def known_agencies(db: Database) -> list[str]:
    """Every agency a request may be addressed to, sorted."""
    return sorted(set(report_agencies(db)) | set(configured_agencies(db)))


def add_agency(db: Database, name: str, actor: str, *, now: datetime | None = None) -> str:
    """Configure one more agency; returns its stored name. Raises AgencyError on a bad
    name or one already offered."""
    name = check_agency_name(name)
    if name in known_agencies(db):
        raise AgencyError(msg.AGENCY_EXISTS.format(name=name))
    with db.session() as session:
        session.add(ConfiguredAgency(name=name, added_by=actor, added_at=now or datetime.now(UTC)))
    log.info("agency %s added by %s", escaped(name), escaped(actor))
    return name
