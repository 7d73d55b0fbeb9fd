"""The optional LLM answerer: a chat model phrases the extractive answer, within its sources.

The model sees the retrieved text only as quoted data. Its reply is used when every figure
in it appears in a cited source and it states the checked figure; otherwise, or when the
model cannot be reached, the extractive answer stands.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.qa.answer import Answer, show
from assistant.qa.answerers import Answerer
from assistant.qa.checks import unsupported_figures
from assistant.qa.compose import template
from assistant.qa.evidence import Evidence
from assistant.qa.numbers import numbers_in, same_number
from assistant.settings import Settings

log = logging.getLogger(__name__)

LLM_TIMEOUT_SECONDS = 30


class LlmSettingsError(ValueError):
    """`answerer = "llm"` without an endpoint or a model name."""


def sources_text(answer: Answer) -> str:
    return "\n".join(
        f"[{i}] {c.source}：“{c.quote}”" for i, c in enumerate(answer.citations, start=1)
    )


def is_supported(reply: str, draft: Answer) -> bool:
    """Every figure in the reply is cited, and the checked figure is among them."""
    derived = [draft.value] if draft.value is not None else []
    if unsupported_figures(reply, draft.citations, derived):
        return False
    return draft.value is None or any(same_number(n, draft.value) for n in numbers_in(reply))


class LlmAnswerer:
    def __init__(self, model: BaseChatModel, fallback: Answerer) -> None:
        self.model = model
        self.fallback = fallback

    @classmethod
    def from_settings(cls, settings: Settings, fallback: Answerer) -> LlmAnswerer:
        if not settings.llm_base_url or not settings.llm_model:
            raise LlmSettingsError(
                "answerer=llm 需要设置 GOVQA_LLM_BASE_URL 和 GOVQA_LLM_MODEL（OpenAI 兼容接口）"
            )
        from langchain_openai import ChatOpenAI

        model = ChatOpenAI(
            base_url=settings.llm_base_url,
            model=settings.llm_model,
            api_key=settings.llm_api_key,
            temperature=0,
            timeout=LLM_TIMEOUT_SECONDS,
            max_retries=1,
        )
        return cls(model, fallback)

    def answer(self, evidence: Evidence) -> Answer:
        draft = self.fallback.answer(evidence)
        if draft.refused:
            return draft  # only the corpus decides that it holds no answer
        figure = "" if draft.value is None else f"{show(draft.value)}{draft.unit or ''}"
        messages = [
            SystemMessage(template("llm_system")),
            HumanMessage(
                template("llm_user").format(
                    question=evidence.question.text,
                    sources=sources_text(draft),
                    draft=f"{figure}\n{draft.text}".strip(),
                )
            ),
        ]
        try:
            reply = str(self.model.invoke(messages).content).strip()
        except Exception as exc:  # an unreachable or failing endpoint must not break answers
            log.warning("LLM 调用失败，使用抽取式答案：%s", exc)
            return draft
        if not reply or not is_supported(reply, draft):
            log.info("LLM 答案含有资料中没有的数字，使用抽取式答案：%s", reply)
            return draft
        return replace(draft, text=reply)
