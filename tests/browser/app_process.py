"""`python app.py` as a subprocess on a free port, with its own data directory."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from assistant.settings import REPO_ROOT
from tests.conftest import SHARED_MODELS_DIR
from tests.services.servers import free_port

START_TIMEOUT = 180.0  # first start ingests the samples


@dataclass(frozen=True)
class RunningApp:
    url: str
    pid: int
    started_at: float  # time.monotonic() just before the process was launched
    log: Path

    def rss_mb(self) -> float:
        """Resident memory of the app process now."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError(f"no VmRSS for pid {self.pid}")


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"app.py exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"app.py did not answer at {url} within {START_TIMEOUT} s")


@contextmanager
def running_app(data_dir: Path, env: dict[str, str] | None = None) -> Iterator[RunningApp]:
    """Start the app on a fresh data dir (so it ingests the samples) and stop it after.
    It runs in the data dir's parent, so a developer's .env does not apply."""
    port = free_port()
    log = data_dir.parent / f"app-{port}.log"
    data_dir.mkdir(parents=True, exist_ok=True)
    environment = {
        **os.environ,
        "GOVQA_DATA_DIR": str(data_dir),
        "GOVQA_MODELS_DIR": str(SHARED_MODELS_DIR),
        **(env or {}),
    }
    started = time.monotonic()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, str(REPO_ROOT / "app.py"), "--port", str(port)],
            cwd=data_dir.parent,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_up(url, process, log)
        yield RunningApp(url, process.pid, started, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
