"""How an answer reads in the chat's citation block and through `/ask`."""

from __future__ import annotations

from assistant.qa import Answer, Citation
from assistant.ui.answers import (
    answer_with_citations,
    citations_markdown,
    citations_title,
    growing,
)
from assistant.ui.chat import answer_messages

REPORT = "平罗县城关镇人民政府2020年政府信息公开年度报告"
ANSWER = Answer(
    text="平罗县城关镇人民政府2020年本年新收政府信息公开申请：3件。",
    value=3,
    unit="件",
    citations=(
        Citation(
            REPORT, section="三", quote="“本年新收政府信息公开申请数量”行“总计”栏：3", cell="x"
        ),
        Citation(REPORT, section="一", quote="2020年全镇主动公开政府信息1252条。"),
    ),
)


def test_ask_returns_the_text_then_one_line_per_citation() -> None:
    assert answer_with_citations(ANSWER) == (
        "平罗县城关镇人民政府2020年本年新收政府信息公开申请：3件。\n\n引用：\n"
        f"1. 《{REPORT}》表三：“本年新收政府信息公开申请数量”行“总计”栏：3\n"
        f"2. 《{REPORT}》第一部分：2020年全镇主动公开政府信息1252条。"
    )


def test_a_refusal_without_citations_is_just_its_text() -> None:
    refusal = Answer(text="未找到：资料库中没有北京市的年度报告。", refused=True)
    assert answer_with_citations(refusal) == refusal.text


def test_citation_block_numbers_sources_and_quotes_them() -> None:
    assert citations_title(ANSWER) == "引用出处（2）"
    assert citations_markdown(ANSWER) == (
        f"1. **《{REPORT}》表三**\n\n    > “本年新收政府信息公开申请数量”行“总计”栏：3\n"
        f"2. **《{REPORT}》第一部分**\n\n    > 2020年全镇主动公开政府信息1252条。"
    )


def test_streaming_shows_growing_prefixes_and_then_the_whole_text() -> None:
    pieces = list(growing("一二三四五六七八九十", step=4))
    assert pieces == ["一二三四", "一二三四五六七八", "一二三四五六七八九十"]
    assert list(growing("短", step=4)) == ["短"]


def test_the_citations_fold_away_only_once_the_answer_is_complete() -> None:
    partial = answer_messages(ANSWER, shown="平罗县")
    assert [m.content for m in partial] == ["平罗县"]
    complete = answer_messages(ANSWER)
    assert complete[0].content == ANSWER.text
    assert complete[1].metadata == {"title": "引用出处（2）", "status": "done"}
