"""Organs of agencies and their short forms, read from organs.toml (data, not code)."""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ORGANS_FILE = Path(__file__).with_name("organs.toml")
KINDS = ("government", "government_office", "department")


class OrganDataError(ValueError):
    """organs.toml is malformed; the message names the entry and the field."""


@dataclass(frozen=True)
class Organs:
    kinds: dict[str, str]  # canonical name → kind
    # Every way of writing an organ → the canonical names it may stand for
    # (政府办 is 人民政府办公厅 in a province, 人民政府办公室 in a county).
    forms: dict[str, frozenset[str]]

    def canonical(self, text: str) -> frozenset[str]:
        """The canonical organs `text` may name; an unlisted organ stands for itself."""
        return self.forms.get(text, frozenset({text}))

    def kind(self, organ: str) -> str:
        return self.kinds.get(organ, "department")

    @property
    def longest_form(self) -> int:
        return max(map(len, self.forms), default=0)


# Joining words an abbreviation drops: 自然资源与生态环境局 is 自然资源和生态环境局.
_JOINERS = re.compile(r"[和与及、]")


def abbreviates(short: str, full: str, in_order: bool = True) -> bool:
    """Whether `short` is a way of shortening the organ `full`: its characters in order
    (旅文体局 of 旅游与文化体育局, 生态环境局 of 自然资源与生态环境局), ending alike
    (办 for 办公室: 管委办); with `in_order` False, in any order (文旅局 of 旅游与文化
    体育局: the usual order of 文化和旅游).

    Chinese organ names are shortened by keeping characters in order, so this holds for
    departments organs.toml never lists; it is only tried among the held agencies of one
    place, after the listed forms, and two that fit are asked back.
    """
    short, full = _JOINERS.sub("", short), _JOINERS.sub("", full)
    if len(short) >= 3 and short[-1] == "办" and full.endswith("办公室"):
        full = full[: -len("公室")]  # 管委办, 管委会办: 办公室 is shortened to 办
    if len(short) < 3 or short[-1] != full[-1]:
        return False
    if not in_order:
        body = Counter(full[:-1])
        return all(body[c] >= n for c, n in Counter(short[:-1]).items())
    rest = iter(full)
    return all(c in rest for c in short)


def parse_organs(data: dict, source: str) -> Organs:
    kinds: dict[str, str] = {}
    forms: dict[str, set[str]] = defaultdict(set)
    for i, entry in enumerate(data.get("organ", []), start=1):
        where = f"{source}：第{i}个 [[organ]]"
        name, kind, short = entry.get("name"), entry.get("kind"), entry.get("short", [])
        if not isinstance(name, str) or not name:
            raise OrganDataError(f"{where}：缺少 name")
        if kind not in KINDS:
            raise OrganDataError(f"{where}：kind 应为 {'、'.join(KINDS)} 之一，而不是“{kind}”")
        if not isinstance(short, list) or not all(isinstance(s, str) and s for s in short):
            raise OrganDataError(f"{where}：short 应为非空字符串的列表")
        kinds[name] = kind
        for form in (name, *short):
            forms[form].add(name)
    return Organs(kinds, {k: frozenset(v) for k, v in forms.items()})


@cache
def load_organs(path: Path = ORGANS_FILE) -> Organs:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise OrganDataError(f"{path}：TOML格式错误：{exc}") from exc
    return parse_organs(data, str(path))
