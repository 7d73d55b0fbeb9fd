"""`python -m ingest tables PATH [--json]`: show one file's statistics tables, store nothing."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from assistant.settings import Settings
from assistant.tables.parser import parse_tables
from assistant.tables.result import TablesResult
from assistant.tables.schema import CellValue, spec_for
from assistant.tables.store import key_json
from ingest.loaders import LoadError, load_document
from ingest.recognize import recognize

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m ingest tables",
        description=(
            "Parse the statistics tables (sections 二, 三, 四) of one annual report and print "
            "their canonical cells and 勾稽 findings. Nothing is stored."
        ),
    )
    parser.add_argument("path", type=Path, help="a .txt .md .pdf .docx or .html report")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    return parser


def _read_lines(path: Path, max_bytes: int) -> list[str]:
    return load_document(path, max_bytes).lines()


def _number(value: CellValue) -> int | float | None:
    # JSON has one number type; amounts such as 96171.6 print exactly as written.
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def as_json(agency: str | None, year: int | None, result: TablesResult) -> dict[str, Any]:
    return {
        "agency": agency,
        "year": year,
        "format": result.format,
        "cells": [
            {**key_json(key), "value": _number(v), "how": result.how.get(key)}
            for key, v in result.cells.items()
        ],
        "findings": [
            {
                "rule": f.rule,
                "message": f.message,
                "cells": [key_json(key) for key in f.cells],
                "expected": _number(f.expected),
                "found": _number(f.found),
            }
            for f in result.findings
        ],
    }


def _shown(value: CellValue) -> str:
    return "—" if value is None else str(value)


def _table(
    title: str,
    rows: tuple[str, ...],
    columns: tuple[str, ...],
    result: TablesResult,
    section: str,
    titles: dict[str, str] | None = None,
) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("", overflow="fold", min_width=8)
    for column in columns:
        table.add_column(column, justify="right", overflow="fold")
    for row in rows:
        values = (_shown(result.value(section, row, c)) for c in columns)
        table.add_row((titles or {}).get(row, row), *values)
    return table


def print_tables(
    console: Console, agency: str | None, year: int | None, result: TablesResult
) -> None:
    assert result.format is not None
    year_text = f"{year}年" if year else "年份未识别"
    console.print(
        f"{agency or '机关未识别'} {year_text} · {result.format}年格式 · "
        f"单元格{len(result.cells)}个：有值{result.recovered}个，空值{result.missing}个"
    )
    spec = spec_for(result.format)
    console.print("\n二、主动公开政府信息情况")
    for item, rows, columns in spec.section2:
        console.print(_table(f"第二十条第（{item}）项", rows, columns, result, "二"))
    console.print("\n三、收到和处理政府信息公开申请情况")
    # The total row reads better with the numbering the report prints: （七）总计.
    titles = {r.key: r.printed[1] for r in spec.rows3 if r.total}
    columns = spec.section3_columns
    console.print(_table("", spec.section3_rows, columns, result, "三", titles))
    console.print("\n四、政府信息公开行政复议、行政诉讼情况")
    console.print(_table("", spec.section4_rows, spec.section4_columns, result, "四"))
    console.print(
        f"\n发现的问题（{len(result.findings)}条）：" if result.findings else "\n未发现问题。"
    )
    for finding in result.findings:
        console.print(f"[{finding.rule}] {finding.message}", markup=False, soft_wrap=True)


def main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)

    try:
        lines = _read_lines(args.path, Settings().max_file_mb * 1024 * 1024)
    except LoadError as exc:
        print(f"错误：{args.path}：{exc}", file=sys.stderr)
        return EXIT_FAILED
    result = parse_tables(lines)
    if result.format is None:
        reason = result.findings[0].message if result.findings else "未找到年度报告统计表"
        print(f"错误：{args.path}：{reason}", file=sys.stderr)
        return EXIT_FAILED

    recognition = recognize(lines, fallback_title=args.path.stem)
    if args.json:
        data = as_json(recognition.agency, recognition.year, result)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        # Piped output has no terminal width; rich would fall back to 80 columns, too
        # narrow for the section 三 labels.
        width = None if sys.stdout.isatty() else 160
        console = Console(highlight=False, width=width)
        print_tables(console, recognition.agency, recognition.year, result)
    return EXIT_OK
