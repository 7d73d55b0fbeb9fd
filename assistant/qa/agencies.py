"""Which agency a question names, matched against the agencies whose reports the corpus holds.

An agency name is read as a chain of places and an organ: 平罗县城关镇人民政府 is
(平罗县, 城关镇) + 人民政府. A mention names a held agency when its lowest place is the
agency's lowest place, its other places are in the agency's chain, and its organ (if
any) is the agency's. So 城关镇 and 平罗县城关镇政府 name 平罗县城关镇人民政府, while
平罗县人民政府 (a county government) and 淮安市洪泽区 (a district) name agencies the
corpus does not hold, and must never be answered with a neighbour's figures.

Pure: the tagged words come from `Tokenizer.tagged`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_PLACE_SUFFIXES = (
    "特别行政区", "自治区", "自治州", "自治县", "街道",
    "省", "市", "州", "盟", "县", "区", "旗", "镇", "乡",
)  # fmt: skip
_PLACE = re.compile(rf"[\u4e00-\u9fff]+?(?:{'|'.join(_PLACE_SUFFIXES)})")

# Short forms of organs, as people write them.
_ORGANS = {
    "政府": "人民政府",
    "人民政府": "人民政府",
    "政府办公厅": "人民政府办公厅",
    "人民政府办公厅": "人民政府办公厅",
    "办公厅": "人民政府办公厅",
    "政府办公室": "人民政府办公室",
    "人民政府办公室": "人民政府办公室",
    "政府办": "人民政府办公室",
    "办公室": "人民政府办公室",
    "办事处": "街道办事处",
    "街道办事处": "街道办事处",
    "街道办": "街道办事处",
}
# Words that continue an agency name after a place (jieba tags them as plain nouns).
_ORGAN_WORDS = frozenset({*_ORGANS, "人民", "政府办公厅", "街道办"})
_NAME_TAGS = frozenset({"ns", "nt"})
# Proper nouns: an unknown place's name before a suffix (洪泽 区), unlike 利用 镇村居.
_PROPER_TAGS = frozenset({"nr", "ns", "nz", "nrt", "nrfg"})
# The organ a bare place name stands for when the corpus holds several agencies there.
_DEFAULT_ORGAN = "人民政府"


@dataclass(frozen=True)
class AgencyName:
    places: tuple[str, ...]
    organ: str  # normalised (人民政府, 人民政府办公厅…); "" when only places are named

    @property
    def place(self) -> str:
        return self.places[-1] if self.places else ""


def place_stem(place: str) -> str:
    """淮安市 → 淮安, the form people often write; a one-character stem stays whole (沛县)."""
    for suffix in _PLACE_SUFFIXES:
        stem = place.removesuffix(suffix)
        if stem != place and len(stem) >= 2:
            return stem
    return place


def same_place(a: str, b: str) -> bool:
    return a == b or place_stem(a) == place_stem(b)


def parse_name(text: str) -> AgencyName:
    places: list[str] = []
    position = 0
    while m := _PLACE.match(text, position):
        places.append(m.group(0))
        position = m.end()
    rest = text[position:]
    return AgencyName(tuple(places), _ORGANS.get(rest, rest))


def names_agency(mention: AgencyName, agency: AgencyName) -> bool:
    if not mention.places or not same_place(mention.place, agency.place):
        return False
    if not all(any(same_place(p, q) for q in agency.places) for p in mention.places):
        return False
    return mention.organ in ("", agency.organ)


@dataclass(frozen=True)
class Mention:
    text: str
    start: int
    end: int
    agency: str | None  # the held agency it names; None when the corpus has no such agency


class AgencyDirectory:
    """The agencies of the held reports, and the places to teach the tokenizer."""

    def __init__(self, agencies: Iterable[str]) -> None:
        self.names = {agency: parse_name(agency) for agency in sorted(set(agencies))}
        self._stems = {place_stem(p) for n in self.names.values() for p in n.places}

    @property
    def places(self) -> set[str]:
        return {p for n in self.names.values() for p in n.places} | self._stems

    def resolve(self, mention: str) -> str | None:
        """The held agency `mention` names; None when it names none (or several)."""
        parsed = parse_name(mention)
        if not parsed.places and mention in self._stems:
            parsed = AgencyName((mention,), "")
        matches = [a for a, name in self.names.items() if names_agency(parsed, name)]
        if len(matches) > 1 and not parsed.organ:
            matches = [a for a in matches if self.names[a].organ == _DEFAULT_ORGAN]
        return matches[0] if len(matches) == 1 else None

    def mentions(self, tagged: Sequence[tuple[str, str]]) -> list[Mention]:
        """Agency names in a tagged question: runs of place/organisation words.

        A bare place word without a suffix (中国, 长三角) counts only when it is the stem
        of a held agency's place (淮安, 上海); anything with a place suffix or an organ
        counts, held or not.
        """
        found: list[Mention] = []
        run: list[str] = []
        run_start = position = 0

        def close() -> None:
            if run:
                text = "".join(run)
                parsed = parse_name(text)
                if parsed.places or text in self._stems:
                    found.append(
                        Mention(text, run_start, run_start + len(text), self.resolve(text))
                    )
            run.clear()

        for i, (word, tag) in enumerate(tagged):
            next_word = tagged[i + 1][0] if i + 1 < len(tagged) else ""
            is_name = tag in _NAME_TAGS
            # 洪泽 + 区: jieba takes an unknown place name for a person's name (nr).
            before_suffix = tag in _PROPER_TAGS and len(word) >= 2 and next_word in _PLACE_SUFFIXES
            joins = bool(run) and (word in _ORGAN_WORDS or word in _PLACE_SUFFIXES)
            if is_name or before_suffix or joins:
                if not run:
                    run_start = position
                run.append(word)
            else:
                close()
            position += len(word)
        close()
        return found
