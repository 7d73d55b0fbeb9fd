"""Run-together 表二 rows of the 2019 format, signs inside the digits, and the search
for splits: a unique split is taken, otherwise only what every reading agrees on."""

from __future__ import annotations

import pytest

from assistant.tables.digits import TooManySplits, split_tokens
from assistant.tables.parser import parse_tables
from assistant.tables.result import HOW_SPLIT
from assistant.tables.schema import CellKey

REPORT = [
    "某某局2020年政府信息公开工作年度报告",
    "一、总体情况",
    "全年作出行政许可决定720件。",
    "二、主动公开政府信息情况",
    "第二十条第（五）项",
    "信息内容上一年项目数量本年增/减处理决定数量",
    "行政许可88-720",
    "其他对外管理服务事项5-23",
    "第二十条第（六）项",
    "信息内容上一年项目数量本年增/减处理决定数量",
    "行政处罚63600",
    "行政强制1-10",
    "三、收到和处理政府信息公开申请情况",
    "（六）其他处理 0 0 0 0 0 0 0",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
]


def test_signs_and_the_text_settle_what_they_can() -> None:
    result = parse_tables(REPORT)
    assert result.format == "2019"
    # 88-720: 88|-7|20 or 88|-72|0 by the digits; the text's 720 decisions would need
    # 88|-720 with no decisions cell, so it settles nothing, and 88 is common to both.
    assert result.value("二", "行政许可", "上一年项目数量") == 88
    assert result.how[CellKey("二", "行政许可", "上一年项目数量")] == HOW_SPLIT
    assert result.value("二", "行政许可", "本年增/减") is None
    # 5-23: only 本年增/减 may be negative: 5|-2|3 (5|-23| has no third cell).
    assert [
        result.value("二", "其他对外管理服务事项", c)
        for c in ("上一年项目数量", "本年增/减", "处理决定数量")
    ] == [5, -2, 3]
    # 1-10: 1|-1|0 (1|-10 lacks a cell).
    assert [
        result.value("二", "行政强制", c) for c in ("上一年项目数量", "本年增/减", "处理决定数量")
    ] == [1, -1, 0]
    # 63600: 6|3|600, 6|360|0, 63|60|0, 636|0|0: nothing in common.
    assert [
        result.value("二", "行政处罚", c) for c in ("上一年项目数量", "本年增/减", "处理决定数量")
    ] == [None] * 3
    messages = [f.message for f in result.findings if f.rule == "SPLIT"]
    assert messages[0] == (
        "表二“行政许可”行的数字连在一起（88 -720），有2种拆分都满足各列的取值：88|-7|20；88|-72|0，"
        "无法确定；各种拆分中“上一年项目数量”都相同，已取该值，其余记为空值"
    )
    assert messages[1] == (
        "表二“行政处罚”行的数字连在一起（63600），有4种拆分都满足各列的取值："
        "6|3|600；6|360|0；63|60|0；636|0|0，无法确定，记为空值"
    )


def test_text_figure_picks_the_split_it_agrees_with() -> None:
    lines = [line.replace("行政许可88-720", "行政许可8872") for line in REPORT]
    lines = [line.replace("720件", "72件") for line in lines]
    result = parse_tables(lines)
    # 8872: 8|8|72, 8|87|2, 88|7|2, 8|872?… — the text's 72 decisions leave 8|8|72.
    assert [
        result.value("二", "行政许可", c) for c in ("上一年项目数量", "本年增/减", "处理决定数量")
    ] == [8, 8, 72]
    assert result.how[CellKey("二", "行政许可", "本年增/减")] == "from_narrative"


def test_split_search_respects_printed_spaces_and_sums() -> None:
    assert split_tokens(["12", "3", "15"], 4, (3,), [False] * 4) == []  # 1+2+3 ≠ 15
    assert split_tokens(["1", "2", "3", "6"], 4, (3,), [False] * 4) == [(1, 2, 3, 6)]
    # "10 5" with one group of two parts and a total: 1|0|5? no (1+0≠5); the space
    # forbids 10|5 being cut as 1|05.
    assert split_tokens(["1", "05"], 3, (2,), [False] * 3) == []
    assert split_tokens(["0000000"], 7, (6,), [False] * 7) == [(0,) * 7]


def test_hopeless_rows_give_up_instead_of_guessing() -> None:
    with pytest.raises(TooManySplits):
        split_tokens(["1234567890" * 4], 12, (), [False] * 12)
