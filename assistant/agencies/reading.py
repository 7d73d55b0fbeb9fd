"""How an agency named in a report title is recorded at ingest.

- A place the division data lacks but that is one character off a real one whose
  parent or own name the document mentions (沐阳县 in a report of 沭阳县) is recorded
  under the real name, with a note: citizens write the real name.
- A zone named after a real place (平潭综合实验区, after 平潭县) keeps its name; the note
  says which real place it is read at.
- A government office whose report speaks of its government's own disclosure
  (市政府共受理…, 代表市政府…) acts for that government.
Pure apart from the cached division data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.agencies.divisions import Divisions, load_divisions
from assistant.agencies.names import NameParser
from assistant.agencies.organs import Organs, load_organs

GOVERNMENT = "人民政府"
_LEVEL = "[省市县区旗]"
# The office reports the government's own work: it acts for it.
_ACTS_FOR = re.compile(
    rf"代表(?:本级)?{_LEVEL}?(?:人民)?政府"
    rf"|以{_LEVEL}?(?:人民)?政府(?:的)?名义"
    rf"|(?<![党委]){_LEVEL}(?:人民)?政府(?:共|全年|本年度?)?(?:受理|收到|办理|答复)"
    rf"|公开(?:了)?{_LEVEL}(?:人民)?政府(?:规章|其他文件)"
    rf"|{_LEVEL}政府其他文件"
)


@dataclass(frozen=True)
class AgencyReading:
    agency: str
    note: str | None = None
    acts_for: str | None = None  # the government it answers for


def read_agency(
    printed: str,
    text: str,
    divisions: Divisions | None = None,
    organs: Organs | None = None,
) -> AgencyReading:
    """The agency to record for a title's `printed` name; `text` is the document's text."""
    divisions = divisions or load_divisions()
    organs = organs or load_organs()
    parsed = NameParser(divisions, organs).parse(printed, context=text)
    agency, notes = printed, []
    for place in parsed.places:
        if place.read_as is None:
            continue
        if place.misspelt:
            agency = agency.replace(place.name, place.read_as, 1)
            notes.append(f"标题中的“{place.name}”不在行政区划数据中，按“{place.read_as}”识别")
        else:
            notes.append(f"“{place.name}”不在行政区划数据中，按所在的“{place.read_as}”识别")
    acts_for = None
    office = parsed.organs and all(organs.kind(o) == "government_office" for o in parsed.organs)
    if office and parsed.places and _ACTS_FOR.search(re.sub(r"\s+", "", text)):
        places = "".join(p.read_as if p.misspelt and p.read_as else p.name for p in parsed.places)
        acts_for = places + GOVERNMENT
    return AgencyReading(agency, "；".join(notes) or None, acts_for)
