"""`python -m assistant.requests`: bulk import, the staff queue, the annual table, and the
staff's review steps (act, show, calendar load: `staff_cli`).

Exit codes: 0 success; 1 when anything failed (a rejected CSV row, an unreadable file,
an unknown agency); 2 on usage errors. Errors go to stderr, results to stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path

from tqdm import tqdm

from assistant.db import Database
from assistant.requests import staff_cli
from assistant.requests.appeals import section4_for, section4_json
from assistant.requests.deadlines import BUSINESS_TZ, business_date
from assistant.requests.errors import RequestError
from assistant.requests.export import to_json, to_markdown, write_xlsx
from assistant.requests.export4 import add_section4_sheet, section4_markdown
from assistant.requests.importer import CSV_COLUMNS, parse_csv, read_text, store_rows
from assistant.requests.report import agencies, section3_for
from assistant.requests.views import queue
from assistant.services import Services
from assistant.settings import Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assistant.requests",
        description="依申请公开：批量导入纸质申请、查看待办队列、生成年报表三。",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    importer = commands.add_parser(
        "import", help="导入CSV文件", description=f"CSV列：{','.join(CSV_COLUMNS)}"
    )
    importer.add_argument("file", type=Path, help="CSV文件（UTF-8或GB18030）")
    importer.add_argument("--actor", default="批量导入", help="记入办理记录的操作人")
    importer.add_argument("--quiet", action="store_true", help="不显示进度条")

    lister = commands.add_parser("list", help="待办申请，按答复期限排序")
    lister.add_argument("--overdue", action="store_true", help="只列出已逾期的申请")
    lister.add_argument("--agency", help="只列出该机关的申请")
    lister.add_argument(
        "--today", type=date.fromisoformat, help="按该日期判断逾期（默认今天，YYYY-MM-DD）"
    )

    stats = commands.add_parser("stats", help="某机关某年度的表三")
    stats.add_argument("--agency", required=True, help="机关名称（与申请记录一致）")
    stats.add_argument("--year", required=True, type=int, help="年度，如2025")
    output = stats.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="输出JSON单元格")
    output.add_argument("--markdown", action="store_true", help="输出Markdown表格（默认）")
    output.add_argument("--xlsx", type=Path, metavar="FILE", help="写入Excel文件")
    staff_cli.add_commands(commands)
    return parser


def run_import(db: Database, path: Path, actor: str, quiet: bool) -> int:
    rows, errors = parse_csv(read_text(path), source=str(path))
    for error in errors:
        print(f"错误：{path.name}：{error}", file=sys.stderr)
    with tqdm(
        total=len(rows), desc="导入", unit="条", disable=quiet or not rows, file=sys.stderr
    ) as bar:
        numbers = store_rows(db, rows, actor=actor, source=path.name, on_stored=bar.update)
    print(f"已导入 {len(numbers)} 条，拒绝 {len(errors)} 条。")
    return EXIT_FAILED if errors else EXIT_OK


def run_list(db: Database, today: date, overdue_only: bool, agency: str | None) -> int:
    items = queue(db, today, agency=agency, overdue_only=overdue_only)
    if not items:
        print("没有逾期的申请。" if overdue_only else "没有待办的申请。")
        return EXIT_OK
    for item in items:
        flag = "已逾期" if item.overdue else "3个工作日内到期" if item.due_within_3_days else ""
        due = f"{item.due_date}{'（估算）' if item.due_estimated else ''}"
        if item.waiting_until is not None:  # 待补正/待缴费: the period stands still
            flag = f"等待申请人至{item.waiting_until}"
        print(
            "\t".join(
                [
                    item.number,
                    item.agency,
                    item.applicant_type,
                    item.applicant_name,
                    f"收到 {item.received_date}",
                    item.status,
                    f"期限 {due}",
                    flag,
                ]
            ).rstrip()
        )
    return EXIT_OK


def run_stats(db: Database, args: argparse.Namespace) -> int:
    if args.agency not in agencies(db):
        known = "、".join(agencies(db)) or "无"
        print(f"错误：没有“{args.agency}”的申请记录。已有记录的机关：{known}", file=sys.stderr)
        return EXIT_FAILED
    table = section3_for(db, args.agency, args.year)
    table4 = section4_for(db, args.agency, args.year)  # 四 from the recorded appeals
    if args.json:
        data = to_json(table, args.agency)
        data["cells"] += section4_json(table4)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif args.xlsx:
        write_xlsx(table, args.agency, args.xlsx)
        add_section4_sheet(args.xlsx, table4, args.agency)
        print(f"已写入 {args.xlsx}")
    else:
        print(to_markdown(table, args.agency))
        print(section4_markdown(table4, args.agency))
    return EXIT_OK


def main(argv: list[str] | None = None, settings: Settings | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    db = Services(settings or Settings()).db
    try:
        if args.command == "import":
            return run_import(db, args.file, args.actor, args.quiet)
        if args.command == "list":
            today = args.today or business_date(datetime.now(BUSINESS_TZ))
            return run_list(db, today, args.overdue, args.agency)
        if args.command in ("act", "show", "calendar"):
            return staff_cli.run(db, args)
        return run_stats(db, args)
    except RequestError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"错误：{exc.filename or ''}：{exc.strerror}", file=sys.stderr)
        return EXIT_FAILED
