"""Load test: app instances sharing one PostgreSQL and one `chroma run` server.

Everything runs on 127.0.0.1 and is bounded in time and count. The script starts
PostgreSQL and Chroma (throwaway, as the integration suite does) and `app.py` instances on
the empty stores, all at once (they migrate and ingest the bundled samples in turn). Then,
for --duration seconds, --citizens simulated citizens ask questions from data/qa through
`/ask`, and --filers applicants file 依申请公开 requests through the form's own endpoint.
Each client keeps to one instance, spread round-robin, as a sticky load balancer would.

Each answer is compared with the answer the same question got before the load started.
At the end every 受理编号 handed out must be in the database exactly once, and the
database must hold no request that nobody got a receipt for.

    .venv/bin/python benchmarks/load.py [--instances 2] [--citizens 20] [--filers 5]
                                        [--duration 60] [--torch-threads N] [--chaos]
                                        [--json]

With --chaos, Chroma and later PostgreSQL are stopped for a while mid-run: citizens must
then get 检索服务暂时不可用 or 系统繁忙 (never a wrong figure or an error), applicants 系统繁忙
at worst, and all must recover once the server is back, without restarting any instance.

Exit code 0 when there were no errors, no wrong answers, no outage replies other than
those --chaos provoked, and every request is stored exactly once; 1 otherwise; 2 on bad
arguments.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Replace the script folder (whose ingest.py/requests.py would shadow the real packages).
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from assistant.settings import REPO_ROOT, Settings, apply_process_defaults  # noqa: E402

apply_process_defaults()

import httpx  # noqa: E402
from sqlalchemy import select  # noqa: E402

from assistant.corpus.models import Document  # noqa: E402
from assistant.db import Database  # noqa: E402
from assistant.eval.qaset import load_qa  # noqa: E402
from assistant.requests.models import Request  # noqa: E402
from benchmarks.load_clients import CALL_TIMEOUT, Client, Tally, call  # noqa: E402
from tests.services.servers import TestServers, free_port, running_servers  # noqa: E402

LIMITS = {"instances": 4, "citizens": 100, "filers": 50, "duration": 600, "torch_threads": 64}
QA_SETS = ["chengguan_2020", "huaian_2024", "shanghai_2019", "tiaoli"]
START_TIMEOUT = 600.0  # an instance on an empty store builds the model and ingests
DATABASE = "govqa_load"


def _bounded(name: str, low: int) -> Any:
    def parse(value: str) -> int:
        number = int(value)
        if not low <= number <= LIMITS[name]:
            raise argparse.ArgumentTypeError(f"must be between {low} and {LIMITS[name]}")
        return number

    return parse


@dataclass
class Instance:
    port: int
    process: subprocess.Popen[bytes]
    log: Path
    ready_after: float = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def tail(self) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-20:])


def instance_env(servers: TestServers, data_dir: Path, torch_threads: int) -> dict[str, str]:
    """What an operator sets on each app server (README, Deployment)."""
    threads = {"GOVQA_TORCH_THREADS": str(torch_threads)} if torch_threads else {}
    return {
        **os.environ,
        **threads,
        "GOVQA_DATABASE_URL": servers.postgres.url(DATABASE),
        "GOVQA_CHROMA_MODE": "http",
        "GOVQA_CHROMA_HOST": "127.0.0.1",
        "GOVQA_CHROMA_PORT": str(servers.chroma.port),
        "GOVQA_HOST": "127.0.0.1",
        "GOVQA_DATA_DIR": str(data_dir),
        "GOVQA_MODELS_DIR": str(Settings().resolved_models_dir),
        # The simulated applicants share one ID number and file from one address, as fast
        # as they can: the intake limits would refuse them after a few requests.
        "GOVQA_INTAKE_PER_PERSON_PER_DAY": "1000000",
        "GOVQA_INTAKE_PER_CLIENT_PER_HOUR": "1000000",
    }


@contextmanager
def started_instances(count: int, env: dict[str, str], logs: Path) -> Iterator[list[Instance]]:
    started = time.perf_counter()
    instances = []
    for n in range(count):
        port = free_port()
        log = logs / f"app{n}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "app.py", "--port", str(port)],
                cwd=REPO_ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        instances.append(Instance(port, process, log))
    try:
        for instance in instances:
            wait_until_healthy(instance, started)
        yield instances
    finally:
        for instance in instances:
            instance.process.terminate()
        for instance in instances:
            try:
                instance.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                instance.process.kill()
                instance.process.wait()


def wait_until_healthy(instance: Instance, started: float) -> None:
    deadline = started + START_TIMEOUT
    while time.perf_counter() < deadline:
        if instance.process.poll() is not None:
            raise RuntimeError(f"app.py on port {instance.port} exited:\n{instance.tail()}")
        try:
            if httpx.get(f"{instance.url}/healthz", timeout=5).json()["status"] == "ok":
                instance.ready_after = time.perf_counter() - started
                return
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"app.py on port {instance.port} not ready after {START_TIMEOUT:.0f} s")


def reference_answers(instances: list[Instance]) -> list[tuple[str, str]]:
    """Each question's answer before any load (also warms every instance up). Both
    instances must already agree: they share the stores."""
    questions = [item.question for item in load_qa(qa_path(name) for name in QA_SETS)]
    pairs = []
    clients = [httpx.Client(base_url=i.url, timeout=CALL_TIMEOUT) for i in instances]
    with ExitStack() as stack:
        for client in clients:
            stack.enter_context(client)
        for question in questions:
            answers = {call(client, "ask", [question])[0] for client in clients}
            if len(answers) != 1:
                raise RuntimeError(f"instances disagree on {question!r}: {answers}")
            pairs.append((question, answers.pop()))
    return pairs


def qa_path(name: str) -> Path:
    return REPO_ROOT / "data" / "qa" / f"{name}.jsonl"


def stored_state(url: str) -> tuple[Counter[str], int]:
    """Request numbers in the database, and how many document records there are."""
    db = Database(url)
    try:
        with db.session() as session:
            numbers = Counter(session.scalars(select(Request.number)))
            documents = len(session.scalars(select(Document.id)).all())
    finally:
        db.dispose()
    return numbers, documents


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ranked = sorted(values)
    return ranked[min(len(ranked) - 1, round(q / 100 * (len(ranked) - 1)))]


def summarise(
    kind: str, tally: Tally, seconds: float, outages: dict[str, tuple[float, float]]
) -> dict[str, Any]:
    ms = [v * 1000 for v in tally.latencies]
    setbacks = [(t, o) for t, o in tally.timeline if o != "ok"]
    return {
        "kind": kind,
        "completed": len(ms),
        "per_second": len(ms) / seconds,
        "p50_ms": statistics.median(ms) if ms else float("nan"),
        "p95_ms": percentile(ms, 95),
        "p99_ms": percentile(ms, 99),
        "outcomes": dict(tally.outcomes),
        "errors": sum(tally.errors.values()),
        "error_kinds": dict(tally.errors),
        "last_setback_s": {
            outcome: round(max(t for t, o in setbacks if o == outcome), 1)
            for outcome in {o for _, o in setbacks}
        },
        # Replies still correct while a server was down (table figures need no Chroma).
        "ok_during_outage": {
            server: sum(1 for t, o in tally.timeline if o == "ok" and down <= t <= up)
            for server, (down, up) in outages.items()
        },
        # Replies correct after the last server came back: recovery without a restart.
        "ok_after_outages": sum(
            1
            for t, o in tally.timeline
            if o == "ok" and t > max((up for _, up in outages.values()), default=0.0)
        ),
    }


def outage_windows(events: list[tuple[float, str]]) -> dict[str, tuple[float, float]]:
    at = {label: t for t, label in events}
    return {
        server: (at[f"{server} stopped"], at[f"{server} started"])
        for server in ("chroma", "postgres")
        if f"{server} stopped" in at and f"{server} started" in at
    }


@dataclass
class Chaos:
    """Stops Chroma, then PostgreSQL, each for `outage` seconds, while the clients run."""

    servers: TestServers
    duration: float
    events: list[tuple[float, str]] = field(default_factory=list)

    @property
    def outage(self) -> float:
        return min(10.0, self.duration * 0.15)

    def plan(self) -> list[tuple[float, str, Callable[[], None]]]:
        chroma, postgres = self.servers.chroma, self.servers.postgres
        return [
            (0.2 * self.duration, "chroma stopped", chroma.stop),
            (0.2 * self.duration + self.outage, "chroma started", chroma.start),
            (0.55 * self.duration, "postgres stopped", postgres.stop),
            (0.55 * self.duration + self.outage, "postgres started", postgres.start),
        ]

    def run(self, stop: threading.Event, started: float) -> None:
        steps = self.plan()
        try:
            for at, label, action in steps:
                if stop.wait(max(0.0, at - (time.perf_counter() - started))):
                    return
                action()
                self.events.append((round(time.perf_counter() - started, 1), label))
        finally:  # never leave a server down for the final checks
            done = {label for _, label in self.events}
            for _, label, action in steps:
                stopped = label.replace("started", "stopped")
                if label.endswith("started") and stopped in done and label not in done:
                    action()


def run(args: argparse.Namespace) -> dict[str, Any]:
    with ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="govqa-load-")))
        servers = stack.enter_context(running_servers())
        servers.postgres.create_database(DATABASE)
        env = instance_env(servers, scratch / "data", args.torch_threads)
        instances = stack.enter_context(started_instances(args.instances, env, scratch))
        questions = reference_answers(instances)

        clients = [Client("ask", n, "") for n in range(args.citizens)]
        clients += [Client("file", n, "") for n in range(args.filers)]
        for n, client in enumerate(clients):
            client.base_url = instances[n % len(instances)].url
        chaos = Chaos(servers, args.duration) if args.chaos else None
        stop = threading.Event()
        started = time.perf_counter()
        threads = [
            threading.Thread(target=c.run, args=(stop, questions, started), daemon=True)
            for c in clients
        ]
        if chaos is not None:
            threads.append(threading.Thread(target=chaos.run, args=(stop, started)))
        for thread in threads:
            thread.start()
        stop.wait(args.duration)
        stop.set()
        for thread in threads:
            thread.join(timeout=CALL_TIMEOUT + 10)
        seconds = time.perf_counter() - started
        rss = [round(i.rss_mb()) for i in instances]
        stored, documents = stored_state(servers.postgres.url(DATABASE))

    events = chaos.events if chaos else []
    tallies = {"ask": Tally(), "file": Tally()}
    for client in clients:
        tallies[client.kind].add(client.tally)
    receipts = Counter(number for c in clients for number in c.receipts)
    return {
        "instances": args.instances,
        "citizens": args.citizens,
        "filers": args.filers,
        "torch_threads": args.torch_threads or "default",
        "seconds": seconds,
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg()[0],
        "ready_after_s": [round(i.ready_after, 1) for i in instances],
        "rss_mb": rss,
        "documents": documents,
        "chaos": events,
        "results": [
            summarise(kind, tally, seconds, outage_windows(events))
            for kind, tally in tallies.items()
        ],
        "receipts": sum(receipts.values()),
        "receipts_repeated": sum(n - 1 for n in receipts.values() if n > 1),
        "stored_requests": sum(stored.values()),
        "receipts_missing": sorted(set(receipts) - set(stored)),
        "stored_twice": sorted(n for n, c in stored.items() if c > 1),
        "stored_without_receipt": sorted(set(stored) - set(receipts)),
        # Stored filings whose reply was lost and whose retry was told 请勿重复提交.
        "duplicates": sum(c.duplicates for c in clients),
    }


def exactly_once(report: dict[str, Any]) -> bool:
    """Every receipt stored once; a request stored without a receipt only for each retry
    that was told it was a duplicate (its first reply was lost in an outage)."""
    keys = ("receipts_missing", "stored_twice")
    unreceipted = len(report["stored_without_receipt"]) == report["duplicates"]
    return report["receipts_repeated"] == 0 and not any(report[k] for k in keys) and unreceipted


def problems(report: dict[str, Any]) -> list[str]:
    """Why the run failed, if it did. Outage replies (系统繁忙, 检索服务暂时不可用) are
    expected only with --chaos, and then the last one must come after its outage ended."""
    found = [] if exactly_once(report) else ["requests not stored exactly once"]
    restarted = {label.split()[0]: at for at, label in report["chaos"] if "started" in label}
    cause = {"unavailable": "chroma", "busy": "postgres"}
    for r in report["results"]:
        if r["errors"]:
            found.append(f"{r['kind']}: {r['errors']} errors")
        for outcome, count in r["outcomes"].items():
            if outcome == "ok":
                continue
            if outcome not in cause or cause[outcome] not in restarted:
                found.append(f"{r['kind']}: {count} × {outcome}")
        if not r["ok_after_outages"]:
            found.append(f"{r['kind']}: nothing succeeded after the outages")
    return found


def print_report(report: dict[str, Any]) -> None:
    print(
        f"{report['instances']} 个实例，{report['citizens']} 位咨询用户 + "
        f"{report['filers']} 位申请人，{report['seconds']:.0f} 秒"
        f"（{report['cpus']} 核，负载均值 {report['load_average']:.2f}，"
        f"每实例模型线程 {report['torch_threads']}）"
    )
    print(f"实例就绪用时 {report['ready_after_s']} 秒，内存 {report['rss_mb']} MB")
    for at, label in report["chaos"]:
        print(f"  第 {at} 秒：{label}")
    print(f"{'':6}{'完成':>8}{'每秒':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'错误':>6}  结果")
    for r in report["results"]:
        name = "提问" if r["kind"] == "ask" else "申请"
        outcomes = "，".join(f"{k} {v}" for k, v in sorted(r["outcomes"].items()))
        print(
            f"{name:6}{r['completed']:>8}{r['per_second']:>8.1f}{r['p50_ms']:>9.0f}"
            f"{r['p95_ms']:>9.0f}{r['p99_ms']:>9.0f}{r['errors']:>6}  {outcomes}"
        )
        for outcome, at in r["last_setback_s"].items():
            print(f"      最后一次 {outcome}：第 {at} 秒")
        for server, count in r["ok_during_outage"].items():
            print(f"      {server} 停机期间正确完成 {count} 次")
        for error, count in r["error_kinds"].items():
            print(f"      {count} × {error}", file=sys.stderr)
    verdict = "每件恰好一次" if exactly_once(report) else "不一致！"
    print(
        f"申请：回执 {report['receipts']} 件，数据库 {report['stored_requests']} 件，{verdict}"
        f"（缺 {len(report['receipts_missing'])}，重复 {len(report['stored_twice'])}，"
        f"无回执 {len(report['stored_without_receipt'])}）；文档 {report['documents']} 份"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=_bounded("instances", 1), default=2)
    parser.add_argument("--citizens", type=_bounded("citizens", 0), default=20)
    parser.add_argument("--filers", type=_bounded("filers", 0), default=5)
    parser.add_argument("--duration", type=_bounded("duration", 1), default=60, help="seconds")
    parser.add_argument(
        "--torch-threads",
        type=_bounded("torch_threads", 0),
        help="model threads per instance; default cores ÷ instances (README), 0: torch's own",
    )
    parser.add_argument(
        "--chaos",
        action="store_true",
        help="stop Chroma, later PostgreSQL, for min(10 s, 15%% of the run) each",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if args.torch_threads is None:
        args.torch_threads = max(1, (os.cpu_count() or 1) // args.instances)
    try:
        report = run(args)
    except Exception as exc:  # servers or instances failed to start: say why, exit 1
        print(f"负载测试未能运行：{exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print_report(report)
    found = problems(report)
    for problem in found:
        print(f"失败：{problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
