"""What the corpus holds right now: the current, searchable version of every document."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.corpus.models import Document


@dataclass(frozen=True)
class Holding:
    document_id: int
    title: str
    kind: str  # "report" | "policy" | "document"
    agency: str | None
    year: int | None
    version: str  # chunks of any other version are stale and never used
    acts_for: str | None = None  # the government a government office's report speaks for


@dataclass(frozen=True)
class Holdings:
    documents: tuple[Holding, ...]

    @property
    def versions(self) -> list[str]:
        return [d.version for d in self.documents]

    @property
    def reports(self) -> list[Holding]:
        return [d for d in self.documents if d.kind == "report" and d.agency and d.year]

    @property
    def policies(self) -> list[Holding]:
        return [d for d in self.documents if d.kind == "policy"]

    @property
    def agencies(self) -> list[str]:
        return sorted({d.agency for d in self.reports if d.agency})

    @property
    def acts_for(self) -> dict[str, str]:
        """Government offices whose reports speak for their government."""
        return {d.agency: d.acts_for for d in self.reports if d.agency and d.acts_for}

    def report(self, agency: str, year: int) -> Holding | None:
        return next((d for d in self.reports if d.agency == agency and d.year == year), None)

    def years(self, agency: str | None = None) -> list[int]:
        """Report years held, for one agency or for all."""
        held = {d.year for d in self.reports if agency is None or d.agency == agency}
        return sorted(y for y in held if y is not None)


def load_holdings(session: Session) -> Holdings:
    # Read on every question: the columns alone, no ORM objects to build.
    rows = session.execute(
        select(
            Document.id,
            Document.title,
            Document.kind,
            Document.agency,
            Document.year,
            Document.version,
            Document.acts_for,
        )
        .where(Document.version.is_not(None), Document.superseded_by.is_(None))
        .order_by(Document.id)
    )
    return Holdings(tuple(Holding(*row) for row in rows))
