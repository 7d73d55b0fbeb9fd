"""Splitting run-together digit rows back into cells.

Web pages sometimes lose the cell borders of a table row, so `217 | 1 | 0 | 0 | 0 | 0 | 218`
reaches us as `21710000218`. The row's own structure narrows the possible splits: each
group of cells ends in a total that equals the sum of the cells before it (section 三: six
applicant columns then 总计; section 四: 维持, 纠正, 其他, 尚未审结 then 总计, three times).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache

# Past this many candidates a row is hopeless anyway; stop enumerating.
MAX_CANDIDATES = 50


@cache
def _sum_bounds(width: int, count: int, widest: int) -> tuple[int, int]:
    """Least and greatest sum of `count` numbers written in `width` digits, none wider
    than `widest` and none with a leading zero.

    Some part is at least ceil(width/count) digits wide, so at least 10**(that-1); the sum
    is greatest when the digits go to as few, as wide parts as possible.
    """
    narrowest_widest = -(-width // count)
    low = 0 if narrowest_widest == 1 else 10 ** (narrowest_widest - 1)
    widths, spare = [1] * count, width - count
    for i in range(count):
        extra = min(spare, widest - 1)
        widths[i] += extra
        spare -= extra
    return low, sum(10**w - 1 for w in widths)


class _Splitter:
    """Enumerates the splits of one digit string; sub-results are memoised per string."""

    def __init__(self, digits: str, cuts: frozenset[int] = frozenset()) -> None:
        self.digits = digits
        # Positions where the printed text had a space: no cell runs across one.
        self.cuts = cuts
        self.parts = cache(self._parts)

    def _spans_cut(self, start: int, width: int) -> bool:
        return any(start < cut < start + width for cut in self.cuts)

    def _parts(
        self, start: int, end: int, count: int, total: int, widest: int
    ) -> tuple[tuple[int, ...], ...]:
        """Ways to read exactly `digits[start:end]` as `count` numbers adding up to `total`.

        No part is wider than the total, and none has a leading zero ("05" is never a cell).
        """
        remaining = end - start
        if count == 0:
            return ((),) if remaining == 0 and total == 0 else ()
        if not count <= remaining <= count * widest:
            return ()
        low, high = _sum_bounds(remaining, count, widest)
        if not low <= total <= high:
            return ()
        found: list[tuple[int, ...]] = []
        for width in range(1, min(widest, remaining - count + 1) + 1):
            text = self.digits[start : start + width]
            if (width > 1 and text[0] == "0") or self._spans_cut(start, width):
                break
            value = int(text)
            if value > total:
                break
            for rest in self.parts(start + width, end, count - 1, total - value, widest):
                found.append((value, *rest))
        return tuple(found)

    def groups(self, start: int, groups: Sequence[int]) -> Iterator[tuple[int, ...]]:
        """Splits of `digits[start:]`, trying every place and width of each group's total."""
        digits = self.digits
        if not groups:
            if start == len(digits):
                yield ()
            return
        count, later = groups[0], groups[1:]
        room_for_later = sum(g + 1 for g in later)
        for total_start in range(start + count, len(digits) - room_for_later):
            widths = range(1, len(digits) - room_for_later - total_start + 1)
            if not later:  # the last total ends the string
                widths = range(len(digits) - total_start, len(digits) - total_start + 1)
            for width in widths:
                text = digits[total_start : total_start + width]
                if (width > 1 and text[0] == "0") or self._spans_cut(total_start, width):
                    break
                total = int(text)
                for parts in self.parts(start, total_start, count, total, width):
                    for rest in self.groups(total_start + width, later):
                        yield (*parts, total, *rest)


def split_digits(
    digits: str, groups: Sequence[int], cuts: frozenset[int] = frozenset()
) -> list[tuple[int, ...]]:
    """Every split of `digits` into groups of `groups[i]` parts each followed by their sum,
    no part running across a position in `cuts`.

    Returns at most MAX_CANDIDATES + 1 splits (enough to tell "unique", "a few" and
    "too many" apart).
    """
    found: list[tuple[int, ...]] = []
    for split in _Splitter(digits, cuts).groups(0, groups):
        found.append(split)
        if len(found) > MAX_CANDIDATES:
            break
    return found


# Past this many partial splits a row is too long to search exhaustively: no split is taken.
MAX_STEPS = 200_000


class TooManySplits(Exception):
    """The search gave up: no split of this row may be called unique."""


def _token_parts(token: str, count: int) -> Iterator[tuple[int | None, ...]]:
    """Ways to cut one printed token into `count` numbers, no part with a leading zero; a
    sign belongs to the first part, and a decimal token is never cut."""
    sign = token[0] if token[0] in "+-" else ""
    body = token[len(sign) :]
    if "." in body or not body.isdigit():
        if count == 1:
            yield (None,)  # kept whole: the caller reads it as written
        return
    if count > len(body):
        return

    def cuts(start: int, left: int) -> Iterator[tuple[int, ...]]:
        rest = body[start:]
        if left == 1:
            if len(rest) == 1 or rest[0] != "0":
                yield (int(rest),)
            return
        for width in range(1, len(rest) - left + 2):
            text = rest[:width]
            if width > 1 and text[0] == "0":
                break
            for more in cuts(start + width, left - 1):
                yield (int(text), *more)

    for parts in cuts(0, count):
        yield (-parts[0] if sign == "-" else parts[0], *parts[1:])


def split_tokens(
    tokens: Sequence[str], count: int, groups: Sequence[int], signed: Sequence[bool]
) -> list[tuple[int, ...]]:
    """Every way to read printed digit tokens as `count` cells: each token one or more
    whole cells, negative numbers only in `signed` cells, and, when `groups` is given,
    each group of cells followed by its total. At most MAX_CANDIDATES + 1 results;
    TooManySplits when the search is too long to be exhaustive.

    A decimal token stays one cell and is returned as None (read it as printed).
    """
    if groups and all(token.isdigit() for token in tokens):
        # Sums prune the search best on the digits as one string, cut only where the
        # printed text had a space.
        ends = [sum(len(token) for token in tokens[: i + 1]) for i in range(len(tokens) - 1)]
        return split_digits("".join(tokens), groups, frozenset(ends))
    found: list[tuple[int, ...]] = []
    steps = 0

    ends = []  # where each group's total sits
    index = 0
    for size in groups:
        index += size
        ends.append(index)
        index += 1

    def fits(cells: tuple[int | None, ...], start: int) -> bool:
        """The cells from `start` on keep the signs, and every group completed keeps its sum."""
        for i in range(start, len(cells)):
            value = cells[i]
            if value is not None and value < 0 and not signed[i]:
                return False
        for size, end in zip(groups, ends, strict=True):
            if start <= end < len(cells):
                parts, total = cells[end - size : end], cells[end]
                if None in parts or total is None or sum(parts) != total:  # type: ignore[arg-type]
                    return False
        return True

    def walk(i: int, cells: tuple[int | None, ...]) -> None:
        nonlocal steps
        steps += 1
        if steps > MAX_STEPS:
            raise TooManySplits
        if len(found) > MAX_CANDIDATES:
            return
        if i == len(tokens):
            if len(cells) == count:
                found.append(cells)  # type: ignore[arg-type]
            return
        room = count - len(cells) - (len(tokens) - i - 1)
        for size in range(1, room + 1):
            for parts in _token_parts(tokens[i], size):
                grown = (*cells, *parts)
                if len(grown) <= count and fits(grown, len(cells)):
                    walk(i + 1, grown)

    walk(0, ())
    return found
