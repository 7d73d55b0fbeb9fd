"""Organs of agencies and their short forms, read from organs.toml (data, not code)."""

from __future__ import annotations

import tomllib
from collections import defaultdict
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
