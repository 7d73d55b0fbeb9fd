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
                                        [--duration 60] [--torch-threads N] [--json]

Exit code 0 when there were no errors, no wrong answers and every request is stored
exactly once; 1 otherwise; 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
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
from assistant.ui.request_form import SUBMIT_API  # noqa: E402
from tests.services.servers import TestServers, free_port, running_servers  # noqa: E402

LIMITS = {"instances": 4, "citizens": 100, "filers": 50, "duration": 600, "torch_threads": 64}
QA_SETS = ["chengguan_2020", "huaian_2024", "shanghai_2019", "tiaoli"]
START_TIMEOUT = 600.0  # an instance on an empty store builds the model and ingests
CALL_TIMEOUT = 120.0  # one question or submission; a client never waits longer
NUMBER = re.compile(r"GK-\d{4}-\d{6}")
DATABASE = "govqa_load"


def _bounded(name: str, low: int) -> Any:
    def parse(value: str) -> int:
        number = int(value)
        if not low <= number <= LIMITS[name]:
            raise argparse.ArgumentTypeError(f"must be between {low} and {LIMITS[name]}")
        return number

    return parse


# --- the web app's HTTP API, as a client sees it ------------------------------------------


class CallFailed(Exception):
    """The app answered the call with an error, or not at all."""


def call(client: httpx.Client, api_name: str, data: list[Any]) -> list[Any]:
    """One gradio call: POST the inputs, then read the event stream to its end."""
    posted = client.post(f"/gradio_api/call/{api_name}", json={"data": data})
    if posted.status_code != 200:
        raise CallFailed(f"HTTP {posted.status_code}: {posted.text[:200]}")
    event_id = posted.json()["event_id"]
    event = None
    with client.stream("GET", f"/gradio_api/call/{api_name}/{event_id}") as stream:
        for line in stream.iter_lines():
            if line.startswith("event: "):
                event = line.removeprefix("event: ")
            elif line.startswith("data: ") and event in {"complete", "error"}:
                payload = json.loads(line.removeprefix("data: "))
                if event == "error":
                    raise CallFailed(f"error event: {payload}")
                return list(payload)
    raise CallFailed("the event stream ended without a result")


def application(filer: int, index: int) -> list[Any]:
    """The form's inputs in order (see RequestForm): a distinct request each time."""
    return [
        "平罗县城关镇人民政府",
        "自然人",
        f"负载测试申请人{filer}",
        "11010519491231002X",
        "13912345678",
        "",
        f"load{filer}@example.cn",
        f"请公开负载测试第{filer}位申请人第{index}份申请所涉及的政府信息（文号示例〔2026〕{index}号）",
        "电子",
        "电子邮件",
        True,  # consent
    ]


def receipt_number(outputs: list[Any]) -> str:
    found = NUMBER.search(str(outputs[0]))
    if found:
        return found.group()
    # No receipt: the form shows the reason in its message slots.
    shown = re.findall(r"⚠ ([^'\"]+)", json.dumps(outputs, ensure_ascii=False))
    raise CallFailed("；".join(shown) or "no receipt in the reply")


# --- the run --------------------------------------------------------------------------------


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    wrong: int = 0

    def add(self, other: Tally) -> None:
        self.latencies += other.latencies
        self.errors += other.errors
        self.wrong += other.wrong


@dataclass
class Client:
    kind: str  # "ask" or "file"
    number: int
    base_url: str
    tally: Tally = field(default_factory=Tally)
    receipts: list[str] = field(default_factory=list)

    def run(self, stop: threading.Event, questions: list[tuple[str, str]], seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=self.base_url, timeout=CALL_TIMEOUT) as http:
            index = 0
            while not stop.is_set():
                started = time.perf_counter()
                try:
                    if self.kind == "ask":
                        question, expected = rng.choice(questions)
                        answer = call(http, "ask", [question])[0]
                        self.tally.wrong += answer != expected
                    else:
                        outputs = call(http, SUBMIT_API, application(self.number, index))
                        self.receipts.append(receipt_number(outputs))
                        index += 1
                except (CallFailed, httpx.HTTPError) as exc:
                    self.tally.errors[f"{type(exc).__name__}: {str(exc)[:120]}"] += 1
                    time.sleep(0.5)  # as a person told 请稍后重试 would
                    continue
                self.tally.latencies.append(time.perf_counter() - started)


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


def summarise(kind: str, tally: Tally, seconds: float) -> dict[str, Any]:
    ms = [v * 1000 for v in tally.latencies]
    return {
        "kind": kind,
        "completed": len(ms),
        "errors": sum(tally.errors.values()),
        "wrong_answers": tally.wrong,
        "per_second": len(ms) / seconds,
        "p50_ms": statistics.median(ms) if ms else float("nan"),
        "p95_ms": percentile(ms, 95),
        "p99_ms": percentile(ms, 99),
        "error_kinds": dict(tally.errors),
    }


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
        stop = threading.Event()
        threads = [
            threading.Thread(target=c.run, args=(stop, questions, n), daemon=True)
            for n, c in enumerate(clients)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        stop.wait(args.duration)
        stop.set()
        for thread in threads:
            thread.join(timeout=CALL_TIMEOUT + 10)
        seconds = time.perf_counter() - started
        rss = [round(i.rss_mb()) for i in instances]
        stored, documents = stored_state(servers.postgres.url(DATABASE))

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
        "results": [summarise(kind, t, seconds) for kind, t in tallies.items()],
        "receipts": sum(receipts.values()),
        "receipts_repeated": sum(n - 1 for n in receipts.values() if n > 1),
        "stored_requests": sum(stored.values()),
        "receipts_missing": sorted(set(receipts) - set(stored)),
        "stored_twice": sorted(n for n, c in stored.items() if c > 1),
        "stored_without_receipt": sorted(set(stored) - set(receipts)),
    }


def exactly_once(report: dict[str, Any]) -> bool:
    keys = ("receipts_missing", "stored_twice", "stored_without_receipt")
    return report["receipts_repeated"] == 0 and not any(report[k] for k in keys)


def print_report(report: dict[str, Any]) -> None:
    print(
        f"{report['instances']} 个实例，{report['citizens']} 位咨询用户 + "
        f"{report['filers']} 位申请人，{report['seconds']:.0f} 秒"
        f"（{report['cpus']} 核，负载均值 {report['load_average']:.2f}，"
        f"每实例模型线程 {report['torch_threads']}）"
    )
    print(f"实例就绪用时 {report['ready_after_s']} 秒，内存 {report['rss_mb']} MB")
    print(f"{'':6}{'完成':>8}{'每秒':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'错误':>6}{'答错':>6}")
    for r in report["results"]:
        name = "提问" if r["kind"] == "ask" else "申请"
        print(
            f"{name:6}{r['completed']:>8}{r['per_second']:>8.1f}{r['p50_ms']:>9.0f}"
            f"{r['p95_ms']:>9.0f}{r['p99_ms']:>9.0f}{r['errors']:>6}{r['wrong_answers']:>6}"
        )
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
    failed = any(r["errors"] or r["wrong_answers"] for r in report["results"])
    return 1 if failed or not exactly_once(report) else 0


if __name__ == "__main__":
    sys.exit(main())
