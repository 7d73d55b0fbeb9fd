"""The staff 受理机关 page: the agencies the public form offers, and adding one."""

from __future__ import annotations

from typing import Any

import gradio as gr
import pandas as pd

from assistant.db import DatabaseUnavailable
from assistant.requests.agencies import (
    AgencyError,
    add_agency,
    configured_agencies,
    report_agencies,
)
from assistant.services import Services

COLUMNS = ["受理机关", "来源"]
FROM_REPORTS, CONFIGURED = "已入库年报", "工作人员添加"


def agencies_table(services: Services) -> pd.DataFrame:
    reports = report_agencies(services.db)
    added = [name for name in configured_agencies(services.db) if name not in reports]
    rows = [[name, FROM_REPORTS] for name in reports] + [[name, CONFIGURED] for name in added]
    return pd.DataFrame(rows, columns=COLUMNS)


def build_agencies(services: Services, tab: gr.Tab) -> None:
    gr.Markdown(
        "公众提交申请时只能从下列机关中选择：已入库年报的机关，以及工作人员在此添加的机关。"
    )
    table = gr.Dataframe(headers=COLUMNS, interactive=False, elem_id="agency-list")
    with gr.Row():
        name = gr.Textbox(label="机关全称", scale=3, max_length=100, elem_id="agency-name")
        add = gr.Button("添加", variant="primary", scale=1, elem_id="agency-add")
    message = gr.Markdown(elem_id="agency-message")

    def added(request: gr.Request, wanted: str | None) -> list[Any]:
        try:
            stored = add_agency(services.db, wanted or "", request.username or "")
        except (AgencyError, DatabaseUnavailable) as exc:
            return [gr.skip(), f"⚠ {exc}"]
        return [agencies_table(services), f"✓ 已添加：{stored}"]

    tab.select(lambda: agencies_table(services), None, table, api_visibility="private")
    add.click(added, name, [table, message], api_name="add_agency")
