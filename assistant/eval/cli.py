"""`python -m assistant.eval --qa FILE.jsonl [FILE ...] [--corpus DIR] [--json OUT]`.

Asks every question, prints overall, table-figure, narrative-figure, policy, refusal and
follow-up accuracy, the wrong-answer rate apart from refusals, the retrieval hit rate and
p50/p95 latency (overall and by kind), and writes the same with every answer to OUT. With --corpus the corpus is ingested into a fresh temporary store, so runs
never mix; without it the configured store is used. Exit codes: 0 whatever the scores;
1 on errors (an unreadable QA file, a corpus file that fails to ingest); 2 on usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path

from assistant.eval.qaset import QAItem, QASetError, load_qa
from assistant.eval.runner import EvalError, ask_all, fresh_store
from assistant.eval.scoring import Rate, Result, Summary, summarize
from assistant.services import Services
from assistant.settings import Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

KIND_LABELS = {
    "table": "表格数字准确率",
    "narrative": "正文数字准确率",
    "policy": "条例问题准确率",
    "refusal": "拒答准确率",
    "follow_up": "追问准确率",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assistant.eval",
        description="评测问答准确率与延迟。",
    )
    parser.add_argument(
        "--qa",
        required=True,
        nargs="+",
        type=Path,
        metavar="FILE.jsonl",
        help="问答集（JSON Lines）",
    )
    parser.add_argument(
        "--corpus", type=Path, metavar="DIR", help="先把该目录导入一个全新的临时资料库"
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="把汇总和每题结果写入该JSON文件")
    return parser


def _rate(rate: Rate) -> str:
    if rate.share is None:
        return "—"
    return f"{rate.share * 100:5.1f}%  ({rate.right}/{rate.total})"


def display_width(text: str) -> int:
    """Columns `text` takes on a terminal: Chinese characters take two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def summary_rows(summary: Summary) -> list[tuple[str, str]]:
    rows = [("总体准确率", _rate(summary.overall))]
    rows += [(KIND_LABELS[k], _rate(r)) for k, r in summary.by_kind.items()]
    rows += [
        ("答错率（非拒答）", _rate(summary.wrong)),
        ("其中数字答错", _rate(summary.wrong_figures)),
        ("拒答比例", _rate(summary.refused)),
        ("检索命中率", _rate(summary.retrieval_hits)),
        ("延迟 p50 / p95", f"{summary.p50_ms:.0f} ms / {summary.p95_ms:.0f} ms"),
    ]
    rows += [
        (f"  {KIND_LABELS[g].removesuffix('准确率')}延迟", f"{p50:.0f} ms / {p95:.0f} ms")
        for g, (p50, p95) in summary.latency_by_kind.items()
    ]
    return rows


def format_summary(summary: Summary) -> str:
    rows = [("问题数", str(summary.overall.total)), *summary_rows(summary)]
    width = max(display_width(label) for label, _ in rows) + 2
    return "\n".join(pad(label, width) + value for label, value in rows)


def evaluate(services: Services, items: Sequence[QAItem]) -> list[Result]:
    from assistant.qa import QAService

    return ask_all(QAService(services).answer, items)


def write_json(path: Path, summary: Summary, results: Sequence[Result]) -> None:
    report = {"summary": summary.to_dict(), "results": [r.to_dict() for r in results]}
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")


def main(argv: list[str] | None = None, services: Services | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    base = services.settings if services else Settings()
    try:
        items = load_qa(args.qa)  # a broken QA file fails before the corpus is ingested
        store = (
            fresh_store(base, args.corpus, services.embeddings if services else None)
            if args.corpus
            else nullcontext(services or Services(base))
        )
        with store as used:
            results = evaluate(used, items)
    except (QASetError, EvalError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_FAILED
    summary = summarize(results)
    print(format_summary(summary))
    if args.json:
        try:
            write_json(args.json, summary, results)
        except OSError as exc:
            print(f"错误：无法写入 {args.json}（{exc.strerror}）", file=sys.stderr)
            return EXIT_FAILED
    return EXIT_OK
