"""Agency resolution over names generated from the division data, and the real ones of the
dev corpus (no model). The rules are in assistant/agencies/directory.py."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from assistant.agencies import AgencyDirectory, load_divisions, load_organs, place_stem
from assistant.agencies.divisions import Division
from assistant.agencies.organs import OrganDataError, parse_organs
from assistant.agencies.reading import read_agency
from tests.conftest import taught_tokenizer

DIVISIONS = load_divisions()
COUNTIES = [d for d in DIVISIONS.by_code.values() if d.level == 3]
NAME_COUNT = Counter(d.name for d in DIVISIONS.by_code.values())
STEM_COUNT = Counter(place_stem(d.name) for d in DIVISIONS.by_code.values())


def _parent(d: Division) -> Division:
    return DIVISIONS.by_code[d.parent_codes[-1]]


def _government(d: Division) -> str:
    """How a county's report titles itself: 江苏省淮安市洪泽区人民政府 → 淮安市洪泽区人民政府."""
    return f"{_parent(d).name}{d.name}人民政府"


# Counties under a real city (a few hang directly under a province).
HELD = [d for d in COUNTIES if d.parent_codes[-1] in DIVISIONS.by_code]
HELD_NAME_COUNT = Counter(d.name for d in HELD)


@pytest.fixture(scope="module")
def counties() -> AgencyDirectory:
    """Every county's government held, with one department each."""
    names = [_government(d) for d in HELD]
    names += [f"{_parent(d).name}{d.name}市场监督管理局" for d in HELD]
    return AgencyDirectory(names)


def test_the_division_data_covers_the_country() -> None:
    levels = Counter(d.level for d in DIVISIONS.by_code.values())
    assert levels[1] == 34 and levels[2] > 330 and levels[3] > 2800
    assert [d.name for d in DIVISIONS.chain(DIVISIONS.by_name["洪泽区"][0])] == [
        "江苏省",
        "淮安市",
        "洪泽区",
    ]
    assert len(HELD) > 2000


def test_every_county_government_is_found_by_its_full_name_and_its_chain(
    counties: AgencyDirectory,
) -> None:
    wrong = []
    for d in HELD:
        province = DIVISIONS.by_code[d.parent_codes[0]].name
        for name in (
            _government(d),
            f"{_parent(d).name}{d.name}政府",
            f"{province}{_parent(d).name}{d.name}人民政府",
        ):
            if counties.resolve(name).agency != _government(d):
                wrong.append(name)
    assert wrong == []


def test_a_unique_county_name_alone_means_its_government(counties: AgencyDirectory) -> None:
    wrong = []
    checked = 0
    for d in HELD:
        if NAME_COUNT[d.name] == 1 and STEM_COUNT[place_stem(d.name)] == 1:
            checked += 1
            for name in (d.name, f"{d.name}政府", f"{place_stem(d.name)}政府"):
                if counties.resolve(name).agency != _government(d):
                    wrong.append(name)
    assert checked > 2000 and wrong == []


def test_a_county_name_shared_by_several_is_asked_back_naming_them(
    counties: AgencyDirectory,
) -> None:
    shared = [d for d in HELD if HELD_NAME_COUNT[d.name] > 1]
    assert shared
    for d in shared:
        resolution = counties.resolve(f"{d.name}人民政府")
        assert resolution.agency is None
        assert _government(d) in resolution.candidates and len(resolution.candidates) > 1


def test_short_forms_of_departments_name_them(counties: AgencyDirectory) -> None:
    wrong = []
    for d in HELD:
        if NAME_COUNT[d.name] > 1:
            continue
        expected = f"{_parent(d).name}{d.name}市场监督管理局"
        for name in (f"{d.name}市场监管局", f"{_parent(d).name}{d.name}市场监管局"):
            if counties.resolve(name).agency != expected:
                wrong.append(name)
    assert wrong == []


def test_never_a_parent_a_sibling_or_a_department_not_held(counties: AgencyDirectory) -> None:
    wrong = []
    for d in HELD:
        for name in (
            f"{_parent(d).name}人民政府",  # the parent city: not held
            f"{_parent(d).name}{d.name}公安局",  # a sibling department: not held
            f"{_parent(d).name}{d.name}城关镇人民政府",  # a town below: not held
        ):
            resolution = counties.resolve(name)
            if resolution.agency is not None:
                wrong.append((name, resolution.agency))
    assert wrong == []


def test_a_merged_bureau_is_found_by_the_ways_people_shorten_it() -> None:
    """Organs organs.toml never lists, shortened by keeping characters in order; a sibling
    of another name, the parent's bureau, or two bureaus that both fit are not answered."""
    wrong = []
    for d in HELD[:600]:
        full = f"{_parent(d).name}{d.name}"
        held = [f"{full}自然资源与生态环境局", f"{full}旅游与文化体育局", f"{full}文化和广播电视局"]
        directory = AgencyDirectory(held)
        expected = {
            f"{d.name}自然资源和生态环境局": held[0],
            f"{full}生态环境局": held[0],
            f"{d.name}旅文体局": held[1],
            f"{d.name}文旅局": held[1],  # 文化和旅游's order, not the name's
            f"{d.name}体育局": held[1],
            f"{d.name}教育局": None,
            f"{_parent(d).name}生态环境局": None,
            f"{d.name}文化局": None,  # 旅游与文化体育局 and 文化和广播电视局 both fit
        }
        for mention, agency in expected.items():
            if directory.resolve(mention).agency != agency:
                wrong.append((mention, directory.resolve(mention)))
    assert wrong == []
    directory = AgencyDirectory([f"淮安市{o}" for o in ("旅游与文化体育局", "文化和广播电视局")])
    assert directory.resolve("淮安市文化局").candidates == (
        "淮安市文化和广播电视局",
        "淮安市旅游与文化体育局",
    )


def test_a_shortened_organ_read_as_a_place_and_an_organ_is_found_when_nothing_else_is() -> None:
    """资源 is also 资源县, and 平潭市监局 reads as 平潭市 + 监局."""
    held = ["平潭综合实验区自然资源与生态环境局", "平潭综合实验区市场监督管理局"]
    directory = AgencyDirectory(held)
    assert directory.resolve("资源生态局").agency == held[0]
    assert directory.resolve("平潭资源生态局").agency == held[0]
    assert directory.resolve("平潭市监局").agency == held[1]
    # Not after another place, and not an organ that shortens none held.
    assert directory.resolve("福州市监局").agency is None
    assert directory.resolve("平潭公安局").agency is None


def test_a_shortened_organ_in_a_question_is_read_as_one_name() -> None:
    from assistant.qa.text import Tokenizer

    directory = AgencyDirectory(["平潭综合实验区旅游与文化体育局", "平潭综合实验区交通与建设局"])
    tokenizer = Tokenizer()
    found = {
        q: [(m.text, m.agency) for m in directory.mentions(tokenizer.tagged(q))]
        for q in ("平潭旅文体局2020年政府集中采购了几个项目？", "平潭交建局2020年收到了几个申请？")
    }
    assert found == {
        "平潭旅文体局2020年政府集中采购了几个项目？": [
            ("平潭旅文体局", "平潭综合实验区旅游与文化体育局")
        ],
        "平潭交建局2020年收到了几个申请？": [("平潭交建局", "平潭综合实验区交通与建设局")],
    }


def test_a_department_not_held_after_its_place_is_a_mention_of_its_own() -> None:
    """平潭投资促进局 is not 平潭 (the government, held); verbs that end like organs are no
    departments."""
    from assistant.qa.text import Tokenizer

    directory = AgencyDirectory(["平潭综合实验区", "平潭综合实验区国有资产管理局"])
    tokenizer = Tokenizer()
    found = {
        q: [(m.text, m.agency) for m in directory.mentions(tokenizer.tagged(q))]
        for q in (
            "平潭投资促进局2024年主动公开了多少条？",
            "平潭卫生健康委员会2024年",
            "平潭办了几件申请？",
        )
    }
    assert found == {
        "平潭投资促进局2024年主动公开了多少条？": [("平潭投资促进局", None)],
        "平潭卫生健康委员会2024年": [("平潭卫生健康委员会", None)],
        "平潭办了几件申请？": [("平潭", "平潭综合实验区")],
    }


def test_a_misspelt_county_in_a_title_is_read_as_the_real_one_when_the_text_places_it() -> None:
    """One character of the stem replaced (an OCR slip), the city named in the text."""
    read = wrong = 0
    for d in HELD:
        stem = place_stem(d.name)
        for slip in "沐洺淇":
            misspelt = slip + d.name[1:]
            if misspelt in DIVISIONS.by_name or slip == d.name[0] or len(stem) < 2:
                continue
            text = f"{_parent(d).name}{misspelt}2024年政府信息公开工作"
            reading = read_agency(f"{misspelt}人民政府", text)
            if reading.agency == f"{d.name}人民政府":
                read += 1
                assert reading.note and d.name in reading.note
            elif reading.agency != f"{misspelt}人民政府":
                wrong += 1  # read as another real county: never allowed
            break
    assert wrong == 0 and read > 1500


# The agencies of the real reports in tests/fixtures and data/samples.
REAL = {
    "淮安市人民政府": None,
    "上海市人民政府办公厅": "上海市人民政府",
    "平罗县城关镇人民政府": None,
    "平潭综合实验区市场监督管理局": None,
    "平潭综合实验区行政审批局": None,
    "平潭综合实验区海坛片区管理局": None,
    "上海市科学技术委员会": None,
}


@pytest.mark.parametrize(
    ("mention", "agency"),
    [
        ("上海市政府", "上海市人民政府办公厅"),  # the office reports for the government
        ("上海", "上海市人民政府办公厅"),
        ("上海市科委", "上海市科学技术委员会"),
        ("上海科委", "上海市科学技术委员会"),
        ("淮安", "淮安市人民政府"),
        ("江苏省淮安市政府", "淮安市人民政府"),
        ("城关镇", "平罗县城关镇人民政府"),
        ("平罗县城关镇政府", "平罗县城关镇人民政府"),
        ("平潭市场监管局", "平潭综合实验区市场监督管理局"),
        ("平潭实验区审批局", "平潭综合实验区行政审批局"),
        ("海坛片区", "平潭综合实验区海坛片区管理局"),
        # Only departments of 平潭 are held: 平潭 alone (its government) is not.
        ("平潭", None),
        ("平潭综合实验区", None),
        ("淮安市公安局", None),
        ("淮安市洪泽区", None),
        ("平罗县", None),
    ],
)
def test_real_agencies(mention: str, agency: str | None) -> None:
    directory = AgencyDirectory(REAL, {k: v for k, v in REAL.items() if v})
    assert directory.resolve(mention).agency == agency


def test_a_place_alone_means_its_government_when_one_is_held_beside_its_departments() -> None:
    held = ["平潭综合实验区管理委员会", "平潭综合实验区市场监督管理局", "平潭综合实验区公安局"]
    directory = AgencyDirectory(held)
    assert directory.resolve("平潭").agency == "平潭综合实验区管理委员会"
    assert directory.resolve("平潭公安局").agency == "平潭综合实验区公安局"


def test_the_short_name_of_a_committee_matches_its_full_name_both_ways() -> None:
    assert AgencyDirectory(["上海市科委"]).resolve("上海市科学技术委员会").agency == "上海市科委"


def test_a_government_office_answers_for_its_government_only_when_its_report_says_so() -> None:
    said = read_agency("上海市人民政府办公厅", "市政府共受理政府信息公开申请1295件")
    assert said.acts_for == "上海市人民政府"
    unsaid = read_agency("上海市人民政府办公厅", "市政府办公厅共受理申请12件")
    assert unsaid.acts_for is None
    assert AgencyDirectory(["上海市人民政府办公厅"]).resolve("上海市政府").agency is None


def test_a_zone_named_after_a_real_place_keeps_its_name_with_a_note() -> None:
    reading = read_agency("平潭综合实验区市场监督管理局", "")
    assert reading.agency == "平潭综合实验区市场监督管理局"
    assert reading.note == "“平潭综合实验区”不在行政区划数据中，按所在的“平潭县”识别"


@pytest.mark.timeout(60)  # a hang guard: without memoising, this run takes hours
def test_a_long_run_of_town_like_names_is_read_without_blowing_up() -> None:
    directory = AgencyDirectory(["淮安市人民政府"])
    resolution = directory.resolve("某某镇" * 160 + "啊")
    assert resolution.agency is None and resolution.candidates == ()


def test_every_level_at_once_each_name_finds_its_own_level() -> None:
    """Provinces, cities and counties held together (3,400 governments): a name finds the
    government of its own level, never the level above or below."""
    everything = list(DIVISIONS.by_code.values())
    governments = {d.code: f"{d.name}人民政府" for d in everything}
    directory = AgencyDirectory(governments.values())
    unique = [d for d in everything if NAME_COUNT[d.name] == 1]
    assert len(unique) > 3000
    wrong = [
        (d.name, directory.resolve(name).agency)
        for d in unique
        for name in (d.name, f"{d.name}政府", f"{d.name}人民政府")
        if directory.resolve(name).agency != governments[d.code]
    ]
    assert wrong == []
    # A province or city named by its stem (江苏, 淮安) when no other division shares it.
    stems = [d for d in unique if d.level < 3 and STEM_COUNT[place_stem(d.name)] == 1]
    assert len(stems) > 300
    assert [
        d.name
        for d in stems
        if directory.resolve(f"{place_stem(d.name)}政府").agency != governments[d.code]
    ] == []


def test_a_report_titled_by_its_place_alone_is_its_governments() -> None:
    held = ["平潭综合实验区", "平潭综合实验区公安局", "平潭综合实验区管委会办公室"]
    directory = AgencyDirectory(held)
    for mention in ("平潭", "平潭综合实验区", "平潭实验区", "平潭管委会", "平潭县政府"):
        assert directory.resolve(mention).agency == "平潭综合实验区", mention
    assert directory.resolve("平潭公安局").agency == "平潭综合实验区公安局"
    assert directory.resolve("平潭管委会办公室").agency == "平潭综合实验区管委会办公室"
    assert directory.resolve("福州市政府").agency is None


def test_an_organ_alone_names_the_one_held_agency_with_that_organ() -> None:
    held = AgencyDirectory(["平潭综合实验区", "平潭综合实验区公安局", "平潭综合实验区管委会办公室"])
    assert held.resolve("公安局").agency == "平潭综合实验区公安局"
    assert held.resolve("管委会办公室").agency == "平潭综合实验区管委会办公室"
    assert held.resolve("教育局").agency is None
    two_places = AgencyDirectory(["平潭综合实验区管委会办公室", "上海市科委"])
    assert two_places.resolve("管委会办公室").agency == "平潭综合实验区管委会办公室"
    several = AgencyDirectory(["平潭综合实验区公安局", "淮安市公安局"])
    assert several.resolve("公安局").candidates == ("平潭综合实验区公安局", "淮安市公安局")
    assert several.resolve("公安局").agency is None


def test_organ_words_after_a_named_agency_are_its_topic() -> None:
    from assistant.qa.text import Tokenizer

    directory = AgencyDirectory(["平潭综合实验区公安局", "上海市科委"])
    question = "平潭公安局2024年有多少项公安审批事项进驻网上办事大厅？"
    mentions = directory.mentions(Tokenizer().tagged(question))
    assert [(m.text, m.agency) for m in mentions] == [("平潭公安局", "平潭综合实验区公安局")]


def test_the_government_of_a_departments_place() -> None:
    directory = AgencyDirectory(["平潭综合实验区", "平潭综合实验区公安局", "淮安市公安局"])
    assert directory.government_of("平潭综合实验区公安局") == "平潭综合实验区"
    assert directory.government_of("平潭综合实验区") == "平潭综合实验区"
    assert directory.government_of("淮安市公安局") is None


def test_a_department_organs_toml_does_not_list_is_found_by_its_place_stem() -> None:
    directory = AgencyDirectory(["平潭综合实验区社会事业局", "平潭综合实验区党群工作部"])
    assert directory.resolve("平潭社会事业局").agency == "平潭综合实验区社会事业局"
    assert directory.resolve("平潭党群工作部").agency == "平潭综合实验区党群工作部"
    assert directory.resolve("平潭卫生健康局").agency is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"organ": [{"kind": "department"}]}, "organs.toml：第1个 [[organ]]：缺少 name"),
        (
            {"organ": [{"name": "公安局", "kind": "bureau"}]},
            "organs.toml：第1个 [[organ]]：kind 应为 government、government_office、department 之一，而不是“bureau”",
        ),
        (
            {"organ": [{"name": "公安局", "kind": "department", "short": ["公安", ""]}]},
            "organs.toml：第1个 [[organ]]：short 应为非空字符串的列表",
        ),
    ],
)
def test_a_malformed_organ_file_names_the_entry_and_the_field(data: dict, message: str) -> None:
    with pytest.raises(OrganDataError) as error:
        parse_organs(data, "organs.toml")
    assert str(error.value) == message


def test_an_organ_file_that_is_no_toml_is_named(tmp_path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "organs.toml"
    broken.write_text("[[organ]\nname = ", encoding="utf-8")
    with pytest.raises(OrganDataError, match=rf"^{broken}：TOML格式错误"):
        load_organs(broken)


def test_a_bare_place_word_after_a_held_agency_is_the_topic() -> None:
    """公安 is also 公安县: "平潭公安局…公安政府信息" names one agency; a place written
    with its suffix still names another."""
    found = _mentions_in(["平潭综合实验区", "平潭综合实验区公安局"])
    assert found("2019年平潭公安局累计公开了多少条公安政府信息？") == [
        ("平潭公安局", "平潭综合实验区公安局")
    ]
    assert found("平潭公安局2019年公开多少条？公安县政府呢？") == [
        ("平潭公安局", "平潭综合实验区公安局"),
        ("公安县政府", None),
    ]


def test_a_shortened_organ_with_no_place_means_the_one_held_agency_with_it() -> None:
    directory = AgencyDirectory(["平潭综合实验区", "平潭综合实验区交通与建设局", "平潭综合实验区公安局"])
    assert directory.resolve("交建局").agency == "平潭综合实验区交通与建设局"
    assert directory.resolve("教育局").agency is None  # not held: never a neighbour


def test_办_shortens_办公室() -> None:
    directory = AgencyDirectory(["平潭综合实验区", "平潭综合实验区管委会办公室"])
    for name in ("管委会办", "管委办", "平潭管委会办", "平潭管委办"):
        assert directory.resolve(name).agency == "平潭综合实验区管委会办公室", name


def test_a_place_said_apart_from_the_organ_names_that_organ_there() -> None:
    """ "文旅局…？平潭的": 平潭 qualifies 文旅局 (not 平潭's government); an organ not held
    there stays unknown, never the government beside it."""
    held = ["平潭综合实验区", "平潭综合实验区旅游与文化体育局", "平潭综合实验区公安局"]
    found = _mentions_in(held)
    assert found("文旅局21年作出了几个行政处罚决定？平潭的") == [
        ("文旅局", held[1]),
        ("平潭", held[1]),
    ]
    assert found("教育局2021年收了几件申请？平潭的") == [("教育局", None), ("平潭", None)]
    assert found("平潭2021年收了几件申请？") == [("平潭", held[0])]


def _mentions_in(held: list[str]) -> Callable[[str], list[tuple[str, str | None]]]:
    """What `mentions` finds in a question, with the held places and organs taught to the
    tokenizer as the QA service does."""
    directory = AgencyDirectory(held)
    tokenizer = taught_tokenizer(directory)

    def found(question: str) -> list[tuple[str, str | None]]:
        return [(m.text, m.agency) for m in directory.mentions(tokenizer.tagged(question))]

    return found
