"""The table vocabulary file: it loads, and a wrong entry is refused with a clear message."""

from __future__ import annotations

import pytest

from assistant.qa.vocabulary import VocabularyError, load_vocabulary, parse_vocabulary


def _metric(**fields: object) -> dict[str, object]:
    return {"metric": [{"name": "予以公开", "section": "三", "terms": ["予以公开"], **fields}]}


def test_the_shipped_vocabulary_names_only_cells_the_tables_have() -> None:
    vocabulary = load_vocabulary()
    assert len(vocabulary.metrics) >= 30
    assert vocabulary.unit("本年收费金额（单位：万元）") == "万元"
    assert vocabulary.unit("自然人") == "件"
    assert "发布" in vocabulary.synonyms["公开"]


def test_a_row_the_tables_do_not_have_is_refused() -> None:
    with pytest.raises(
        VocabularyError, match="vocab.toml：第1个 \\[\\[metric\\]\\]：表三没有“予以公示”这一行"
    ):
        parse_vocabulary(_metric(rows=["予以公示"]), "vocab.toml")


def test_a_group_must_match_some_row() -> None:
    with pytest.raises(VocabularyError, match="表三没有“不予受理/”这一行"):
        parse_vocabulary(_metric(rows=["不予受理/"]), "vocab.toml")
    assert (
        parse_vocabulary(_metric(rows=["不予公开/"]), "vocab.toml")
        .metrics[0]
        .covers("不予公开/属于国家秘密")
    )


def test_bad_fields_are_named() -> None:
    with pytest.raises(VocabularyError, match="section 应为 二、三 或 四，而不是“五”"):
        parse_vocabulary(_metric(rows=["予以公开"], section="五"), "vocab.toml")
    with pytest.raises(VocabularyError, match="“terms”应为非空字符串的列表"):
        parse_vocabulary(_metric(rows=["予以公开"], terms="予以公开"), "vocab.toml")
    column = {"column": [{"name": "个人", "section": "三", "columns": ["个人"], "terms": ["个人"]}]}
    with pytest.raises(VocabularyError, match="表三没有“个人”这一列"):
        parse_vocabulary(column, "vocab.toml")


def test_the_row_whose_label_holds_clearly_more_of_the_question_s_words() -> None:
    from assistant.qa.semantic import by_words

    vocabulary = load_vocabulary()
    section3 = [m for m in vocabulary.metrics if m.section == "三"]
    chosen = by_words(["补正", "材料", "处理"], section3)
    assert chosen is not None and "逾期不补正" in chosen.name
    # One word alone (补正: two rows have it) decides nothing.
    assert by_words(["补正"], section3) is None
    # 要求 and 处理 are in the 收费通知 row too, but 补正 in two rows only: it decides.
    chosen = by_words(["要求", "补正", "处理"], section3)
    assert chosen is not None and "逾期不补正" in chosen.name



@pytest.mark.parametrize(
    ("text", "metric"),
    [
        # The year after or before, said in any usual way (拖到下一年 ~ 拖到第二年).
        ("有没有拖到第二年接着办的", "结转下年度继续办理"),
        ("拖到明年的有几件", "结转下年度继续办理"),
        ("去年留下的申请", "上年结转政府信息公开申请"),
        ("前一年结转的申请", "上年结转政府信息公开申请"),
        # A word's opening negation, said with any negation (没有掌握 ~ 没掌握 ~ 未掌握).
        ("因为本机关没掌握信息答复不了的", "无法提供（本机关不掌握相关政府信息）"),
        ("没经复议直接告到法院的", "行政诉讼（未经复议直接起诉）"),
        ("未予公开的有几件", "不予公开"),
    ],
)
def test_lexicon_words_match_the_usual_variants_of_their_parts(text: str, metric: str) -> None:
    assert [m.name for m in load_vocabulary().spot(text).metrics] == [metric]


def test_words_only_another_row_s_label_has_are_foreign_to_a_row() -> None:
    vocabulary = load_vocabulary()
    by_name = {m.name: m for m in vocabulary.metrics}
    received = by_name["本年新收政府信息公开申请"]
    assert vocabulary.foreign_words(received, ["信访", "投诉", "网上"]) == ("信访", "投诉")
    # Many labels have 属于 and 办理; a sub-row's words belong to its group.
    repeated = by_name["不予处理（重复申请）"]
    assert vocabulary.foreign_words(repeated, ["属于", "办理"]) == ()
    lawsuits = by_name["行政诉讼"]
    assert vocabulary.foreign_words(lawsuits, ["复议", "起诉"]) == ()


def test_a_row_named_inside_the_total_it_adds_up_to_is_that_row() -> None:
    """（七）总计 adds up every 办理结果 row (the format's R3 rule): "办理结果里，予以公开的"
    asks 予以公开, not the total."""
    vocabulary = load_vocabulary()
    total = next(m for m in vocabulary.metrics if m.rows == ("总计",))
    assert "予以公开" in total.sums and "其他处理/其他" in total.sums
    spotted = vocabulary.spot("经发局2024年的信息公开申请办理结果里，予以公开的有几件？")
    assert [m.name for m in spotted.metrics] == ["予以公开"]
    spotted = vocabulary.spot("办理结果里因为重复申请不予处理的")
    assert [m.name for m in spotted.metrics] == ["不予处理（重复申请）"]
    # Named alone, the total is still the total.
    assert [m.name for m in vocabulary.spot("办理结果一共多少件").metrics] == [total.name]
