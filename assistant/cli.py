"""`python -m assistant ask "问题" [--json]`: answer one question from the command line.

Exit codes: 0 when the question was answered or honestly refused; 1 on errors (an empty
question); 2 on usage errors. The answer goes to stdout, progress and errors to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys

from assistant.services import Services
from assistant.settings import Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assistant",
        description="政务公开助手：查询年报数字与《条例》规定。资料库为空时先导入示例文档。",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("ask", help="回答一个问题")
    ask.add_argument("question", help="问题，例如：城关镇2020年收到几件依申请公开申请？")
    ask.add_argument("--json", action="store_true", help="以JSON输出完整答案（数字、单位、出处）")
    return parser


def run_ask(services: Services, question: str, as_json: bool) -> int:
    if not question.strip():
        print("错误：问题为空。", file=sys.stderr)
        return EXIT_FAILED
    from assistant.qa import QAService
    from ingest.bootstrap import ingest_samples_if_empty

    ingest_samples_if_empty(services)
    answer = QAService(services).answer(question)
    if as_json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(answer.text)
    return EXIT_OK


def main(argv: list[str] | None = None, services: Services | None = None) -> int:
    """Entry point; tests pass their `services` so the model loads once."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    return run_ask(services or Services(Settings()), args.question, args.json)
