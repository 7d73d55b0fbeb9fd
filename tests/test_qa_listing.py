"""A total and its parts, and names paired with figures by 分别 (pure; real report sentences)."""

from __future__ import annotations

from assistant.qa.asked import Term
from assistant.qa.clauses import best_clause
from assistant.qa.listing import roles
from assistant.qa.numbers import find_quantities
from assistant.qa.retrieval import Passage

# 平潭综合实验区社会事业局 2022 and 2020, 经济发展局 2023, 旅游与文化体育局 2020 (data/eval).
PARTS = "全年印发公文类政府信息共510条，其中主动公开信息数169，依申请公开信息数317条，不予公开24条；"
PARTS_AFTER_COMMA = (
    "2023年，我局共制发政府信息313条，其中，主动公开政府信息128条、依申请公开130条、"
    "不予公开55条，主动公开及依申请公开政府信息总条数占总制发信息的82.4%。"
)
RESIDUAL = (
    "我局通过政府门户网站主动公开应主动公开的政府信息，全年公开政府信息共228条，其中为民办实事类"
    "信息1条，民政扶贫救灾社会保障就业类信息65条，其他应主动公开的政府信息12条。"
)
BRACKETED = "全年共公布政府信息2602条(其中机构职能类信息82条，其他应主动公开政府信息1053条)，对于主动公开的政府信息，主要通过门户网站发布100条。"
RESPECTIVELY = "2020年“平潭综合实验区旅游与文化体育局网站”发布信息713条；微博、微信分别发布平潭旅游信息495条和632条；"
AGENCY = "平潭综合实验区旅游与文化体育局"


def _ask(sentence: str, question: str, *words: str, agency: str | None = None) -> int | None:
    passage = Passage("1:v:0", sentence, 1, "某年报", "report", "二", "主动公开", None)
    terms = [Term(w, 1.0) for w in words]
    clause = best_clause([passage], question, terms, "条", True, agency=agency)
    return None if clause is None or clause.quantity is None else int(clause.quantity.value)


def test_a_total_before_qizhong_has_the_figures_after_it_as_parts() -> None:
    figures = find_quantities(PARTS_AFTER_COMMA)
    found = roles(PARTS_AFTER_COMMA, figures)
    # 313 is the total of 128, 130 and 55; the share in % after them is no part.
    assert [f.text for f in figures] == ["313条", "128条", "130条", "55条", "82.4%"]
    assert found[0].parts == (1, 2, 3)
    assert [r.total for r in found] == [None, 0, 0, 0, None]
    assert found[1].head == "我局共制发政府信息"


def test_bracketed_parts_end_at_the_bracket() -> None:
    figures = find_quantities(BRACKETED)
    found = roles(BRACKETED, figures)
    assert found[0].parts == (1, 2)
    assert found[2].residual and found[3].total is None


def test_a_part_named_by_a_word_the_total_lacks_is_the_answer() -> None:
    assert _ask(PARTS, "印发的公文类信息里依申请公开的有多少条", "印发", "公文", "依申请公开") == 317
    assert _ask(PARTS_AFTER_COMMA, "制发的政府信息里不予公开的有多少条", "制发", "不予公开") == 55


def test_the_total_answers_when_the_question_names_no_part() -> None:
    assert _ask(PARTS, "全年印发了多少条公文类信息", "印发", "公文") == 510
    # 主动公开 is also in the total's description: it names no part, and the residual part
    # (其他应主动公开…) is asked for only with 其他.
    assert _ask(RESIDUAL, "在政府网站上主动公开了多少条信息", "政府网站", "主动", "公开") == 228
    assert _ask(BRACKETED, "全年主动公开多少条政府信息", "主动公开", "政府信息") == 2602
    assert _ask(RESIDUAL, "其他应主动公开的信息有多少条", "其他", "主动公开") == 12


def test_respectively_pairs_names_and_figures_in_order() -> None:
    assert _ask(RESPECTIVELY, "微博发布了多少条旅游信息", "微博", "旅游", agency=AGENCY) == 495
    assert _ask(RESPECTIVELY, "微信发布了多少条旅游信息", "微信", "旅游", agency=AGENCY) == 632


def test_the_reports_own_name_binds_no_figure() -> None:
    # 旅游 is only in the agency's name before 713: without the name, 713 is about 信息 alone.
    sentence = "2020年“平潭综合实验区旅游与文化体育局网站”发布信息713条；平潭旅游推介会发布线路12条；"
    assert _ask(sentence, "发布了多少条旅游线路", "旅游", "发布", agency=AGENCY) == 12


def test_a_part_in_a_count_never_answers_a_rate() -> None:
    sentence = "政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件。"
    passage = Passage("1:v:0", sentence, 1, "某年报", "report", "一", "总体情况", None)
    terms = [Term("复议", 1.0), Term("维持率", 1.0)]
    assert best_clause([passage], "复议维持率是多少", terms, "%", True) is None
    clause = best_clause([passage], "复议结果维持了多少件", terms[:1] + [Term("维持", 1.0)], "件", True)
    assert clause is not None and clause.quantity is not None and clause.quantity.value == 72
