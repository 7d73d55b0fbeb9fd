"""benchmarks/load.py end to end, briefly: two app instances on their own PostgreSQL and
Chroma server, a few clients for a few seconds. The full run's figures are in the README."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.settings import REPO_ROOT

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_two_instances_answer_and_store_every_request_exactly_once() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "benchmarks/load.py",
            "--instances=2",
            "--citizens=2",
            "--filers=2",
            "--duration=5",
            "--json",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    asks, files = report["results"]
    assert (asks["kind"], files["kind"]) == ("ask", "file")
    assert asks["completed"] > 0 and files["completed"] > 0
    assert (asks["errors"], asks["wrong_answers"], files["errors"]) == (0, 0, 0)
    assert report["documents"] == 4  # both instances bootstrapped; each sample stored once
    assert report["receipts"] == report["stored_requests"] == files["completed"]
    assert report["stored_twice"] == report["stored_without_receipt"] == []
    assert report["receipts_missing"] == []
