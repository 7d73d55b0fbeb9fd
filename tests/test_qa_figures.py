"""Table figures from canonical cells: totals, sums of parts, findings and lost cells (pure)."""

from __future__ import annotations

from decimal import Decimal

from assistant.qa.figures import figure_for
from assistant.qa.vocabulary import Column, Metric, load_vocabulary
from assistant.tables.parser import parse_tables
from assistant.tables.result import Finding
from assistant.tables.schema import APPLICANT_COLUMNS, CellKey, CellValue
from tests.conftest import FIXTURES, SAMPLES

VOCABULARY = load_vocabulary()


def _metric(name: str) -> Metric:
    return next(m for m in VOCABULARY.metrics if m.name == name)


def _column(name: str, section: str = "三") -> Column:
    return next(c for c in VOCABULARY.columns if c.name == name and c.section == section)


def _row(row: str, parts: list[int], total: CellValue) -> dict[CellKey, CellValue]:
    cells: dict[CellKey, CellValue] = {
        CellKey("三", row, c): v for c, v in zip(APPLICANT_COLUMNS, parts, strict=True)
    }
    cells[CellKey("三", row, "总计")] = total
    return cells


def test_a_printed_total_that_agrees_with_its_parts_is_read_as_printed() -> None:
    cells = _row("本年新收政府信息公开申请数量", [3001, 53, 0, 0, 61, 4], 3119)
    figure = figure_for([_metric("本年新收政府信息公开申请")], [], cells, [], VOCABULARY)
    assert figure is not None
    assert (figure.value, figure.unit, figure.notes) == (3119, "件", ())
    assert [k.label() for k, _ in figure.cells] == ["三/本年新收政府信息公开申请数量/总计"]


def test_a_total_contradicting_its_parts_gives_the_parts_and_the_finding() -> None:
    cells = _row("予以公开", [1, 0, 0, 0, 0, 0], 0)
    total = CellKey("三", "予以公开", "总计")
    finding = Finding("R2", "表三“予以公开”行：各类申请人合计1，但“总计”列为0", (total,), 1, 0)
    figure = figure_for([_metric("予以公开")], [], cells, [finding], VOCABULARY)
    assert figure is not None
    assert figure.value == 1
    assert figure.rows[0].summed and figure.rows[0].printed_total == 0
    assert figure.notes == ("表三“予以公开”行：各类申请人合计1，但“总计”列为0",)


def test_a_blank_total_is_the_sum_of_its_parts() -> None:
    cells = _row("予以公开", [258, 12, 0, 0, 1, 1], None)
    figure = figure_for([_metric("予以公开")], [], cells, [], VOCABULARY)
    assert figure is not None and figure.value == 272
    assert figure.rows[0].summed and figure.rows[0].printed_total is None


def test_a_group_of_rows_adds_up_its_leaves() -> None:
    cells = {
        **_row("不予公开/属于国家秘密", [2, 0, 0, 0, 0, 0], 2),
        **_row("不予公开/属于行政查询事项", [105, 0, 0, 0, 0, 0], 105),
        **_row("予以公开", [1, 0, 0, 0, 0, 0], 1),
    }
    figure = figure_for([_metric("不予公开")], [], cells, [], VOCABULARY)
    assert figure is not None and figure.value == 107
    assert [r.row for r in figure.rows] == ["不予公开/属于国家秘密", "不予公开/属于行政查询事项"]


def test_a_column_group_adds_up_its_columns() -> None:
    cells = _row("本年新收政府信息公开申请数量", [3001, 53, 0, 0, 61, 4], 3119)
    figure = figure_for(
        [_metric("本年新收政府信息公开申请")], [_column("法人或其他组织")], cells, [], VOCABULARY
    )
    assert figure is not None and figure.value == 118


def test_lost_cells_give_no_figure_and_say_why() -> None:
    keys = [
        CellKey("四", "行政复议", c)
        for c in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    ]
    lost = Finding("MISSING", "表四有5个单元格空白，视为转换中丢失", tuple(keys))
    figure = figure_for([_metric("行政复议")], [], dict.fromkeys(keys), [lost], VOCABULARY)
    assert figure is not None
    assert figure.value is None and figure.missing
    assert figure.notes == ("表四有5个单元格空白，视为转换中丢失",)


def test_section_two_reads_the_metric_s_default_column_of_the_report_s_format() -> None:
    result = parse_tables((FIXTURES / "01_huaian_city_2024.txt").read_text("utf-8").splitlines())
    figure = figure_for([_metric("行政事业性收费")], [], result.cells, result.findings, VOCABULARY)
    assert figure is not None
    assert (figure.value, figure.unit) == (Decimal("96171.6"), "万元")
    rules = figure_for(
        [_metric("规范性文件")], [_column("现行有效", "二")], result.cells, [], VOCABULARY
    )
    assert rules is not None and rules.value == 66


def test_an_amount_printed_in_another_unit_keeps_that_unit() -> None:
    result = parse_tables(
        (SAMPLES / "04_shanghai_govoffice_2019.txt").read_text("utf-8").splitlines()
    )
    figure = figure_for(
        [_metric("政府集中采购")],
        [_column("金额", "二")],
        result.cells,
        result.findings,
        VOCABULARY,
    )
    assert figure is not None
    assert (figure.value, figure.unit) == (Decimal("251000"), "元")


def test_a_report_without_the_row_has_no_figure() -> None:
    cells = _row("予以公开", [1, 0, 0, 0, 0, 0], 1)
    assert figure_for([_metric("行政复议")], [], cells, [], VOCABULARY) is None
