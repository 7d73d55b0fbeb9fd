"""Request intake on a real PostgreSQL: 受理编号 stay unique and gapless across processes
(as across app instances), a double submission stores one request, and the staff CLI
reads the same database."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from datetime import date
from multiprocessing.synchronize import Barrier

import pytest
from sqlalchemy import func, select

from assistant.db import Database
from assistant.requests.errors import DuplicateRequest
from assistant.requests.intake import REGISTER_STEP, submit
from assistant.requests.models import Request, RequestCounter, RequestEvent
from assistant.requests.validation import Application
from assistant.services import Services
from assistant.settings import REPO_ROOT, Settings

pytestmark = pytest.mark.integration

AGENCY = "平罗县城关镇人民政府"
PROCESSES = 4
PER_PROCESS = 50


def application(name: str, content: str, applicant_type: str = "自然人") -> Application:
    return Application(
        agency=AGENCY,
        applicant_type=applicant_type,
        applicant_name=name,
        id_number="11010519491231002X" if applicant_type == "自然人" else "91350100M000100Y43",
        phone="13912345678",
        content=content,
        channel="当面",
        form="纸质",
        delivery="自取",
        submitted_on=date(2026, 3, 2),
    )


def submit_many(url: str, worker: int, start: Barrier, out: multiprocessing.Queue) -> None:
    db = Database(url)  # one engine per process, as each app instance has
    start.wait()
    numbers = [
        submit(db, application(f"申请人{worker}", f"第{worker}号窗口的第{i}份申请")).number
        for i in range(PER_PROCESS)
    ]
    db.dispose()
    out.put(numbers)


def submit_same(url: str, content: str, start: Barrier, out: multiprocessing.Queue) -> None:
    db = Database(url)
    start.wait()
    try:
        out.put(("stored", submit(db, application("张三", content)).number))
    except DuplicateRequest as exc:
        out.put(("duplicate", exc.existing_number))
    finally:
        db.dispose()


def run_workers(target, args_per_worker: list[tuple]) -> list:  # type: ignore[no-untyped-def, type-arg]
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(len(args_per_worker))
    out: multiprocessing.Queue = context.Queue()
    workers = [context.Process(target=target, args=(*args, start, out)) for args in args_per_worker]
    for process in workers:
        process.start()
    results = [out.get(timeout=300) for _ in workers]
    for process in workers:
        process.join(timeout=60)
        assert process.exitcode == 0
    return results


@pytest.mark.slow
def test_processes_never_share_a_number(settings: Settings) -> None:
    db = Services(settings).db  # migrates the empty database
    url = settings.resolved_database_url
    returned = run_workers(submit_many, [(url, worker) for worker in range(PROCESSES)])

    handed_out = sorted(number for numbers in returned for number in numbers)
    total = PROCESSES * PER_PROCESS
    with db.session() as session:
        stored = sorted(session.scalars(select(Request.number)))
        last = session.scalar(select(RequestCounter.last).where(RequestCounter.year == 2026))
        events = session.execute(select(RequestEvent.request_id, RequestEvent.step)).all()
    db.dispose()
    assert stored == handed_out == [f"GK-2026-{n:06d}" for n in range(1, total + 1)]
    assert last == total
    # Every request got its registration event in the same transaction.
    assert sorted(request_id for request_id, _ in events) == list(range(1, total + 1))
    assert {step for _, step in events} == {REGISTER_STEP}


@pytest.mark.slow
def test_simultaneous_double_submission_stores_one_request(settings: Settings) -> None:
    """The same form sent to two instances at once (a double click behind a load
    balancer) is one request: the others are told its number."""
    db = Services(settings).db
    url = settings.resolved_database_url
    rounds = 3
    for round_ in range(rounds):
        content = f"请公开2025年第{round_}批老旧小区改造的资金使用情况"
        results = run_workers(submit_same, [(url, content)] * PROCESSES)
        stored = [number for outcome, number in results if outcome == "stored"]
        assert len(stored) == 1, results
        assert sorted(results) == sorted(
            [("stored", stored[0])] + [("duplicate", stored[0])] * (PROCESSES - 1)
        )
    with db.session() as session:
        count = session.scalar(select(func.count()).select_from(Request))
    db.dispose()
    assert count == rounds


def test_staff_cli_reads_postgres(settings: Settings) -> None:
    db = Services(settings).db
    submit(db, application("甲", "申请A"))
    submit(db, application("乙", "申请B"))
    submit(db, application("丙公司", "申请C", applicant_type="商业企业"))
    db.dispose()

    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}  # settings come from GOVQA_* here
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant.requests",
            "stats",
            "--agency",
            AGENCY,
            "--year",
            "2026",
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    cells = {
        (c["row"], c["column"]): c["value"] for c in json.loads(done.stdout)["cells"] if c["value"]
    }
    assert cells == {
        ("本年新收政府信息公开申请数量", "自然人"): 2,
        ("本年新收政府信息公开申请数量", "商业企业"): 1,
        ("本年新收政府信息公开申请数量", "总计"): 3,
        ("结转下年度继续办理", "自然人"): 2,
        ("结转下年度继续办理", "商业企业"): 1,
        ("结转下年度继续办理", "总计"): 3,
    }

    listed = subprocess.run(
        [sys.executable, "-m", "assistant.requests", "list", "--today", "2026-03-03"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert listed.returncode == 0, listed.stderr
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == [
        "GK-2026-000001",
        "GK-2026-000002",
        "GK-2026-000003",
    ]
