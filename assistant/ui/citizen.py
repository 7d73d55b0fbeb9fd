"""The public app, served at /: 咨询, 依申请公开, 进度查询, 统计, and the `/ask` endpoint."""

from __future__ import annotations

import logging

import gradio as gr

from assistant.db import DatabaseUnavailable
from assistant.qa import QAService
from assistant.requests.agencies import known_agencies
from assistant.services import Services
from assistant.ui.answers import answer_with_citations
from assistant.ui.chat import build_chat
from assistant.ui.limits import question_problem
from assistant.ui.request_form import RequestForm
from assistant.ui.stats import build_stats
from assistant.ui.status import build_status
from assistant.ui.texts import text

log = logging.getLogger(__name__)

TITLE = "政务公开助手"
HEADER = (
    "# 政务公开助手\n"
    "查询政府信息公开工作年度报告中的数字和《条例》规定，提交和查询依申请公开。"
    "　[工作人员入口](/staff/)"
)
CHAT_TAB, APPLY_TAB, STATUS_TAB, STATS_TAB = "chat", "apply", "status", "stats"


def build_citizen_app(services: Services, qa: QAService) -> gr.Blocks:
    def agencies() -> list[str]:
        return known_agencies(services.db)

    def ask(question: str) -> str:
        """Answer a question about the reports and the 条例: the answer text, then its
        citations (document, section, quoted sentence or table cell), one per line."""
        if (too_long := question_problem(question)) is not None:
            return too_long
        try:
            return answer_with_citations(qa.answer(question))
        except DatabaseUnavailable as exc:  # the same message the chat shows
            return str(exc)
        except Exception:  # the cause goes to the log, never to the citizen
            log.exception("/ask failed")
            return text("error_plain.txt")

    with gr.Blocks(title=TITLE) as app:
        gr.Markdown(HEADER)
        prefill = gr.State(None)
        with gr.Tabs() as tabs:
            with gr.Tab("咨询", id=CHAT_TAB):
                build_chat(qa, agencies, tabs, prefill, APPLY_TAB)
            with gr.Tab("依申请公开", id=APPLY_TAB) as apply_tab:
                form = RequestForm(services, agencies())
            with gr.Tab("进度查询", id=STATUS_TAB):
                number = build_status(services)
            with gr.Tab("统计", id=STATS_TAB) as stats_tab:
                build_stats(services, stats_tab)

        agency, content = form.inputs["agency"], form.inputs["content"]
        prefill.change(RequestForm.fill, prefill, [agency, content], api_visibility="private")
        # The form offers only listed agencies; staff may add one at any time, so the list is
        # read again when the page opens and when the tab is chosen.
        for event in (app.load, apply_tab.select):
            event(lambda: gr.Dropdown(choices=agencies()), None, agency, api_visibility="private")
        form.number.change(lambda n: n, form.number, number, api_visibility="private")
        gr.api(ask, api_name="ask")
    return app
