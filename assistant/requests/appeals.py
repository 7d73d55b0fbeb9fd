"""行政复议 / 行政诉讼 cases against the handling of a request, and section 四 (第五十一条).

Section 四 of a year is computed like section 三: a case filed by 31 December counts once,
in its outcome's column when it was decided during the year, as 尚未审结 when it was still
undecided at the end of the year (or decided later); a case decided before the year is
not counted. Each row's 总计 is the sum of its four outcomes (R5).

`compute_section4` is pure; `record_appeal`, `decide_appeal` and `section4_for` use the
database.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from assistant.db import Database
from assistant.requests import messages as msg
from assistant.requests.deadlines import BUSINESS_TZ
from assistant.requests.errors import IllegalTransition, UnknownRequest
from assistant.requests.models import Appeal, Request, RequestEvent
from assistant.requests.vocabulary import AppealKind, AppealOutcome, LitigationRoute
from assistant.tables.schema import SECTION4_COLUMNS, SECTION4_ROWS

log = logging.getLogger(__name__)

SECTION = "四"
TOTAL = SECTION4_COLUMNS[-1]
ARTICLE = "（第五十一条）"


@dataclass(frozen=True)
class CaseFacts:
    kind: str
    route: str | None
    filed_on: date
    outcome: str
    decided_on: date | None

    @property
    def row(self) -> str:
        return self.kind if self.kind == AppealKind.RECONSIDERATION else f"{self.kind}/{self.route}"


@dataclass(frozen=True)
class Section4Table:
    year: int
    cells: dict[tuple[str, str], int]

    def value(self, row: str, column: str) -> int:
        return self.cells[(row, column)]


def compute_section4(cases: Iterable[CaseFacts], year: int) -> Section4Table:
    first, last = date(year, 1, 1), date(year, 12, 31)
    cells = {(row, column): 0 for row in SECTION4_ROWS for column in SECTION4_COLUMNS}
    for case in cases:
        if case.filed_on > last or (case.decided_on is not None and case.decided_on < first):
            continue
        decided = case.decided_on is not None and case.decided_on <= last
        column = case.outcome if decided else AppealOutcome.PENDING.value
        cells[(case.row, column)] += 1
        cells[(case.row, TOTAL)] += 1
    return Section4Table(year, cells)


def section4_json(table: Section4Table) -> list[dict[str, object]]:
    """The cells in the shape of `export.to_json`'s, rows and columns in table order."""
    return [
        {"section": SECTION, "row": row, "column": column, "value": table.value(row, column)}
        for row in SECTION4_ROWS
        for column in SECTION4_COLUMNS
    ]


def _problem(kind: str, route: str | None, outcome: str, decided_on: date | None) -> str | None:
    kinds = [k.value for k in AppealKind]
    if kind not in kinds:
        return f"案件类型应为：{'、'.join(kinds)}{ARTICLE}"
    routes = [r.value for r in LitigationRoute]
    if kind == AppealKind.LITIGATION and route not in routes:
        return f"行政诉讼须写明：{'、'.join(routes)}{ARTICLE}"
    if kind == AppealKind.RECONSIDERATION and route:
        return f"行政复议不区分起诉方式，请不要填写“{route}”{ARTICLE}"
    outcomes = [o.value for o in AppealOutcome]
    if outcome not in outcomes:
        return f"案件结果应为：{'、'.join(outcomes)}{ARTICLE}"
    if (outcome == AppealOutcome.PENDING) != (decided_on is None):
        return f"尚未审结的案件没有审结日期，已审结的案件须有审结日期{ARTICLE}"
    return None


def _refuse(number: str, step: str, status: str, reason: str) -> IllegalTransition:
    return IllegalTransition(
        msg.STEP_REFUSED.format(number=number, step=step, current=status, reason=reason)
    )


def record_appeal(
    db: Database,
    number: str,
    *,
    actor: str,
    kind: str,
    filed_on: date,
    route: str | None = None,
    outcome: str = AppealOutcome.PENDING.value,
    decided_on: date | None = None,
    note: str = "",
    now: datetime | None = None,
) -> int:
    """A new case against request `number` (any status: a case may also be brought against
    a request not answered in time); returns the case's id. The request's status and
    deadline are unchanged; the audit trail gets an event."""
    step = f"登记{kind}"
    with db.session() as session:
        request = _load(session, number)
        problem = _problem(kind, route or None, outcome, decided_on)
        if problem is None and filed_on < request.received_date:
            problem = f"起诉或申请复议日期{filed_on}不能早于收到申请日期{request.received_date}"
        if problem is None and decided_on is not None and decided_on < filed_on:
            problem = f"审结日期{decided_on}不能早于起诉或申请复议日期{filed_on}"
        if problem is None and route == LitigationRoute.AFTER_RECONSIDERATION:
            decided = [
                a
                for a in request.appeals
                if a.kind == AppealKind.RECONSIDERATION and a.decided_on is not None
            ]
            if not any(a.decided_on <= filed_on for a in decided if a.decided_on):
                problem = f"复议后起诉须先有已审结的行政复议{ARTICLE}"
        if problem is not None:
            raise _refuse(request.number, step, request.status, problem)
        case = Appeal(
            kind=kind,
            route=route or None,
            filed_on=filed_on,
            outcome=outcome,
            decided_on=decided_on,
            note=note,
        )
        request.appeals.append(case)
        detail = "、".join(part for part in (route, outcome, str(decided_on or "")) if part)
        request.events.append(
            RequestEvent(
                at=now or datetime.now(BUSINESS_TZ),
                on_date=filed_on,
                actor=actor,
                from_status=request.status,
                to_status=request.status,
                step=step,
                note=detail + (f"；{note}" if note else ""),
            )
        )
        session.flush()
        case_id = case.id
    log.info("request %s: %s recorded by %s", number, kind, actor)
    return case_id


def decide_appeal(
    db: Database,
    number: str,
    *,
    actor: str,
    kind: str,
    outcome: str,
    decided_on: date,
    route: str | None = None,
    note: str = "",
    now: datetime | None = None,
) -> int:
    """Record the outcome of the request's undecided case of that kind (and route)."""
    step = f"{kind}结果"
    with db.session() as session:
        request = _load(session, number)
        open_cases = [
            a
            for a in request.appeals
            if a.kind == kind and a.decided_on is None and (route is None or a.route == route)
        ]
        finals = [o.value for o in AppealOutcome if o is not AppealOutcome.PENDING]
        problem = None
        if kind not in [k.value for k in AppealKind]:
            problem = f"案件类型应为：{'、'.join(k.value for k in AppealKind)}{ARTICLE}"
        elif outcome not in finals:
            problem = f"审结结果应为：{'、'.join(finals)}{ARTICLE}"
        elif not open_cases:
            problem = f"本申请没有尚未审结的{kind}案件，请先登记案件{ARTICLE}"
        elif decided_on < open_cases[0].filed_on:
            problem = f"审结日期{decided_on}不能早于起诉或申请复议日期{open_cases[0].filed_on}"
        if problem is not None:
            raise _refuse(request.number, step, request.status, problem)
        case = open_cases[0]
        case.outcome, case.decided_on = outcome, decided_on
        request.events.append(
            RequestEvent(
                at=now or datetime.now(BUSINESS_TZ),
                on_date=decided_on,
                actor=actor,
                from_status=request.status,
                to_status=request.status,
                step=step,
                note=outcome + (f"；{note}" if note else ""),
            )
        )
        case_id = case.id
    return case_id


def _load(session: Session, number: str) -> Request:
    request = session.scalar(select(Request).where(Request.number == number.strip().upper()))
    if request is None:
        raise UnknownRequest(msg.UNKNOWN_NUMBER.format(number=number))
    return request


def section4_for(db: Database, agency: str, year: int) -> Section4Table:
    query = (
        select(Appeal.kind, Appeal.route, Appeal.filed_on, Appeal.outcome, Appeal.decided_on)
        .join(Request)
        .where(
            Request.agency == agency,
            Appeal.filed_on <= date(year, 12, 31),
            or_(Appeal.decided_on.is_(None), Appeal.decided_on >= date(year, 1, 1)),
        )
    )
    with db.session() as session:
        rows = session.execute(query).all()
    return compute_section4((CaseFacts(*row) for row in rows), year)
