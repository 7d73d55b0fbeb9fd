"""Figures in text, the clause that answers, and rank fusion (pure)."""

from __future__ import annotations

from assistant.qa.articles import article_by_meaning, article_by_words, counted_in_article
from assistant.qa.asked import Term
from assistant.qa.clauses import best_clause, common_stretch
from assistant.qa.numbers import DATE, YEAR, find_quantities, numbers_in, years_in
from assistant.qa.retrieval import Passage, reciprocal_rank_fusion

LIST_SENTENCE = (
    "2020 年全镇主动公开政府信息 1252 条。其中，政府网站公开政府信息 47 条、"
    "政务微博公开政府信息 542 条、政务微信公开政府信息 460 条、编辑上报信息简报共 121 篇。"
)
ARTICLE_33 = (
    "第三十三条 行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。\n"
    "行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，"
    "应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。"
)


def _passage(text: str, chunk_id: str = "1:v:0", article: str | None = None) -> Passage:
    return Passage(chunk_id, text, 1, "某年报", "report", "一", "总体情况", article)


def _terms(*words: str, weight: float = 1.0) -> list[Term]:
    return [Term(w, weight) for w in words]


def test_quantities_bind_a_number_to_its_unit_and_skip_dates_and_ordinals() -> None:
    text = "统计期限为2020年1月1日至12月31日。公开信息5500余条，名单三批次，第三十三条，一次性告知，十一个区，合格率为100%，20个工作日内"
    found = [(q.value, q.unit) for q in find_quantities(text)]
    assert found == [(5500, "条"), (3, "批次"), (11, "个"), (100, "%"), (20, "个工作日")]
    assert find_quantities("5500余条")[0].approximate
    # Measure words of counted things; a date's 日 before 起 stays a date.
    text = "受理各类12345市民服务热线244起，接听热线电话11通，3所学校，自5月15日起"
    found = [(q.value, q.unit) for q in find_quantities(text)]
    assert found == [(244, "起"), (11, "通"), (3, "所")]


def test_years_and_numbers_read_by_a_person() -> None:
    assert [y for y, _, _ in years_in("二〇二〇年和2019年")] == [2020, 2019]
    assert numbers_in("合计 1，但“总计”列为0；三批次") == [1, 0, 3]


def test_a_figure_in_a_list_belongs_to_the_words_just_before_it() -> None:
    clause = best_clause(
        [_passage(LIST_SENTENCE)], "政务微博公开多少条", _terms("政务", "微博"), "条", True
    )
    assert clause is not None and clause.quantity is not None
    assert (clause.quantity.value, clause.phrase) == (542, "政务微博公开政府信息542条")


def test_words_after_a_figure_bind_it_when_nothing_before_does() -> None:
    clause = best_clause(
        [_passage(ARTICLE_33, article="第三十三条")],
        "申请后多久答复",
        _terms("答复"),
        "个工作日",
        True,
    )
    assert clause is not None and clause.quantity is not None
    assert clause.quantity.value == 20
    assert clause.phrase == "应当自收到申请之日起20个工作日内予以答复"


def test_a_question_about_something_the_text_never_names_gets_no_clause() -> None:
    # 政务微博 is there, its followers are not: 542 would be a neighbouring figure.
    clause = best_clause(
        [_passage(LIST_SENTENCE)], "政务微博有多少粉丝", _terms("政务", "微博", "粉丝"), None, True
    )
    assert clause is None


def test_a_partial_match_in_another_unit_than_asked_does_not_answer() -> None:
    passage = _passage("全年共受理答复32条。")
    terms = [*_terms("受理", "答复"), Term("网民", 0.5, required=False)]
    in_unit = best_clause([passage], "网民留言受理答复多少条", terms, "条", True)
    assert in_unit is not None and in_unit.quantity is not None and in_unit.quantity.value == 32
    assert best_clause([passage], "网民留言受理答复多少件", terms, "件", True) is None


def test_a_phrase_repeated_word_for_word_decides_between_two_figures() -> None:
    text = "全年共编发公报24期，刊登政府规章、规范性文件等112件，部门规范性文件45件，政策解读83件。"
    clause = best_clause(
        [_passage(text)],
        "公报刊登部门规范性文件多少件",
        _terms("公报", "刊登", "部门", "规范性", "文件"),
        "件",
        True,
    )
    assert clause is not None and clause.quantity is not None and clause.quantity.value == 45
    assert common_stretch("刊登部门规范性文件多少件", "部门规范性文件") == 7


def test_a_sentence_answers_a_question_that_asks_for_no_figure() -> None:
    text = "第四十二条 行政机关依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以收取信息处理费。"
    clause = best_clause(
        [_passage(text, article="第四十二条")],
        "依申请提供政府信息收费吗",
        [Term("提供", 0.6, required=False), Term("收费", 0.6, ("收取费用",), required=False)],
        None,
        False,
    )
    assert clause is not None and clause.quantity is None
    assert clause.sentence == "第四十二条行政机关依申请提供政府信息，不收取费用。"


def test_reciprocal_rank_fusion_rewards_agreement() -> None:
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["c", "a", "d"]])
    assert fused == ["a", "c", "b", "d"]


def test_a_figure_whose_sentence_lacks_what_the_question_counts_does_not_answer() -> None:
    passage = _passage(
        "“上海科技”微信公众号共编发文章1640篇，其中原创文章294篇，关注人数达1016823人；"
    )
    reads = [Term("公众号", 0.6), Term("文章", 1.0), Term("阅读", 1.2, required=False, head=True)]
    assert best_clause([passage], "公众号文章总阅读量是多少", reads, None, True) is None
    articles = [Term("公众号", 0.6), Term("文章", 2.0, head=True)]
    clause = best_clause([passage], "公众号编发了多少篇文章", articles, "篇", True)
    assert clause is not None and clause.quantity is not None
    assert clause.quantity.value == 1640


ARTICLE_29 = (
    "第二十九条 公民、法人或者其他组织申请获取政府信息的，应当向行政机关的政府信息公开工作机构"
    "提出，并采用包括信件、数据电文在内的书面形式；采用书面形式确有困难的，申请人可以口头提出，"
    "由受理该申请的政府信息公开工作机构代为填写政府信息公开申请。"
)
ARTICLE_37 = (
    "第三十七条 申请公开的信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理的，"
    "行政机关应当向申请人提供可以公开的政府信息内容，并对不予公开的内容说明理由。"
)


def _article(text: str, article: str, similarity: float) -> Passage:
    return Passage(article, text, 1, "条例", "policy", "第四章", "", article, similarity)


def test_the_article_that_says_clearly_more_of_the_question_answers_it() -> None:
    """Meaning alone ranks 第三十七条 first (answerers.py asks the words first); only
    第二十九条 says 口头."""
    passages = [
        _article(ARTICLE_37, "第三十七条", 0.890),
        _article(ARTICLE_29, "第二十九条", 0.883),
    ]
    terms = [Term("写字", 1.0), Term("口头", 1.0), Term("申请", 0.3), Term("公开", 0.6)]
    by_meaning = article_by_meaning(passages, None, False)
    assert by_meaning is not None and by_meaning.passage.article == "第三十七条"
    clause = article_by_words(passages, terms, None, False)
    assert clause is not None and clause.passage.article == "第二十九条"
    # Words of the citizen's own ("不方便") that no article has do not hide the one that
    # says clearly more.
    chatty = [*terms, Term("不方便", 1.0)]
    clause = article_by_words(passages, chatty, None, False)
    assert clause is not None and clause.passage.article == "第二十九条"
    # Two articles that say as much: neither.
    alike = [Term("申请", 0.3), Term("公开", 0.6), Term("行政机关", 1.0)]
    assert article_by_words(passages, alike, None, False) is None


def test_a_compound_s_last_noun_may_go_unsaid_when_the_unit_agrees() -> None:
    passage = _passage("五是加强政务新媒体管理，注销2个无人维护的政务新媒体，新开设1个政务新媒体。")
    accounts = Term("账号", 2.0, head=True, compound=True)
    terms = [Term("注销", 0.6), Term("政务新媒体", 0.6), accounts]
    clause = best_clause([passage], "注销了几个政务新媒体账号", terms, "个", True)
    assert clause is not None and clause.quantity is not None and clause.quantity.value == 2
    # Without a unit asked, the unsaid noun may be what is counted: no answer.
    assert best_clause([passage], "政务新媒体账号粉丝多少", terms, None, True) is None


ARTICLE_49 = (
    "第四十九条 县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交"
    "本行政机关上一年度政府信息公开工作年度报告并向社会公布。\n"
    "县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府"
    "上一年度政府信息公开工作年度报告。"
)


def test_a_date_is_answered_by_a_sentence_that_gives_one_and_only_when_one_fits() -> None:
    passage = _article(ARTICLE_49, "第四十九条", 0.92)
    terms = [Term("主管部门", 1.0), Term("提交", 1.0), Term("年度报告", 0.3)]
    clause = best_clause([passage], "部门年报几月几号前提交主管部门", terms, DATE, False)
    assert clause is not None and "1月31日" in clause.sentence and "3月31日" not in clause.sentence
    # Both sentences fit as well: two dates, no answer.
    both = [Term("年度报告", 1.0), Term("社会", 1.0), Term("公布", 1.0)]
    assert best_clause([passage], "年报什么时候向社会公布", both, DATE, False) is None
    assert best_clause([_article(ARTICLE_29, "第二十九条", 0.9)], "何时", terms, DATE, False) is None


def test_an_article_s_figure_answers_only_from_a_sentence_about_the_question() -> None:
    """第三十三条 mentions 第三方 too, but its 20个工作日 are for the answer; 第三十二条's
    15个工作日 are the third party's. A sentence with a figure decides."""
    article_32 = (
        "第三十二条 依申请公开的政府信息公开会损害第三方合法权益的，行政机关应当书面征求第三方的意见。"
        "第三方应当自收到征求意见书之日起15个工作日内提出意见。"
    )
    article_33 = ARTICLE_33 + "行政机关征求第三方和其他机关意见所需时间不计算在前款规定的期限内。"
    passages = [_article(article_33, "第三十三条", 0.927), _article(article_32, "第三十二条", 0.925)]
    terms = [Term("第三方", 0.5), Term("意见", 0.7), Term("回复", 1.2, head=True)]
    clause = article_by_words(passages, terms, "个工作日", True)
    assert clause is None or clause.passage.article == "第三十二条"


ARTICLE_32 = (
    "第三十二条 依申请公开的政府信息公开会损害第三方合法权益的，行政机关应当书面征求第三方的意见。"
    "第三方应当自收到征求意见书之日起15个工作日内提出意见。"
)


def test_meaning_alone_counts_every_close_article_as_a_rival() -> None:
    """How close the other articles come says how sure meaning is: 第三十五条 (no days)
    about as close as 第三十三条 keeps 第三十三条's 20 days from answering a question on a
    third party's days (15, 第三十二条)."""
    article_35 = "第三十五条 申请人申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以要求申请人说明理由。"
    passages = [
        _article(ARTICLE_33, "第三十三条", 0.9156),
        _article(article_35, "第三十五条", 0.9118),
        _article(ARTICLE_32, "第三十二条", 0.9061),
    ]
    assert article_by_meaning(passages, "个工作日", True) is None
    assert article_by_meaning(passages[::2], "个工作日", True) is not None


def test_counting_an_article_s_items_and_the_articles() -> None:
    article_20 = "第二十条 行政机关应当主动公开下列政府信息：（一）规章；（二）机关职能；（三）规划。"
    items = counted_in_article([_article(article_20, "第二十条", 0.9)], "项")
    assert items is not None and items.quantity is not None and items.quantity.value == 3
    last = counted_in_article([_article("第五十六条 本条例自2019年5月15日起施行。", "第五十六条", 0.9)], "条")
    assert last is not None and last.quantity is not None and last.quantity.value == 56
    assert counted_in_article([_article(ARTICLE_29, "第二十九条", 0.9)], "项") is None


def test_a_run_in_heading_is_not_the_total_a_part_is_asked_against() -> None:
    """Web pages run "（一）主动公开政府信息的数量" into the sentence after it; the heading's
    words must not make 主动公开 the total's context (330 total, 90 of it 主动公开)."""
    passage = _passage(
        "（一）主动公开政府信息的数量2019年制作、获取政府信息总数330条，其中主动公开政府信息90条，"
        "作为依申请公开信息数161条。"
    )
    terms = [Term("主动", 0.15), Term("公开", 0.15), Term("信息", 0.3, head=True)]
    clause = best_clause([passage], "2019年主动公开了多少条政府信息", terms, "条", True)
    assert clause is not None and clause.quantity is not None and clause.quantity.value == 90


def test_the_catch_all_item_of_a_list_answers_only_a_question_about_the_rest() -> None:
    passage = _passage("主动公开政府信息共90条。工作进展动态和其他应主动公开的政府信息25条。")
    terms = [Term("主动", 0.15), Term("公开", 0.15), Term("信息", 0.3, head=True)]
    clause = best_clause([passage], "主动公开了多少条政府信息", terms, "条", True)
    assert clause is not None and clause.quantity is not None and clause.quantity.value == 90
    rest = best_clause([passage], "其他应主动公开的信息多少条", terms, "条", True)
    assert rest is not None and rest.quantity is not None and rest.quantity.value == 25


def test_the_year_asked_prefers_its_figure_to_a_running_total_and_the_reverse() -> None:
    passage = _passage(
        "截至目前，我局在门户网站累计主动公开公安政府信息1770条，全文电子化达100%，"
        "其中2019年度我局共主动公开政府信息202条。"
    )
    terms = [Term("主动", 0.15), Term("公开", 0.15), Term("信息", 0.3, head=True)]
    year = best_clause([passage], "2019年一共主动公开了多少条政府信息", terms, "条", True)
    assert year is not None and year.quantity is not None and year.quantity.value == 202
    total = best_clause([passage], "截至2019年历年累计主动公开了多少条信息", terms, "条", True)
    assert total is not None and total.quantity is not None and total.quantity.value == 1770


def _value(passage: Passage, question: str, terms: list[Term], unit: str) -> int | None:
    clause = best_clause([passage], question, terms, unit, True)
    return None if clause is None or clause.quantity is None else int(clause.quantity.value)


def test_words_before_a_list_s_comma_belong_to_the_item_before() -> None:
    """"选认47名区级科技特派员、21名省级…": 区级 is the 47's, not the 21's."""
    passage = _passage("选认47名区级科技特派员、21名省级个人科技特派员，引导科技人员到基层。")
    terms = [Term("区级"), Term("科技"), Term("特派员", 2.0, head=True)]
    assert _value(passage, "选了多少名区级的科技特派员", terms, "名") == 47


def test_a_changed_figure_answers_with_its_new_value_unless_the_old_is_asked() -> None:
    passage = _passage(
        "公开全区城乡居民养老保障待遇从每人每月150元提高到173元，"
        "被征地农民养老保障金由每人每月300元提高到462元。"
    )
    terms = [Term("征地"), Term("农民"), Term("养老"), Term("保障金", 2.0, head=True)]
    assert _value(passage, "被征地农民的养老保障金涨到每人每月多少元", terms, "元") == 462
    assert _value(passage, "被征地农民的养老保障金原来每人每月多少元", terms, "元") == 300


def test_a_range_answers_with_the_end_asked_and_otherwise_not_at_all() -> None:
    passage = _passage("特困人员救助供养标准提高至1023元/月至1822元/月不等。")
    terms = [Term("特困"), Term("人员"), Term("供养"), Term("标准", 2.0, head=True)]
    assert _value(passage, "特困人员的供养标准最高到每月多少", terms, "元") == 1822
    assert _value(passage, "特困人员的供养标准最低每月多少", terms, "元") == 1023
    assert _value(passage, "特困人员的供养标准每月多少", terms, "元") is None


def test_a_two_character_abbreviation_finds_its_four_character_word() -> None:
    passage = _passage("环境保护、公共卫生、安全生产、食品药品、产品质量类信息35条；其他信息36条。")
    terms = [Term("环保"), Term("公共卫生"), Term("安全", 0.6), Term("生产", 2.0, head=True)]
    assert _value(passage, "环保、公共卫生、安全生产这一类占了多少条", terms, "条") == 35
    assert _value(passage, "环卫这一类占了多少条", [Term("环卫", 2.0, head=True)], "条") is None


def test_a_year_asked_is_the_one_written_before_the_question_s_words() -> None:
    header = _passage(
        "中华人民共和国政府信息公开条例 2007年4月5日中华人民共和国国务院令第492号公布 "
        "2019年4月3日中华人民共和国国务院令第711号修订 2019年5月15日 施行"
    )

    def year(question: str, *words: str) -> int | None:
        clause = best_clause([header], question, _terms(*words), YEAR, False)
        return None if clause is None or clause.quantity is None else int(clause.quantity.value)

    assert year("修订后的条例是哪一年开始施行的", "修订", "施行") == 2019
    assert year("条例最早是哪一年公布的", "条例", "公布") == 2007
    # Words before different years: not sure which is asked.
    assert year("哪一年公布并修订的", "公布", "修订") is None


def test_a_figure_of_the_other_way_of_disclosing_does_not_answer() -> None:
    passage = _passage("依申请公开政府信息5条，提交申请的方式为网站申请。")
    terms = [Term("主动", 0.15), Term("公开", 0.15), Term("信息", 0.3, head=True)]
    assert _value(passage, "主动公开了多少条政府信息", terms, "条") is None
    asked = [Term("依申请公开", 0.3), Term("信息", 0.3, head=True)]
    assert _value(passage, "依申请公开了多少条政府信息", asked, "条") == 5


def test_the_word_narrowing_the_counted_thing_must_be_there() -> None:
    """"网上投诉的有多少件" is not the total of every kind of complaint."""
    passage = _passage("共接收处置信访、群众来信、来电、网络投诉等信访投诉事项7733件。")
    counted = Term("投诉", 1.2, head=True)
    narrowed = [Term("信访", 0.6), Term("网上", 0.6, qualifier=True), counted]
    assert _value(passage, "信访投诉里网上投诉的有多少件", narrowed, "件") is None
    assert _value(passage, "信访投诉有多少件", [Term("信访", 0.6), counted], "件") == 7733
