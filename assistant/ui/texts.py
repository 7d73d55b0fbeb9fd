"""User-facing texts of the web app, kept in prompts/ui/ so they can be edited as text."""

from __future__ import annotations

from functools import cache

from assistant.settings import REPO_ROOT

TEXTS_DIR = REPO_ROOT / "prompts" / "ui"


@cache
def text(name: str) -> str:
    """The file prompts/ui/`name` (with its extension), without surrounding whitespace."""
    return (TEXTS_DIR / name).read_text(encoding="utf-8").strip()


def lines(name: str) -> list[str]:
    return [line.strip() for line in text(name).splitlines() if line.strip()]
