"""`python -m ingest`: ingest files, list what is stored, or show one file's tables."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import select
from tqdm import tqdm

from assistant.corpus.models import Document
from assistant.services import Services
from assistant.settings import Settings

USAGE = """\
python -m ingest PATH [PATH ...]      ingest files or folders (recursively)
python -m ingest list                 list stored documents
python -m ingest tables PATH [--json] show one file's statistics tables (stores nothing)"""

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _ingest_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m ingest",
        usage=USAGE,
        description=(
            "Ingest annual reports and policies (.txt .md .pdf .docx .html) into the "
            "SQL database and the Chroma index. Exit code 0 when every file was "
            "ingested, 1 when any file failed, 2 on usage errors."
        ),
    )
    parser.add_argument("paths", nargs="+", type=Path, help="files or folders")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def run_ingest(services: Services, paths: list[Path], quiet: bool = False) -> int:
    from ingest.pipeline import Ingestor, expand_paths

    files = list(expand_paths(paths))
    ingestor = Ingestor.from_services(services)
    bar = tqdm(total=len(files), desc="入库", unit="个文件", disable=quiet, file=sys.stderr)

    def report(result) -> None:  # type: ignore[no-untyped-def]
        bar.update(1)
        if result.outcome == "failed":
            tqdm.write(f"错误：{result.path}：{result.message}", file=sys.stderr)
        elif result.message:
            tqdm.write(f"提示：{result.path}：{result.message}", file=sys.stderr)

    with bar:
        summary = ingestor.ingest(files, on_result=report)
    print(
        f"新增 {summary.count('new')} 个，更新 {summary.count('updated')} 个，"
        f"未变 {summary.count('unchanged')} 个，失败 {summary.count('failed')} 个；"
        f"写入分块 {summary.chunks_written} 个；用时 {summary.seconds:.1f} 秒"
    )
    return EXIT_OK if summary.ok else EXIT_FAILED


def run_list(services: Services) -> int:
    with services.db.session() as session:
        docs = list(session.scalars(select(Document).order_by(Document.agency, Document.year)))
    if not docs:
        print("资料库为空。")
        return EXIT_OK
    for doc in docs:
        fmt = f"{doc.format}格式" if doc.format else "-"
        status = f"（已被文档 #{doc.superseded_by} 取代）" if doc.superseded_by else ""
        if doc.agency_note:
            status += f"（{doc.agency_note}）"
        if doc.acts_for:
            status += f"（代{doc.acts_for}报告）"
        print(
            f"#{doc.id}\t{doc.agency or doc.title}\t{doc.year or '-'}\t{fmt}\t"
            f"{doc.chunk_count} 个分块\t{doc.path}{status}"
        )
    return EXIT_OK


def main(argv: list[str] | None = None, services: Services | None = None) -> int:
    """Entry point; tests and the app pass their `services` so the model loads once."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["tables"]:
        from ingest.tables_cli import main as tables_main

        return tables_main(args[1:])
    if args[:1] == ["list"]:
        if len(args) > 1:
            print(f"用法错误：list 不接受参数：{' '.join(args[1:])}", file=sys.stderr)
            return EXIT_USAGE
        return run_list(services or Services(Settings()))
    try:
        parsed = _ingest_parser().parse_args(args)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    return run_ingest(services or Services(Settings()), parsed.paths, parsed.quiet)
