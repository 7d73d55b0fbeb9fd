"""What the lookup stage found for a question, handed to an answerer to phrase."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.qa.asked import Question
from assistant.qa.figures import Figure
from assistant.qa.holdings import Holding, Holdings
from assistant.qa.retrieval import Passage

Route = Literal["table", "narrative", "policy", "refusal"]
RefusalReason = Literal[
    "unknown_agency",  # names an agency the corpus holds no report of
    "no_agency",  # asks about a report without naming the agency
    "year_not_held",  # the agency's report of that year is not held
    "no_policy",  # no policy passage answers it
    "ambiguous_agency",  # names a place where several held agencies compete
]


@dataclass(frozen=True)
class Refusal:
    reason: RefusalReason
    agency: str | None = None
    year: int | None = None
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    question: Question
    route: Route
    holdings: Holdings
    report: Holding | None = None
    figure: Figure | None = None
    passages: tuple[Passage, ...] = ()
    article: bool = False  # the passages are the article the question names
    refusal: Refusal | None = None
