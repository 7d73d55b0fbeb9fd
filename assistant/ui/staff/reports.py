"""The staff 年报 page: the corpus, the consistency findings of its reports, and the upload
of new reports through the ingest pipeline."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.services import Services
from assistant.ui.staff.data import documents_table, findings_table
from ingest.loaders import SUPPORTED_SUFFIXES
from ingest.pipeline import FileResult, Ingestor

TRACK = gr.Progress()  # gradio fills in a progress bar for a parameter defaulting to one
OUTCOMES = {"new": "新增", "updated": "已更新", "unchanged": "未变", "failed": "失败"}


def describe(result: FileResult) -> str:
    mark = "⚠" if result.outcome == "failed" else "✓"
    line = f"{mark} {result.path.name}：{OUTCOMES[result.outcome]}"
    if result.chunks:
        line += f"，{result.chunks} 个分块"
    return line + (f"（{result.message}）" if result.message else "")


def keep_uploads(services: Services, files: list[str]) -> list[Path]:
    """Copy the uploads under their own names into the data dir: re-uploading a corrected
    file then updates the stored document instead of adding a second one."""
    folder = services.settings.data_dir / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    kept = []
    for file in files:
        target = folder / Path(file).name
        shutil.copyfile(file, target)
        kept.append(target)
    return kept


def ingest_uploads(services: Services, files: list[str]) -> Iterator[tuple[int, str]]:
    """Ingest the uploads one by one, yielding how many are done and the log so far: each
    result shows as soon as its file is stored."""
    paths = keep_uploads(services, files)
    ingestor = Ingestor.from_services(services)
    lines: list[str] = []
    for done, path in enumerate(paths, start=1):
        ingestor.ingest([path], on_result=lambda result: lines.append(describe(result)))
        yield done, "  \n".join(lines)


def build_reports(services: Services, tab: gr.Tab) -> None:
    gr.Markdown("### 上传年报或政策文件")
    files = gr.File(
        file_count="multiple",
        file_types=list(SUPPORTED_SUFFIXES),
        label="文件（可多选）",
        elem_id="upload-files",
    )
    start = gr.Button("入库", variant="primary")
    log = gr.Markdown(elem_id="ingest-log")
    gr.Markdown("### 年报勾稽检查结果")
    findings = gr.Dataframe(
        interactive=False,
        label="发现的问题",
        wrap=True,
        max_height=400,
        column_widths=["28%", "8%", "64%"],
    )
    gr.Markdown("### 资料库")
    documents = gr.Dataframe(interactive=False, label="当前文档", max_height=300)

    def tables() -> tuple[Any, Any]:
        return findings_table(services.db), documents_table(services.db)

    def ingest(chosen: list[str] | None, progress: gr.Progress = TRACK) -> Iterator[Any]:
        if not chosen:
            yield "请先选择文件。", gr.skip(), gr.skip()
            return
        progress((0, len(chosen)), desc="正在入库")
        for done, log_text in ingest_uploads(services, chosen):
            progress((done, len(chosen)), desc="正在入库")
            yield log_text, gr.skip(), gr.skip()
        yield f"{log_text}  \n共处理 {len(chosen)} 个文件。", *tables()

    tab.select(tables, None, [findings, documents], api_visibility="private")
    start.click(ingest, files, [log, findings, documents], api_name="ingest")
