"""The development reports (tests/fixtures/dev: the shared dev corpus and reports from the
question sets), each cell against values read by hand from the report text.

The figures below were typed from the files themselves, not from the parser's output:
where the text runs cells together so that more than one reading is possible, the
expected value is None and the finding must name the alternatives. "_" marks such a cell.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.qa.figures import figure_for
from assistant.qa.vocabulary import load_vocabulary
from assistant.tables.parser import parse_tables
from assistant.tables.result import HOW_BLANK, HOW_DIRECT, HOW_NARRATIVE, HOW_SPLIT, TablesResult
from assistant.tables.schema import CellKey, cell_keys, spec_for
from ingest.loaders import load_document
from tests.conftest import FIXTURES

DEV = FIXTURES / "dev"


def _parse(name: str) -> TablesResult:
    path = next(DEV.glob(f"{name}_*.txt"))
    return parse_tables(load_document(path).lines())


def _value(text: str) -> int | None:
    return None if text == "_" else int(text)


def _expected(
    fmt: str, section2: dict[str, str], section3: dict[str, str], section4: str
) -> dict[CellKey, object]:
    """Every cell of the format: section 二 rows as printed, section 三 rows not listed
    are all 0, section 四 as its 15 printed figures."""
    spec = spec_for(fmt)
    expected: dict[CellKey, object] = {}
    for rows, columns in spec.section2_tables:
        for row in rows:
            printed = section2[row].split()
            for column, text in zip(columns, printed, strict=True):
                amount = spec.is_amount(column) and text != "_"
                expected[CellKey("二", row, column)] = Decimal(text) if amount else _value(text)
    for row in spec.section3_rows:
        printed = section3.get(row, "0 0 0 0 0 0 0").split()
        for column, text in zip(spec.section3_columns, printed, strict=True):
            expected[CellKey("三", row, column)] = _value(text)
    figures = section4.split()
    keys = [CellKey("四", r, c) for r in spec.section4_rows for c in spec.section4_columns]
    expected.update({k: _value(t) for k, t in zip(keys, figures, strict=True)})
    assert set(expected) == set(cell_keys(fmt))
    return expected


ZEROS_4 = " ".join(["0"] * 15)

# --- 21 平潭财政金融局 2019: one line, cells run together (2019 试行) ------------------------
PT21 = _expected(
    "2019",
    {
        "规章": "0 0 0",
        "规范性文件": "_ _ _",  # 1077: 1|0|77 or 10|7|7
        "行政许可": "3 0 0",  # 300: no other split without a leading zero
        "其他对外管理服务事项": "0 0 0",
        "行政处罚": "_ _ 0",  # 3500: 3|50|0 or 35|0|0, the last cell 0 either way
        "行政强制": "0 0 0",
        "行政事业性收费": "0 0",
        "政府集中采购": "_ _",  # 2832995元: any cut between the digits
    },
    {},
    ZEROS_4,
)

# --- 22 平潭综合执法与应急管理局 2020: one line, some cells spaced (2019 试行) ------------
PT22 = _expected(
    "2019",
    {
        "规章": "0 0 0",
        "规范性文件": "0 0 2",  # `00　2`
        "行政许可": "0 28 0",
        "其他对外管理服务事项": "0 11 0",
        # 1121784784: 36 readings; the text says "作出行政处罚决定784起", which leaves six
        # readings, all with 784 decisions.
        "行政处罚": "_ _ 784",
        "行政强制": "0 0 0",
        "行政事业性收费": "0 0",
        "政府集中采购": "_ _",  # （元）6675809
    },
    {},
    ZEROS_4,  # `00 0 0 0 0 0 00 0 0 0 0 0 0`
)

# --- 23 平潭行政审批局 2021: one line (2021) -----------------------------------------------
PT23 = _expected(
    "2021",
    {
        "规章": "0 0 0",
        "行政规范性文件": "_ _ _",  # 2023: 2|0|23 or 20|2|3
        "行政许可": "3",
        "行政处罚": "0",
        "行政强制": "0",
        "行政事业性收费": "16220.85",
    },
    {
        "本年新收政府信息公开申请数量": "6 0 0 0 0 0 6",
        "予以公开": "5 0 0 0 0 0 5",
        "不予公开/属于行政查询事项": "1 0 0 0 0 0 1",
        "总计": "6 0 0 0 0 0 6",
    },
    ZEROS_4,
)

# --- 24 平潭海坛片区 2022: one line, 2019 template in 2022, totals contradict rows --------
PT24 = _expected(
    "2019",
    {
        "规章": "0 0 0",
        "规范性文件": "0 0 0",
        "行政许可": "0 0 0",
        "其他对外管理服务事项": "0 0 0",
        "行政处罚": "0 0 0",
        "行政强制": "0 0 0",
        "行政事业性收费": "0 0",
        "政府集中采购": "0 0",  # `00元`
    },
    {
        "本年新收政府信息公开申请数量": "4 0 0 0 0 0 4",
        "不予公开/保护第三方合法权益": "1 0 0 0 0 0 1",
        "无法提供/本机关不掌握相关政府信息": "3 0 0 0 0 0 3",
    },
    ZEROS_4,
)

# --- 25 平潭市场监督管理局 2023: one line, 规章 row missing, two 表三 rows without figures
PT25 = _expected(
    "2021",
    {
        "规章": "_ _ _",  # not printed
        "行政规范性文件": "_ _ _",  # 13013: 13|0|13 among four readings
        "行政许可": "0",
        "行政处罚": "135",
        "行政强制": "54",
        "行政事业性收费": "0",
    },
    {
        "本年新收政府信息公开申请数量": "1 0 0 0 0 0 1",
        "予以公开": "1 0 0 0 0 0 1",
        "总计": "1 0 0 0 0 0 1",
        # The two rows printed without figures are fixed by R3: （七）总计 1 = 予以公开 1.
    },
    ZEROS_4,
)

# --- 26 平潭农业农村局 2024: HTML converted to tab-separated rows (2021) --------------------
PT26 = _expected(
    "2021",
    {
        "规章": "_ _ _",  # no 规章 row
        "行政规范性文件": "1 0 0",
        "行政许可": "1323",
        "行政处罚": "57",
        "行政强制": "0",
        "行政事业性收费": "0",
    },
    {
        "本年新收政府信息公开申请数量": "3 0 0 0 0 0 0",
        "予以公开": "1 0 0 0 0 0 0",
        "不予公开/保护第三方合法权益": "2 0 0 0 0 0 0",
        "总计": "3 0 0 0 0 0 0",
    },
    ZEROS_4,
)

# --- 20 上海市政府办公厅 2025: PDF text with Markdown fragments (2021) ---------------------
PT20 = _expected(
    "2021",
    {
        # `| 规章 | 22 | 235 |` and `| 行政规范性文件 | 34 | 189 |`: 2 of 3 cells each.
        "规章": "_ _ _",
        "行政规范性文件": "_ _ _",
        "行政许可": "0",
        "行政处罚": "0",
        "行政强制": "0",
        "行政事业性收费": "0",
    },
    {
        "本年新收政府信息公开申请数量": "1259 36 0 0 0 0 1295",
        "上年结转政府信息公开申请数量": "170 15 0 0 4 0 189",
        "予以公开": "201 5 0 0 0 0 206",
        "部分公开": "2 0 0 0 0 0 2",  # its label is split over two lines above the row
        "不予公开/属于国家秘密": "4 0 0 0 0 0 4",
        "不予公开/危及“三安全一稳定”": "1 0 0 0 0 0 1",
        "不予公开/属于三类内部事务信息": "8 0 0 0 1 0 9",
        "不予公开/属于四类过程性信息": "1 0 0 0 0 0 1",
        "不予公开/属于行政查询事项": "5 0 0 0 0 0 5",
        "无法提供/本机关不掌握相关政府信息": "484 28 0 0 1 0 513",
        "无法提供/没有现成信息需要另行制作": "47 1 0 0 0 0 48",
        "无法提供/补正后申请内容仍不明确": "3 0 0 0 0 0 3",
        "不予处理/信访举报投诉类申请": "61 1 0 0 0 0 62",
        "不予处理/重复申请": "16 0 0 0 0 0 16",
        "不予处理/要求提供公开出版物": "1 0 0 0 0 0 1",
        "不予处理/无正当理由大量反复申请": "1 0 0 0 0 0 1",
        # The label-less all-zero row under 不予处理 is item 5.
        "其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": (
            "40 1 0 0 2 0 43"
        ),
        "其他处理/其他": "264 12 0 0 0 0 276",
        "总计": "1139 48 0 0 4 0 1191",
        "结转下年度继续办理": "290 3 0 0 0 0 293",
    },
    "40 0 10 5 55 2 0 4 6 12 6 0 9 7 22",
)

# --- 27 平潭旅游与文化体育局 2020: one line, the province's extra part 二 moves the table
# sections to 三、四、五 (2019) ----------------------------------------------------------------
PT27 = _expected(
    "2019",
    {
        "规章": "0 0 0",
        "规范性文件": "5 5 5",
        "行政许可": "15 11 0",
        "其他对外管理服务事项": "0 0 0",
        "行政处罚": "30 0 0",
        "行政强制": "0 0 0",
        "行政事业性收费": "0 0",
        "政府集中采购": "3 3443000",  # `3个 3443000元`
    },
    {},
    ZEROS_4,
)

# --- 28 沭阳县人民政府 2025: a Markdown export, one small table per row of 表三 under
# its own heading, placeholder column names (数据1…数据6), 表四 as three group tables ---
SY28 = _expected(
    "2021",
    {
        "规章": "0 0 0",
        "行政规范性文件": "6 1 32",
        "行政许可": "517645",
        "行政处罚": "693957",
        "行政强制": "2154",
        "行政事业性收费": "4068.208",
    },
    {
        "本年新收政府信息公开申请数量": "705 3 0 0 5 0 713",
        "上年结转政府信息公开申请数量": "36 0 0 0 0 0 36",
        "予以公开": "290 1 0 0 3 0 294",
        "部分公开": "99 0 0 0 2 0 101",
        "不予公开/危及“三安全一稳定”": "2 0 0 0 0 0 2",
        "不予公开/保护第三方合法权益": "2 0 0 0 0 0 2",
        "不予公开/属于三类内部事务信息": "13 0 0 0 0 0 13",
        "不予公开/属于四类过程性信息": "2 0 0 0 0 0 2",
        "不予公开/属于行政执法案卷": "4 0 0 0 0 0 4",
        "不予公开/属于行政查询事项": "9 0 0 0 0 0 9",
        "无法提供/本机关不掌握相关政府信息": "111 0 0 0 0 0 111",
        "无法提供/没有现成信息需要另行制作": "2 0 0 0 0 0 2",
        "不予处理/信访举报投诉类申请": "12 0 0 0 0 0 12",
        "不予处理/重复申请": "6 1 0 0 0 0 7",
        "其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": (
            "9 0 0 0 0 0 9"
        ),
        "其他处理/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": (
            "7 0 0 0 0 0 7"
        ),
        "其他处理/其他": "142 1 0 0 0 0 143",
        "总计": "710 3 0 0 5 0 718",
        "结转下年度继续办理": "31 0 0 0 0 0 31",
    },
    "27 10 9 15 61 3 0 0 0 3 8 0 1 1 10",
)

# --- 30 平潭苏平片区 2024: one line; a part of its own after the tables (2021) --------------
# `…总计 000000000000000五、信息处理费收取情况…000六、…`: the 15 zeros are 表四's, the
# three after the added part's heading are its own table's (not read).
_SECTION2_ZEROS_2021 = {
    "规章": "0 0 0",
    "行政规范性文件": "0 0 0",
    "行政许可": "0",
    "行政处罚": "0",
    "行政强制": "0",
    "行政事业性收费": "0",
}
PT30 = _expected(
    "2021",
    _SECTION2_ZEROS_2021,
    {
        "本年新收政府信息公开申请数量": "2 0 0 0 0 0 2",
        "无法提供/本机关不掌握相关政府信息": "1 0 0 0 0 0 1",
        "其他处理/其他": "1 0 0 0 0 0 1",
        "总计": "2 0 0 0 0 0 2",
    },
    ZEROS_4,
)

# --- 31 平潭金井片区 2023: one line; a row printed one digit short (2021) ------------------
# `结转下年度继续办理 000000`: six zeros for seven cells. R1 fixes them all at 0, which
# prints as those zeros with one left out.
PT31 = _expected(
    "2021",
    _SECTION2_ZEROS_2021 | {"行政规范性文件": "0 0 7"},
    {
        "本年新收政府信息公开申请数量": "1 0 0 0 0 0 1",
        "无法提供/本机关不掌握相关政府信息": "1 0 0 0 0 0 1",
        "总计": "1 0 0 0 0 0 1",
    },
    ZEROS_4,
)

CASES = {
    "20": ("2021", PT20),
    "21": ("2019", PT21),
    "22": ("2019", PT22),
    "23": ("2021", PT23),
    "24": ("2019", PT24),
    "25": ("2021", PT25),
    "26": ("2021", PT26),
    "27": ("2019", PT27),
    "28": ("2021", SY28),
    "30": ("2021", PT30),
    "31": ("2021", PT31),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_cell_against_the_hand_reading(name: str) -> None:
    fmt, expected = CASES[name]
    result = _parse(name)
    assert result.format == fmt
    wrong = {k: (result.cells[k], v) for k, v in expected.items() if result.cells[k] != v}
    assert wrong == {}
    # Every cell with a value says how it was read; an empty cell says nothing.
    assert {k for k, v in result.cells.items() if v is not None} == set(result.how)


def _findings(result: TablesResult) -> list[tuple[str, str]]:
    return [(f.rule, f.message) for f in result.findings]


def test_ambiguous_splits_name_their_alternatives() -> None:
    assert _findings(_parse("21")) == [
        (
            "SPLIT",
            "表二“规范性文件”行的数字连在一起（1077），有2种拆分都满足各列的取值：1|0|77；10|7|7，无法确定，记为空值",
        ),
        (
            "SPLIT",
            "表二“行政处罚”行的数字连在一起（3500），有2种拆分都满足各列的取值：3|50|0；35|0|0，"
            "无法确定；各种拆分中“处理决定数量”都相同，已取该值，其余记为空值",
        ),
        (
            "SPLIT",
            "表二“政府集中采购”行的数字连在一起（2832995元），有6种拆分都满足各列的取值："
            "2|832995；28|32995；283|2995；2832|995；28329|95；283299|5，无法确定，记为空值",
        ),
    ]
    assert _findings(_parse("23")) == [
        (
            "SPLIT",
            "表二“行政规范性文件”行的数字连在一起（2023），有2种拆分都满足各列的取值：2|0|23；20|2|3，无法确定，记为空值",
        ),
    ]
    result = _parse("22")
    assert [rule for rule, _ in _findings(result)] == ["SPLIT", "SPLIT"]
    assert result.findings[0].message == (
        "表二“行政处罚”行的数字连在一起（1121784784），有6种拆分都满足各列的取值和正文所述数字："
        "1|121784|784；11|21784|784；112|1784|784；1121|784|784；11217|84|784；112178|4|784，"
        "无法确定；各种拆分中“处理决定数量”都相同，已取该值，其余记为空值"
    )
    assert result.how[CellKey("二", "行政处罚", "处理决定数量")] == HOW_NARRATIVE
    assert result.findings[0].cells == (
        CellKey("二", "行政处罚", "上一年项目数量"),
        CellKey("二", "行政处罚", "本年增/减"),
    )


def test_contradicting_totals_are_findings_not_corrections() -> None:
    result = _parse("24")
    assert _findings(result) == [
        ("UNIT", "表二“政府集中采购/采购总金额”写作“0元”，按原文记为0（单位：元）"),
        ("R1", "表三“自然人”列：本年新收4＋上年结转0＝4，但（七）总计0＋结转下年度0＝0"),
        ("R1", "表三“总计”列：本年新收4＋上年结转0＝4，但（七）总计0＋结转下年度0＝0"),
        ("R3", "表三“自然人”列：办理结果各项合计4，但（七）总计为0"),
        ("R3", "表三“总计”列：办理结果各项合计4，但（七）总计为0"),
    ]


def test_rows_without_figures_are_derived_from_the_sums_and_say_so() -> None:
    result = _parse("25")
    fee = "其他处理/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    assert result.how[CellKey("三", fee, "自然人")] == HOW_SPLIT
    assert result.how[CellKey("三", "其他处理/其他", "总计")] == HOW_SPLIT
    rules = [rule for rule, _ in _findings(result)]
    assert rules == ["MISSING", "SPLIT", "DERIVED"]
    derived = result.findings[-1]
    assert derived.message.startswith("表三有14个单元格原文缺失，由勾稽关系（R2、R3）唯一推出：")
    assert len(derived.cells) == 14
    assert "13|0|13" in result.findings[1].message


def test_short_rows_of_a_pdf_fragment_are_not_guessed() -> None:
    result = _parse("20")
    # `第二十条第（一）项 / 22 / （其中修订 16 件） / 55 / …` sits above the table, apart
    # from any row label: named, not placed.
    assert _findings(result)[0] == ("LABEL", "表二的数字行“22”、“55”没有对应的行标签，未计入")
    assert _findings(result)[1:] == [
        (
            "LABEL",
            "表二“规章”行只有2个单元格（22、235），少于3列，可能是空|22|235；22|空|235；22|235|空，无法确定，记为空值",
        ),
        (
            "LABEL",
            "表二“行政规范性文件”行只有2个单元格（34、189），少于3列，可能是空|34|189；34|空|189；34|189|空，无法确定，记为空值",
        ),
    ]
    assert result.how[CellKey("四", "行政复议", "总计")] == HOW_DIRECT


def test_html_converted_table_keeps_its_contradictions() -> None:
    result = _parse("26")
    assert [rule for rule, _ in _findings(result)] == ["MISSING", "R2", "R2", "R2", "R2"]
    assert result.findings[0].message == "表二中未找到“规章”的3个单元格，记为空值"
    assert result.how[CellKey("二", "行政许可", "本年处理决定数量")] == HOW_DIRECT
    assert HOW_BLANK not in result.how.values()


def test_a_figure_question_on_an_ambiguous_cell_is_refused_with_the_reason() -> None:
    # 23's `行政规范性文件2023`: 2|0|23 or 20|2|3 — how many were issued cannot be told.
    vocabulary = load_vocabulary()
    result = _parse("23")
    metric = next(m for m in vocabulary.metrics if m.name == "规范性文件")
    figure = figure_for([metric], [], result.cells, result.findings, vocabulary)
    assert figure is not None and figure.value is None
    assert figure.notes == (
        "表二“行政规范性文件”行的数字连在一起（2023），有2种拆分都满足各列的取值：2|0|23；20|2|3，"
        "无法确定，记为空值",
    )


def test_figures_beside_several_rows_labels_run_together_are_not_placed() -> None:
    """29 上海市科委 2024 (PDF text): `4.无正当理由大量反复申请` `5.要求行政机关…`
    `1.申请人无正当理由逾期不补正…` are printed as one block before three rows of figures
    (0…, 0…, 8 2 0 0 0 0 10). Which row is whose, nothing on the page tells: read by order
    they gave 逾期不补正 0, where the report's text says 其他处理14件 (10 + 0 + 4)."""
    path = next(DEV.glob("29_*.md"))
    result = parse_tables(load_document(path).lines())
    overdue = "其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    assert result.cells[CellKey("三", overdue, "总计")] is None
    assert result.cells[CellKey("三", "不予处理/无正当理由大量反复申请", "总计")] is None
    assert any("含多行的标签" in f.message for f in result.findings)
    # Rows printed with their own labels are still read.
    assert result.cells[CellKey("三", "本年新收政府信息公开申请数量", "总计")] == 34
    assert result.cells[CellKey("三", "其他处理/其他", "总计")] == 4


def test_a_row_printed_short_is_derived_when_the_sums_give_those_digits() -> None:
    result = _parse("31")
    assert [f for f in _findings(result) if f[0] == "SPLIT"] == []
    derived = [f for f in result.findings if f.rule == "DERIVED"]
    assert len(derived) == 1 and {k.row for k in derived[0].cells} == {"结转下年度继续办理"}
    # Where the sums give other digits than printed, the row stays empty.
    text = load_document(next(DEV.glob("31_*.txt"))).lines()
    broken = [line.replace("结转下年度继续办理 000000", "结转下年度继续办理 500000") for line in text]
    result = parse_tables(broken)
    assert result.cells[CellKey("三", "结转下年度继续办理", "自然人")] is None
    assert any(f.rule == "SPLIT" and "500000" in f.message for f in result.findings)



def test_document_counts_stated_in_the_text_choose_the_split() -> None:
    """32 平潭行政审批局 2023: `行政规范性文件5416` reads 5|4|16, 5|41|6 or 54|1|6; the text
    says "现行有效的规范性文件16件" and "制定规范性文件5件"."""
    result = _parse("32")
    columns = ("本年制发件数", "本年废止件数", "现行有效件数")
    keys = [CellKey("二", "行政规范性文件", c) for c in columns]
    assert [result.cells[k] for k in keys] == [5, 4, 16]
    assert {result.how[k] for k in keys} == {HOW_NARRATIVE}


def _parse_qa_fixture(name: str) -> TablesResult:
    return parse_tables(load_document(FIXTURES / "qa" / name).lines())


def test_a_table_whose_last_figures_run_on_into_the_text_ends_there() -> None:
    """财政金融局 2021: `行政事业性收费7816 (二)主动公开政府信息的主要类别…` on one line;
    农业农村局 2020: 表四's figures run on into `五、政府信息公开存在的问题及改进措施`."""
    finance = _parse_qa_fixture("pingtan_caizheng_2021.txt")
    fee = CellKey("二", "行政事业性收费", "本年收费金额（单位：万元）")
    assert finance.cells[fee] == Decimal("7816")
    assert [f.rule for f in finance.findings] == []
    farming = _parse_qa_fixture("pingtan_nongye_2020.txt")
    section4 = {k: v for k, v in farming.cells.items() if k.section == "四"}
    assert len(section4) == 15 and set(section4.values()) == {0}
    assert not [f for f in farming.findings if any(k.section == "四" for k in f.cells)]
