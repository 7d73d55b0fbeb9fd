"""The staff 待办 page: the deadline-sorted queue, one request's detail and audit trail,
and the action panel."""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.db import DatabaseUnavailable
from assistant.requests import RequestError, views
from assistant.requests.report import agencies
from assistant.requests.spam import spam_numbers
from assistant.services import Services
from assistant.ui.staff.actions import build_actions, today
from assistant.ui.staff.data import (
    HISTORY_COLUMNS,
    QUEUE_COLUMNS,
    highlighted,
    history_table,
    queue_table,
    request_markdown,
)

ALL = "全部机关"
PICK = "在上方队列中点击一行，或输入受理编号后点“查看”。"


class QueuePage:
    def __init__(self, services: Services, tab: gr.Tab) -> None:
        self.db = services.db
        with gr.Row():
            agency = gr.Dropdown([ALL], value=ALL, label="受理机关", scale=2)
            overdue = gr.Checkbox(label="只看已逾期", scale=1)
            refresh = gr.Button("刷新", scale=1)
        gr.Markdown("按答复期限排序；红色为已逾期，黄色为3个工作日内到期。")
        queue = gr.Dataframe(
            headers=QUEUE_COLUMNS,
            interactive=False,
            label="待办申请",
            elem_id="staff-queue",
            max_height=360,
        )
        gr.Markdown("### 申请详情")
        with gr.Row():
            number = gr.Textbox(label="受理编号", elem_id="detail-number", scale=3)
            show = gr.Button("查看", elem_id="detail-show", scale=1)
        # No LaTeX either: "$$…$$" in an applicant's text stays text.
        detail = gr.Markdown(PICK, elem_id="request-detail", latex_delimiters=[])
        history = gr.Dataframe(
            headers=HISTORY_COLUMNS, interactive=False, label="办理记录", elem_id="request-history"
        )

        filters, views = [agency, overdue], [queue, detail, history]
        for action in build_actions(self.db, number):
            action.then(self.refresh, [number, *filters], views, api_visibility="private")

        self._opening = ([number, *filters], [agency, *views])
        tab.select(self.opened, *self._opening, api_visibility="private")
        gr.on(
            [refresh.click, agency.input, overdue.input, show.click, number.submit],
            self.refresh,
            [number, *filters],
            views,
            api_name="queue",
        )
        queue.select(self.picked, [*filters], [number, *views], api_visibility="private")

    def on_load(self, app: gr.Blocks) -> None:
        """The first tab gets no select event: fill it when the page loads."""
        app.load(self.opened, *self._opening, api_visibility="private")

    def queue(self, agency: str, overdue_only: bool) -> Any:
        items = views.queue(
            self.db, today(), agency=None if agency == ALL else agency, overdue_only=overdue_only
        )
        spam = spam_numbers(self.db)  # marked by staff: nothing left to do
        return highlighted(queue_table([item for item in items if item.number not in spam]))

    def detail(self, number: str) -> tuple[str, Any]:
        number = number.strip().upper()
        if not number:
            return PICK, None
        try:
            return request_markdown(self.db, number), history_table(views.history(self.db, number))
        except (RequestError, DatabaseUnavailable) as exc:
            return f"⚠ {exc}", None

    def refresh(self, number: str, agency: str, overdue_only: bool) -> list[Any]:
        return [self.queue(agency, overdue_only), *self.detail(number or "")]

    def opened(self, number: str, agency: str, overdue_only: bool) -> list[Any]:
        known = agencies(self.db)
        agency = agency if agency in known else ALL
        choices = gr.Dropdown(choices=[ALL, *known], value=agency)
        return [choices, *self.refresh(number, agency, overdue_only)]

    def picked(self, agency: str, overdue_only: bool, evt: gr.SelectData) -> list[Any]:
        number = str(evt.row_value[0])
        return [number, *self.refresh(number, agency, overdue_only)]
