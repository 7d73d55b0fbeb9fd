"""Several app instances on one PostgreSQL and one Chroma server: started together on
empty stores, a hung Chroma server, and what /healthz tells the load balancer."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from assistant.qa import QAService
from assistant.services import Services
from assistant.settings import REPO_ROOT, Settings
from assistant.ui.server import create_app
from ingest.pipeline import Ingestor
from tests.conftest import SAMPLES
from tests.integration.stores import documents, index_problems
from tests.services.http import serving
from tests.services.servers import TestServers

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SUMMARY = re.compile(r"新增 (\d+) 个，更新 (\d+) 个，未变 (\d+) 个，失败 (\d+) 个")
NARRATIVE = "城关镇政府2020年度主动公开的政府信息共有多少条？"


def test_instances_started_together_migrate_and_ingest_each_file_once(
    settings: Settings, tmp_path: Path
) -> None:
    """Both processes find an empty database: they migrate in turn and ingest each file
    in turn, the later one finding it unchanged (not a second record, not a lost index)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("2020_pingluo_chengguan.txt", "04_shanghai_govoffice_2019.txt"):
        shutil.copy(SAMPLES / name, folder / name)
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}  # GOVQA_* point at the servers
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "ingest", str(folder), "--quiet"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outputs]

    summaries = [SUMMARY.search(out) for out, _ in outputs]
    assert all(summaries), outputs
    counts = [[int(n) for n in found.groups()] for found in summaries if found]
    new, updated, unchanged, failed = (sum(column) for column in zip(*counts, strict=True))
    assert (new, updated, unchanged, failed) == (2, 0, 2, 0)

    services = Services(settings)
    assert sorted(documents(services)) == sorted(p.name for p in folder.iterdir())
    assert index_problems(services) == []


def test_a_hung_chroma_server_times_out_into_the_unavailable_answer(
    settings: Settings, servers: TestServers, embeddings  # type: ignore[no-untyped-def]
) -> None:
    services = Services(settings.model_copy(update={"chroma_timeout_seconds": 2.0}))
    services.embeddings = embeddings
    assert Ingestor.from_services(services).ingest([SAMPLES / "2020_pingluo_chengguan.txt"]).ok
    qa = QAService(services)
    assert qa.answer(NARRATIVE).value == 1252

    servers.chroma.pause()
    try:
        started = time.monotonic()
        hung = qa.answer(NARRATIVE)
        waited = time.monotonic() - started
        table = qa.answer("城关镇2020年收到几件依申请公开申请？")
    finally:
        servers.chroma.resume()
    assert (hung.refused, hung.value) == (True, None)
    assert hung.text.startswith("检索服务暂时不可用，")
    assert waited < 30  # bounded by the timeout (a few calls of 2 s), not forever
    assert (table.route, table.value) == ("table", 3)
    assert qa.answer(NARRATIVE).value == 1252  # same client, nothing rebuilt
    print(f"\nhung Chroma: unavailable answer after {waited:.1f} s (timeout 2 s per call)")


def test_healthz_follows_the_servers(
    settings: Settings, servers: TestServers, embeddings  # type: ignore[no-untyped-def]
) -> None:
    services = Services(settings)
    services.embeddings = embeddings
    with serving(create_app(services, QAService(services))) as base:

        def health() -> tuple[int, dict[str, str]]:
            got = httpx.get(f"{base}/healthz", timeout=60)
            return got.status_code, got.json()

        assert health() == (200, {"status": "ok", "database": "ok", "retrieval": "ok"})
        servers.chroma.stop()
        try:
            assert health() == (
                200,
                {"status": "degraded", "database": "ok", "retrieval": "unavailable"},
            )
        finally:
            servers.chroma.start()
        servers.postgres.stop()
        try:
            assert health() == (
                503,
                {"status": "down", "database": "unavailable", "retrieval": "ok"},
            )
        finally:
            servers.postgres.start()
        assert health() == (200, {"status": "ok", "database": "ok", "retrieval": "ok"})
