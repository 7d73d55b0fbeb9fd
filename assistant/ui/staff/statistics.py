"""The staff 统计 page: the section 三 table of an agency's year from the request log and
section 四 from the recorded 行政复议/诉讼, their exports, and charts of requests per month
and results by category."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.requests.appeals import Section4Table, section4_for
from assistant.requests.export import to_markdown, write_xlsx
from assistant.requests.export4 import add_section4_sheet, section4_markdown
from assistant.requests.report import agencies, section3_for
from assistant.requests.stats import Section3Table
from assistant.services import Services
from assistant.tables.schema import SECTION3_RESULT_ROWS_2021
from assistant.ui.staff.actions import today
from assistant.ui.staff.data import monthly_received, results_by_category

MONTHS = [f"{m}月" for m in range(1, 13)]
CATEGORIES = list(dict.fromkeys(row.partition("/")[0] for row in SECTION3_RESULT_ROWS_2021))
NO_REQUESTS = "还没有任何申请记录。"
CHOOSE = "请选择受理机关和年度。"


# Exports live in one folder of the system's temporary directory (gradio serves only files
# under it, the working directory or allowed paths), readable by this user only; each export
# gets a subfolder, removed once older than EXPORT_MAX_AGE (gradio has copied the files
# into its own cache by then, which `delete_cache` clears: see assistant.ui.server).
# One folder per system user: another user of the machine cannot have made it first.
EXPORTS_DIR = Path(tempfile.gettempdir()) / f"govqa-exports-{os.getuid()}"
EXPORT_MAX_AGE = 600.0  # seconds


def sweep_exports(now: float | None = None) -> None:
    """Remove the export subfolders older than EXPORT_MAX_AGE."""
    now = time.time() if now is None else now
    if not EXPORTS_DIR.is_dir():
        return
    for folder in EXPORTS_DIR.iterdir():
        with contextlib.suppress(OSError):  # another instance removed it first
            if now - folder.stat().st_mtime > EXPORT_MAX_AGE:
                shutil.rmtree(folder)


def write_exports(
    table: Section3Table, agency: str, table4: Section4Table | None = None
) -> tuple[str, str]:
    """The tables as Markdown and as .xlsx, in a fresh folder; both paths. File names come
    from the year only: never from the agency's name (it could hold "/" or "..")."""
    sweep_exports()
    EXPORTS_DIR.mkdir(mode=0o700, exist_ok=True)
    found = EXPORTS_DIR.lstat()
    if stat.S_ISLNK(found.st_mode) or found.st_uid != os.getuid():
        raise RuntimeError(f"{EXPORTS_DIR} is not a folder of this user: refusing to write")
    folder = Path(tempfile.mkdtemp(prefix="export-", dir=EXPORTS_DIR))
    markdown = folder / f"表三-{table.year}.md"
    text = to_markdown(table, agency)
    if table4 is not None:
        text += "\n" + section4_markdown(table4, agency)
    markdown.write_text(text, encoding="utf-8")
    workbook = folder / f"表三-{table.year}.xlsx"
    write_xlsx(table, agency, workbook)
    if table4 is not None:
        add_section4_sheet(workbook, table4, agency)
    return str(markdown), str(workbook)


def build_statistics(services: Services, tab: gr.Tab) -> None:
    gr.Markdown("由办理记录生成年报第三部分“收到和处理政府信息公开申请情况”统计表。")
    with gr.Row():
        agency = gr.Dropdown([], label="受理机关", scale=3, elem_id="stats-agency")
        year = gr.Number(label="年度", value=lambda: today().year, precision=0, scale=1)
        make = gr.Button("生成统计表", variant="primary", scale=1, elem_id="stats-make")
    with gr.Row():
        markdown = gr.DownloadButton("下载 Markdown", interactive=False)
        xlsx = gr.DownloadButton("下载 Excel（xlsx）", interactive=False)
    table = gr.Markdown(elem_id="section3")
    table4 = gr.Markdown(elem_id="section4")
    with gr.Row():
        monthly = gr.BarPlot(
            x="月份", y="新收申请（件）", sort=MONTHS, label="每月新收申请", height=280
        )
        results = gr.BarPlot(
            x="办理结果", y="件数", sort=CATEGORIES, label="本年办结申请的办理结果", height=280
        )

    def opened(chosen: str | None) -> Any:
        known = agencies(services.db)
        return gr.Dropdown(choices=known, value=chosen if chosen in known else None)

    def generate(chosen: str | None, wanted: float | None) -> list[Any]:
        if not chosen or not wanted:
            return [NO_REQUESTS if not agencies(services.db) else CHOOSE, *[gr.skip()] * 5]
        section3 = section3_for(services.db, chosen, int(wanted))
        section4 = section4_for(services.db, chosen, int(wanted))
        markdown_path, xlsx_path = write_exports(section3, chosen, section4)
        return [
            to_markdown(section3, chosen),
            section4_markdown(section4, chosen),
            gr.DownloadButton(value=markdown_path, interactive=True),
            gr.DownloadButton(value=xlsx_path, interactive=True),
            monthly_received(services.db, chosen, section3.year),
            results_by_category(section3),
        ]

    tab.select(opened, agency, agency, api_visibility="private")
    make.click(
        generate,
        [agency, year],
        [table, table4, markdown, xlsx, monthly, results],
        api_name="section3",
    )
