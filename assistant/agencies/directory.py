"""Which held agency a name means: the rules of ARCHITECTURE.md, "Agencies".

- X政府 = X人民政府; a short form (科委) names its full organ (科学技术委员会).
- A place alone means that place's government when one is held; failing that, a
  government office whose report says it acts for the government (代表市政府).
- Places above the lowest one must be on the agency's chain (江苏省淮安市 = 淮安市).
- Never a parent's, child's or sibling's agency: the lowest place and the organ must match.
- An organ with no place (管委会办公室) means the one held agency with that organ, in a
  question that names no place; the answer names the agency it is about.
- Two held agencies that both fit are named back to the citizen, not chosen between.

Pure apart from the cached division and organ data. Resolution is a dictionary look-up by
the lowest place's stem, so thousands of agencies cost nothing per question.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from assistant.agencies.divisions import Divisions, load_divisions, place_stem
from assistant.agencies.names import ZONE_SUFFIXES, AgencyName, NameParser, Place
from assistant.agencies.organs import Organs, abbreviates, load_organs

_NAME_TAGS = frozenset({"ns", "nt"})
# Proper nouns: an unknown place's name before a suffix (洪泽 区), unlike 利用 镇村居.
_PROPER_TAGS = frozenset({"nr", "ns", "nz", "nrt", "nrfg"})
# Words that continue a place in a run of the question: its suffix, or a zone's (平潭 + 实验区).
_SUFFIX_WORDS = frozenset(
    {"省", "市", "县", "区", "镇", "乡", "街道", "旗", "州", *ZONE_SUFFIXES, "综合实验区"}
)


# The most words a shortened organ is cut into by the tokenizer (旅 + 文体局).
_ORGAN_WORDS = 4
# How the name of a department ends, unlike verbs that end the same way (办, 处).
_DEPARTMENT_ENDINGS = ("局", "委员会", "委", "厅", "办公室")
# Words that never belong to an organ's name (的, 了, numbers, measure words, pronouns…).
_NOT_IN_NAMES = frozenset({"u", "p", "c", "m", "q", "r", "d", "x", "e", "y", "f"})


def _unheld_organ_at(tagged: Sequence[tuple[str, str]], i: int) -> int:
    """How many words from `i` on read as one department's name (0 when none)."""
    for count in range(1, min(_ORGAN_WORDS, len(tagged) - i) + 1):
        word, tag = tagged[i + count - 1]
        if tag[:1] in _NOT_IN_NAMES or not all("\u4e00" <= c <= "\u9fff" for c in word):
            return 0
        text = "".join(w for w, _ in tagged[i : i + count])
        if len(text) >= 3 and text.endswith(_DEPARTMENT_ENDINGS):
            return count
    return 0


def _unheld_organs(tagged: Sequence[tuple[str, str]], taken: Sequence[Mention]) -> list[Mention]:
    """Departments named with no place (教育局), outside the mentions already found."""
    found: list[Mention] = []
    position = i = 0
    while i < len(tagged):
        count = _unheld_organ_at(tagged, i)
        text = "".join(w for w, _ in tagged[i : i + max(count, 1)])
        end = position + len(text)
        if count and not any(m.start < end and position < m.end for m in taken):
            found.append(Mention(text, position, end, None))
        position = end
        i += max(count, 1)
    return found


@dataclass(frozen=True)
class Resolution:
    agency: str | None  # the held agency meant
    candidates: tuple[str, ...] = ()  # held agencies that compete (ask back)

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


@dataclass(frozen=True)
class Mention:
    text: str
    start: int
    end: int
    agency: str | None  # None: the corpus holds no such agency (or several compete)
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class HeldAgency:
    name: str
    parsed: AgencyName
    chain: tuple[Place, ...]  # its places with the real divisions above them
    kind: str  # government | government_office | department
    acts_for_government: bool


class AgencyDirectory:
    """The agencies of the held reports, read once; `resolve` and `mentions` use them."""

    def __init__(
        self,
        agencies: Iterable[str],
        acts_for: Mapping[str, str] | None = None,
        divisions: Divisions | None = None,
        organs: Organs | None = None,
    ) -> None:
        self.divisions = divisions or load_divisions()
        self.organs = organs or load_organs()
        self.parser = NameParser(self.divisions, self.organs)
        acts_for = acts_for or {}
        self.held: dict[str, HeldAgency] = {}
        self._by_stem: dict[str, list[HeldAgency]] = defaultdict(list)
        for name in sorted(set(agencies)):
            parsed = self.parser.parse(name)
            if parsed.place is None:
                continue
            # A report titled by its place alone (平潭综合实验区) is the place's government's.
            kind = self.organs.kind(min(parsed.organs)) if parsed.organs else "government"
            held = HeldAgency(name, parsed, self._chain(parsed), kind, bool(acts_for.get(name)))
            self.held[name] = held
            self._by_stem[parsed.place.stem].append(held)
            for code in parsed.place.codes:  # 平潭综合实验区 is found under 平潭 too
                self._by_stem[place_stem(self.divisions.by_code[code].name)].append(held)
        self._held_organs = {h.parsed.organ for h in self.held.values() if h.parsed.organ}
        self._held_organs_by_end: dict[str, list[str]] = defaultdict(list)
        for organ in self._held_organs:
            self._held_organs_by_end[organ[-1]].append(organ)
            if organ.endswith("办公室"):  # shortened to …办 (see organs.abbreviates)
                self._held_organs_by_end["办"].append(organ)

    def _chain(self, parsed: AgencyName) -> tuple[Place, ...]:
        chain: list[Place] = []
        for place in parsed.places:
            if len(place.codes) == 1:
                (code,) = place.codes
                for d in self.divisions.chain(self.divisions.by_code[code])[:-1]:
                    chain.append(Place(d.name, place_stem(d.name), frozenset({d.code})))
            chain.append(place)
        return tuple(chain)

    @property
    def places(self) -> set[str]:
        """Place words to teach the tokenizer: held places, their stems, every division."""
        words = {p.name for h in self.held.values() for p in h.parsed.places}
        words |= {p.stem for h in self.held.values() for p in h.parsed.places if len(p.stem) >= 2}
        words |= set(self.divisions.by_name)
        return words

    @property
    def organ_words(self) -> set[str]:
        return set(self.organs.forms) | {
            h.parsed.organ for h in self.held.values() if h.parsed.organ
        }

    def government_of(self, agency: str) -> str | None:
        """The held government of the place `agency` lies in (itself, for a government)."""
        held = self.held.get(agency)
        if held is None or held.parsed.place is None:
            return None
        if held.kind == "government":
            return agency
        place = held.parsed.place
        return self._resolve(AgencyName(place.name, held.parsed.places, "", frozenset())).agency

    def parse(self, name: str, context: str = "") -> AgencyName:
        return self.parser.parse(name, context)

    def resolve(self, mention: str) -> Resolution:
        found = self._resolve_mention(mention)
        if found.agency or found.candidates:
            return found
        return self._shortened_held_organ(mention) or found

    def _shortened_held_organ(self, mention: str) -> Resolution | None:
        """ "资源生态局" (资源 is also 资源县), "平潭市监局" (read as 平潭市 + 监局): a held
        organ shortened, after a held place's stem or none, when nothing else fits."""
        prefixes = [("", list(self.held.values()))]
        prefixes += [(s, list(hs)) for s, hs in self._by_stem.items() if mention.startswith(s)]
        for stem, held in prefixes:
            rest = mention[len(stem) :]
            if not self._shortens_held_organ(rest):
                continue
            shortened = AgencyName(rest, (), rest, frozenset({rest}))
            names = sorted({h.name for h in self._organ_fits(held, shortened)})
            if names:
                return Resolution(names[0] if len(names) == 1 else None, tuple(names))
        return None

    def _resolve_mention(self, mention: str) -> Resolution:
        parsed = self.parser.parse(mention)
        governs = bool(parsed.organs) and all(
            self.organs.kind(o) == "government" for o in parsed.organs
        )
        if parsed.place is None and parsed.organ and not governs:
            # "公安局2021年…" (or 交建局, shortened) with no place: the held one, when only
            # one is held.
            names = sorted(h.name for h in self._organ_fits(list(self.held.values()), parsed))
            return Resolution(names[0] if len(names) == 1 else None, tuple(names))
        if parsed.place is None:
            held_stem = self._by_stem.get(mention)
            if not held_stem:
                return Resolution(None)
            parsed = AgencyName(mention, (Place(mention, mention),), "", frozenset())
        return self._resolve(parsed)

    def _resolve(self, parsed: AgencyName) -> Resolution:
        lowest = parsed.place
        assert lowest is not None
        here = [
            h
            for h in dict.fromkeys(self._by_stem.get(lowest.stem, []))
            if h.parsed.place is not None
            and h.parsed.place.same(lowest)
            and all(any(p.same(q) for q in h.chain) for p in parsed.places[:-1])
        ]
        # 政府, 管委会, 街道办: whichever form the place's government takes.
        governs = all(self.organs.kind(o) == "government" for o in parsed.organs)
        if parsed.organs and not governs:
            fits = self._organ_fits(here, parsed)
        else:
            fits = [h for h in here if h.kind == "government"] or [
                h for h in here if h.kind == "government_office" and h.acts_for_government
            ]
        names = tuple(sorted(h.name for h in fits))
        if len(names) == 1:
            return Resolution(names[0], names)
        return Resolution(None, names)

    @staticmethod
    def _organ_fits(held: list[HeldAgency], parsed: AgencyName) -> list[HeldAgency]:
        """The held agencies whose organ the name means: by its listed forms, failing
        that as an abbreviation of the printed organ (旅文体局 for 旅游与文化体育局), and
        last with its characters in any order (文旅局)."""
        listed = [h for h in held if h.parsed.organs & parsed.organs]
        for in_order in (True, False):
            listed = listed or [
                h
                for h in held
                if h.parsed.organ and abbreviates(parsed.organ, h.parsed.organ, in_order)
            ]
        return listed

    def mentions(self, tagged: Sequence[tuple[str, str]]) -> list[Mention]:
        """Agency names in a tagged question: runs of place and organ words.

        A bare place word without a suffix (中国, 长三角, 和平) counts only when it is the
        stem of a held agency's place (淮安, 平潭); anything with a place suffix or an
        organ counts, held or not.
        """
        found: list[Mention] = []
        organ_only_found: list[Mention] = []  # 公安局 with no place (see `resolve`)
        run: list[str] = []
        run_start = position = 0
        organ_words = self.organ_words

        def close() -> None:
            if run:
                printed = "".join(run)
                text = "".join(w for w in run if w != "的")  # 平潭的公安局 is 平潭公安局
                parsed = self.parser.parse(text)
                bare = (
                    parsed.place is not None
                    and parsed.place.name == text
                    and not (text.endswith(tuple(_SUFFIX_WORDS)) or text in self.divisions.by_name)
                )
                # 政府 alone is the government in general (找政府要信息), no agency.
                organ_only = (
                    parsed.place is None
                    and (text in organ_words or self._shortens_held_organ(text))
                    and all(self.organs.kind(o) != "government" for o in parsed.organs)
                )
                if (parsed.place is not None and not bare) or text in self._by_stem or organ_only:
                    r = self.resolve(text)
                    mention = Mention(
                        text, run_start, run_start + len(printed), r.agency, r.candidates
                    )
                    (organ_only_found if organ_only else found).append(mention)
            run.clear()

        i = 0
        while i < len(tagged):
            word, tag = tagged[i]
            # 平潭 + 旅文 + 体局: words that together shorten a held organ join the run;
            # after a place, so do words that end like an organ (平潭 + 投资促进局), held
            # or not: a department not held must be refused, not read as its place.
            taken = self._organ_words_at(tagged, i) or (run and _unheld_organ_at(tagged, i))
            if taken:
                if not run:
                    run_start = position
                run.extend(w for w, _ in tagged[i : i + taken])
                position += sum(len(w) for w, _ in tagged[i : i + taken])
                i += taken
                continue
            next_word = tagged[i + 1][0] if i + 1 < len(tagged) else ""
            is_name = tag in _NAME_TAGS
            # 洪泽 + 区: jieba takes an unknown place name for a person's name (nr).
            before_suffix = tag in _PROPER_TAGS and len(word) >= 2 and next_word in _SUFFIX_WORDS
            joins = bool(run) and (
                word in organ_words
                or word in _SUFFIX_WORDS
                or word in ("人民", "的")
                and next_word in organ_words
            )
            if is_name or before_suffix or joins:
                if not run:
                    run_start = position
                run.append(word)
            else:
                close()
            position += len(word)
            i += 1
        close()
        # Once a place's agency is named, organ words are the topic ("平潭公安局…公安审批
        # 事项"); an organ alone names the agency only in a question that names no place.
        # So is a place written without its suffix that no held agency is in ("平潭公安局
        # …公安政府信息": 公安 is also 公安县).
        if any(m.agency for m in found):
            found = [m for m in found if m.agency or not self._unheld_bare_place(m.text)]
        if found and all(self._place_only(m.text) for m in found):
            organs = organ_only_found or _unheld_organs(tagged, found)
            if organs:
                return self._placed(found, organs)
        return found or sorted(organ_only_found, key=lambda m: m.start)

    def _place_only(self, text: str) -> bool:
        parsed = self.parser.parse(text)
        return parsed.place is not None and not parsed.organs

    def _placed(self, places: list[Mention], organs: list[Mention]) -> list[Mention]:
        """ "文旅局21年作出了几个处罚决定？平潭的": a place said apart from the organ it
        qualifies names that organ's agency there, when exactly one place is said; the
        place is then no agency of its own (平潭's government)."""
        if len({m.text for m in places}) != 1:
            return places
        place = places[0].text
        placed = []
        for organ in sorted(organs, key=lambda m: m.start):
            r = self.resolve(place + organ.text)
            placed.append(replace(organ, agency=r.agency, candidates=r.candidates))
        agency = placed[0].agency
        return placed + [replace(m, agency=agency, candidates=placed[0].candidates) for m in places]

    def _unheld_bare_place(self, text: str) -> bool:
        place = self.parser.parse(text).place
        return place is not None and place.name == place.stem and place.stem not in self._by_stem

    def _organ_words_at(self, tagged: Sequence[tuple[str, str]], i: int) -> int:
        """How many words from `i` on spell a shortened held organ that no listed form
        covers (0 when none): the longest such run of at most four words."""
        for count in range(min(_ORGAN_WORDS, len(tagged) - i), 0, -1):
            if self._shortens_held_organ("".join(w for w, _ in tagged[i : i + count])):
                return count
        return 0

    def _shortens_held_organ(self, text: str) -> bool:
        # An abbreviation ends like its organ: only those are tried (thousands held).
        return any(abbreviates(text, o) for o in self._held_organs_by_end.get(text[-1:], ()))
