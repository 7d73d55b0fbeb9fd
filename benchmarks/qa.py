"""Answer accuracy and latency on the bundled samples: the assistant next to a baseline.

Baseline: plain dense retrieval with the same embedding model over chunks of 500
characters, top 4, answering with the first number in the top chunk (it refuses only
when that chunk holds no number). Both run on fresh temporary stores of data/samples,
after one warm-up question; latency is per question, wall time (the load average is
printed with it: other processes on a 2-core machine slow the embedding model down).

Latency is reported per kind (table, narrative, policy, refusal, follow-up) next to the
median time of one query embedding measured in the same run, and as a ratio to it.

    .venv/bin/python benchmarks/qa.py [--qa FILE.jsonl ...] [--corpus DIR] [--no-baseline]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

# Replace the script folder (whose ingest.py/requests.py would shadow the real packages).
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from assistant.settings import apply_process_defaults  # noqa: E402

apply_process_defaults()

from assistant.eval.cli import KIND_LABELS, display_width, pad, summary_rows  # noqa: E402
from assistant.eval.qaset import QAItem, QASetError, load_qa  # noqa: E402
from assistant.eval.runner import WARM_UP, ask_all, fresh_store  # noqa: E402
from assistant.eval.scoring import Result, Summary, summarize  # noqa: E402
from assistant.index import ChunkIndex  # noqa: E402
from assistant.qa import Answer, QAService  # noqa: E402
from assistant.qa.numbers import as_number  # noqa: E402
from assistant.services import Services  # noqa: E402
from assistant.settings import REPO_ROOT, Settings  # noqa: E402

SAMPLES = REPO_ROOT / "data" / "samples"
QA_FILES = sorted((REPO_ROOT / "data" / "qa").glob("*.jsonl"))
BASELINE_CHUNK = 500
BASELINE_TOP_K = 4
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


class DenseBaseline:
    """Top-4 dense chunks; the first number of the best one is the answer."""

    def __init__(self, index: ChunkIndex) -> None:
        self.index = index

    def answer(self, question: str, history: Sequence[Mapping[str, str]] = ()) -> Answer:
        hits = self.index.search(question, BASELINE_TOP_K)
        top = hits[0].text if hits else ""
        first = _NUMBER.search("".join(top.split()))
        value = as_number(first.group(0)) if first else None
        return Answer(top, value, refused=value is None, context=tuple(h.text for h in hits))


def print_side_by_side(ours: Summary, baseline: Summary) -> None:
    rows = list(zip(summary_rows(ours), summary_rows(baseline), strict=True))
    label_width = max(display_width(label) for (label, _), _ in rows) + 2
    value_width = max(display_width(mine) for (_, mine), _ in rows) + 4
    print(
        pad("", label_width)
        + pad("本系统（抽取式）", value_width)
        + "基线（稠密检索前4块＋首个数字）"
    )
    for (label, mine), (_, theirs) in rows:
        print(pad(label, label_width) + pad(mine, value_width) + theirs)


def ask_timed(qa: QAService, embeddings, items: Sequence[QAItem]) -> tuple[list[Result], float]:  # type: ignore[no-untyped-def]
    """Every question answered and timed, each followed by one query embedding of the same
    question timed alike (the load of a 2-core machine varies: both see the same)."""
    for question in WARM_UP:
        qa.answer(question)
        embeddings.embed_query(question)
    results, embedding_times = [], []
    for item in items:
        start = time.perf_counter()
        answer = qa.answer(item.question, item.history)
        middle = time.perf_counter()
        embeddings.embed_query(item.question)
        end = time.perf_counter()
        results.append(Result(item, answer, (middle - start) * 1000))
        embedding_times.append((end - middle) * 1000)
    return results, statistics.median(embedding_times)


def print_latency_ratios(ours: Summary, one_embedding_ms: float) -> None:
    print(f"一次查询向量（中位数，每题之后测一次）：{one_embedding_ms:.1f} ms")
    for group, (p50, p95) in ours.latency_by_kind.items():
        label = KIND_LABELS[group].removesuffix("准确率")
        print(
            f"  {pad(label, 8)} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms"
            f"   p95 ÷ 一次向量 = {p95 / one_embedding_ms:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--qa", nargs="+", type=Path, default=QA_FILES, metavar="FILE.jsonl")
    parser.add_argument("--corpus", type=Path, default=SAMPLES, metavar="DIR")
    parser.add_argument("--no-baseline", action="store_true", help="只测本系统")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        parser.error(f"argument --corpus: 不是目录：{args.corpus}")
    try:
        items = load_qa(args.qa)
    except QASetError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        sys.exit(1)
    base = Settings()
    start = time.perf_counter()
    embeddings = Services(base).embeddings
    print(f"模型加载 {time.perf_counter() - start:.1f} 秒；问题 {len(items)} 个", file=sys.stderr)

    with fresh_store(base, args.corpus, embeddings) as services:
        results, one_embedding = ask_timed(QAService(services), embeddings, items)
        ours = summarize(results)
    if args.no_baseline:
        baseline = ours
    else:
        with fresh_store(
            base, args.corpus, embeddings, chunk_size=BASELINE_CHUNK, chunk_overlap=0
        ) as services:
            baseline = summarize(ask_all(DenseBaseline(services.index).answer, items))
    print_side_by_side(ours, baseline)
    print_latency_ratios(ours, one_embedding)
    # Latency on a 2-core machine depends on what else runs: say how busy it was.
    print(f"（负载均值 {os.getloadavg()[0]:.2f}，CPU {os.cpu_count()} 核）")


if __name__ == "__main__":
    main()
