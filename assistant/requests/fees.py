"""信息处理费 by 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号), pure.

第三条: per request (按件) or per page (按量), each 超额累进 (each band's rate applies only
to the part within the band), never both for one request.
第四条 按件: the same applicant's requests in one natural month — 1–10 free; 11–30: 100 元
each; from 31 on, 10 requests per band, each band 100 元 more per request (31–40: 200,
41–50: 300, …).
第五条 按量: pages of one request — 1–30 free; 31–100: 10 元 per page; 101–200: 20 元;
from 201: 40 元.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

CENT = Decimal("0.01")
_PAGE_BANDS = ((30, 0), (100, 10), (200, 20))  # (last page of the band, 元 per page)
_TOP_PAGE_RATE = 40


def parse_amount(value: Decimal | str | float) -> Decimal | None:
    """A positive amount in 元 with at most two decimals, else None."""
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount <= 0 or amount != amount.quantize(CENT):
        return None
    return amount.quantize(CENT)


def request_rate(rank: int) -> int:
    """元 for the applicant's `rank`-th request of the month (1-based)."""
    if rank < 1:
        raise ValueError(f"rank must be positive, got {rank}")
    if rank <= 10:
        return 0
    if rank <= 30:
        return 100
    return 100 + 100 * ((rank - 31) // 10 + 1)


def per_request_total(count: int) -> int:
    """元 for `count` requests of one applicant in one month, all bands added up."""
    return sum(request_rate(rank) for rank in range(1, count + 1))


def per_page_fee(pages: int) -> int:
    """元 for one request of `pages` pages."""
    if pages < 0:
        raise ValueError(f"pages must not be negative, got {pages}")
    total, floor = 0, 0
    for last, rate in _PAGE_BANDS:
        total += max(0, min(pages, last) - floor) * rate
        floor = last
    return total + max(0, pages - floor) * _TOP_PAGE_RATE
