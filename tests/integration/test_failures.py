"""Servers failing under the app: Chroma stopped and restarted (ingest, retrieval, chat),
PostgreSQL restarted while requests come in, an ingest process killed mid-run. Each ends
with both stores consistent and the same clients working again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from assistant.db import DatabaseUnavailable
from assistant.index import ChunkIndex, RetrievalUnavailable
from assistant.requests.errors import DuplicateRequest
from assistant.requests.intake import REGISTER_STEP, submit
from assistant.requests.models import Request, RequestCounter, RequestEvent
from assistant.requests.validation import Application
from assistant.services import Services
from assistant.settings import REPO_ROOT, Settings
from assistant.tables.store import cells_for
from ingest.cli import main as ingest_main
from ingest.pipeline import Ingestor
from tests.conftest import SAMPLES
from tests.integration.stores import documents, index_problems
from tests.services.servers import TestServers

pytestmark = [pytest.mark.integration, pytest.mark.slow]

QUESTION = "2020年城关镇主动公开政府信息多少条"


def _policy(n: int) -> str:
    """A distinct policy text (policies never supersede one another): the first chapters
    of the 条例, short enough to embed quickly."""
    text = (SAMPLES / "tiaoli_2019.md").read_text(encoding="utf-8")
    head = text[: text.index("\n", 3000)]
    return f"{head}\n\n附：第{n}份副本。\n"


def test_chroma_outage_fails_files_cleanly_and_the_same_client_recovers(
    services: Services, settings: Settings, servers: TestServers, tmp_path: Path
) -> None:
    report = tmp_path / "pingluo.txt"
    original = (SAMPLES / "2020_pingluo_chengguan.txt").read_text(encoding="utf-8")
    report.write_text(original, encoding="utf-8")
    ingestor = Ingestor.from_services(services)
    assert ingestor.ingest([report]).ok
    before = documents(services)["pingluo.txt"]
    index = services.index  # built while the server was up; never rebuilt below

    servers.chroma.stop()
    try:
        with pytest.raises(RetrievalUnavailable) as raised:
            index.search(QUESTION, k=3)
        assert str(raised.value).startswith("检索服务器暂时不可用（")
        with pytest.raises(RetrievalUnavailable):  # an instance starting during the outage
            ChunkIndex.from_settings(settings, services.embeddings)

        # Table figures come from SQL and stay available.
        with services.db.session() as session:
            received = cells_for(
                session,
                agency="平罗县城关镇人民政府",
                year=2020,
                row="本年新收政府信息公开申请数量",
                column="总计",
            )
        assert [c.value for c in received] == [3]

        report.write_text(original.replace("1252 条", "1253 条"), encoding="utf-8")
        policy = tmp_path / "tiaoli.md"
        policy.write_text(_policy(0), encoding="utf-8")
        during = ingestor.ingest([report, policy])
        assert [r.outcome for r in during.results] == ["failed", "failed"]
        for result in during.results:
            assert result.message.startswith("检索服务器暂时不可用（")
            assert result.message.endswith("，本文件未入库，请稍后重新入库")
        docs = documents(services)
        unchanged = docs["pingluo.txt"]
        assert (unchanged.version, unchanged.sha256, unchanged.chunk_count) == (
            before.version,
            before.sha256,
            before.chunk_count,
        )
        assert docs["tiaoli.md"].version is None  # never became searchable
    finally:
        servers.chroma.start()

    hits = index.search(QUESTION, k=3)  # the same client, after the restart
    assert any("主动公开政府信息 1252 条" in h.text for h in hits)

    after = ingestor.ingest([report, policy])
    assert after.ok
    assert index_problems(services) == []
    docs = documents(services)
    assert docs["tiaoli.md"].chunk_count > 0
    texts = [c.text for c in index.get({"document_id": before.id})]
    assert any("1253 条" in t for t in texts) and not any("1252 条" in t for t in texts)


def test_chat_answers_table_figures_while_chroma_is_down(
    services: Services, servers: TestServers
) -> None:
    from assistant.qa.service import QAService

    assert Ingestor.from_services(services).ingest([SAMPLES / "2020_pingluo_chengguan.txt"]).ok
    qa = QAService(services)
    narrative = "城关镇政府2020年度主动公开的政府信息共有多少条？"
    assert qa.answer(narrative).value == 1252

    servers.chroma.stop()
    try:
        table = qa.answer("城关镇2020年收到几件依申请公开申请？")
        down = qa.answer(narrative)
    finally:
        servers.chroma.start()
    assert (table.route, table.value, table.refused) == ("table", 3, False)
    assert (down.value, down.refused) == (None, True)
    assert down.text.startswith("检索服务暂时不可用")

    assert qa.answer(narrative).value == 1252  # the same service, nothing rebuilt


@dataclass
class Applicant:
    """One simulated applicant submitting until stored, as a person told 请稍后重试 would."""

    number: int
    stored: list[str] = field(default_factory=list)
    busy: list[str] = field(default_factory=list)
    duplicates_after_busy: int = 0
    errors: list[str] = field(default_factory=list)

    def application(self, index: int) -> Application:
        return Application(
            agency="平罗县城关镇人民政府",
            applicant_type="自然人",
            applicant_name=f"申请人{self.number}",
            id_number="11010519491231002X",
            phone="13912345678",
            content=f"第{self.number}位申请人的第{index}份申请",
            channel="网络",
            form="电子",
            delivery="电子邮件",
            email="a@example.cn",
            confirmed_on=date(2026, 3, 2),
        )

    def run(self, services: Services, stop: threading.Event) -> None:
        index = 0
        while not stop.is_set():
            try:
                self.stored.append(submit(services.db, self.application(index)).number)
            except DatabaseUnavailable as exc:
                self.busy.append(str(exc))
                time.sleep(0.1)
                continue  # the same application again
            except DuplicateRequest as exc:
                # Only after a retry: the lost reply's COMMIT had gone through.
                self.duplicates_after_busy += 1
                self.stored.append(exc.existing_number)
            except Exception as exc:  # anything else is a failure of this test
                self.errors.append(repr(exc))
                return
            index += 1


def test_postgres_restart_during_submissions(settings: Settings, servers: TestServers) -> None:
    services = Services(settings)
    applicants = [Applicant(n) for n in range(4)]
    stop = threading.Event()
    threads = [
        threading.Thread(target=a.run, args=(services, stop), daemon=True) for a in applicants
    ]
    for thread in threads:
        thread.start()
    time.sleep(2)
    servers.postgres.stop()  # fast shutdown: in-flight transactions are cut off
    time.sleep(2)
    servers.postgres.start()
    stored_at_restart = [len(a.stored) for a in applicants]
    time.sleep(3)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)

    assert [a.errors for a in applicants] == [[]] * len(applicants)
    assert {m for a in applicants for m in a.busy} == {"系统繁忙，请稍后重试"}
    assert sum(len(a.busy) for a in applicants) > 0
    # pool_pre_ping replaced the dead connections: everyone got through again.
    assert all(len(a.stored) > n for a, n in zip(applicants, stored_at_restart, strict=True))

    receipts = sorted(number for a in applicants for number in a.stored)
    with services.db.session() as session:
        numbers = sorted(session.scalars(select(Request.number)))
        last = session.scalar(select(RequestCounter.last).where(RequestCounter.year == 2026))
        events = session.execute(
            select(Request.number, func.count(RequestEvent.id), func.min(RequestEvent.step))
            .join(RequestEvent, RequestEvent.request_id == Request.id, isouter=True)
            .group_by(Request.number)
        ).all()
    services.db.dispose()
    # Every application stored exactly once, every request whole, no number lost.
    assert receipts == numbers == [f"GK-2026-{n:06d}" for n in range(1, len(numbers) + 1)]
    assert last == len(numbers)
    assert {(count, step) for _, count, step in events} == {(1, REGISTER_STEP)}
    print(
        f"\nPostgreSQL restart: {len(numbers)} stored, "
        f"{sum(len(a.busy) for a in applicants)} 系统繁忙 replies, "
        f"{sum(a.duplicates_after_busy for a in applicants)} retries found already stored"
    )


def _policy_copies(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    paths = [folder / f"policy_{n:02d}.md" for n in range(count)]
    for n, path in enumerate(paths):
        path.write_text(_policy(n), encoding="utf-8")
    return paths


def test_ingest_killed_midway_is_completed_by_a_rerun(services: Services, tmp_path: Path) -> None:
    files = _policy_copies(tmp_path / "policies", 8)
    engine = services.db.engine
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}  # GOVQA_* point at the servers
    ingest = subprocess.Popen(
        [sys.executable, "-m", "ingest", str(tmp_path / "policies"), "--quiet"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # Kill while a later file is being written (its record exists, its version is not
    # yet current), or, failing to catch that moment, once three files have landed.
    killed_in = None
    deadline = time.monotonic() + 300
    with engine.connect() as conn:
        while killed_in is None and time.monotonic() < deadline:
            assert ingest.poll() is None, ingest.stderr.read().decode() if ingest.stderr else ""
            done, writing = conn.execute(
                text(
                    "SELECT count(*) FILTER (WHERE version IS NOT NULL), "
                    "count(*) FILTER (WHERE version IS NULL) FROM documents"
                )
            ).one()
            conn.commit()
            if done >= 2 and writing:
                killed_in = "mid-write"
            elif done >= 3:
                killed_in = "between files"
            else:
                time.sleep(0.005)
    os.kill(ingest.pid, signal.SIGKILL)
    ingest.wait()
    assert killed_in is not None, "the ingest never stored its first files"
    left = documents(services)
    stray = index_problems(services)
    print(
        f"\nkilled {killed_in}: {sum(d.version is not None for d in left.values())} files "
        f"current, {len(stray)} inconsistencies left for the rerun"
    )

    assert ingest_main([str(tmp_path / "policies"), "--quiet"], services=services) == 0

    docs = documents(services)
    assert sorted(docs) == [p.name for p in files]
    assert all(d.version is not None and d.sha256 for d in docs.values())
    assert index_problems(services) == []
    assert services.index.count() == sum(d.chunk_count for d in docs.values())
