"""The 进度查询 tab: 受理编号 + 验证码 → status, deadline, and the reply once answered."""

from __future__ import annotations

import logging

import gradio as gr

from assistant.db import DatabaseUnavailable
from assistant.requests import intake
from assistant.requests.texts import render_status
from assistant.services import Services
from assistant.ui.limits import MAX_LOOKUP_FIELD
from assistant.ui.texts import text

log = logging.getLogger(__name__)
MISSING = "请输入受理编号和查询验证码。"


def status_markdown(services: Services, number: str, code: str) -> str:
    """A wrong code reads exactly like an unknown number (`render_status(None)`)."""
    if not number.strip() or not code.strip():
        return MISSING
    if len(number) > MAX_LOOKUP_FIELD or len(code) > MAX_LOOKUP_FIELD:
        view = None  # no such number or code exists: the same answer as a wrong code
        return "  \n".join(render_status(view).splitlines())
    try:
        view = intake.lookup(services.db, number, code)
    except DatabaseUnavailable as exc:
        return str(exc)
    except Exception:  # the cause goes to the log, never to the citizen
        log.exception("status look-up failed")
        return text("error_plain.txt")
    return "  \n".join(render_status(view).splitlines())


def build_status(services: Services) -> gr.Textbox:
    """Render the tab; returns the number box so a new receipt can fill it in."""
    gr.Markdown(text("status_intro.md"))
    with gr.Row():
        number = gr.Textbox(
            label="受理编号", placeholder="例如 GK-2025-000001", elem_id="status-number"
        )
        code = gr.Textbox(label="查询验证码", placeholder="8位字母数字", elem_id="status-code")
    button = gr.Button("查询", variant="primary")
    result = gr.Markdown(elem_id="status-result")
    gr.on(
        [button.click, code.submit],
        lambda n, c: status_markdown(services, n or "", c or ""),
        [number, code],
        result,
        api_visibility="private",
    )
    return number
