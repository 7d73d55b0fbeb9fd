"""Spotting a chat message that asks to file a 依申请公开 request (pure).

"我想申请公开城关镇2021年的拆迁补偿方案" or "怎么申请政府信息公开？" lead to the request
form instead of an answer; questions *about* the procedure ("依申请公开的答复期限是多少天")
are ordinary questions for the answerer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# A wish to apply ("我想申请公开…", "我要向…申请获取…"), a bare "申请公开…" that asks nothing,
# or a how-to ("怎么申请…", "如何提交政府信息公开申请"); each may name what is wanted.
#
# Every pattern below runs in time linear in the message: each is anchored or starts with a
# literal, and `.*` runs under DOTALL so it ends at the end of the text on its first try
# (without DOTALL a newline made every later start re-scan the line). Trailing punctuation
# is stripped with str methods, not with a `[…]*$` search, which retries the whole run of
# punctuation from each of its characters when something else follows it (quadratic).
_WISH = re.compile(
    r"(?s)^(?:请问)?(?:我|本人|我们)?(?:想|要|希望|需要|打算|准备)"
    r"(?:向[^，。？！\s]{1,30})?申请(?:公开|获取|查阅|提供)(?P<rest>.*)$"
)
_BARE = re.compile(r"(?s)^申请(?:公开|获取)(?P<rest>.*)$")
_ASKING = re.compile(r"什么|多少|几|吗|哪|是否|如何|怎么|[?？]")
_HOW = re.compile(
    r"(?s)(?:怎么|怎样|如何|在哪里?|哪里可以|去哪里?)(?:才能)?(?:提出|提交|进行|办理)?"
    r"(?:政府信息公开申请|依申请公开|申请政府信息公开|申请(?:公开|获取|查阅)?)(?P<rest>.*)$"
)
_LEAD = re.compile(r"^(?:政府信息|关于|有关|一下|的)+")
_TRAIL_PUNCTUATION = "。？！?!，, \t\r\n\u3000"
_TRAIL_PARTICLES = ("呢", "吗", "啊")
_TRAIL_WORDS = ("的政府信息", "的信息", "政府信息", "信息")
_PLACE = re.compile(r"[\u4e00-\u9fff]+?(?:街道|省|市|县|区|镇|乡)")


@dataclass(frozen=True)
class ApplyIntent:
    content: str  # what the person wants disclosed, as they wrote it ("" when not said)
    agency: str | None  # a known agency the message names


def apply_intent(message: str, agencies: Iterable[str] = ()) -> ApplyIntent | None:
    """The request the message asks to file, or None for an ordinary question."""
    text = message.strip()
    match = _WISH.match(text) or _HOW.search(text)
    if match is None and (bare := _BARE.match(text)) and not _ASKING.search(bare.group("rest")):
        match = bare
    if match is None:
        return None
    content = _without_trail(_LEAD.sub("", match.group("rest").strip()))
    return ApplyIntent(content=content, agency=named_agency(text, agencies))


def _without_trail(content: str) -> str:
    """`content` without a closing "的政府信息", particle and punctuation, in that order from
    the end (what the wish says about the information, not what is wanted)."""
    content = content.rstrip(_TRAIL_PUNCTUATION)
    for particle in _TRAIL_PARTICLES:
        if content.endswith(particle):
            content = content.removesuffix(particle)
            break
    for words in _TRAIL_WORDS:
        if content.endswith(words):
            return content.removesuffix(words)
    return content


def named_agency(text: str, agencies: Iterable[str]) -> str | None:
    """The agency whose full name or lowest place (城关镇 of 平罗县城关镇人民政府) the text
    contains; None when none or several match."""
    found = {
        agency
        for agency in agencies
        if agency in text or ((places := _PLACE.findall(agency)) and places[-1] in text)
    }
    return found.pop() if len(found) == 1 else None
