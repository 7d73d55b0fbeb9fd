"""Random valid tables rendered in the messier layouts real portals publish, parsed back.

Each layout is one the dev corpus shows: a whole report on one line with run-together or
irregularly spaced digits (平潭), Markdown fragments under placeholder headers (OCR), an HTML
table with merged cells and blank zeros (portal pages), and PDF text with the labels in
one block and the figures in the next. The property: every cell comes back exactly, or
stays empty and a finding names it — never a wrong value.
"""

from __future__ import annotations

import html
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.tables.parser import parse_tables
from assistant.tables.result import BLANK, HOW_BLANK, HOW_DIRECT, TablesResult
from assistant.tables.schema import CellKey, Format, spec_for
from ingest.loaders.htmlfile import read_html
from tests.test_tables_layouts import (
    CORNER,
    Cells,
    _report,
    _section2_lines,
    _section3_values,
    _section4_values,
    _text,
    printed_label,
    valid_tables,
)

formats = st.sampled_from(["2019", "2021"])
few_examples = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

SECTION4_HEADER = (
    "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
    + "结果维持结果纠正其他结果尚未审结总计" * 2
)


def assert_never_wrong(result: TablesResult, cells: Cells, fmt: Format) -> None:
    assert result.format == fmt
    for key, value in result.cells.items():
        if value is None:
            assert any(key in f.cells for f in result.findings), key
        else:
            assert value == cells[key], key
            assert key in result.how


def _gap(rng: random.Random, spaced: bool) -> str:
    return rng.choice(["", "", " ", "\u3000"]) if spaced else ""


def render_one_line(cells: Cells, fmt: Format, rng: random.Random, spaced: bool) -> list[str]:
    """The whole report on one line (a crawled page): labels and figures run together,
    the figures of a row joined with nothing or, when `spaced`, with stray spaces."""

    def figures(values: list[str]) -> str:
        return "".join(v + _gap(rng, spaced) for v in values)

    spec = spec_for(fmt)
    section2 = []
    for item, (_, rows, columns) in zip("一五六八九", spec.section2, strict=False):
        section2.append(f"第二十条第（{item}）项信息内容" + "".join(columns))
        for row in rows:
            section2.append(row + figures([str(cells[CellKey("二", row, c)]) for c in columns]))
    section3 = [
        CORNER + "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
    ]
    previous = ("", "", "")
    for row in spec.section3_rows:
        labels = printed_label(row, fmt)
        shown = [label for label, before in zip(labels, previous, strict=True) if label != before]
        section3.append("".join(shown) + figures(_section3_values(cells, row)))
        previous = labels
    section4 = [SECTION4_HEADER + figures(_section4_values(cells))]
    return ["".join(_report(section2, section3, section4))]


@few_examples
@given(data=st.data(), fmt=formats, rng=st.randoms(use_true_random=False), spaced=st.booleans())
def test_one_line_report_splits_back_or_names_the_cells(
    data: st.DataObject, fmt: Format, rng: random.Random, spaced: bool
) -> None:
    cells = data.draw(valid_tables(fmt))
    lines = render_one_line(cells, fmt, rng, spaced)
    assert len(lines) == 1
    assert_never_wrong(parse_tables(lines), cells, fmt)


def render_fragments(cells: Cells, fmt: Format, rng: random.Random) -> list[str]:
    """OCR'd Markdown: 表三 cut into small tables, each after a repeated `## 表三` heading
    and under a placeholder header (`| 数据1 | … |`) that names none of its columns."""
    section3 = [
        "## 表三：收到和处理政府信息公开申请情况",
        f"| {CORNER} | 自然人 | 法人或其他组织 | 总计 |",
        "|---|---|---|---|",
    ]
    for row in spec_for(fmt).section3_rows:
        if rng.random() < 0.2:
            width = rng.randint(3, 8)
            section3 += [
                "## 表三：收到和处理政府信息公开申请情况",
                "| " + " | ".join(f"数据{i}" for i in range(1, width + 1)) + " |",
                "|" + "---|" * width,
            ]
        labels = [label for label in printed_label(row, fmt) if label]
        section3.append("| " + " | ".join([labels[-1], *_section3_values(cells, row)]) + " |")
    section4 = [
        "| 行政复议 | 行政诉讼 |",
        "|---|---|",
        "| " + " | ".join(_section4_values(cells)) + " |",
    ]
    return _report(_section2_lines(cells, fmt, " | "), section3, section4)


@few_examples
@given(data=st.data(), fmt=formats, rng=st.randoms(use_true_random=False))
def test_fragmented_markdown_round_trips(
    data: st.DataObject, fmt: Format, rng: random.Random
) -> None:
    cells = data.draw(valid_tables(fmt))
    result = parse_tables(render_fragments(cells, fmt, rng))
    assert result.cells == cells
    assert result.findings == []


def _td(text: str, rows: int = 1, columns: int = 1) -> str:
    span = (f' rowspan="{rows}"' if rows > 1 else "") + (
        f' colspan="{columns}"' if columns > 1 else ""
    )
    return f"<td{span}>{html.escape(text) if text else '&nbsp;'}</td>"


def render_html(cells: Cells, fmt: Format, blank_zeros: bool) -> bytes:
    """A portal page: every table an HTML table with the template's merged cells, zeros
    left blank when `blank_zeros` (a common convention of web pages)."""
    spec = spec_for(fmt)

    def value(key: CellKey) -> str:
        return _text(cells[key], blank_zeros)

    parts = [
        "<html><body><div class=TRS_Editor>",
        "<p>某某县人民政府2024年政府信息公开工作年度报告</p>",
    ]
    parts += [
        "<p>一、总体情况</p>",
        "<p>本年度工作情况如下。</p>",
        "<p>二、主动公开政府信息情况</p>",
    ]
    for item, (_, rows, columns) in zip("一五六八九", spec.section2, strict=False):
        parts.append(f"<p>第二十条第（{item}）项</p><table>")
        parts.append("<tr>" + "".join(_td(t) for t in ("信息内容", *columns)) + "</tr>")
        for row in rows:
            tds = [_td(row), *(_td(value(CellKey("二", row, c))) for c in columns)]
            parts.append("<tr>" + "".join(tds) + "</tr>")
        parts.append("</table>")
    parts.append("<p>三、收到和处理政府信息公开申请情况</p><table>")
    parts.append("<tr>" + _td(CORNER, 3, 3) + _td("申请人情况", 1, 7) + "</tr>")
    parts.append("<tr>" + _td("自然人", 2) + _td("法人或其他组织", 1, 5) + _td("总计", 2) + "</tr>")
    parts.append("<tr>" + "".join(_td(c) for c in spec.section3_columns[1:6]) + "</tr>")
    rows3 = spec.rows3
    for i, row in enumerate(rows3):
        tds = []
        if not row.group:
            tds.append(_td(f"{row.top}、{row.top_label}", 1, 3))
        else:
            if i == 0 or rows3[i - 1].top != row.top or not rows3[i - 1].group:
                tds.append(_td(f"{row.top}、{row.top_label}", sum(1 for r in rows3 if r.group)))
            group = f"（{row.group}）{row.group_label}{row.remark}"
            if not row.item:
                tds.append(_td(group, 1, 2))
            else:
                if row.item == 1:
                    tds.append(_td(group, sum(1 for r in rows3 if r.group == row.group)))
                tds.append(_td(f"{row.item}.{row.item_label}"))
        tds += [_td(value(CellKey("三", row.key, c))) for c in spec.section3_columns]
        parts.append("<tr>" + "".join(tds) + "</tr>")
    parts.append("</table><p>四、政府信息公开行政复议、行政诉讼情况</p><table>")
    parts.append("<tr>" + _td("行政复议", 1, 5) + _td("行政诉讼", 1, 10) + "</tr>")
    names = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    parts.append(
        "<tr>"
        + "".join(_td(n, 2) for n in names)
        + _td("未经复议直接起诉", 1, 5)
        + _td("复议后起诉", 1, 5)
        + "</tr>"
    )
    parts.append("<tr>" + "".join(_td(n) for n in names * 2) + "</tr>")
    figures = [
        value(CellKey("四", r, c)) for r in spec.section4_rows for c in spec.section4_columns
    ]
    parts.append("<tr>" + "".join(_td(f) for f in figures) + "</tr></table>")
    parts += ["<p>五、存在的主要问题及改进情况</p><p>无。</p></div></body></html>"]
    return "\n".join(parts).encode("utf-8")


def _lines(page: bytes) -> list[str]:
    return [line for block in read_html(page) for line in block.lines()]


@few_examples
@given(data=st.data(), fmt=formats, blank_zeros=st.booleans())
def test_html_tables_round_trip_with_blank_zeros_marked(
    data: st.DataObject, fmt: Format, blank_zeros: bool
) -> None:
    cells = data.draw(valid_tables(fmt))
    result = parse_tables(_lines(render_html(cells, fmt, blank_zeros)))
    assert result.format == fmt
    assert result.cells == cells
    assert {f.rule for f in result.findings} <= ({BLANK} if blank_zeros else set())
    for key, value in cells.items():
        blank = blank_zeros and value == 0
        assert result.how[key] == (HOW_BLANK if blank else HOW_DIRECT), key


def render_labels_apart(cells: Cells, fmt: Format, rng: random.Random) -> list[str]:
    """PDF text that put the row labels of 表三 (and of each 表二 sub-table) in one block
    and the rows of figures in the next, with a stray digit line between them."""
    spec = spec_for(fmt)
    section3 = [
        CORNER,
        "申请人情况",
        "自然人 法人或其他组织 总计",
        "商业企业 科研机构 社会公益组织 法律服务机构 其他",
    ]
    previous = ("", "", "")
    for row in spec.section3_rows:
        labels = printed_label(row, fmt)
        section3 += [
            label
            for label, before in zip(labels, previous, strict=True)
            if label and label != before
        ]
        previous = labels
    section3.append(str(rng.randint(1, 9)))  # the page number
    section3 += [" ".join(_section3_values(cells, row)) for row in spec.section3_rows]
    section2 = []
    for item, (_, rows, columns) in zip("一五六八九", spec.section2, strict=False):
        section2 += [f"第二十条第（{item}）项", "\t".join(["信息内容", *columns]), *rows]
        if len(columns) > 1:  # a stray digit cannot be told from a one-column row
            section2.append(str(rng.randint(1, 9)))
        section2 += [" ".join(str(cells[CellKey("二", row, c)]) for c in columns) for row in rows]
    section4 = [
        "行政复议 行政诉讼",
        " | ".join(_section4_values(cells)),
    ]
    return _report(section2, section3, section4)


@few_examples
@given(data=st.data(), fmt=formats, rng=st.randoms(use_true_random=False))
def test_labels_apart_from_figures_are_paired_in_order(
    data: st.DataObject, fmt: Format, rng: random.Random
) -> None:
    cells = data.draw(valid_tables(fmt))
    result = parse_tables(render_labels_apart(cells, fmt, rng))
    assert result.cells == cells
    # Every stray digit line is named, and nothing else is reported.
    assert {f.rule for f in result.findings} == {"LABEL"}
    assert all("没有对应的行标签" in f.message or "不成一行" in f.message for f in result.findings)
