"""The section 三 table from the request log: exact counts, R1–R3 on random histories,
and its exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from assistant.requests.export import to_json, to_markdown, write_xlsx
from assistant.requests.stats import RequestFacts, compute_section3
from assistant.tables.schema import (
    APPLICANT_COLUMNS,
    SECTION3_COLUMNS,
    SECTION3_RESULT_ROWS_2021,
    SECTION3_ROWS_2021,
)

NEW, CARRIED_IN = "本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量"
TOTAL, CARRIED_OUT = "总计", "结转下年度继续办理"
ABANDONED = "其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"

LOG = [
    RequestFacts("自然人", date(2024, 12, 20), date(2025, 1, 10), "予以公开"),
    RequestFacts("商业企业", date(2024, 11, 1), date(2024, 12, 1), "予以公开"),  # not in 2025
    RequestFacts("自然人", date(2025, 3, 1), date(2025, 3, 20), "不予公开/属于国家秘密"),
    RequestFacts("法律服务机构", date(2025, 12, 20)),
    RequestFacts("科研机构", date(2025, 12, 25), date(2026, 1, 5), "部分公开"),
    RequestFacts("自然人", date(2024, 6, 1)),
    RequestFacts("其他", date(2026, 1, 2)),  # not in 2025
    RequestFacts("社会公益组织", date(2025, 5, 5), date(2025, 5, 6), ABANDONED),
    # At the year's edges.
    RequestFacts("其他", date(2024, 12, 31), date(2025, 1, 1), "无法提供/本机关不掌握相关政府信息"),
    RequestFacts("商业企业", date(2024, 12, 31), date(2024, 12, 31), "不予处理/重复申请"),
    RequestFacts("其他", date(2025, 12, 31)),
]


def test_table_counts_by_design_rules() -> None:
    table = compute_section3(LOG, 2025)
    nonzero = {key: value for key, value in table.cells.items() if value}
    assert nonzero == {
        (NEW, "自然人"): 1,
        (NEW, "科研机构"): 1,
        (NEW, "社会公益组织"): 1,
        (NEW, "法律服务机构"): 1,
        (NEW, "其他"): 1,
        (NEW, "总计"): 5,
        (CARRIED_IN, "自然人"): 2,
        (CARRIED_IN, "其他"): 1,
        (CARRIED_IN, "总计"): 3,
        ("予以公开", "自然人"): 1,
        ("予以公开", "总计"): 1,
        ("不予公开/属于国家秘密", "自然人"): 1,
        ("不予公开/属于国家秘密", "总计"): 1,
        ("无法提供/本机关不掌握相关政府信息", "其他"): 1,
        ("无法提供/本机关不掌握相关政府信息", "总计"): 1,
        (ABANDONED, "社会公益组织"): 1,
        (ABANDONED, "总计"): 1,
        (TOTAL, "自然人"): 2,
        (TOTAL, "社会公益组织"): 1,
        (TOTAL, "其他"): 1,
        (TOTAL, "总计"): 4,
        (CARRIED_OUT, "自然人"): 1,
        (CARRIED_OUT, "科研机构"): 1,
        (CARRIED_OUT, "法律服务机构"): 1,
        (CARRIED_OUT, "其他"): 1,
        (CARRIED_OUT, "总计"): 4,
    }
    assert len(table.cells) == 25 * 7  # the 2021 template has 25 data rows


# Dates near the year boundaries, where an off-by-one in the rules would show.
EDGES = [date(y, m, d) for y in (2023, 2024, 2025) for m, d in ((1, 1), (1, 2), (12, 30), (12, 31))]
DATES = st.dates(date(2023, 1, 1), date(2025, 12, 31)) | st.sampled_from(EDGES)


def _facts() -> st.SearchStrategy[RequestFacts]:
    def build(kind: str, received: date, closed: date | None, result: str) -> RequestFacts:
        if closed is None:
            return RequestFacts(kind, received)
        return RequestFacts(kind, received, max(received, closed), result)

    return st.builds(
        build,
        st.sampled_from(APPLICANT_COLUMNS),
        DATES,
        st.none() | DATES | st.dates(date(2026, 1, 1), date(2026, 12, 31)),
        st.sampled_from(SECTION3_RESULT_ROWS_2021),
    )


@settings(max_examples=300, deadline=None)
@given(log=st.lists(_facts(), max_size=60), year=st.integers(2023, 2026))
def test_r1_r2_r3_hold_on_random_histories(log: list[RequestFacts], year: int) -> None:
    table = compute_section3(log, year)
    cell = table.value
    for column in SECTION3_COLUMNS:
        # R1: 一 + 二 = （七）总计 + 四
        assert cell(NEW, column) + cell(CARRIED_IN, column) == cell(TOTAL, column) + cell(
            CARRIED_OUT, column
        )
        # R3: （七）总计 = the sum of the result rows
        assert cell(TOTAL, column) == sum(cell(row, column) for row in SECTION3_RESULT_ROWS_2021)
    for row in SECTION3_ROWS_2021:
        # R2: 总计 column = the sum of the applicant columns
        assert cell(row, "总计") == sum(cell(row, column) for column in APPLICANT_COLUMNS)
    # And the definitions themselves, recounted independently.
    first, last = date(year, 1, 1), date(year, 12, 31)
    assert cell(NEW, "总计") == sum(first <= f.received_date <= last for f in log)
    assert cell(CARRIED_OUT, "总计") == sum(
        f.received_date <= last and (f.closed_date is None or f.closed_date > last) for f in log
    )


def test_json_cells_use_the_canonical_keys() -> None:
    data = to_json(compute_section3(LOG, 2025), "某机关")
    assert (data["agency"], data["year"], len(data["cells"])) == ("某机关", 2025, 175)
    assert data["cells"][0] == {
        "section": "三",
        "row": NEW,
        "column": "自然人",
        "value": 1,
    }
    assert {"section": "三", "row": ABANDONED, "column": "社会公益组织", "value": 1} in data[
        "cells"
    ]


def test_markdown_has_one_line_per_row() -> None:
    text = to_markdown(compute_section3(LOG, 2025), "某机关")
    assert text.startswith("### 某机关2025年度 三、收到和处理政府信息公开申请情况")
    assert "| 一、本年新收政府信息公开申请数量 | 1 | 0 | 1 | 1 | 1 | 1 | 5 |" in text
    assert (
        "| 三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
        in (text)
    )
    # Two header lines (the second names the five kinds of 法人或其他组织), then 25 rows.
    assert sum(line.startswith("| ") for line in text.splitlines()) == 2 + 25
    assert "| 申请人情况 | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |" in text
    assert "|  |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |" in text


def test_xlsx_is_laid_out_like_the_official_table(tmp_path: Path) -> None:
    path = tmp_path / "out" / "table3.xlsx"
    write_xlsx(compute_section3(LOG, 2025), "某机关", path)
    sheet = load_workbook(path).active
    assert {str(r) for r in sheet.merged_cells.ranges} == {
        "A1:J1",  # title
        "A2:C4",  # the 勾稽 corner
        "D2:J2",  # 申请人情况
        "D3:D4",  # 自然人
        "E3:I3",  # 法人或其他组织
        "J3:J4",  # 总计
        "A5:C5",  # 一、本年新收
        "A6:C6",  # 二、上年结转
        "A7:A28",  # 三、本年度办理结果, over its 22 rows
        "B7:C7",  # （一）予以公开
        "B8:C8",  # （二）部分公开
        "B9:B16",  # （三）不予公开, 8 items
        "B17:B19",  # （四）无法提供, 3 items
        "B20:B24",  # （五）不予处理, 5 items
        "B25:B27",  # （六）其他处理, 3 items
        "B28:C28",  # （七）总计
        "A29:C29",  # 四、结转下年度继续办理
    }
    assert sheet["A2"].value.startswith("（本列数据的勾稽关系为")
    assert [sheet.cell(4, c).value for c in range(5, 10)] == list(APPLICANT_COLUMNS[1:])
    assert sheet["A7"].value == "三、本年度办理结果"
    assert sheet["B9"].value == "（三）不予公开"
    assert sheet["C9"].value == "1.属于国家秘密"
    assert sheet["B28"].value == "（七）总计"
    assert sheet["A29"].value == "四、结转下年度继续办理"
    assert [sheet.cell(5, c).value for c in range(4, 11)] == [1, 0, 1, 1, 1, 1, 5]
    assert [sheet.cell(29, c).value for c in range(4, 11)] == [1, 0, 1, 0, 1, 1, 4]


# --- The format follows the year: reports for 2019 and 2020 used the 2019 试行 format ------

LOG_2020 = [
    RequestFacts("自然人", date(2020, 3, 1), date(2020, 3, 20), "予以公开"),
    RequestFacts("商业企业", date(2020, 4, 1), date(2020, 4, 9), ABANDONED),
    RequestFacts("其他", date(2020, 5, 1), date(2020, 5, 9), "其他处理/其他"),
    RequestFacts("自然人", date(2020, 12, 30)),
]


@pytest.mark.parametrize(
    ("year", "fmt", "rows"),
    [(2019, "2019", 23), (2020, "2019", 23), (2021, "2021", 25), (2026, "2021", 25)],
)
def test_the_year_picks_the_format(year: int, fmt: str, rows: int) -> None:
    table = compute_section3([], year)
    assert (table.format, len(table.rows())) == (fmt, rows)
    assert to_json(table, "某机关")["format"] == fmt


def test_2020_table_counts_the_other_results_in_its_single_row() -> None:
    table = compute_section3(LOG_2020, 2020)
    assert table.format == "2019"
    assert table.value("其他处理", "商业企业") == 1
    assert table.value("其他处理", "其他") == 1
    assert table.value("其他处理", "总计") == 2
    assert table.value("总计", "总计") == 3
    assert table.value("结转下年度继续办理", "自然人") == 1
    assert table.check() == []
    # The same log in the 2021 format keeps the two sub-items apart.
    table_2021 = compute_section3(LOG_2020, 2020, "2021")
    assert table_2021.value(ABANDONED, "商业企业") == 1
    assert table_2021.value("其他处理/其他", "其他") == 1


def test_2020_exports_are_laid_out_like_the_2019_table(tmp_path: Path) -> None:
    table = compute_section3(LOG_2020, 2020)
    text = to_markdown(table, "某机关")
    assert text.splitlines()[2] == "表格格式：2019年试行格式（国办公开办函〔2019〕60号）"
    assert "| 三、本年度办理结果 / （六）其他处理 | 0 | 1 | 0 | 0 | 0 | 1 | 2 |" in text
    assert sum(line.startswith("| ") for line in text.splitlines()) == 2 + 23
    path = tmp_path / "t.xlsx"
    write_xlsx(table, "某机关", path)
    sheet = load_workbook(path).active
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A7:A26", "B25:C25", "B26:C26", "A27:C27", "E3:I3"} <= merged
    assert sheet["B25"].value == "（六）其他处理"
    assert [sheet.cell(25, c).value for c in range(4, 11)] == [0, 1, 0, 0, 0, 1, 2]


def test_a_computed_table_that_breaks_a_rule_is_reported_by_the_same_rules() -> None:
    table = compute_section3(LOG, 2025)
    broken = dict(table.cells)
    broken[("予以公开", "总计")] += 1
    findings = type(table)(table.year, broken, table.format).check()
    assert [f.rule for f in findings] == ["R2", "R3"]
    assert findings[0].message == "表三“予以公开”行：各类申请人合计1，但“总计”列为2"
