"""Canonical cells of the annual-report statistics tables (sections 二, 三 and 四).

Both official formats are covered: the 2019 试行 format (国办公开办函〔2019〕60号) and the
2021 format (国办公开办函〔2021〕30号). A cell is addressed by its section, its row as the
canonical label path joined by "/", and its column label. Pure data, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Format = Literal["2019", "2021"]
Section = Literal["二", "三", "四"]
CellValue = int | Decimal | None

FORMATS: tuple[Format, ...] = ("2019", "2021")


@dataclass(frozen=True, order=True)
class CellKey:
    section: str
    row: str
    column: str

    def label(self) -> str:
        """How a cell is named to people, e.g. `三/予以公开/自然人`."""
        return f"{self.section}/{self.row}/{self.column}"


# --- Section 三: 收到和处理政府信息公开申请情况 -------------------------------------------

APPLICANT_COLUMNS: tuple[str, ...] = (
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
)
SECTION3_COLUMNS: tuple[str, ...] = (*APPLICANT_COLUMNS, "总计")

NEW_REQUESTS = "本年新收政府信息公开申请数量"
CARRIED_IN = "上年结转政府信息公开申请数量"
RESULTS_TOTAL = "总计"
CARRIED_OUT = "结转下年度继续办理"
PARTIAL = "部分公开"

_RESULT_ROWS_COMMON: tuple[str, ...] = (
    "予以公开",
    PARTIAL,
    "不予公开/属于国家秘密",
    "不予公开/其他法律行政法规禁止公开",
    "不予公开/危及“三安全一稳定”",
    "不予公开/保护第三方合法权益",
    "不予公开/属于三类内部事务信息",
    "不予公开/属于四类过程性信息",
    "不予公开/属于行政执法案卷",
    "不予公开/属于行政查询事项",
    "无法提供/本机关不掌握相关政府信息",
    "无法提供/没有现成信息需要另行制作",
    "无法提供/补正后申请内容仍不明确",
    "不予处理/信访举报投诉类申请",
    "不予处理/重复申请",
    "不予处理/要求提供公开出版物",
    "不予处理/无正当理由大量反复申请",
    "不予处理/要求行政机关确认或重新出具已获取信息",
)

# The leaf rows of 三、本年度办理结果 (（一）…（六）): the result categories of a request.
SECTION3_RESULT_ROWS_2021: tuple[str, ...] = (
    *_RESULT_ROWS_COMMON,
    "其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "其他处理/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "其他处理/其他",
)
SECTION3_RESULT_ROWS_2019: tuple[str, ...] = (*_RESULT_ROWS_COMMON, "其他处理")

# Every data row of the section 三 table, top to bottom.
SECTION3_ROWS_2021: tuple[str, ...] = (
    NEW_REQUESTS,
    CARRIED_IN,
    *SECTION3_RESULT_ROWS_2021,
    RESULTS_TOTAL,
    CARRIED_OUT,
)
SECTION3_ROWS_2019: tuple[str, ...] = (
    NEW_REQUESTS,
    CARRIED_IN,
    *SECTION3_RESULT_ROWS_2019,
    RESULTS_TOTAL,
    CARRIED_OUT,
)

# --- Section 四: 行政复议、行政诉讼 --------------------------------------------------------

SECTION4_ROWS: tuple[str, ...] = ("行政复议", "行政诉讼/未经复议直接起诉", "行政诉讼/复议后起诉")
SECTION4_COLUMNS: tuple[str, ...] = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")

# --- Section 二: 主动公开政府信息情况 (第二十条 tables) -----------------------------------

# One entry per sub-table: (its rows, its columns), in document order.
SECTION2_TABLES_2021: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("规章", "行政规范性文件"), ("本年制发件数", "本年废止件数", "现行有效件数")),
    (("行政许可",), ("本年处理决定数量",)),
    (("行政处罚", "行政强制"), ("本年处理决定数量",)),
    (("行政事业性收费",), ("本年收费金额（单位：万元）",)),
)
SECTION2_TABLES_2019: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("规章", "规范性文件"), ("本年新制作数量", "本年新公开数量", "对外公开总数量")),
    (("行政许可", "其他对外管理服务事项"), ("上一年项目数量", "本年增/减", "处理决定数量")),
    (("行政处罚", "行政强制"), ("上一年项目数量", "本年增/减", "处理决定数量")),
    (("行政事业性收费",), ("上一年项目数量", "本年增/减")),
    (("政府集中采购",), ("采购项目数量", "采购总金额")),
)

# Columns holding money (万元): their values are Decimal, every other cell is an int.
AMOUNT_COLUMNS: frozenset[str] = frozenset({"本年收费金额（单位：万元）", "采购总金额"})


def section2_tables(fmt: Format) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    return SECTION2_TABLES_2021 if fmt == "2021" else SECTION2_TABLES_2019


def section3_rows(fmt: Format) -> tuple[str, ...]:
    return SECTION3_ROWS_2021 if fmt == "2021" else SECTION3_ROWS_2019


def section3_result_rows(fmt: Format) -> tuple[str, ...]:
    return SECTION3_RESULT_ROWS_2021 if fmt == "2021" else SECTION3_RESULT_ROWS_2019


def cell_keys(fmt: Format) -> list[CellKey]:
    """Every cell of the three tables in `fmt`, in reading order."""
    keys = [
        CellKey("二", row, column)
        for rows, columns in section2_tables(fmt)
        for row in rows
        for column in columns
    ]
    keys += [CellKey("三", row, col) for row in section3_rows(fmt) for col in SECTION3_COLUMNS]
    keys += [CellKey("四", row, col) for row in SECTION4_ROWS for col in SECTION4_COLUMNS]
    return keys


def is_amount(column: str) -> bool:
    return column in AMOUNT_COLUMNS
