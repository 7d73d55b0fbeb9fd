"""QA sets: one JSON object per line.

    {"id": "cg-01", "question": "…", "expected": "1252", "kind": "narrative",
     "history": [{"role": "user", "content": "…"}, {"role": "assistant", "content": "…"}]}

`expected` is a number as a string, null when the corpus does not hold the answer (the
assistant must refuse), or other text that the answer must contain (e.g. "第三十六条").
`kind` is table | narrative | policy | refusal and splits the accuracy; `history` is
optional and carries the turns before a follow-up.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KINDS = ("table", "narrative", "policy", "refusal")


class QASetError(ValueError):
    """A QA file that cannot be read; the message names the file, the line and the field."""


@dataclass(frozen=True)
class QAItem:
    id: str
    question: str
    expected: str | None
    kind: str
    history: tuple[dict[str, str], ...] = field(default=())

    @property
    def answerable(self) -> bool:
        return self.expected is not None


def _history(value: Any, where: str) -> tuple[dict[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise QASetError(f"{where}：history 应为列表")
    turns = []
    for turn in value:
        if not (
            isinstance(turn, dict)
            and turn.get("role") in ("user", "assistant")
            and isinstance(turn.get("content"), str)
        ):
            raise QASetError(
                f'{where}：history 的每一项应为 {{"role": "user"|"assistant", "content": "…"}}'
            )
        turns.append({"role": turn["role"], "content": turn["content"]})
    return tuple(turns)


def parse_item(data: Any, where: str) -> QAItem:
    if not isinstance(data, dict):
        raise QASetError(f"{where}：应为JSON对象")
    for name in ("id", "question"):
        if not isinstance(data.get(name), str) or not data[name].strip():
            raise QASetError(f"{where}：缺少字段 {name}（非空字符串）")
    if "expected" not in data:
        raise QASetError(f"{where}：缺少字段 expected（数字字符串、文本，或 null 表示应拒答）")
    expected = data["expected"]
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        expected = str(expected)
    if expected is not None and not (isinstance(expected, str) and expected.strip()):
        raise QASetError(f"{where}：expected 应为字符串或 null")
    kind = data.get("kind", "refusal" if expected is None else "narrative")
    if kind not in KINDS:
        raise QASetError(f"{where}：kind 应为 {'、'.join(KINDS)} 之一，而不是“{kind}”")
    if (kind == "refusal") != (expected is None):
        raise QASetError(f"{where}：kind 为 refusal 当且仅当 expected 为 null")
    return QAItem(
        data["id"], data["question"], expected, kind, _history(data.get("history"), where)
    )


def read_qa_lines(lines: Iterable[str], source: str) -> list[QAItem]:
    items: list[QAItem] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source} 第{number}行"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise QASetError(f"{where}：不是有效的JSON（{exc.msg}）") from exc
        item = parse_item(data, where)
        if item.id in seen:
            raise QASetError(f"{where}：id “{item.id}” 重复")
        seen.add(item.id)
        items.append(item)
    return items


def load_qa(paths: Iterable[Path]) -> list[QAItem]:
    items: list[QAItem] = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QASetError(f"{path}：无法读取（{exc.strerror}）") from exc
        items += read_qa_lines(text.splitlines(), str(path))
    ids = [i.id for i in items]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise QASetError(f"多个文件中的 id 重复：{'、'.join(duplicates)}")
    return items
