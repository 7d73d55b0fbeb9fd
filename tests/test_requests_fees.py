"""信息处理费 standards of the 办法 (第四条 按件, 第五条 按量), 超额累进."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.requests.fees import parse_amount, per_page_fee, per_request_total, request_rate


@pytest.mark.parametrize(
    ("rank", "rate"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (51, 400)],
)
def test_rate_of_the_nth_request_in_a_month(rank: int, rate: int) -> None:
    assert request_rate(rank) == rate


def test_per_request_totals_add_the_bands() -> None:
    assert per_request_total(10) == 0
    assert per_request_total(11) == 100
    assert per_request_total(30) == 2000  # 20 × 100
    assert per_request_total(35) == 3000  # + 5 × 200
    assert per_request_total(45) == 5500  # + 10 × 200 + 5 × 300


@pytest.mark.parametrize(
    ("pages", "fee"),
    [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_per_page_fee(pages: int, fee: int) -> None:
    assert per_page_fee(pages) == fee


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("300", Decimal("300.00")),
        (" 50.5 ", Decimal("50.50")),
        ("0", None),
        ("-1", None),
        ("1.005", None),
        ("abc", None),
        ("NaN", None),
        ("Infinity", None),
    ],
)
def test_amounts(text: str, amount: Decimal | None) -> None:
    assert parse_amount(text) == amount


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        request_rate(0)
    with pytest.raises(ValueError):
        per_page_fee(-1)
