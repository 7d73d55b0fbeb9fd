"""The staff 节假日安排 tab: load a year's official holiday arrangement (the file format of
README.md) as soon as the State Council publishes it; open deadlines are recomputed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from assistant.db import Database, DatabaseUnavailable
from assistant.requests import RequestError
from assistant.requests.calendar_file import read_arrangement
from assistant.requests.calendar_store import loaded_years, store_arrangement
from assistant.requests.deadlines import BUSINESS_TZ

YEAR_COLUMNS = ["年度", "依据", "载入人", "载入时间"]
EXAMPLE = """```toml
year = 2027
source = "国务院办公厅关于2027年部分节假日安排的通知"

[holidays]          # 放假日期；"A..B" 为起止日期（含两端）
"春节" = ["2027-02-05..2027-02-13"]

[workdays]          # 调休上班的周六、周日
"春节" = ["2027-02-14", "2027-02-20"]
```"""


def load_file(db: Database, path: str | None, actor: str) -> str:
    """Load the uploaded arrangement; the message for staff lists the changed deadlines."""
    if not path:
        return "⚠ 请先选择安排文件。"
    try:
        result = store_arrangement(db, read_arrangement(Path(path)), actor=actor)
    except (RequestError, DatabaseUnavailable) as exc:
        return f"⚠ {exc}"
    verb = "已替换" if result.replaced else "已载入"
    lines = [
        f"✓ {verb}{result.year}年节假日安排：放假{result.holidays}天，调休上班{result.workdays}天；"
        f"{len(result.changed)}件未办结申请的答复期限改变。"
    ]
    lines += [f"- {number}：{before} → {after}" for number, before, after in result.changed]
    return "\n".join(lines)


def years_table(db: Database) -> pd.DataFrame:
    rows = [
        [year, source, who, at.astimezone(BUSINESS_TZ).strftime("%Y-%m-%d %H:%M")]
        for year, source, who, at in loaded_years(db)
    ]
    return pd.DataFrame(rows, columns=YEAR_COLUMNS)


def build_holidays(db: Database, tab: gr.Tab) -> None:
    gr.Markdown(
        "答复期限按工作日计算。已公布年份的放假和调休安排来自 chinesecalendar；"
        "之后的年份在国务院公布安排前按法定节假日（含春节、清明、端午、中秋）估算，并标注“估算”。"
        "公布后请在此载入当年的安排文件，格式如下："
    )
    gr.Markdown(EXAMPLE)
    upload = gr.File(label="安排文件（UTF-8 TOML）", file_types=[".toml"], elem_id="calendar-file")
    load = gr.Button("载入", variant="primary", elem_id="calendar-load")
    message = gr.Markdown(elem_id="calendar-message")
    years = gr.Dataframe(
        headers=YEAR_COLUMNS, interactive=False, label="已载入的年度", elem_id="calendar-years"
    )

    def run(request: gr.Request, path: str | None) -> list[Any]:
        return [load_file(db, path, request.username or ""), years_table(db)]

    load.click(run, upload, [message, years], api_visibility="private")
    tab.select(lambda: years_table(db), None, years, api_visibility="private")
