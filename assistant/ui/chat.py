"""The 咨询 tab: streamed answers with collapsible citations; a wish to file a request
explains 依申请公开 and opens the request form with what the person asked for filled in."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

import gradio as gr

from assistant.db import DatabaseUnavailable
from assistant.qa import Answer, QAService
from assistant.ui.answers import citations_markdown, citations_title, growing
from assistant.ui.intent import ApplyIntent, apply_intent
from assistant.ui.limits import MAX_QUESTION, bounded_history, question_problem
from assistant.ui.texts import lines, text

log = logging.getLogger(__name__)
STREAM_PAUSE = 0.02  # seconds between streamed pieces: reads as typing, costs little


def answer_messages(answer: Answer, shown: str | None = None) -> list[gr.ChatMessage]:
    """The answer (or the part of it streamed so far) and, once complete, its citations
    folded into a collapsed block."""
    messages = [gr.ChatMessage(content=answer.text if shown is None else shown)]
    if shown is None and answer.citations:
        messages.append(
            gr.ChatMessage(
                content=citations_markdown(answer),
                metadata={"title": citations_title(answer), "status": "done"},
            )
        )
    return messages


def handoff_text(intent: ApplyIntent) -> str:
    filled = "，并填好了申请内容" if intent.content else ""
    return f"{text('apply_intro.txt')}\n\n{text('apply_handoff.txt').format(filled=filled)}"


def build_chat(
    qa: QAService,
    agencies: Callable[[], list[str]],
    tabs: gr.Tabs,
    prefill: gr.State,
    apply_tab: str,
) -> gr.ChatInterface:
    """Render the chat; `prefill` receives {"content", "agency"} when a request is wanted and
    `tabs` switches to `apply_tab`."""

    def respond(message: str, history: list[dict[str, Any]]) -> Iterator[tuple[Any, ...]]:
        if (too_long := question_problem(message)) is not None:
            yield too_long, gr.skip(), gr.skip()
            return
        history = bounded_history(history)
        intent = apply_intent(message, agencies())
        if intent is not None:
            wanted = {"content": intent.content, "agency": intent.agency}
            yield handoff_text(intent), wanted, gr.Tabs(selected=apply_tab)
            return
        try:
            answer = qa.answer(message, history)
        except DatabaseUnavailable as exc:
            yield str(exc), gr.skip(), gr.skip()
            return
        except Exception:  # the cause goes to the log, never to the citizen
            log.exception("chat answer failed")
            yield text("error_plain.txt"), gr.skip(), gr.skip()
            return
        for shown in growing(answer.text):
            yield answer_messages(answer, shown), gr.skip(), gr.skip()
            time.sleep(STREAM_PAUSE)
        yield answer_messages(answer), gr.skip(), gr.skip()

    return gr.ChatInterface(
        respond,
        chatbot=gr.Chatbot(
            label="政务公开助手", height=480, elem_id="chat", buttons=["copy"], layout="bubble"
        ),
        textbox=gr.Textbox(
            placeholder="请输入您的问题",
            submit_btn="发送",
            stop_btn="停止",
            elem_id="question",
            max_length=MAX_QUESTION,  # the browser's hint; the server checks it again
        ),
        examples=lines("examples.txt"),
        examples_label="示例问题（点击即问）",
        description=text("chat_intro.md"),
        additional_outputs=[prefill, tabs],
        autofocus=False,
        fill_height=False,
        api_visibility="undocumented",
    )
