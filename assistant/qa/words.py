"""The words of a question's text and the spans they sit in. Pure: jieba's tagged spans
in, content words out (see QuestionReader.read_alone)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.agencies.names import ORGAN_ENDINGS

# Characters that join or ask rather than name; never glued into a word. jieba's tags
# say so for most (conjunction, preposition, particle, adverb, pronoun, numeral…).
_FUNCTION_CHARACTERS = frozenset(
    "的了是有在和与及或吗呢吧啊把被对从向以于为而因其该此这那年月日个几多少共但能会可要就都也还又不没才再只太很挺更"
)
FUNCTION_TAGS = frozenset({"c", "p", "u", "d", "r", "y", "m", "q", "f"})
# What a numeral (m) is made of, with the measure words it takes (一条, 几项); jieba tags
# 第三方 m too, which names a party.
_NUMERAL_CHARACTERS = frozenset(
    "零〇一二两三四五六七八九十百千万亿第几多少余半数每哪"
    "条件次个人篇项期场宗名家块份户页天日年月号批种类些"
)
_PARTICLES = "了过着"
# Directional complements: "递上来" is the verb 递, "交上去" 交.
_DIRECTIONS = re.compile(r"(?<=.)[上下进出回过起]?[来去]$")
# Single characters that only point a verb somewhere ("的事去申请"): never glued.
_UNGLUED = _FUNCTION_CHARACTERS | frozenset("来去")
# "局里没有这个信息": the agency speaking of itself, as 本机关 in the table's labels.
_ORGAN = "|".join(ORGAN_ENDINGS)
SELF_REFERENCE = re.compile(rf"^(?:(?:本|该)(?:{_ORGAN})|(?:{_ORGAN})(?:里|内|里面))$")
# Single characters glued together name something, like an unknown noun; but the gluing is
# a guess ("的事做了几次" gives 事做), so such a word is never required of a passage.
GLUED = "n-glued"


def spans_of(words: frozenset[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for w in words for m in re.finditer(re.escape(w), text)]


def overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def covered(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Every character inside one of the spans: 申请公开 is 申请 + 公开, both generic."""
    return all(any(s <= i < e for s, e in spans) for i in range(start, end))


def blank_out(text: str, pattern: re.Pattern[str]) -> str:
    """`text` with the matches replaced by spaces, so positions stay the same."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def is_function_word(word: str, tag: str) -> bool:
    """因为, 而且, 我们, 几个…: no content of their own (jieba's tags say so)."""
    if tag[:1] == "m" and not all(c in _NUMERAL_CHARACTERS or c.isdigit() for c in word):
        return False
    # "才能给" is 才 + 能, though jieba may read 才能 (talent): a word of function
    # characters only has no content either way.
    return tag[:1] in FUNCTION_TAGS or all(c in _FUNCTION_CHARACTERS for c in word)


def last_before(words: Sequence[tuple[str, str, int, int]], position: int) -> str | None:
    before = [w for w, _, start, _ in words if start < position]
    return before[-1] if before else None


def without_particle(span: tuple[str, str, int, int]) -> tuple[str, str, int, int]:
    """ "发布了" is the word 发布: the aspect particle (了/过/着) that jieba's dictionary keeps
    on some verbs is no part of what a report would print, nor is a directional
    complement (递上来 is 递)."""
    word, tag, start, end = span
    if len(word) >= 3 and word[-1] in _PARTICLES:
        return word[:-1], tag, start, end - 1
    direction = _DIRECTIONS.search(word) if len(word) >= 3 and tag[:1] == "v" else None
    if direction:
        return word[: direction.start()], tag, start, end - len(direction.group())
    return span


def glue_characters(
    spans: Sequence[tuple[str, str, int, int]],
) -> list[tuple[str, str, int, int]]:
    """Runs of single characters glued into one word.

    A word missing from jieba's dictionary ("差评") comes out as single characters, which
    would otherwise be dropped; glued, it is still found in part ("差评数占比").
    """
    glued: list[tuple[str, str, int, int]] = []
    gluing = False  # the last entry is a run of single characters
    for word, tag, start, end in spans:
        single = (
            len(word) == 1
            and word not in _UNGLUED
            and tag[:1] not in FUNCTION_TAGS
            and not word.isdigit()
        )
        if single and gluing and glued[-1][3] == start:
            last = glued.pop()
            glued.append((last[0] + word, GLUED, last[2], end))
        else:
            glued.append((word, GLUED if single else tag, start, end))
        gluing = single
    return glued
