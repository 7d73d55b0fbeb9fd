"""Questions on real reports of other agencies (tests/fixtures/qa): a cell the page ran
together read with the text's figure, the year's figure vs a running total. Real model,
SQLite and Chroma."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings

from assistant.qa import QAService
from tests.conftest import ingested

pytestmark = pytest.mark.slow

REPORTS = Path(__file__).parent / "fixtures" / "qa"


@pytest.fixture(scope="module")
def qa(tmp_path_factory: pytest.TempPathFactory, embeddings: Embeddings) -> QAService:
    return QAService(ingested(tmp_path_factory.mktemp("reports"), embeddings, REPORTS))


def test_a_cell_the_page_ran_together_is_read_with_the_figure_the_text_states(
    qa: QAService,
) -> None:
    """The row's digits allow several readings; the text's "集中公开现行有效行政规范性文件
    698件" keeps those with 698 (tables.narrative.stated_section2), so the table holds it."""
    answer = qa.answer("2022年平潭全区现行有效的行政规范性文件有多少件？")
    assert (answer.refused, answer.value) == (False, 698), answer.text
    assert "“行政规范性文件”行“现行有效件数”栏：698" in answer.text


def test_a_sentence_without_the_word_that_names_the_cell_does_not_answer_for_it(
    qa: QAService,
) -> None:
    """The text states only 现行有效; 废止 is still the lost cell: refused, not 698."""
    answer = qa.answer("2022年平潭实验区废止了几件行政规范性文件？")
    assert answer.refused and answer.value is None, answer.text
    assert "数字缺失" in answer.text


def test_the_year_s_figure_not_the_running_total(qa: QAService) -> None:
    answer = qa.answer("平潭公安局2019年一共主动公开了多少条政府信息？")
    assert (answer.refused, answer.value) == (False, 202), answer.text


@pytest.mark.parametrize(
    "question",
    ["2019年平潭的公安局办了多少件行政许可？", "平潭区公安局2019年办了多少件行政许可？"],
)
def test_names_with_的_or_the_wrong_level_find_the_held_department(
    qa: QAService, question: str
) -> None:
    answer = qa.answer(question)
    assert (answer.refused, answer.value) == (False, 0), answer.text
    assert answer.text.startswith("平潭综合实验区公安局2019年行政许可"), answer.text


def test_a_share_of_all_information_is_the_sentence_that_gives_it(qa: QAService) -> None:
    """全部 says how much, not what: it neither requires a word of its own nor reads as
    an abbreviation of 全区部门 ("公开率100%" of the 预决算 sentence)."""
    answer = qa.answer("财政局2021年主动公开的政府信息占全部信息的百分之多少？")
    assert (answer.refused, answer.value) == (False, 41.5), answer.text
    assert "主动公开的政府信息占41.5%" in answer.text


def test_a_count_in_a_measure_word_of_its_own_after_a_report_question(qa: QAService) -> None:
    """起 counts calls; the question names nothing, so it is about the chat's report."""
    history = [
        {"role": "user", "content": "平潭农业农村局2020年微信公众号关注用户有多少？"},
        {"role": "assistant", "content": "2020年微信公众号关注用户达938人。"},
    ]
    answer = qa.answer("12345市民服务热线受理了多少起？", history)
    assert (answer.refused, answer.value) == (False, 244), answer.text
    assert answer.text.startswith("平潭综合实验区农业农村局2020年"), answer.text


def test_the_figures_after_a_table_s_last_row_are_not_lost(qa: QAService) -> None:
    answer = qa.answer("平潭财政金融局2021年行政事业性收费一共收了多少万元？")
    assert (answer.refused, answer.value) == (False, 7816), answer.text
    answer = qa.answer("平潭农业农村局2020年因为信息公开被申请行政复议了几次？")
    assert (answer.refused, answer.value) == (False, 0), answer.text


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("平潭农业农村局2020年公众号有多少粉丝？", 938),  # 粉丝 ~ 关注用户
        ("财政局2021年全年总共产生了多少条政府信息？", 510),  # 产生 ~ 制作
        ("财政局2021年公示公告一共发了多少条东西？", 17),  # 东西 stands for what is counted
        # Items of information (依申请公开信息数142条), not 表三's applications (0).
        ("平潭财政局2021年依申请公开的信息数是多少？", 142),
    ],
)
def test_everyday_words_for_what_a_report_counts(
    qa: QAService, question: str, value: float
) -> None:
    answer = qa.answer(question)
    assert (answer.refused, answer.value) == (False, value), answer.text


def test_a_figure_asked_in_general_words_is_found_where_the_report_states_one(
    qa: QAService,
) -> None:
    """主动公开/政府信息 are in every paragraph of the report; the search keeps the chunks
    that state a figure in 条, so the one with "主动公开政府信息198条" is read."""
    answer = qa.answer("平潭财政金融局2021年主动公开了多少条政府信息？")
    assert (answer.refused, answer.value) == (False, 198), answer.text


def test_几个_asks_what_any_count_answers(qa: QAService) -> None:
    """ "几个人" is answered by "1名"; 个 neither agrees nor disagrees with another count."""
    answer = qa.answer("平潭农业农村局2020年共受理了几个12345市民服务热线？")
    assert (answer.refused, answer.value) == (False, 244), answer.text
