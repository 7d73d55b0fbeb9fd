"""How fast a 1 MB question is turned away, and how /healthz answers meanwhile.

Starts `app.py` on a free loopback port (fresh data dir, nothing to ingest, the real
model loaded as in production), then sends a 1 MB chat message and a 1 MB `/ask` question
RUNS times each while another thread polls /healthz; reports the median and worst reply
time and the worst /healthz latency. Takes about 30 s, most of it the app's start.

    .venv/bin/python benchmarks/input_bounds.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
# Run as a script, this folder heads sys.path and benchmarks/requests.py would shadow the
# `requests` HTTP library; the repository root is what we need.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent))

from benchmarks.load_clients import call  # noqa: E402
from tests.services.servers import free_port  # noqa: E402

ROOT = HERE.parent
MESSAGE = "我想申请公开" + "，" * 1_000_000 + "x"  # the attack, 1 MB of text
EXPECTED = "问题太长了"


def start(scratch: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    empty = scratch / "no-samples"
    empty.mkdir()
    env = {
        **os.environ,
        "GOVQA_DATA_DIR": str(scratch / "data"),
        "GOVQA_SAMPLES_DIR": str(empty),
        "GOVQA_MODELS_DIR": os.environ.get("GOVQA_TEST_MODELS_DIR", str(ROOT / "var" / "models")),
    }
    log = (scratch / "app.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "app.py"), "--port", str(port)],
        cwd=scratch,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"app.py exited: see {scratch / 'app.log'}")
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.3)
    raise SystemExit("app.py did not start within 180 s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="questions per endpoint")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govqa-bounds-") as scratch:
        process, base = start(Path(scratch))
        try:
            health: list[float] = []
            done = threading.Event()

            def poll() -> None:
                with httpx.Client(base_url=base, timeout=30) as client:
                    while not done.is_set():
                        sent = time.perf_counter()
                        client.get("/healthz").raise_for_status()
                        health.append(time.perf_counter() - sent)
                        time.sleep(0.02)

            poller = threading.Thread(target=poll)
            poller.start()
            timings: dict[str, list[float]] = {"respond": [], "ask": []}
            with httpx.Client(base_url=base, timeout=60) as client:
                for api_name, data in (("respond", [MESSAGE, []]), ("ask", [MESSAGE])):
                    for _ in range(args.runs):
                        sent = time.perf_counter()
                        reply = call(client, api_name, data)[0]
                        timings[api_name].append(time.perf_counter() - sent)
                        assert str(reply).startswith(EXPECTED), str(reply)[:80]
            done.set()
            poller.join()
        finally:
            process.terminate()
            process.wait(timeout=20)
    print(f"1 MB question ({len(MESSAGE):,} characters), {args.runs} runs per endpoint:")
    for api_name, values in timings.items():
        label = "chat" if api_name == "respond" else "/ask"
        print(
            f"  {label:5s} length message in median {statistics.median(values) * 1000:.0f} ms, "
            f"worst {max(values) * 1000:.0f} ms"
        )
    print(
        f"  /healthz meanwhile: {len(health)} answers, median "
        f"{statistics.median(health) * 1000:.0f} ms, worst {max(health) * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
