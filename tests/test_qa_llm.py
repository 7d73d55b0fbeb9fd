"""The optional LLM answerer with langchain's fake chat model, and the answerer factory."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import BaseMessage

from assistant.qa.answerers import ExtractiveAnswerer, make_answerer
from assistant.qa.asked import Question
from assistant.qa.evidence import Evidence, Refusal
from assistant.qa.figures import figure_for
from assistant.qa.holdings import Holding, Holdings
from assistant.qa.llm import LlmAnswerer, LlmSettingsError
from assistant.qa.vocabulary import load_vocabulary
from assistant.settings import Settings
from assistant.tables.parser import parse_tables
from tests.conftest import FIXTURES

TITLE = "淮安市人民政府2024年政府信息公开工作年度报告"
REPORT = Holding(1, TITLE, "report", "淮安市人民政府", 2024, "v1")
HOLDINGS = Holdings((REPORT,))


@pytest.fixture(scope="module")
def evidence() -> Evidence:
    vocabulary = load_vocabulary()
    result = parse_tables((FIXTURES / "01_huaian_city_2024.txt").read_text("utf-8").splitlines())
    metric = next(m for m in vocabulary.metrics if m.name == "本年新收政府信息公开申请")
    figure = figure_for([metric], [], result.cells, result.findings, vocabulary)
    question = Question("淮安市2024年收到多少申请？", agency="淮安市人民政府", year=2024)
    return Evidence(question, "table", HOLDINGS, REPORT, figure=figure)


class _Recording(FakeListChatModel):
    """The fake chat model, keeping the messages it was sent."""

    sent: list[list[BaseMessage]] = []

    def invoke(self, messages, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        self.sent.append(list(messages))
        return super().invoke(messages, *args, **kwargs)


def test_a_reply_whose_figures_are_all_cited_is_used(evidence: Evidence) -> None:
    reply = f"根据《{TITLE}》表三，淮安市2024年本年新收政府信息公开申请3119件。"
    model = _Recording(responses=[reply], sent=[])
    answer = LlmAnswerer(model, ExtractiveAnswerer()).answer(evidence)
    assert answer.text == reply
    assert (answer.value, answer.unit, answer.refused) == (3119, "件", False)
    # The retrieved text goes in as quoted data, with the checked figure.
    prompt = model.sent[0][-1].content
    assert "<资料>" in prompt and "“本年新收政府信息公开申请数量”行“总计”栏：3119" in prompt


def test_a_reply_with_a_figure_no_source_holds_falls_back(evidence: Evidence) -> None:
    reply = "淮安市2024年收到申请3119件，比上年增长15%。"
    answer = LlmAnswerer(FakeListChatModel(responses=[reply]), ExtractiveAnswerer()).answer(
        evidence
    )
    assert answer == ExtractiveAnswerer().answer(evidence)


def test_a_reply_without_the_checked_figure_falls_back(evidence: Evidence) -> None:
    reply = "淮安市2024年收到了很多申请。"
    answer = LlmAnswerer(FakeListChatModel(responses=[reply]), ExtractiveAnswerer()).answer(
        evidence
    )
    assert answer.text.startswith("淮安市人民政府2024年本年新收政府信息公开申请：3119件。")


def test_an_unreachable_model_falls_back(evidence: Evidence) -> None:
    class _Down(FakeListChatModel):
        def invoke(self, *args, **kwargs):  # type: ignore[no-untyped-def, override]
            raise ConnectionError("connection refused")

    answer = LlmAnswerer(_Down(responses=[""]), ExtractiveAnswerer()).answer(evidence)
    assert answer.value == 3119 and not answer.refused


def test_a_refusal_is_never_handed_to_the_model() -> None:
    refusal = Evidence(
        Question("洪泽区2024年受理多少件？"),
        "refusal",
        HOLDINGS,
        refusal=Refusal("unknown_agency", "洪泽区"),
    )
    model = _Recording(responses=["洪泽区受理了95件。"], sent=[])
    answer = LlmAnswerer(model, ExtractiveAnswerer()).answer(refusal)
    assert answer.refused and model.sent == []
    assert answer.text.startswith("未找到：资料库中没有洪泽区的政府信息公开工作年度报告")


def test_the_factory_picks_the_answerer_from_settings() -> None:
    assert isinstance(make_answerer(Settings(_env_file=None)), ExtractiveAnswerer)
    with pytest.raises(LlmSettingsError, match="GOVQA_LLM_BASE_URL"):
        make_answerer(Settings(_env_file=None, answerer="llm"))
    llm = make_answerer(
        Settings(
            _env_file=None, answerer="llm", llm_base_url="http://127.0.0.1:9/v1", llm_model="qwen"
        )
    )
    assert isinstance(llm, LlmAnswerer)
