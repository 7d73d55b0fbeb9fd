"""The three sample reports' tables, against values typed by hand from the documents.

Each expected table below was copied from the report text (the row order and figures as
printed); "_" marks a cell the report leaves blank.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.tables.parser import parse_tables
from assistant.tables.result import TablesResult
from assistant.tables.schema import (
    SECTION3_COLUMNS,
    SECTION4_COLUMNS,
    SECTION4_ROWS,
    CellKey,
    cell_keys,
)
from tests.conftest import FIXTURES, SAMPLES


def _parse(path) -> TablesResult:  # type: ignore[no-untyped-def]
    return parse_tables(path.read_text(encoding="utf-8").splitlines())


def _row(printed: str) -> list[int | None]:
    return [None if cell == "_" else int(cell) for cell in printed.split()]


def _section3(rows: dict[str, str]) -> dict[CellKey, int | None]:
    return {
        CellKey("三", row, column): value
        for row, printed in rows.items()
        for column, value in zip(SECTION3_COLUMNS, _row(printed), strict=True)
    }


def _section4(printed: str) -> dict[CellKey, int | None]:
    keys = [CellKey("四", row, column) for row in SECTION4_ROWS for column in SECTION4_COLUMNS]
    return dict(zip(keys, _row(printed), strict=True))


def _findings(result: TablesResult) -> list[tuple[str, str]]:
    return [(f.rule, f.message) for f in result.findings]


# --- 平罗县城关镇人民政府 2020 (2019 试行 format, tab-separated PDF conversion) -------------

CHENGGUAN_SECTION2 = {
    ("规章", "本年新制作数量"): 0,
    ("规章", "本年新公开数量"): 0,
    ("规章", "对外公开总数量"): 0,
    ("规范性文件", "本年新制作数量"): 0,
    ("规范性文件", "本年新公开数量"): 0,
    ("规范性文件", "对外公开总数量"): 0,
    ("行政许可", "上一年项目数量"): 0,
    ("行政许可", "本年增/减"): 0,
    ("行政许可", "处理决定数量"): 0,
    ("其他对外管理服务事项", "上一年项目数量"): 0,
    ("其他对外管理服务事项", "本年增/减"): 0,
    ("其他对外管理服务事项", "处理决定数量"): 0,
    ("行政处罚", "上一年项目数量"): 0,
    ("行政处罚", "本年增/减"): 0,
    ("行政处罚", "处理决定数量"): 0,
    ("行政强制", "上一年项目数量"): 0,
    ("行政强制", "本年增/减"): 0,
    ("行政强制", "处理决定数量"): 0,
    ("行政事业性收费", "上一年项目数量"): 0,
    ("行政事业性收费", "本年增/减"): 0,
    ("政府集中采购", "采购项目数量"): 0,
    ("政府集中采购", "采购总金额"): Decimal("0"),
}

CHENGGUAN_SECTION3 = {
    "本年新收政府信息公开申请数量": "3 0 0 0 0 0 3",
    "上年结转政府信息公开申请数量": "0 0 0 0 0 0 0",
    "予以公开": "1 0 0 0 0 0 0",
    "部分公开": "0 0 0 0 0 0 0",
    "不予公开/属于国家秘密": "0 0 0 0 0 0 0",
    "不予公开/其他法律行政法规禁止公开": "0 0 0 0 0 0 0",
    "不予公开/危及“三安全一稳定”": "0 0 0 0 0 0 0",
    "不予公开/保护第三方合法权益": "0 0 0 0 0 0 0",
    "不予公开/属于三类内部事务信息": "0 0 0 0 0 0 0",
    "不予公开/属于四类过程性信息": "0 0 0 0 0 0 0",
    "不予公开/属于行政执法案卷": "0 0 0 0 0 0 0",
    "不予公开/属于行政查询事项": "0 0 0 0 0 0 0",
    "无法提供/本机关不掌握相关政府信息": "2 0 0 0 0 0 0",
    "无法提供/没有现成信息需要另行制作": "0 0 0 0 0 0 0",
    "无法提供/补正后申请内容仍不明确": "0 0 0 0 0 0 0",
    "不予处理/信访举报投诉类申请": "0 0 0 0 0 0 0",
    "不予处理/重复申请": "0 0 0 0 0 0 0",
    "不予处理/要求提供公开出版物": "0 0 0 0 0 0 0",
    "不予处理/无正当理由大量反复申请": "0 0 0 0 0 0 0",
    "不予处理/要求行政机关确认或重新出具已获取信息": "0 0 0 0 0 0 0",
    "其他处理": "0 0 0 0 0 0 0",
    "总计": "3 0 0 0 0 0 0",
    "结转下年度继续办理": "0 0 0 0 0 0 0",
}
# The five 行政复议 cells are blank in the converted text although the table writes 0
# everywhere else: lost in conversion, so null.
CHENGGUAN_SECTION4 = "_ _ _ _ _ 0 0 0 0 0 0 0 0 0 0"

CHENGGUAN_FINDINGS = [
    (
        "MISSING",
        "表四有5个单元格空白，而本表其他单元格写明了0，视为转换中丢失，记为空值："
        "“行政复议/结果维持”、“行政复议/结果纠正”、“行政复议/其他结果”、“行政复议/尚未审结”、"
        "“行政复议/总计”",
    ),
    ("R1", "表三“总计”列：本年新收3＋上年结转0＝3，但（七）总计0＋结转下年度0＝0"),
    ("R2", "表三“予以公开”行：各类申请人合计1，但“总计”列为0"),
    ("R2", "表三“无法提供/本机关不掌握相关政府信息”行：各类申请人合计2，但“总计”列为0"),
    ("R2", "表三“（七）总计”行：各类申请人合计3，但“总计”列为0"),
]


def test_chengguan_every_cell() -> None:
    result = _parse(SAMPLES / "2020_pingluo_chengguan.txt")
    assert result.format == "2019"
    expected = {CellKey("二", r, c): v for (r, c), v in CHENGGUAN_SECTION2.items()}
    expected |= _section3(CHENGGUAN_SECTION3) | _section4(CHENGGUAN_SECTION4)
    assert set(expected) == set(cell_keys("2019"))
    assert result.cells == expected
    assert isinstance(result.value("二", "政府集中采购", "采购总金额"), Decimal)
    assert (result.recovered, result.missing) == (193, 5)


def test_chengguan_findings() -> None:
    result = _parse(SAMPLES / "2020_pingluo_chengguan.txt")
    assert _findings(result) == CHENGGUAN_FINDINGS
    r1 = result.findings[1]
    assert (r1.expected, r1.found) == (3, 0)
    assert r1.cells == tuple(
        CellKey("三", row, "总计")
        for row in (
            "本年新收政府信息公开申请数量",
            "上年结转政府信息公开申请数量",
            "总计",
            "结转下年度继续办理",
        )
    )
    r2 = result.findings[2]
    assert (r2.expected, r2.found) == (1, 0)
    assert r2.cells[-1] == CellKey("三", "予以公开", "总计")


# --- 上海市人民政府办公厅 2019 (2019 试行 format, web page, ' | ' cells, blanks) --------------

SHANGHAI_SECTION2 = {
    ("规章", "本年新制作数量"): 13,
    ("规章", "本年新公开数量"): 13,
    ("规章", "对外公开总数量"): 524,
    ("规范性文件", "本年新制作数量"): 60,
    ("规范性文件", "本年新公开数量"): 60,
    ("规范性文件", "对外公开总数量"): 368,
    ("行政许可", "上一年项目数量"): 0,
    ("行政许可", "本年增/减"): 0,
    ("行政许可", "处理决定数量"): 0,
    ("其他对外管理服务事项", "上一年项目数量"): 0,
    ("其他对外管理服务事项", "本年增/减"): 0,
    ("其他对外管理服务事项", "处理决定数量"): 0,
    ("行政处罚", "上一年项目数量"): 0,
    ("行政处罚", "本年增/减"): 0,
    ("行政处罚", "处理决定数量"): 0,
    ("行政强制", "上一年项目数量"): 0,
    ("行政强制", "本年增/减"): 0,
    ("行政强制", "处理决定数量"): 0,
    ("行政事业性收费", "上一年项目数量"): 0,
    ("行政事业性收费", "本年增/减"): 0,
    ("政府集中采购", "采购项目数量"): 6,
    ("政府集中采购", "采购总金额"): Decimal("251000"),  # printed "251000元"
}

# As printed: "_" is a blank cell.
SHANGHAI_SECTION3_PRINTED = {
    "本年新收政府信息公开申请数量": "821 35 _ _ 2 1 859",
    "上年结转政府信息公开申请数量": "18 _ _ _ _ _ 18",
    "予以公开": "258 12 _ _ 1 1 _",
    "部分公开": "3 _ _ _ _ _ _",
    "不予公开/属于国家秘密": "14 _ _ _ _ _ _",
    "不予公开/其他法律行政法规禁止公开": "_ _ _ _ _ _ _",
    "不予公开/危及“三安全一稳定”": "_ _ _ _ _ _ _",
    "不予公开/保护第三方合法权益": "_ _ _ _ _ _ _",
    "不予公开/属于三类内部事务信息": "5 _ _ _ _ _ _",
    "不予公开/属于四类过程性信息": "3 1 _ _ _ _ _",
    "不予公开/属于行政执法案卷": "_ _ _ _ _ _ _",
    "不予公开/属于行政查询事项": "10 2 _ _ _ _ _",
    "无法提供/本机关不掌握相关政府信息": "252 12 _ _ 1 _ _",
    "无法提供/没有现成信息需要另行制作": "44 3 _ _ _ _ _",
    "无法提供/补正后申请内容仍不明确": "25 _ _ _ _ _ _",
    "不予处理/信访举报投诉类申请": "148 1 _ _ _ _ _",
    "不予处理/重复申请": "5 4 _ _ _ _ _",
    "不予处理/要求提供公开出版物": "_ _ _ _ _ _ _",
    "不予处理/无正当理由大量反复申请": "_ _ _ _ _ _ _",
    "不予处理/要求行政机关确认或重新出具已获取信息": "_ _ _ _ _ _ _",
    "其他处理": "_ _ _ _ _ _ _",
    "总计": "767 35 _ _ 2 1 805",
    "结转下年度继续办理": "72 _ _ _ _ _ 72",
}
# Rows whose 总计 is blank while their other cells are not all blank: the blank cannot mean 0.
SHANGHAI_BLANK_TOTALS = [
    "予以公开",
    "部分公开",
    "不予公开/属于国家秘密",
    "不予公开/属于三类内部事务信息",
    "不予公开/属于四类过程性信息",
    "不予公开/属于行政查询事项",
    "无法提供/本机关不掌握相关政府信息",
    "无法提供/没有现成信息需要另行制作",
    "无法提供/补正后申请内容仍不明确",
    "不予处理/信访举报投诉类申请",
    "不予处理/重复申请",
]
SHANGHAI_SECTION4_PRINTED = "5 _ _ 2 7 8 _ _ 1 9 _ _ _ _ _"


def _blank_means_zero(printed: dict[CellKey, int | None], null_cells: set[CellKey]):  # type: ignore[no-untyped-def]
    blanks = [k for k, v in printed.items() if v is None and k not in null_cells]
    values = {k: (0 if k in blanks else v) for k, v in printed.items()}
    return values, blanks


def test_shanghai_every_cell() -> None:
    result = _parse(SAMPLES / "04_shanghai_govoffice_2019.txt")
    assert result.format == "2019"
    null_totals = {CellKey("三", row, "总计") for row in SHANGHAI_BLANK_TOTALS}
    section3, _ = _blank_means_zero(_section3(SHANGHAI_SECTION3_PRINTED), null_totals)
    section4, _ = _blank_means_zero(_section4(SHANGHAI_SECTION4_PRINTED), set())
    expected = {CellKey("二", r, c): v for (r, c), v in SHANGHAI_SECTION2.items()}
    expected |= section3 | section4
    assert set(expected) == set(cell_keys("2019"))
    assert result.cells == expected
    assert (result.recovered, result.missing) == (187, 11)


def test_shanghai_findings() -> None:
    result = _parse(SAMPLES / "04_shanghai_govoffice_2019.txt")
    null_totals = {CellKey("三", row, "总计") for row in SHANGHAI_BLANK_TOTALS}
    _, blanks3 = _blank_means_zero(_section3(SHANGHAI_SECTION3_PRINTED), null_totals)
    _, blanks4 = _blank_means_zero(_section4(SHANGHAI_SECTION4_PRINTED), set())
    assert (len(blanks3), len(blanks4)) == (115, 9)

    assert _findings(result) == [
        ("UNIT", "表二“政府集中采购/采购总金额”写作“251000元”，按原文记为251000（单位：元）"),
        ("BLANK", "表三有115个空白单元格，按0计"),
        (
            "MISSING",
            "表三有11个“总计”单元格空白，但同一行的各项不全为0，空白不能当作0，记为空值："
            "“予以公开/总计”、“部分公开/总计”、“不予公开/属于国家秘密/总计”、"
            "“不予公开/属于三类内部事务信息/总计”、“不予公开/属于四类过程性信息/总计”、"
            "“不予公开/属于行政查询事项/总计”等",
        ),
        ("BLANK", "表四有9个空白单元格，按0计"),
        # The text: "予以公开及部分公开258件" and "因本机关不掌握等原因无法提供265件", while
        # the table's applicant columns give 258+12+1+1+3 = 275 and
        # 252+12+1 + 44+3 + 25 = 337.
        (
            "R6",
            "正文称“予以公开及部分公开258件”，但表三“予以公开”、“部分公开”合计"
            "（“总计”栏空白处按各类申请人相加）为275",
        ),
        (
            "R6",
            "正文称“无法提供265件”，但表三“无法提供”合计（“总计”栏空白处按各类申请人相加）为337",
        ),
    ]
    blank, missing = result.findings[1], result.findings[2]
    assert set(blank.cells) == set(blanks3)
    assert set(missing.cells) == null_totals
    assert set(result.findings[3].cells) == set(blanks4)
    r6 = result.findings[4]
    assert (r6.expected, r6.found) == (275, 258)


# --- 淮安市人民政府 2024 (2021 format, PDF text with ' | ' cells) ----------------------------

HUAIAN_SECTION2 = {
    ("规章", "本年制发件数"): 1,
    ("规章", "本年废止件数"): 0,
    ("规章", "现行有效件数"): 11,
    ("行政规范性文件", "本年制发件数"): 8,
    ("行政规范性文件", "本年废止件数"): 26,
    ("行政规范性文件", "现行有效件数"): 66,
    ("行政许可", "本年处理决定数量"): 447228,
    ("行政处罚", "本年处理决定数量"): 3985758,
    ("行政强制", "本年处理决定数量"): 88283,
    ("行政事业性收费", "本年收费金额（单位：万元）"): Decimal("96171.6"),
}

HUAIAN_SECTION3 = {
    "本年新收政府信息公开申请数量": "3001 53 0 0 61 4 3119",
    "上年结转政府信息公开申请数量": "34 0 0 0 0 0 34",
    "予以公开": "1288 21 0 0 50 3 1362",
    "部分公开": "447 7 0 0 0 0 454",
    "不予公开/属于国家秘密": "2 0 0 0 0 0 2",
    "不予公开/其他法律行政法规禁止公开": "30 1 0 0 0 0 31",
    "不予公开/危及“三安全一稳定”": "5 0 0 0 0 0 5",
    "不予公开/保护第三方合法权益": "6 0 0 0 0 0 6",
    "不予公开/属于三类内部事务信息": "7 1 0 0 0 0 8",
    "不予公开/属于四类过程性信息": "12 0 0 0 0 0 12",
    "不予公开/属于行政执法案卷": "9 0 0 0 0 0 9",
    "不予公开/属于行政查询事项": "105 0 0 0 0 0 105",
    "无法提供/本机关不掌握相关政府信息": "746 12 0 0 10 1 769",
    "无法提供/没有现成信息需要另行制作": "11 0 0 0 0 0 11",
    "无法提供/补正后申请内容仍不明确": "1 0 0 0 0 0 1",
    "不予处理/信访举报投诉类申请": "56 6 0 0 0 0 62",
    "不予处理/重复申请": "25 0 0 0 0 0 25",
    "不予处理/要求提供公开出版物": "0 0 0 0 0 0 0",
    "不予处理/无正当理由大量反复申请": "0 0 0 0 0 0 0",
    "不予处理/要求行政机关确认或重新出具已获取信息": "1 0 0 0 0 0 1",
    "其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": "67 3 0 0 1 0 71",
    "其他处理/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": "6 0 0 0 0 0 6",
    "其他处理/其他": "108 2 0 0 0 0 110",
    "总计": "2932 53 0 0 61 4 3050",
    "结转下年度继续办理": "103 0 0 0 0 0 103",
}
HUAIAN_SECTION4 = "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20"


def test_huaian_every_cell() -> None:
    result = _parse(FIXTURES / "01_huaian_city_2024.txt")
    assert result.format == "2021"
    expected = {CellKey("二", r, c): v for (r, c), v in HUAIAN_SECTION2.items()}
    expected |= _section3(HUAIAN_SECTION3) | _section4(HUAIAN_SECTION4)
    assert set(expected) == set(cell_keys("2021"))
    assert result.cells == expected
    assert isinstance(result.value("二", "行政事业性收费", "本年收费金额（单位：万元）"), Decimal)
    assert (result.recovered, result.missing) == (200, 0)


def test_huaian_has_no_findings() -> None:
    # Every 勾稽 rule holds, and the text's figures (受理3119件, 答复3050件, 结转34件,
    # 顺延103件, 行政复议351件: 维持72/纠正64/其他178/未审结37, 行政诉讼46件:
    # 维持25/纠正5/其他9/未审结7) all match the tables.
    assert _parse(FIXTURES / "01_huaian_city_2024.txt").findings == []


@pytest.mark.parametrize(
    ("sentence", "rule_message"),
    [
        (
            "全市共受理政府信息公开申请 3120 件，答复 3050 件。",
            "正文称“受理政府信息公开申请3120件”，但表三“本年新收政府信息公开申请数量”为3119",
        ),
        (
            "政府信息公开行政复议 351 件，其中结果维持 70 件。",
            "正文称“行政复议351件…结果维持70件”，但表四“行政复议/结果维持”为72",
        ),
        (
            "政府信息公开行政诉讼 45 件。",
            "正文称“诉讼45件”，但表四“行政诉讼/总计”为46",
        ),
    ],
)
def test_huaian_narrative_contradiction_is_found(sentence: str, rule_message: str) -> None:
    lines = (FIXTURES / "01_huaian_city_2024.txt").read_text(encoding="utf-8").splitlines()
    result = parse_tables([*lines[:10], sentence, *lines[10:]])
    assert [(f.rule, f.message) for f in result.findings] == [("R6", rule_message)]
