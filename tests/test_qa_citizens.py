"""Citizens' own words on the bundled samples: agencies by short names, rows by everyday
words and by meaning, 条例 articles by meaning, follow-ups. Real model, SQLite and Chroma."""

from __future__ import annotations

import pytest
from langchain_core.embeddings import Embeddings

from assistant.qa import QAService
from assistant.qa.semantic import TableSemantics
from assistant.qa.vectors import QueryVectors
from assistant.qa.vocabulary import load_vocabulary
from tests.conftest import SAMPLES, ingested

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def qa(tmp_path_factory: pytest.TempPathFactory, embeddings: Embeddings) -> QAService:
    return QAService(ingested(tmp_path_factory.mktemp("citizens"), embeddings, SAMPLES))


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("城关镇2020年老百姓申请公开了几件？", 3),  # 老百姓 = 自然人
        ("淮安2024年被告到法院的有多少件？", 46),  # 告到法院 = 行政诉讼
        ("2024年有人没经过复议直接把淮安市政府告到法院，一共几件？", 26),
        ("淮安市人民政府2024年先复议、后又打官司的信息公开案子有几件？", 20),
        ("淮安市2024年因为是讨论稿没给公开的有几件？", 12),  # 过程性信息
        ("淮安市2024年律师事务所提的申请有几件？", 61),
        ("江苏省淮安市政府2024年拒绝公开了多少件？", 178),
        ("截至2024年底，淮安市政府现行有效的规章有几件？", 11),
        ("城关镇2020年官方微博发了多少条信息？", 542),  # 官方微博 ~ 政务微博
        # The general office's report speaks for the city government (市政府其他文件…).
        ("上海市政府2019年受理了多少件信息公开申请？", 859),
        ("延期最多拖几天？", 20),
        # One word of a sub-row's label (掌握) narrows the group 没法提供 (781) names.
        ("淮安市2024年因为政府这边没掌握相关信息、没法提供的有多少件", 769),
        # 复议 is part of 未经复议直接起诉's label: not 行政复议 added to it.
        ("淮安市2024年没走复议、直接告到法院的一共几起？", 26),
        # jieba tags 第三方 as a numeral; it names whose days are asked (第三十二条).
        ("政府要征求第三方意见的话，第三方要在多少个工作日内回复？", 15),
        # 牵涉到 is an idiom (jieba's l): the 条例 says 涉及/损害 in its own words.
        ("申请的信息牵涉到别人（第三方），第三方要在多少个工作日内提意见？", 15),
        ("政府信息公开条例一共有多少条？", 56),  # the last article's number
        ("条例第二十条规定主动公开的内容一共列了几项？", 15),  # its items (一)…(十五)
        ("淮安市2024年的申请，给公开了的是几件？", 1362),  # 给公开 = 予以公开
        # 属于 is in many rows' labels: no other row is meant.
        ("淮安市2024年属于重复申请被不予处理的有几件？", 25),
        # 另外…才能 carries no content; the words of 另行制作's row decide it.
        ("淮安市2024年有几件申请是因为要另外制作才能给的？", 11),
    ],
)
def test_figures_asked_in_citizens_words(qa: QAService, question: str, value: float) -> None:
    answer = qa.answer(question)
    assert (answer.refused, answer.value) == (False, value), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "淮安市洪泽区2024年收到多少申请？",  # a district of the city: not held
        "淮安市公安局2024年收到多少申请？",  # a department of the city: not held
        "平罗县2020年收到多少申请？",  # the county above the town: not held
        "信息处理费每页收多少钱？",  # the 条例 names no amount
        # 信访/投诉 are another row's words (信访举报投诉类申请), not 收到's 本年新收.
        "淮安市2024年收到的那些信访投诉里，网上投诉的有多少件？",
    ],
)
def test_what_is_not_held_is_refused(qa: QAService, question: str) -> None:
    answer = qa.answer(question)
    assert answer.refused and answer.value is None, answer.text


def test_a_weak_default_never_answers_for_another_row(qa: QAService) -> None:
    """申请 alone means 本年新收 (3119); words of another row (补正) must not get that."""
    answer = qa.answer("淮安市政府2024年有多少件因为申请人不按时补正材料而不再处理？")
    assert answer.value != 3119
    assert answer.refused or answer.value == 71, answer.text


def test_a_plain_language_policy_question_quotes_the_article(qa: QAService) -> None:
    answer = qa.answer("找政府要信息得交钱吗？")
    assert not answer.refused and "第四十二条" in answer.text
    assert "不收取费用" in answer.text


def _ask(qa: QAService, turns: list[str]) -> object:
    history: list[dict[str, str]] = []
    for turn in turns[:-1]:
        history += [
            {"role": "user", "content": turn},
            {"role": "assistant", "content": qa.answer(turn, history).text},
        ]
    return qa.answer(turns[-1], history)


def test_follow_ups_keep_the_agency_year_and_row_and_replace_what_they_name(
    qa: QAService,
) -> None:
    answer = _ask(qa, ["淮安市2024年行政复议多少件？", "那打官司的呢？"])
    assert answer.value == 46  # type: ignore[attr-defined]
    answer = _ask(qa, ["城关镇2020年收到几件申请？", "其中老百姓提的呢？"])
    assert answer.value == 3  # type: ignore[attr-defined]
    # A year the corpus lacks is refused, never answered with the earlier year's figure.
    answer = _ask(qa, ["淮安市2024年收到多少申请？", "那2023年呢？"])
    assert answer.refused and answer.value is None  # type: ignore[attr-defined]
    # A neighbour named in the follow-up replaces the agency, and is refused.
    answer = _ask(qa, ["淮安市2024年收到多少申请？", "那洪泽区同一年呢？"])
    assert answer.refused and answer.value is None  # type: ignore[attr-defined]


def test_words_the_lexicon_lacks_are_matched_by_meaning_only_when_one_row_stands_out(
    embeddings: Embeddings,
) -> None:
    vocabulary = load_vocabulary()
    semantics = TableSemantics(vocabulary, embeddings)
    vectors = QueryVectors(embeddings)
    expected = {
        "国家保密事项": "不予公开（属于国家秘密）",
        "律师事务所代理": "法律服务机构",
        "慈善机构": "社会公益组织",
        "审批许可": "行政许可",
        # Narrative topics are no table rows.
        "官方微博": None,
        "网友留言": None,
        "新闻发布会": None,
        "政策解读": None,
    }
    table_words = {t for e in (*vocabulary.metrics, *vocabulary.columns) for t in e.terms}
    words = [w for w in expected if w not in table_words]
    assert words == list(expected)  # none of them names a row in the lexicon itself
    found = {}
    for word, vector in zip(words, vectors.queries(words), strict=True):
        match = semantics.match(vector)
        found[word] = None if match is None else match.entry.name
    assert found == expected


def test_words_of_degree_say_nothing_of_what_is_asked(qa: QAService) -> None:
    """不太会 is 不 + 太 + 会, all function characters: 口头 alone decides 第二十九条."""
    answer = qa.answer("我字写得不太好，可以当面口头提出信息公开申请吗？")
    assert not answer.refused and "第二十九条" in answer.text, answer.text


def test_a_date_asked_is_answered_by_the_article_that_gives_it(qa: QAService) -> None:
    answer = qa.answer("政府部门的信息公开年报每年最晚几月几号前要交上去？")
    assert not answer.refused and "第四十九条" in answer.text and "1月31日" in answer.text


def test_a_question_naming_nothing_after_a_report_question_is_about_that_report(
    qa: QAService,
) -> None:
    """No 那…/…呢, no agency, no year: the 条例 does not answer it, the chat's report does."""
    history = [
        {"role": "user", "content": "城关镇2020年政务微博发了多少条信息？"},
        {"role": "assistant", "content": "平罗县城关镇人民政府2020年政务微博公开政府信息542条。"},
    ]
    answer = qa.answer("政务微信发了多少条？", history)
    assert (answer.refused, answer.value) == (False, 460), answer.text
    # A 条例 question stays one: the report's fee total does not answer it.
    assert qa.answer("信息处理费每页收多少钱？", history).refused

