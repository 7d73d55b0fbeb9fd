"""The table parser on the layouts real reports come in, hand-written and generated.

The renderers below print a table the way each kind of source does: the official template
as ' | ' cells, a PDF table with padded and split label cells (淮安), a tab-separated PDF
conversion with spaced and split labels (城关镇), and a web page whose cells ran together.
"""

from __future__ import annotations

import random
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.tables.parser import parse_tables
from assistant.tables.result import BLANK, SPLIT
from assistant.tables.schema import (
    APPLICANT_COLUMNS,
    CARRIED_IN,
    CARRIED_OUT,
    NEW_REQUESTS,
    RESULTS_TOTAL,
    SECTION3_COLUMNS,
    SECTION4_COLUMNS,
    SECTION4_ROWS,
    CellKey,
    CellValue,
    Format,
    is_amount,
    section2_tables,
    section3_result_rows,
    section3_rows,
)

Cells = dict[CellKey, CellValue]

GROUPS = ("予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理", "总计")
NUMERALS = "一二三四五六七"
PARTIAL_REMARK = "（区分处理的，只计这一情形，不计其他情形）"
CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
ARTICLE_20_ITEMS = ("一", "五", "六", "八", "九")
TOP_LABELS = {
    NEW_REQUESTS: "一、本年新收政府信息公开申请数量",
    CARRIED_IN: "二、上年结转政府信息公开申请数量",
    CARRIED_OUT: "四、结转下年度继续办理",
}


def printed_label(path: str, fmt: Format) -> tuple[str, str, str]:
    """(part, group, item) labels as the official template prints them for a section 三 row."""
    if path in TOP_LABELS:
        return TOP_LABELS[path], "", ""
    group, _, leaf = path.partition("/")
    group_label = f"（{NUMERALS[GROUPS.index(group)]}）{group}"
    if group == "部分公开":
        group_label += PARTIAL_REMARK
    if not leaf:
        return "三、本年度办理结果", group_label, ""
    siblings = [p for p in section3_rows(fmt) if p.startswith(group + "/")]
    return "三、本年度办理结果", group_label, f"{siblings.index(path) + 1}.{leaf}"


def _text(value: CellValue, blank_zeros: bool) -> str:
    return "" if blank_zeros and value == 0 else str(value)


def _report(section2: list[str], section3: list[str], section4: list[str]) -> list[str]:
    return [
        "某某县人民政府2024年政府信息公开工作年度报告",
        "一、总体情况",
        "本年度工作情况如下。",
        "二、主动公开政府信息情况",
        *section2,
        "三、收到和处理政府信息公开申请情况",
        *section3,
        "四、政府信息公开行政复议、行政诉讼情况",
        *section4,
        "五、存在的主要问题及改进情况",
        "无。",
    ]


def _section2_lines(cells: Cells, fmt: Format, sep: str, blank_zeros: bool = False) -> list[str]:
    lines = []
    for item, (rows, columns) in zip(ARTICLE_20_ITEMS, section2_tables(fmt), strict=False):
        lines.append(f"第二十条第（{item}）项")
        lines.append(sep.join(["信息内容", *columns]))
        for row in rows:
            values = [_text(cells[CellKey("二", row, c)], blank_zeros) for c in columns]
            lines.append(sep.join([row, *values]))
    return lines


def _section3_values(cells: Cells, row: str, blank_zeros: bool = False) -> list[str]:
    return [_text(cells[CellKey("三", row, c)], blank_zeros) for c in SECTION3_COLUMNS]


def _section4_values(cells: Cells, blank_zeros: bool = False) -> list[str]:
    return [
        _text(cells[CellKey("四", r, c)], blank_zeros)
        for r in SECTION4_ROWS
        for c in SECTION4_COLUMNS
    ]


SECTION4_HEADER = [
    "行政复议 | 行政诉讼",
    "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉",
    " | ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3),
]


def render_template(cells: Cells, fmt: Format, blank_zeros: bool) -> list[str]:
    """The official template's cells joined with ' | ' (loaders, 上海's web page)."""
    section3 = [
        f"{CORNER} | 申请人情况",
        f"{CORNER} | 自然人 | 法人或其他组织 | 总计",
        " | ".join([CORNER, *SECTION3_COLUMNS]),
    ]
    for row in section3_rows(fmt):
        labels = [label for label in printed_label(row, fmt) if label]
        section3.append(" | ".join([*labels, *_section3_values(cells, row, blank_zeros)]))
    section4 = [*SECTION4_HEADER, " | ".join(_section4_values(cells, blank_zeros))]
    return _report(_section2_lines(cells, fmt, " | ", blank_zeros), section3, section4)


def _spaced(text: str, rng: random.Random) -> str:
    """Stray spaces inside a label, as PDF extraction leaves them (`商业企 业`)."""
    chars = list(text)
    for _ in range(rng.randint(0, 2)):
        chars.insert(rng.randint(1, max(1, len(chars) - 1)), " ")
    return "".join(chars)


def _neighbours(labels: list[tuple[str, str, str]], i: int) -> tuple[tuple[str, str, str], ...]:
    empty = ("", "", "")
    return (labels[i - 1] if i else empty, labels[i + 1] if i + 1 < len(labels) else empty)


def render_padded(cells: Cells, fmt: Format, rng: random.Random) -> list[str]:
    """淮安's PDF: three label cells per row, a group label only on its first rows and
    sometimes split over two of them (`（四）无` / `法提供`), spaces inside labels."""
    section3 = [
        f"{CORNER} |  |  | 申请人情况",
        " |  |  | 自然人 | 法人或其他组织 |  |  |  |  | 总计",
        " |  |  |  | " + " | ".join(_spaced(c, rng) for c in APPLICANT_COLUMNS[1:]),
    ]
    rows = section3_rows(fmt)
    labels = [printed_label(row, fmt) for row in rows]
    carry = ""  # the end of a group label split over its first two rows
    for i, (row, (part, group, item)) in enumerate(zip(rows, labels, strict=True)):
        previous, following = _neighbours(labels, i)
        if part == previous[0]:
            part = ""
        if group and group == previous[1]:
            group, carry = carry, ""
        elif item and group == following[1] and rng.random() < 0.5:
            cut = rng.randint(4, len(group) - 1)  # keeps the （X） mark on the first row
            group, carry = group[:cut], group[cut:]
        labels_shown = [_spaced(label, rng) for label in (part, group, item)]
        section3.append(" | ".join([*labels_shown, *_section3_values(cells, row)]))
    section4 = [
        "行政复议 |  |  |  |  | 行政诉讼",
        "结果 维持 | 结果 纠正 | 其他结 果 | 尚未 审结 | 总计 | 未经复议直接起诉 |  |  |  |  | 复议后起诉",
        " |  |  |  |  | "
        + " | ".join(["结 果 维持", "结果 纠正", "其他 结果", "尚未 审结", "总计"] * 2),
        " | ".join(_section4_values(cells)),
    ]
    return _report(_section2_lines(cells, fmt, " | "), section3, section4)


def render_tabs(cells: Cells, fmt: Format, rng: random.Random) -> list[str]:
    """城关镇's PDF-to-text conversion: tab-separated, trailing tabs, spaced labels, rows
    that lost their leading cells, and item labels whose end moved to the next line
    (`5.要求行政机关` / `确认或重新出具已获取信息`)."""
    section3 = [
        f"{CORNER}\t\t申请人情况\t\t\t\t\t\t\t",
        "\t\t自 然 人\t法人或其他组织\t\t\t\t\t总 计\t",
        "\t\t\t商业 企业\t科研 机构\t社会 公益 组织\t法 律 服 务 机 构\t其 他\t\t",
    ]
    rows = section3_rows(fmt)
    labels = [printed_label(row, fmt) for row in rows]
    for i, (row, (part, group, item)) in enumerate(zip(rows, labels, strict=True)):
        previous, _ = _neighbours(labels, i)
        values = "\t".join(_section3_values(cells, row))
        if not group:  # 一、 二、 and 四、 rows: the numeral in a cell of its own
            section3.append(f"{part[:2]}\t{_spaced(part[2:], rng)}\t{values}\t")
            continue
        part = _spaced(part, rng) if part != previous[0] else ""
        group = _spaced(group, rng) if group != previous[1] else ""
        if not item:
            section3.append(f"{part}\t{group}\t{values}\t")
            continue
        leaf = item.split(".", 1)[1]
        rest = ""
        if len(leaf) >= 3 and rng.random() < 0.3:
            cut = len(item) - len(leaf) + rng.randint(2, len(leaf) - 1)
            item, rest = item[:cut], item[cut:]
        if not group and rng.random() < 0.2:
            section3.append(f"{item}\t\t{values}")  # lost its leading cells
        else:
            section3.append(f"{part}\t{group}\t{item}\t{values}")
        if rest:
            section3.append(f"\t\t{rest}\t\t\t\t\t\t\t")
    section4 = [
        "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t",
        "结 果 维 持\t结 果 纠 正\t其 他 结 果\t尚 未 审 结\t总 计\t未经复议直接起诉\t\t\t\t\t复议后起诉",
        "\t\t\t\t\t"
        + "\t".join(["结 果 维 持", "结 果 纠 正", "其 他 结 果", "尚 未 审 结", "总 计"] * 2),
        "\t".join(_section4_values(cells)),
    ]
    return _report(_section2_lines(cells, fmt, "\t"), section3, section4)


def render_run_together(cells: Cells, fmt: Format) -> list[str]:
    """A web page that lost its cell borders: each row's figures run together."""
    section3 = [
        CORNER + "申请人情况",
        "自然人法人或其他组织总计",
        "商业企业科研机构社会公益组织法律服务机构其他",
    ]
    rows = section3_rows(fmt)
    labels = [printed_label(row, fmt) for row in rows]
    for i, (row, (part, group, item)) in enumerate(zip(rows, labels, strict=True)):
        previous, _ = _neighbours(labels, i)
        part = part if part != previous[0] else ""
        group = group if group != previous[1] else ""
        section3.append(part + group + item + "".join(_section3_values(cells, row)))
    section4 = [
        "行政复议行政诉讼",
        "结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉",
        "".join(_section4_values(cells)),
    ]
    return _report(_section2_lines(cells, fmt, " "), section3, section4)


# --- random valid tables ------------------------------------------------------------------

counts = st.one_of(st.just(0), st.integers(1, 9), st.integers(10, 3000))


@st.composite
def valid_tables(draw: st.DrawFn, fmt: Format) -> Cells:
    """A table that keeps every 勾稽 rule (R1, R2, R3, R5)."""
    cells: Cells = {}
    for rows, columns in section2_tables(fmt):
        for row in rows:
            for column in columns:
                if is_amount(column):
                    cells[CellKey("二", row, column)] = Decimal(draw(st.integers(0, 10**6))) / 10
                elif column == "本年增/减":
                    cells[CellKey("二", row, column)] = draw(st.integers(-50, 50))
                else:
                    cells[CellKey("二", row, column)] = draw(counts)

    def put_row(row: str, parts: list[int]) -> None:
        for column, value in zip(SECTION3_COLUMNS, [*parts, sum(parts)], strict=True):
            cells[CellKey("三", row, column)] = value

    results = section3_result_rows(fmt)
    for row in results:
        put_row(row, [draw(counts) for _ in APPLICANT_COLUMNS])
    settled = [sum(cells[CellKey("三", r, c)] for r in results) for c in APPLICANT_COLUMNS]  # type: ignore[misc]
    put_row(RESULTS_TOTAL, settled)
    carried_out = [draw(counts) for _ in APPLICANT_COLUMNS]
    put_row(CARRIED_OUT, carried_out)
    carried_in = [draw(st.integers(0, s + o)) for s, o in zip(settled, carried_out, strict=True)]
    put_row(CARRIED_IN, carried_in)
    put_row(
        NEW_REQUESTS, [s + o - c for s, o, c in zip(settled, carried_out, carried_in, strict=True)]
    )

    for row in SECTION4_ROWS:
        parts = [draw(counts) for _ in SECTION4_COLUMNS[:-1]]
        for column, value in zip(SECTION4_COLUMNS, [*parts, sum(parts)], strict=True):
            cells[CellKey("四", row, column)] = value
    return cells


formats = st.sampled_from(["2019", "2021"])
slow_examples = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@slow_examples
@given(data=st.data(), fmt=formats, blank_zeros=st.booleans())
def test_template_layout_round_trips(data: st.DataObject, fmt: Format, blank_zeros: bool) -> None:
    cells = data.draw(valid_tables(fmt))
    result = parse_tables(render_template(cells, fmt, blank_zeros))
    assert result.format == fmt
    assert result.cells == cells
    assert {f.rule for f in result.findings} <= ({BLANK} if blank_zeros else set())


@slow_examples
@given(data=st.data(), fmt=formats, rng=st.randoms(use_true_random=False))
def test_padded_pdf_layout_round_trips(
    data: st.DataObject, fmt: Format, rng: random.Random
) -> None:
    cells = data.draw(valid_tables(fmt))
    result = parse_tables(render_padded(cells, fmt, rng))
    assert result.cells == cells
    assert result.findings == []


@slow_examples
@given(data=st.data(), fmt=formats, rng=st.randoms(use_true_random=False))
def test_tab_layout_with_split_labels_round_trips(
    data: st.DataObject, fmt: Format, rng: random.Random
) -> None:
    cells = data.draw(valid_tables(fmt))
    result = parse_tables(render_tabs(cells, fmt, rng))
    assert result.cells == cells
    assert result.findings == []


@slow_examples
@given(data=st.data(), fmt=formats)
def test_run_together_rows_split_back_or_stay_null(data: st.DataObject, fmt: Format) -> None:
    """Every recovered cell is right; a row left null says so and lists the true split."""
    cells = data.draw(valid_tables(fmt))
    result = parse_tables(render_run_together(cells, fmt))
    assert result.format == fmt
    split_findings = [f for f in result.findings if f.rule == SPLIT]
    assert {f.rule for f in result.findings} <= {SPLIT}
    for key, value in result.cells.items():
        if value is not None:
            assert value == cells[key], key
    for key, value in result.cells.items():
        if value is None:
            finding = next(f for f in split_findings if key in f.cells)
            assert _lists_the_truth(finding.message, [cells[k] for k in finding.cells])


def _lists_the_truth(message: str, truth: list[int]) -> bool:
    """One of the readings the message lists ("…有2种拆分…：0|5|6|560；0|565|6|0，无法确定")
    holds the true values of the cells left null, in row order (other cells between)."""
    readings = message.split("：", 1)[1].split("，", 1)[0].split("；")
    for reading in readings:
        values = iter(int(v) for v in reading.split("|") if v.isdigit())
        if all(any(v == t for v in values) for t in truth):
            return True
    return False
