"""The staff console: served under /staff behind the sign-in (see assistant.ui.server)."""

from __future__ import annotations

import gradio as gr

from assistant.services import Services
from assistant.ui.staff.agencies import build_agencies
from assistant.ui.staff.cases import build_cases
from assistant.ui.staff.holidays import build_holidays
from assistant.ui.staff.queue import QueuePage
from assistant.ui.staff.reports import build_reports
from assistant.ui.staff.statistics import build_statistics

TITLE = "工作人员后台 · 政务公开助手"


def signed_in_as(request: gr.Request) -> str:
    return f"当前用户：{request.username} · [退出登录](/logout)"


def build_staff_app(services: Services) -> gr.Blocks:
    # gradio keeps a copy of every export it serves; drop copies older than an hour.
    with gr.Blocks(title=TITLE, delete_cache=(3600, 3600)) as app:
        with gr.Row(equal_height=True):
            gr.Markdown("# 工作人员后台")
            who = gr.Markdown(elem_id="staff-user")
        with gr.Tabs():
            with gr.Tab("待办申请", id="queue") as queue_tab:
                queue = QueuePage(services, queue_tab)
            with gr.Tab("年报入库与核查", id="reports") as reports_tab:
                build_reports(services, reports_tab)
            with gr.Tab("统计报表", id="statistics") as statistics_tab:
                build_statistics(services, statistics_tab)
            with gr.Tab("行政复议诉讼", id="cases"):
                build_cases(services.db)
            with gr.Tab("节假日安排", id="holidays") as holidays_tab:
                build_holidays(services.db, holidays_tab)
            with gr.Tab("受理机关", id="agencies") as agencies_tab:
                build_agencies(services, agencies_tab)
        app.load(signed_in_as, None, who, api_visibility="private")
        queue.on_load(app)
    return app
