"""Reading questions: agencies, years, table metrics, search terms and follow-ups (no model)."""

from __future__ import annotations

import pytest

from assistant.agencies import AgencyDirectory, place_stem
from assistant.qa.asked import Question
from assistant.qa.numbers import same_kind_of_figure
from assistant.qa.question import QuestionReader
from assistant.qa.text import Tokenizer
from assistant.qa.vocabulary import load_vocabulary
from tests.conftest import taught_tokenizer

AGENCIES = {
    "平罗县城关镇人民政府": [2020],
    "上海市人民政府办公厅": [2019],
    "淮安市人民政府": [2023, 2024],
}


@pytest.fixture(scope="module")
def reader() -> QuestionReader:
    directory = AgencyDirectory(AGENCIES)
    tokenizer = Tokenizer()
    for place in directory.places:
        tokenizer.add_place(place)
    return QuestionReader(load_vocabulary(), directory, tokenizer, AGENCIES)


def _metric_names(q: Question) -> list[str]:
    return [m.name for m in q.metrics]


def test_agency_names_are_read_as_places_and_an_organ() -> None:
    directory = AgencyDirectory(AGENCIES)

    def places(name: str) -> tuple[str, ...]:
        return tuple(p.name for p in directory.parse(name).places)

    assert places("平罗县城关镇人民政府") == ("平罗县", "城关镇")
    assert directory.parse("上海市政府办公厅").organs == {"人民政府办公厅"}
    assert places("淮安市洪泽区") == ("淮安市", "洪泽区")
    assert place_stem("淮安市") == "淮安" and place_stem("沛县") == "沛县"


@pytest.mark.parametrize(
    ("question", "agency"),
    [
        ("城关镇2020年收到几件申请？", "平罗县城关镇人民政府"),
        ("平罗县城关镇政府2020年收到几件申请？", "平罗县城关镇人民政府"),
        ("上海市政府办公厅2019年受理多少件？", "上海市人民政府办公厅"),
        ("淮安2024年受理多少件？", "淮安市人民政府"),
        ("城关镇的政府2020年收到几件申请？", "平罗县城关镇人民政府"),  # 的 inside the name
        # The wrong level's suffix, where the stem names one division only (平罗县).
        ("平罗市城关镇2020年收到几件申请？", "平罗县城关镇人民政府"),
    ],
)
def test_short_and_full_names_name_the_held_agency(
    reader: QuestionReader, question: str, agency: str
) -> None:
    q = reader.read(question)
    assert (q.agency, q.unknown_agency) == (agency, None)


@pytest.mark.parametrize(
    ("question", "named"),
    [
        # The county government is not the town government inside it.
        ("平罗县人民政府2020年收到多少申请？", "平罗县人民政府"),
        ("平罗县2020年收到多少申请？", "平罗县"),
        # A district of 淮安市 is another agency than 淮安市人民政府.
        ("淮安市洪泽区2024年受理了多少申请？", "淮安市洪泽区"),
        ("洪泽区2024年受理了多少申请？", "洪泽区"),
        # The city government is not its general office.
        ("上海市人民政府2019年受理多少件？", "上海市人民政府"),
        ("石嘴山市2020年收到多少申请？", "石嘴山市"),
        # A real district of the city, not the city with the wrong suffix.
        ("淮安区2024年受理了多少申请？", "淮安区"),
    ],
)
def test_agencies_the_corpus_lacks_are_never_mapped_to_a_neighbour(
    reader: QuestionReader, question: str, named: str
) -> None:
    q = reader.read(question)
    assert (q.agency, q.unknown_agency) == (None, named)


def test_names_inside_titles_and_words_ending_in_a_place_suffix_are_no_agencies(
    reader: QuestionReader,
) -> None:
    q = reader.read("上海市政府办公厅2019年编发《上海市人民政府公报》多少期？")
    assert (q.agency, q.unknown_agency) == ("上海市人民政府办公厅", None)
    q = reader.read("城关镇2020年利用镇村居干部大会安排工作多少次？")
    assert (q.agency, q.unknown_agency) == ("平罗县城关镇人民政府", None)
    # A quoted name is the only clue to the place: then it counts.
    q = reader.read("“淮安发布”公众号2024年推送了多少条信息？")
    assert (q.agency, q.unknown_agency) == ("淮安市人民政府", None)


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("城关镇2020年收到几件申请？", 2020),
        ("城关镇二〇二〇年收到几件申请？", 2020),
        ("淮安市２０２３年收到几件申请？", 2023),
        # Relative years count from the agency's latest report (published a year later).
        ("淮安市去年收到几件申请？", 2024),
        ("淮安市前年收到几件申请？", 2023),
        ("城关镇去年收到几件申请？", 2020),
        # Two digits, as people say it; 近10年 is no year.
        ("淮安市23年收到几件申请？", 2023),
        ("淮安市近10年来2024年收到几件申请？", 2024),
    ],
)
def test_years(reader: QuestionReader, question: str, year: int) -> None:
    assert reader.read(question).year == year


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        ("淮安市2024年收到多少申请？", "本年新收政府信息公开申请"),
        ("淮安市2024年受理了多少件？", "本年新收政府信息公开申请"),
        ("淮安市2024年驳回了多少申请？", "不予公开"),
        ("淮安市2024年不公开的有几件？", "不予公开"),
        ("淮安市2024年被申请复议多少件？", "行政复议"),
        ("淮安市2024年复议后起诉多少件？", "行政诉讼（复议后起诉）"),
        ("淮安市2024年不予公开中属于国家秘密的有几件？", "不予公开（属于国家秘密）"),
        # "申请" alone means 本年新收 only when nothing else is named.
        ("淮安市2024年上年结转的申请数量是多少？", "上年结转政府信息公开申请"),
    ],
)
def test_synonyms_name_canonical_rows(reader: QuestionReader, question: str, metric: str) -> None:
    q = reader.read(question)
    assert _metric_names(q) == [metric]
    assert q.is_table_question


def test_two_rows_are_added_up_only_when_the_question_joins_them(reader: QuestionReader) -> None:
    q = reader.read("淮安市2024年予以公开和部分公开共多少件？")
    assert _metric_names(q) == ["予以公开", "部分公开"]


def test_words_no_table_cell_explains_make_a_narrative_question(reader: QuestionReader) -> None:
    q = reader.read("城关镇2020年网民留言全年共受理答复多少条？")
    assert q.leftover == ("网民", "留言") and not q.is_table_question
    assert q.unit == "条" and q.numeric
    assert {"网民", "留言", "受理", "答复"} <= {t.text for t in q.terms}


def test_table_label_words_do_not_make_a_narrative_question(reader: QuestionReader) -> None:
    q = reader.read("城关镇2020年因本机关不掌握相关政府信息而无法提供的申请有几件？")
    assert _metric_names(q) == ["无法提供（本机关不掌握相关政府信息）"]
    assert q.is_table_question


def test_units_asked_for(reader: QuestionReader) -> None:
    assert reader.read("申请后多久答复？").unit == "个工作日"
    assert reader.read("淮安市2024年收取信息处理费多少钱？").unit == "元"
    assert reader.read("淮安市2024年合格率是多少？").unit == "%"
    assert reader.read("城关镇2020年编辑简报几篇？").unit == "篇"
    # A year asked is a date, not a count; a 年度报告 named is no year asked.
    year = reader.read("条例是哪一年开始施行的？")
    assert (year.unit, year.numeric) == ("年份", False)
    assert reader.read("哪一年度报告写了申请数？").unit is None


def test_articles_in_chinese_or_arabic_numerals(reader: QuestionReader) -> None:
    assert reader.read("条例第33条讲什么？").article == "第三十三条"
    assert reader.read("第三十二条怎么规定？").article == "第三十二条"


def _turns(*texts: str) -> list[dict[str, str]]:
    roles = ["user", "assistant"] * len(texts)
    return [{"role": r, "content": t} for r, t in zip(roles, texts, strict=False)]


def test_follow_up_with_another_year_keeps_the_agency_and_the_metric(
    reader: QuestionReader,
) -> None:
    q = reader.read("那2019年呢？", _turns("城关镇2020年收到几件申请？", "3件。"))
    assert (q.agency, q.year) == ("平罗县城关镇人民政府", 2019)
    assert _metric_names(q) == ["本年新收政府信息公开申请"]


@pytest.mark.parametrize(
    ("first", "follow_up", "year"),
    [
        ("淮安市2024年收到几件申请？", "那前一年呢？", 2023),
        ("淮安市2023年收到几件申请？", "下一年呢？", 2024),
        # The question before named no year: its year is the latest held.
        ("淮安市收到几件申请？", "那上一年的呢？", 2023),
        # Counted from the question before, even to a year not held (refused later).
        ("淮安市2023年收到几件申请？", "那前一年呢？", 2022),
        # "上一年没办完的" is about carried-over requests, not a year.
        ("淮安市2024年收到几件申请？", "其中上一年没办完拖过来的呢？", 2024),
    ],
)
def test_a_follow_up_counts_years_from_the_question_before(
    reader: QuestionReader, first: str, follow_up: str, year: int
) -> None:
    q = reader.read(follow_up, _turns(first, "3件。"))
    assert (q.agency, q.year) == ("淮安市人民政府", year)


def test_a_particle_inside_a_table_phrase_does_not_hide_it(reader: QuestionReader) -> None:
    q = reader.read("那复议完了又去法院起诉的呢？", _turns("淮安市2024年复议了几件？", "3件。"))
    assert _metric_names(q) == ["行政诉讼（复议后起诉）"]


def test_follow_up_naming_a_column_keeps_the_row(reader: QuestionReader) -> None:
    q = reader.read("其中自然人多少？", _turns("淮安市2024年收到多少申请？", "3119件。"))
    assert (q.agency, q.year) == ("淮安市人民政府", 2024)
    assert _metric_names(q) == ["本年新收政府信息公开申请"]
    assert [c.name for c in q.columns] == ["自然人"]
    # Another column replaces the earlier one, and the words that named it.
    q = reader.read("那企业提的呢？", _turns("淮安市2024年老百姓个人提的申请有多少件？", "3001件。"))
    assert [c.name for c in q.columns] == ["商业企业"]
    assert not {"老百姓", "个人"} & {t.text for t in q.terms}


def test_follow_up_with_a_new_topic_replaces_the_old_one(reader: QuestionReader) -> None:
    q = reader.read("那政务微信呢？", _turns("城关镇2020年政务微博公开多少条信息？", "542条。"))
    texts = " ".join(t.text for t in q.terms)
    assert "微信" in texts and "微博" not in texts
    assert q.agency == "平罗县城关镇人民政府" and q.year == 2020


def test_a_self_contained_question_after_a_report_question_is_not_a_follow_up(
    reader: QuestionReader,
) -> None:
    q = reader.read("申请后多久答复？", _turns("城关镇2020年收到几件申请？", "3件。"))
    assert q.agency is None and q.year is None and not q.names_report


def test_rich_chat_turns_are_read_by_their_text(reader: QuestionReader) -> None:
    history = [
        {"role": "user", "content": [{"type": "text", "text": "淮安市2024年收到多少申请？"}]},
        {"role": "assistant", "content": "3119件。"},
    ]
    q = reader.read("其中自然人多少？", history)
    assert q.agency == "淮安市人民政府" and [c.name for c in q.columns] == ["自然人"]


def test_function_words_are_no_content(reader: QuestionReader) -> None:
    q = reader.read("淮安市2024年有几件申请因为重复申请不予处理？")
    assert _metric_names(q) == ["不予处理（重复申请）"] and q.is_table_question


def test_a_count_does_not_answer_a_question_about_a_rate_or_money() -> None:
    assert same_kind_of_figure(None, "件") and same_kind_of_figure("个", "件")
    assert same_kind_of_figure("元", "万元") and same_kind_of_figure("%", "%")
    assert not same_kind_of_figure("%", "件") and not same_kind_of_figure("元", "件")


def test_the_counted_word_is_the_one_before_the_asking_unless_one_follows(
    reader: QuestionReader,
) -> None:
    heads = [t.text for t in reader.read("淮安市2024年政务微博的阅读量是多少？").terms if t.head]
    assert heads == ["阅读"]  # jieba: 阅读 + 量
    q = reader.read("淮安市2024年标准目录里有多少项二级指标？")
    assert [(t.text, t.compound) for t in q.terms if t.head] == [("指标", False)]
    # The last noun of a compound may be left unsaid by the report ("注销2个政务新媒体").
    q = reader.read("淮安市2024年注销了几个政务新媒体账号？")
    assert [(t.text, t.compound) for t in q.terms if t.head] == [("账号", True)]
    # A verb with its result says what became of the counted thing.
    q = reader.read("淮安市2024年被征地农民的养老保障金涨到每人每月多少元？")
    assert [t.text for t in q.terms if t.head] == ["保障金"]
    q = reader.read("淮安市2024年特困人员的供养标准最高到每月多少？")
    assert [t.text for t in q.terms if t.head] == ["标准"]
    # The word right before the head narrows it; the head's last place is the one asked.
    q = reader.read("淮安市2024年收到的那些信访投诉里，网上投诉的有多少件？")
    assert [(t.text, t.head, t.qualifier) for t in q.terms if t.head or t.qualifier] == [
        ("投诉", True, False),
        ("网上", False, True),
    ]


@pytest.mark.parametrize(
    ("question", "metric", "column"),
    [
        # 递上来 is the verb 递 with its direction; 才能 here is 才 + 能; 去 only points
        # 申请 somewhere and is not glued to 事 as an unknown word.
        ("城关镇2020年个人递上来的申请最后直接给公开了几件？", "予以公开", "自然人"),
        ("城关镇2020年有没有人因为信息公开的事去申请行政复议？有几件？", "行政复议", None),
        ("城关镇2020年有几件申请是因为要另外制作才能给的？", "无法提供（没有现成信息需要另行制作）", None),
    ],
)
def test_words_that_only_carry_the_verb_leave_nothing_unexplained(
    reader: QuestionReader, question: str, metric: str, column: str | None
) -> None:
    q = reader.read(question)
    assert (_metric_names(q), q.leftover) == ([metric], ())
    assert [c.name for c in q.columns] == ([column] if column else [])


def test_time_place_and_relating_words_leave_a_table_question_alone(
    reader: QuestionReader,
) -> None:
    for question, metric in [
        ("淮安市2024年现在还有效的规章有几件？", "规章"),  # 现在: a time word
        ("淮安市2024年跟信息公开有关的行政复议有几件？", "行政复议"),
        ("整个淮安市2024年新收了多少件申请？", "本年新收政府信息公开申请"),
    ]:
        q = reader.read(question)
        assert (_metric_names(q), q.leftover) == ([metric], ()), question


def test_the_agency_repeating_its_own_organ_word_is_no_topic(reader: QuestionReader) -> None:
    q = reader.read("上海市政府办公厅2019年有多少申请是因为办公厅自己没掌握这个信息而无法提供？")
    assert q.agency == "上海市人民政府办公厅"
    # 没掌握 is the lexicon's 没有掌握 (any negation opens it): the sub-row at once.
    assert (q.leftover, _metric_names(q)) == ((), ["无法提供（本机关不掌握相关政府信息）"])


def test_a_numeral_tag_does_not_hide_a_named_party(reader: QuestionReader) -> None:
    """jieba tags 第三方 as a numeral (m); it names who answers, so it is a search word."""
    q = reader.read("第三方要在多少个工作日内回复意见？")
    assert "第三方" in [t.text for t in q.terms]


def test_a_magnitude_asked_agrees_with_units_of_that_magnitude() -> None:
    assert same_kind_of_figure("万", "万元")
    assert not same_kind_of_figure("万", "元")


def test_a_row_described_through_another_is_not_added_to_it(reader: QuestionReader) -> None:
    """复议后起诉 is described by 复议: "先申请复议、复议完又去法院打官司" is one row."""
    q = reader.read("淮安市2024年先申请复议、复议完又去法院打官司的有几件？")
    assert _metric_names(q) == ["行政诉讼（复议后起诉）"]
    q = reader.read("淮安市2024年行政复议和行政诉讼一共多少件？")
    assert _metric_names(q) == ["行政复议", "行政诉讼"]


def test_a_quoted_name_is_one_term_and_the_noun_after_it_may_go_unsaid(
    reader: QuestionReader,
) -> None:
    q = reader.read("淮安市2024年搞的《政务公开看淮安》节目一共办了几期？")
    assert q.agency == "淮安市人民政府"
    assert "政务公开看淮安" in [t.text for t in q.terms] and "政务公开看淮安" in q.leftover
    assert [(t.text, t.compound) for t in q.terms if t.head] == [("节目", True)]
    # A quoted table label is the label: still a table question.
    q = reader.read("淮安市2024年“予以公开”的申请有几件？")
    assert _metric_names(q) == ["予以公开"] and q.is_table_question


def test_a_negated_word_names_no_row(reader: QuestionReader) -> None:
    """"不再处理了" is not "处理了" (办理结果总计)."""
    q = reader.read("淮安市2024年有多少申请是申请人没按时补正、结果不再处理了的？")
    assert "本年度办理结果总计" not in _metric_names(q)
    q = reader.read("淮安市2024年因为本机关没掌握信息答复不了的有几件？")  # 答复不了
    assert "本年度办理结果总计" not in _metric_names(q)
    # Asking words are no negation: 有没有企业 still names 商业企业.
    q = reader.read("淮安市2024年有没有企业申请公开信息？有几件？")
    assert [c.name for c in q.columns] == ["商业企业"]


def test_a_word_of_the_agency_s_place_is_no_topic_but_a_word_of_its_work_is() -> None:
    held = {"平潭综合实验区管委会办公室": [2021], "平潭综合实验区公安局": [2021]}
    directory = AgencyDirectory(held)
    pingtan = QuestionReader(load_vocabulary(), directory, taught_tokenizer(directory), held)
    q = pingtan.read("实验区管委办2021年申请公开的，全部给公开的有几件？")
    assert (q.agency, _metric_names(q), q.leftover) == (
        "平潭综合实验区管委会办公室",
        ["予以公开"],
        (),
    )
    q = pingtan.read("平潭公安局2021年主动公开的公安类信息有多少条？")
    assert q.agency == "平潭综合实验区公安局" and "公安" in q.leftover


def test_glued_characters_and_idioms_are_never_required(reader: QuestionReader) -> None:
    """"这些事做了几次": 事 + 做 glued is a guess at an unknown word, not one a passage
    must have (防汛 is)."""
    q = reader.read("城关镇2020年围绕防汛这些事做了几次问卷调查？")
    required = {t.text: t.required for t in q.terms}
    assert required.get("事做") is False
    assert required["防汛"]
    assert [t.text for t in q.terms if t.head] == ["问卷调查"]  # a head must be there anyway
    # An idiom (jieba's l) is a phrase that texts put in their own words.
    q = reader.read("申请的信息牵涉到别人，第三方要在多少个工作日内提意见？")
    assert {t.text: t.required for t in q.terms}["牵涉到"] is False


def test_words_of_the_table_s_own_structure_name_no_topic(reader: QuestionReader) -> None:
    q = reader.read("淮安市2024年报里，行政许可那一行的处理决定数量是多少？")
    assert _metric_names(q) == ["行政许可"] and q.leftover == ()


def test_a_column_said_negated_is_no_column_of_the_table(reader: QuestionReader) -> None:
    """ "不是个人提的" asks everyone but 自然人, which no column holds: a text question. Beside
    a column the question names, the negation only clarifies it."""
    q = reader.read("淮安市2024年新收的申请里，不是个人提的有几件？")
    assert q.columns == () and "个人" in q.leftover
    q = reader.read("淮安市2024年新收的申请里，有几件是法人或者其他组织（不是个人）提的？")
    assert [c.name for c in q.columns] == ["法人或其他组织"] and q.leftover == ()
    # The asking 是不是 negates nothing.
    q = reader.read("淮安市2024年新收的申请是不是个人提的多？")
    assert [c.name for c in q.columns] == ["自然人"]
