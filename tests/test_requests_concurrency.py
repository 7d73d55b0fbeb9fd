"""Eight processes submitting at once into the default SQLite file lose nothing and never
share a 受理编号."""

from __future__ import annotations

import multiprocessing
from datetime import date
from multiprocessing.synchronize import Barrier

import pytest
from sqlalchemy import func, select

from assistant.db import Database
from assistant.requests.intake import submit
from assistant.requests.models import Request, RequestCounter
from assistant.requests.validation import Application
from assistant.settings import Settings

PROCESSES = 8
PER_PROCESS = 200


def submit_many(url: str, worker: int, start: Barrier, numbers: multiprocessing.Queue) -> None:
    db = Database(url)  # each process builds its own engine, as app instances would
    start.wait()
    received: list[str] = []
    for index in range(PER_PROCESS):
        application = Application(
            agency="平罗县城关镇人民政府",
            applicant_type="自然人",
            applicant_name=f"申请人{worker}",
            id_number="11010519491231002X",
            phone="13912345678",
            content=f"第{worker}号窗口的第{index}份申请",
            channel="当面",
            form="纸质",
            delivery="自取",
            submitted_on=date(2026, 3, 2),
        )
        received.append(submit(db, application).number)
    db.dispose()
    numbers.put(received)


@pytest.mark.slow
def test_eight_processes_never_reuse_a_number(settings: Settings) -> None:
    settings.ensure_dirs()
    url = settings.resolved_database_url
    assert url.startswith("sqlite:///")
    db = Database(url)
    db.migrate()

    context = multiprocessing.get_context("spawn")
    start = context.Barrier(PROCESSES)
    results: multiprocessing.Queue = context.Queue()
    workers = [
        context.Process(target=submit_many, args=(url, worker, start, results))
        for worker in range(PROCESSES)
    ]
    for process in workers:
        process.start()
    returned = [results.get(timeout=600) for _ in workers]
    for process in workers:
        process.join(timeout=60)
        assert process.exitcode == 0

    handed_out = sorted(number for numbers in returned for number in numbers)
    with db.session() as session:
        stored = sorted(session.scalars(select(Request.number)))
        rows = session.scalar(select(func.count()).select_from(Request))
        last = session.scalar(select(RequestCounter.last).where(RequestCounter.year == 2026))
    db.dispose()
    expected = [f"GK-2026-{n:06d}" for n in range(1, PROCESSES * PER_PROCESS + 1)]
    assert rows == 1600
    assert stored == handed_out == expected  # 1600 distinct numbers, no gaps
    assert last == 1600
