"""Hand-written cases of the table parser: label quirks, lost cells, run-together digits."""

from __future__ import annotations

from decimal import Decimal

from assistant.tables.digits import split_digits
from assistant.tables.parser import parse_tables
from assistant.tables.result import TablesResult
from assistant.tables.schema import (
    SECTION3_COLUMNS,
    SECTION3_ROWS_2021,
    SECTION4_COLUMNS,
    CellKey,
    CellValue,
    cell_keys,
)
from tests.conftest import FIXTURES, SAMPLES
from tests.test_tables_layouts import render_template

HUAIAN = (FIXTURES / "01_huaian_city_2024.txt").read_text(encoding="utf-8").splitlines()


def _huaian() -> TablesResult:
    return parse_tables(HUAIAN)


def _edited(old: str, new: str | list[str]) -> list[str]:
    """The 淮安 report with the one line containing `old` replaced by `new` (lines)."""
    matches = [i for i, line in enumerate(HUAIAN) if old in line]
    assert len(matches) == 1, matches
    i = matches[0]
    return [*HUAIAN[:i], *([new] if isinstance(new, str) else new), *HUAIAN[i + 1 :]]


def _row(result: TablesResult, section: str, row: str, columns: tuple[str, ...]) -> list[CellValue]:
    return [result.value(section, row, column) for column in columns]


def _rules(result: TablesResult) -> list[tuple[str, str]]:
    return [(f.rule, f.message) for f in result.findings]


# --- labels --------------------------------------------------------------------------------


def test_typo_in_a_label_still_finds_its_row() -> None:
    lines = _edited(
        "2.其他法律行政法规禁止公开", " |  | 2.其他法律行政止公开 | 30 | 1 | 0 | 0 | 0 | 0 | 31"
    )
    result = parse_tables(lines)
    assert result.cells == _huaian().cells
    assert result.findings == []


def test_numbering_with_comma_and_spaces_inside_labels() -> None:
    lines = _edited(
        "1.属于国家秘密", " | （三）不 予 公开 | 1、属于 国家 秘密 | 2 | 0 | 0 | 0 | 0 | 0 | 2"
    )
    assert parse_tables(lines).cells == _huaian().cells


def test_label_split_before_its_numbers_joins_the_next_line() -> None:
    lines = _edited(
        "5.要求行政机关确认或重新出",
        [" |  | 5.要求行政机关确认或", " |  | 重新出具已获取信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1"],
    )
    assert parse_tables(lines).cells == _huaian().cells


def test_unknown_label_leaves_its_row_null_and_neighbours_untouched() -> None:
    lines = _edited("3.危及", " |  | 3.某某不明事项 | 5 | 0 | 0 | 0 | 0 | 0 | 5")
    result = parse_tables(lines)
    row = "不予公开/危及“三安全一稳定”"
    assert _row(result, "三", row, SECTION3_COLUMNS) == [None] * 7
    assert _row(result, "三", "不予公开/其他法律行政法规禁止公开", SECTION3_COLUMNS) == [
        30,
        1,
        0,
        0,
        0,
        0,
        31,
    ]
    assert _row(result, "三", "不予公开/保护第三方合法权益", SECTION3_COLUMNS) == [
        6,
        0,
        0,
        0,
        0,
        0,
        6,
    ]
    assert _rules(result) == [
        (
            "LABEL",
            "表三行标签“3.某某不明事项”无法确定对应“不予公开/危及“三安全一稳定””，该行数字未计入",
        ),
        ("MISSING", f"表三中未找到“{row}”的7个单元格，记为空值"),
    ]


def test_number_pointing_at_one_row_and_words_at_another_is_not_guessed() -> None:
    # "2.其他" under （三）: the numbering says 其他法律行政法规禁止公开, the words say
    # 2021's 其他处理/其他; neither may take the figures.
    lines = _edited("2.其他法律行政法规禁止公开", " |  | 2.其他 | 30 | 1 | 0 | 0 | 0 | 0 | 31")
    result = parse_tables(lines)
    assert _row(result, "三", "不予公开/其他法律行政法规禁止公开", SECTION3_COLUMNS) == [None] * 7
    assert _row(result, "三", "其他处理/其他", SECTION3_COLUMNS) == [108, 2, 0, 0, 0, 0, 110]
    assert [f.rule for f in result.findings] == ["LABEL", "MISSING"]


def test_group_subtotal_row_is_not_counted() -> None:
    lines = _edited(
        "（三）不 予公开 | 1.属于国家秘密",
        [
            " | （三）不予公开 |  | 178 | 2 | 0 | 0 | 0 | 0 | 180",
            " |  | 1.属于国家秘密 | 2 | 0 | 0 | 0 | 0 | 0 | 2",
        ],
    )
    result = parse_tables(lines)
    assert result.cells == _huaian().cells
    assert _rules(result) == [("LABEL", "表三“(三)不予公开”是分组标题行，其数字未计入")]


def test_row_with_more_numbers_than_columns_stays_null() -> None:
    lines = _edited("2.重复申请", " |  | 2.重复申请 | 25 | 0 | 0 | 0 | 0 | 0 | 25 | 7")
    result = parse_tables(lines)
    assert _row(result, "三", "不予处理/重复申请", SECTION3_COLUMNS) == [None] * 7
    assert _rules(result) == [
        ("LABEL", "表三“不予处理/重复申请”行有8个数字，多于7列，无法确定各数字所属的列，记为空值")
    ]


def test_section2_header_decides_column_order() -> None:
    lines = _edited(
        "信息内容 | 本年制发件数", "信息内容 | 本年废止件数 | 本年制发件数 | 现行有效件数"
    )
    result = parse_tables(lines)
    assert result.value("二", "规章", "本年废止件数") == 1
    assert result.value("二", "规章", "本年制发件数") == 0
    assert result.value("二", "行政规范性文件", "本年废止件数") == 8


# --- lost cells ----------------------------------------------------------------------------


def test_short_section4_row_keeps_the_right_hand_cells() -> None:
    lines = _edited("72 | 64 | 178", "13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20")
    result = parse_tables(lines)
    assert _row(result, "四", "行政复议", SECTION4_COLUMNS) == [None] * 5
    assert _row(result, "四", "行政诉讼/未经复议直接起诉", SECTION4_COLUMNS) == [13, 4, 8, 1, 26]
    assert _row(result, "四", "行政诉讼/复议后起诉", SECTION4_COLUMNS) == [12, 1, 1, 6, 20]
    assert _rules(result) == [
        (
            "MISSING",
            "表四有5个单元格在转换中丢失，记为空值：“行政复议/结果维持”、“行政复议/结果纠正”、"
            "“行政复议/其他结果”、“行政复议/尚未审结”、“行政复议/总计”",
        )
    ]


def test_report_without_section2_is_read_from_its_section3_rows() -> None:
    start = HUAIAN.index("二、主动公开政府信息情况")
    end = HUAIAN.index("三、收到和处理政府信息公开申请情况")
    result = parse_tables(HUAIAN[:start] + HUAIAN[end:])
    assert result.format == "2021"
    assert all(v is None for k, v in result.cells.items() if k.section == "二")
    assert result.value("三", "其他处理/其他", "总计") == 110
    assert _rules(result) == [("MISSING", "未找到表二，其10个单元格记为空值")]


def test_text_without_tables_has_no_format() -> None:
    result = parse_tables(["某某通知", "一、总体情况", "全年受理申请3件。"])
    assert result.format is None
    assert result.cells == {}
    assert _rules(result) == [("FORMAT", "未找到年度报告统计表（表二、表三的表头都不可辨认）")]


# --- run-together digits -------------------------------------------------------------------


def test_issue_example_digit_string_splits_uniquely() -> None:
    assert split_digits("21710000218", (6,)) == [(217, 1, 0, 0, 0, 0, 218)]


def test_run_together_row_in_a_report() -> None:
    lines = _edited(
        "一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量300153006143119"
    )
    result = parse_tables(lines)
    assert result.cells == _huaian().cells
    assert result.findings == []


def _zero_table() -> dict[CellKey, CellValue]:
    cells: dict[CellKey, CellValue] = {key: 0 for key in cell_keys("2021")}
    cells[CellKey("二", "行政事业性收费", "本年收费金额（单位：万元）")] = Decimal("0")
    return cells


# 12|12|10|0|102|0|136 and 12|12|100|10|2|0|136 both add up: the row alone cannot tell.
AMBIGUOUS = "12121001020136"
TRUE_SPLIT = (12, 12, 10, 0, 102, 0, 136)


def _table_with_ambiguous_rows(
    run_together: list[str],
) -> tuple[dict[CellKey, CellValue], list[str]]:
    cells = _zero_table()
    for row in ("本年新收政府信息公开申请数量", "予以公开", "总计"):
        cells.update(
            zip((CellKey("三", row, c) for c in SECTION3_COLUMNS), TRUE_SPLIT, strict=True)
        )
    lines = render_template(cells, "2021", blank_zeros=False)
    printed = {
        "本年新收政府信息公开申请数量": "一、本年新收政府信息公开申请数量",
        "予以公开": "三、本年度办理结果 | （一）予以公开",
        "总计": "三、本年度办理结果 | （七）总计",
    }
    for row in run_together:
        i = next(i for i, line in enumerate(lines) if line.startswith(printed[row] + " | "))
        lines[i] = printed[row].replace(" | ", "") + AMBIGUOUS
    return cells, lines


def test_ambiguous_row_is_settled_by_the_column_sums() -> None:
    cells, lines = _table_with_ambiguous_rows(["予以公开"])
    result = parse_tables(lines)
    assert result.cells == cells
    assert result.findings == []


def test_ambiguous_rows_that_the_sums_cannot_settle_stay_null_with_candidates() -> None:
    rows = ["本年新收政府信息公开申请数量", "予以公开", "总计"]
    _, lines = _table_with_ambiguous_rows(rows)
    result = parse_tables(lines)
    # Only the cells on which both splits agree are filled; the rest stay null.
    for row in rows:
        assert _row(result, "三", row, SECTION3_COLUMNS) == [12, 12, None, None, None, 0, 136]
    assert [f.rule for f in result.findings] == ["SPLIT"] * 3
    assert result.findings[1].message == (
        f"表三“予以公开”行的数字连在一起（{AMBIGUOUS}），有2种拆分都满足勾稽关系："
        "12|12|10|0|102|0|136；12|12|100|10|2|0|136，无法确定；各种拆分中“自然人”、“商业企业”、"
        "“其他”、“总计”都相同，已取该值，其余记为空值"
    )
    assert result.findings[1].cells == tuple(
        CellKey("三", "予以公开", c) for c in ("科研机构", "社会公益组织", "法律服务机构")
    )


def test_run_together_row_without_a_valid_split() -> None:
    # 3|0|0|0|0|0|0 as printed by 城关镇's broken 总计 column: no split adds up.
    lines = _edited("（一）予以公开", "三、本年度办理结果（一）予以公开3000000")
    result = parse_tables(lines)
    assert _row(result, "三", "予以公开", SECTION3_COLUMNS) == [None] * 7
    assert _rules(result) == [
        ("SPLIT", "表三“予以公开”行的数字连在一起（3000000），没有任何拆分满足合计关系，记为空值")
    ]


def test_section3_rows_constant_is_the_2021_template_order() -> None:
    assert SECTION3_ROWS_2021[:3] == (
        "本年新收政府信息公开申请数量",
        "上年结转政府信息公开申请数量",
        "予以公开",
    )
    assert SECTION3_ROWS_2021[-5:] == (
        "其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "其他处理/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "其他处理/其他",
        "总计",
        "结转下年度继续办理",
    )
    assert len(SECTION3_ROWS_2021) == 25


def test_2019_format_is_told_by_a_lone_other_row_when_section2_is_missing() -> None:
    lines = (SAMPLES / "04_shanghai_govoffice_2019.txt").read_text(encoding="utf-8").splitlines()
    start = lines.index("二、主动公开政府信息情况")
    end = lines.index("三、收到和处理政府信息公开申请情况")
    result = parse_tables(lines[:start] + lines[end:])
    assert result.format == "2019"
    assert result.value("三", "其他处理", "自然人") == 0
    assert result.value("三", "总计", "总计") == 805


def test_sections_renumbered_by_a_provinces_extra_part_are_found_by_their_words() -> None:
    """Some provinces insert 二、政务公开工作主要任务落实情况, so the table sections are
    三、四、五: every cell reads as in the report numbered the official way."""
    headings = {
        "二、主动公开政府信息情况": ["二、政务公开工作主要任务落实情况", "三、主动公开政府信息情况"],
        "三、收到和处理政府信息公开申请情况": ["四、收到和处理政府信息公开申请情况"],
        "四、政府信息公开行政复议、行政诉讼情况": ["五、政府信息公开行政复议、行政诉讼情况"],
        "五、存在的主要问题及改进情况": ["六、存在的主要问题及改进情况"],
    }
    lines = [new for line in HUAIAN for new in headings.get(line.strip(), [line])]
    assert len(lines) == len(HUAIAN) + 1
    official = _huaian()
    renumbered = parse_tables(lines)
    assert renumbered.cells == official.cells
    assert sum(v is not None for v in renumbered.cells.values()) == len(official.cells)
