"""Reading an agency's name as places (province → … → town) and an organ.

平罗县城关镇人民政府 is (平罗县, 城关镇) + 人民政府; 平潭市场监管局 is (平潭) + 市场监督管理局;
平潭综合实验区 is a zone named after the real 平潭县. Real divisions come from the division
data; towns, streets and zones are recognised by their suffix. Pure: the data is handed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, partial

from assistant.agencies.divisions import Division, Divisions, place_stem
from assistant.agencies.organs import Organs

# Places below the county, and zones set up beside the divisions; none is in the data.
ZONE_SUFFIXES = (
    "综合实验区", "经济技术开发区", "高新技术产业开发区", "经济开发区", "实验区",
    "开发区", "高新区", "新区", "片区", "管理区",
)  # fmt: skip
TOWN_SUFFIXES = ("街道", "镇", "乡", *ZONE_SUFFIXES)
# How the names of organs end; organs.toml lists only those with short forms or a kind.
ORGAN_ENDINGS = (
    "局", "委员会", "委", "厅", "办", "办公室", "政府", "管委会", "中心", "院", "所", "处",
    "部", "署", "站", "队",
)  # fmt: skip
# A name with a division suffix that the data lacks: a misspelling, or an old name.
DIVISION_SUFFIXES = ("自治州", "自治县", "省", "市", "州", "县", "区", "旗")
_TOWN = re.compile(rf"[\u4e00-\u9fff]{{2,8}}?(?:{'|'.join(TOWN_SUFFIXES + DIVISION_SUFFIXES)})")


@dataclass(frozen=True)
class Place:
    name: str  # as written: 平潭综合实验区, 城关镇, 淮安
    stem: str  # 平潭, 城关, 淮安
    codes: frozenset[str] = frozenset()  # the real divisions it may be; none for towns
    # The real division read for a name the data lacks (沐阳县 → 沭阳县, 平潭综合实验区 → 平潭县).
    read_as: str | None = None
    misspelt: bool = False  # read_as is the real name of a misspelt one (not a zone's place)

    def same(self, other: Place) -> bool:
        """Real divisions compare by code; otherwise by name, a bare stem (城关, 平潭)
        standing for any place of that stem, but 城关区 never for 城关镇."""
        if self.codes and other.codes:
            return bool(self.codes & other.codes)
        if self.name == other.name:
            return True
        bare = self.name == self.stem or other.name == other.stem
        return bare and self.stem == other.stem


@dataclass(frozen=True)
class AgencyName:
    text: str
    places: tuple[Place, ...]
    organ: str  # the organ as written; "" when only places are named
    organs: frozenset[str]  # the canonical organs it may stand for

    @property
    def place(self) -> Place | None:
        return self.places[-1] if self.places else None


class NameParser:
    """Parses names against the division data, the organ data and the held places."""

    def __init__(self, divisions: Divisions, organs: Organs) -> None:
        self.divisions = divisions
        self.organs = organs
        # 双江拉祜族佤族布朗族傣族自治县 is 15 characters.
        self._longest = max(map(len, divisions.by_name), default=0) + max(map(len, ZONE_SUFFIXES))
        # What follows a place is read again for every shorter reading before it: remembered,
        # a long run of town-like names costs linear time, not exponential.
        self._place_after = lru_cache(maxsize=4096)(partial(self.place_at, context=""))

    def _division_place(self, name: str, divisions: list[Division], stem: str) -> Place:
        return Place(name, stem, frozenset(d.code for d in divisions))

    def _is_organ(self, text: str) -> bool:
        return text in self.organs.forms

    def _followed_well(self, text: str, end: int) -> bool:
        """What may follow a bare stem or a town name: an organ, another place, the end."""
        rest = text[end:]
        if not rest or self._is_organ(rest) or self._place_after(text, end) is not None:
            return True
        # An organ organs.toml does not list (社会事业局, 党群工作部), by how organs end;
        # not the rest of a place's name (城关 + 镇人民政府).
        return (
            len(rest) >= 2
            and rest.endswith(ORGAN_ENDINGS)
            and not rest.startswith(TOWN_SUFFIXES + DIVISION_SUFFIXES)
        )

    def place_at(self, text: str, pos: int, context: str) -> Place | None:
        """The place written at `pos`, longest reading first."""
        if self._is_organ(text[pos:]):
            return None
        limit = min(len(text), pos + self._longest)
        for end in range(limit, pos + 1, -1):  # a full division name: 淮安市, 洪泽区
            found = self.divisions.by_name.get(text[pos:end])
            if found:
                return self._division_place(text[pos:end], found, place_stem(text[pos:end]))
        for end in range(limit, pos + 1, -1):  # a stem: 平潭综合实验区, 淮安政府
            stem = text[pos:end]
            found = self.divisions.by_stem.get(stem)
            if not found:
                continue
            zone = next((s for s in ZONE_SUFFIXES if text.startswith(s, end)), None)
            if zone:
                place = self._division_place(stem + zone, found, stem)
                return Place(place.name, stem, place.codes, read_as=_one_name(found))
            # The wrong level's suffix (平潭区 for 平潭县), when the stem names one division;
            # in a report's title only where its text names the city above it (沐川区 in a
            # 达州市 report is a slip for 通川区 or 达川区, not 乐山市's 沐川县).
            level = next((s for s in DIVISION_SUFFIXES if text.startswith(s, end)), None)
            name = stem + (level or "")
            if (
                level
                and len(found) == 1
                and self._followed_well(text, end + len(level))
                and (not context or self.divisions.placed_above(found[0], context))
            ):
                codes = frozenset({found[0].code})
                return Place(name, stem, codes, found[0].name, misspelt=True)
            if end < len(text) and self._followed_well(text, end):
                return self._division_place(stem, found, stem)
            if end == len(text) and pos == 0:
                return self._division_place(stem, found, stem)
        m = _TOWN.match(text, pos)
        while m:  # a town, a street, a zone, or a division name the data lacks
            name = m.group(0)
            if len(place_stem_of_town(name)) >= 2 and self._followed_well(text, m.end()):
                return self._unlisted(name, context)
            # Try a longer name: 城关镇 inside 城关镇人民政府 is found first, 乌兰浩特市 later.
            m = _longer(text, pos, m.end())
        return None

    def _unlisted(self, name: str, context: str) -> Place:
        stem = place_stem_of_town(name)
        if name.endswith(DIVISION_SUFFIXES):
            near = self.divisions.nearest(name, context)
            if near is not None:
                codes = frozenset({near.code})
                return Place(name, place_stem(near.name), codes, near.name, misspelt=True)
        return Place(name, stem)

    def parse(self, text: str, context: str = "") -> AgencyName:
        """Places from the left, then the organ: the rest of the name."""
        places: list[Place] = []
        pos = 0
        while pos < len(text) and (place := self.place_at(text, pos, context)) is not None:
            places.append(place)
            pos += len(place.name)
        organ = text[pos:]
        organs = self.organs.canonical(organ) if organ else frozenset()
        return AgencyName(text, tuple(places), organ, organs)


def place_stem_of_town(name: str) -> str:
    for suffix in (*TOWN_SUFFIXES, *DIVISION_SUFFIXES):
        if name.endswith(suffix):
            return name.removesuffix(suffix)
    return name


def _one_name(divisions: list[Division]) -> str | None:
    names = {d.name for d in divisions}
    return names.pop() if len(names) == 1 else None


def _longer(text: str, pos: int, after: int) -> re.Match[str] | None:
    """The next town-like name starting at `pos` that ends after `after`."""
    for end in range(after + 1, min(len(text), pos + 11) + 1):
        m = _TOWN.fullmatch(text, pos, end)
        if m:
            return m
    return None
