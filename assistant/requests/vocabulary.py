"""The closed vocabularies of a request: applicant types, channels, forms, results."""

from __future__ import annotations

from enum import StrEnum

from assistant.tables.schema import APPLICANT_COLUMNS, SECTION3_RESULT_ROWS_2021

# The section 三 table's applicant columns are the applicant types (DESIGN.md).
APPLICANT_TYPES: tuple[str, ...] = APPLICANT_COLUMNS
NATURAL_PERSON = "自然人"

# A request's result is a leaf row of 三、本年度办理结果 in the 2021 format.
RESULT_CATEGORIES: tuple[str, ...] = SECTION3_RESULT_ROWS_2021
ABANDONED_RESULT = "其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
UNPAID_FEE_RESULT = (
    "其他处理/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
)
assert ABANDONED_RESULT in RESULT_CATEGORIES and UNPAID_FEE_RESULT in RESULT_CATEGORIES
# Results reached only through 视为放弃, never through a reply.
ABANDONMENT_RESULTS: tuple[str, ...] = (ABANDONED_RESULT, UNPAID_FEE_RESULT)


class Channel(StrEnum):
    """How the request arrived; decides its received date (第三十一条)."""

    ONLINE = "网络"
    IN_PERSON = "当面"
    POST = "邮寄"
    FAX = "传真"


class Form(StrEnum):
    """The form the applicant wants the information in (第二十九条第（三）项)."""

    PAPER = "纸质"
    ELECTRONIC = "电子"


class Delivery(StrEnum):
    POST = "邮寄"
    PICK_UP = "自取"
    EMAIL = "电子邮件"


class FeeBasis(StrEnum):
    """信息处理费管理办法第三条: per request or per page, never both for one request."""

    PER_REQUEST = "按件计收"
    PER_PAGE = "按量计收"


class AppealKind(StrEnum):
    RECONSIDERATION = "行政复议"
    LITIGATION = "行政诉讼"


class LitigationRoute(StrEnum):
    DIRECT = "未经复议直接起诉"
    AFTER_RECONSIDERATION = "复议后起诉"


class AppealOutcome(StrEnum):
    """The outcome columns of section 四 (总计 is their sum)."""

    UPHELD = "结果维持"
    CORRECTED = "结果纠正"
    OTHER = "其他结果"
    PENDING = "尚未审结"
