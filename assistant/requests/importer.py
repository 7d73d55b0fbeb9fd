"""Bulk entry of requests received on paper, from a CSV file.

Columns: agency,received_date,channel,applicant_type,applicant_name,content,status,result,
closed_date — `result` is a canonical row path such as `不予公开/属于国家秘密`, empty
while the request is open. Each row is checked on its own: a bad row is reported with its
line number and nothing of it is stored; the good rows are stored.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from assistant.db import Database
from assistant.requests import messages as msg
from assistant.requests.calendar_store import load_calendar
from assistant.requests.deadlines import BUSINESS_TZ, answer_deadline
from assistant.requests.errors import InvalidApplication, RequestError
from assistant.requests.models import Request, RequestEvent
from assistant.requests.numbering import allocate_numbers, begin_write
from assistant.requests.states import CLOSED, Status
from assistant.requests.validation import MAX_CONTENT, MAX_NAME, check_choice
from assistant.requests.vocabulary import (
    ABANDONED_RESULT,
    APPLICANT_TYPES,
    RESULT_CATEGORIES,
    Channel,
)
from assistant.requests.workcalendar import DEFAULT_CALENDAR, WorkCalendar

log = logging.getLogger(__name__)

CSV_COLUMNS: tuple[str, ...] = (
    "agency",
    "received_date",
    "channel",
    "applicant_type",
    "applicant_name",
    "content",
    "status",
    "result",
    "closed_date",
)
# The CSV carries no 补正 or extension dates, so only these statuses can be imported.
IMPORTABLE: tuple[Status, ...] = (
    Status.REGISTERED,
    Status.IN_PROGRESS,
    Status.ANSWERED,
    Status.ABANDONED,
)
IMPORT_STEP = "导入"
BATCH_SIZE = 500

_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


class CsvFileError(RequestError):
    """The file as a whole cannot be read: nothing is imported."""


@dataclass(frozen=True)
class ImportRow:
    line: int
    agency: str
    received_date: date
    channel: Channel
    applicant_type: str
    applicant_name: str = field(repr=False)
    content: str
    status: Status
    result: str | None
    closed_date: date | None


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"第{self.line}行：{self.message}"


@dataclass(frozen=True)
class ImportSummary:
    numbers: list[str]
    errors: list[RowError]


def _parse_date(
    value: str, name: str, problems: dict[str, str], *, required: bool = False
) -> date | None:
    """YYYY-MM-DD (also with / or .); None when empty or invalid, recording why."""
    if not value:
        if required:
            problems[name] = msg.REQUIRED
        return None
    match = _DATE.fullmatch(value)
    try:
        if match:
            return date(*(int(part) for part in match.groups()))
    except ValueError:
        pass
    problems[name] = msg.DATE_FORMAT.format(value=value)
    return None


def _check_outcome(
    status: Status, result: str, has_closed_date: bool, problems: dict[str, str]
) -> str | None:
    """The result to store, checked against the status: closed rows need a result and a
    closed date, open rows neither; 视为放弃 means the 逾期不补正 result and only it."""
    if status not in CLOSED:
        if result:
            problems[msg.FIELD_RESULT] = msg.RESULT_WHILE_OPEN.format(status=status)
        if has_closed_date:
            problems[msg.FIELD_CLOSED] = msg.RESULT_WHILE_OPEN.format(status=status)
        return None
    if not has_closed_date:
        problems[msg.FIELD_CLOSED] = msg.RESULT_REQUIRED.format(status=status)
    if status is Status.ABANDONED:
        if result not in ("", ABANDONED_RESULT):
            problems[msg.FIELD_RESULT] = msg.ABANDONED_RESULT_ONLY.format(result=ABANDONED_RESULT)
        return ABANDONED_RESULT
    if not result:
        problems[msg.FIELD_RESULT] = msg.RESULT_REQUIRED.format(status=status)
    elif result not in RESULT_CATEGORIES:
        problems[msg.FIELD_RESULT] = msg.UNKNOWN_RESULT.format(result=result)
    elif result == ABANDONED_RESULT:
        problems[msg.FIELD_RESULT] = msg.ABANDONED_NEEDS_SUPPLEMENT_PATH
    return result


def parse_row(line: int, row: dict[str, str]) -> ImportRow:
    """One CSV row as a request to import; InvalidApplication lists every bad field."""
    problems: dict[str, str] = {}
    value = {column: (row.get(column) or "").strip() for column in CSV_COLUMNS}
    for column, name, limit in (
        ("agency", msg.FIELD_AGENCY, MAX_NAME),
        ("applicant_name", msg.FIELD_NAME, MAX_NAME),
        ("content", msg.FIELD_CONTENT, MAX_CONTENT),
    ):
        if not value[column]:
            problems[name] = msg.REQUIRED
        elif len(value[column]) > limit:
            problems[name] = msg.TOO_LONG.format(limit=limit)

    received = _parse_date(value["received_date"], msg.FIELD_RECEIVED, problems, required=True)
    closed = _parse_date(value["closed_date"], msg.FIELD_CLOSED, problems)
    if received and closed and closed < received:
        problems[msg.FIELD_CLOSED] = msg.CLOSED_BEFORE_RECEIVED

    channel = check_choice(value["channel"], tuple(Channel), msg.FIELD_CHANNEL, problems)
    check_choice(value["applicant_type"], APPLICANT_TYPES, msg.FIELD_APPLICANT_TYPE, problems)
    status_value = check_choice(value["status"], IMPORTABLE, msg.FIELD_STATUS, problems)
    status = Status(status_value) if status_value else None
    result = None
    if status is not None:
        result = _check_outcome(status, value["result"], bool(value["closed_date"]), problems)

    if problems:
        raise InvalidApplication(problems)
    assert received and channel and status
    return ImportRow(
        line=line,
        agency=value["agency"],
        received_date=received,
        channel=Channel(channel),
        applicant_type=value["applicant_type"],
        applicant_name=value["applicant_name"],
        content=value["content"],
        status=status,
        result=result,
        closed_date=closed,
    )


def _records(text: str, source: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for every data row. The number is the row's first line: a quoted
    field may span lines, and blank lines are skipped by the reader."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [column for column in CSV_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise CsvFileError(
            msg.CSV_MISSING_COLUMNS.format(
                source=source, missing=", ".join(missing), expected=",".join(CSV_COLUMNS)
            )
        )
    for row in reader:
        breaks = sum(value.count("\n") for value in row.values() if isinstance(value, str))
        yield reader.line_num - breaks, row


def parse_csv(text: str, source: str = "CSV") -> tuple[list[ImportRow], list[RowError]]:
    """The good rows and the errors of the bad ones (pure)."""
    rows: list[ImportRow] = []
    errors: list[RowError] = []
    for line, row in _records(text, source):
        if None in row or None in row.values():
            errors.append(RowError(line, msg.CSV_COLUMN_COUNT))
            continue
        try:
            rows.append(parse_row(line, row))
        except InvalidApplication as exc:
            errors.append(RowError(line, str(exc)))
    return rows, errors


def read_text(path: Path) -> str:
    """The file's text: UTF-8 (with or without BOM), else GB18030 as saved by Excel."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CsvFileError(msg.FILE_UNREADABLE.format(path=path, reason=exc.strerror)) from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CsvFileError(msg.FILE_ENCODING.format(path=path))


def _to_request(
    row: ImportRow,
    number: str,
    *,
    actor: str,
    source: str,
    now: datetime,
    calendar: WorkCalendar = DEFAULT_CALENDAR,
) -> Request:
    deadline = answer_deadline(row.received_date, calendar=calendar)
    request = Request(
        number=number,
        agency=row.agency,
        applicant_type=row.applicant_type,
        applicant_name=row.applicant_name,
        content=row.content,
        channel=row.channel.value,
        received_date=row.received_date,
        status=row.status.value,
        due_date=deadline.due,
        due_estimated=deadline.estimated,
        extension_days=0,
        result=row.result,
        closed_date=row.closed_date,
        created_at=now,
    )
    request.events.append(
        RequestEvent(
            at=now,
            on_date=row.closed_date or row.received_date,
            actor=actor,
            from_status=None,
            to_status=row.status.value,
            step=IMPORT_STEP,
            note=f"{source}第{row.line}行",
        )
    )
    return request


def store_rows(
    db: Database,
    rows: Sequence[ImportRow],
    *,
    actor: str,
    source: str,
    now: datetime | None = None,
    on_stored: Callable[[int], None] | None = None,
) -> list[str]:
    """Number and store the rows in batches; returns their 受理编号 in row order."""
    now = now or datetime.now(BUSINESS_TZ)
    numbers: list[str] = []
    calendar = load_calendar(db)  # with the holiday arrangements staff loaded
    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start : start + BATCH_SIZE]
        by_year: dict[int, list[int]] = defaultdict(list)
        for index, row in enumerate(batch):
            by_year[row.received_date.year].append(index)
        batch_numbers = [""] * len(batch)
        with db.session() as session:
            begin_write(session)
            for year, indexes in by_year.items():
                for index, number in zip(
                    indexes, allocate_numbers(session, year, len(indexes)), strict=True
                ):
                    batch_numbers[index] = number
            session.add_all(
                _to_request(row, number, actor=actor, source=source, now=now, calendar=calendar)
                for row, number in zip(batch, batch_numbers, strict=True)
            )
        numbers += batch_numbers
        if on_stored:
            on_stored(len(batch))
    log.info("imported %d requests from %s", len(numbers), source)
    return numbers


def import_csv(
    db: Database,
    path: Path,
    *,
    actor: str = "批量导入",
    now: datetime | None = None,
    on_stored: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Read, check and store a CSV file; CsvFileError when the file itself is unusable."""
    rows, errors = parse_csv(read_text(path), source=str(path))
    numbers = store_rows(db, rows, actor=actor, source=path.name, now=now, on_stored=on_stored)
    return ImportSummary(numbers, errors)
