"""An `Answer` as the chat and the `/ask` endpoint show it (pure)."""

from __future__ import annotations

from collections.abc import Iterator

from assistant.qa import Answer, Citation

CITATIONS_TITLE = "引用出处（{count}）"


def citation_line(citation: Citation) -> str:
    """One citation in plain text: where it is, then what it says."""
    line = citation.source
    if citation.quote:
        line += f"：{citation.quote}"
    return line


def citations_markdown(answer: Answer) -> str:
    """The citations as a numbered list, quotes set off, for the collapsible block."""
    items = []
    for number, citation in enumerate(answer.citations, start=1):
        item = f"{number}. **{citation.source}**"
        if citation.quote:
            item += f"\n\n    > {citation.quote}"
        if citation.finding:
            item += f"\n\n    （勾稽检查 {citation.finding}）"
        items.append(item)
    return "\n".join(items)


def citations_title(answer: Answer) -> str:
    return CITATIONS_TITLE.format(count=len(answer.citations))


def answer_with_citations(answer: Answer) -> str:
    """What `/ask` returns: the answer text, then every citation on its own line."""
    if not answer.citations:
        return answer.text
    listed = "\n".join(
        f"{number}. {citation_line(c)}" for number, c in enumerate(answer.citations, start=1)
    )
    return f"{answer.text}\n\n引用：\n{listed}"


def growing(text: str, step: int = 6) -> Iterator[str]:
    """Ever longer prefixes of `text`, ending with all of it: the text as it streams in."""
    for end in range(step, len(text), step):
        yield text[:end]
    yield text
