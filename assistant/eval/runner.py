"""Asking every question of a QA set, timed; and a fresh, throw-away store for a corpus."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING, Any

from assistant.eval.qaset import QAItem
from assistant.eval.scoring import Result
from assistant.qa.answer import Answer
from assistant.services import Services
from assistant.settings import Settings

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

Ask = Callable[[str, Sequence[Mapping[str, str]]], Answer]

# Asked once before timing starts: the first call pays for lazy loading (jieba's
# dictionary, the model's first forward pass), which no later question does.
WARM_UP = ("政府信息公开申请应当包括哪些内容？",)


class EvalError(RuntimeError):
    """The evaluation could not run (a corpus file failed to ingest); message in Chinese."""


def ask_all(ask: Ask, items: Sequence[QAItem], warm_up: Sequence[str] = WARM_UP) -> list[Result]:
    for question in warm_up:
        ask(question, ())
    results = []
    for item in items:
        start = time.perf_counter()
        answer = ask(item.question, item.history)
        results.append(Result(item, answer, (time.perf_counter() - start) * 1000))
    return results


@contextmanager
def fresh_store(
    base: Settings,
    corpus: Path,
    embeddings: Embeddings | None = None,
    **overrides: Any,
) -> Iterator[Services]:
    """Services on a new temporary data directory holding only `corpus`, removed afterwards.

    The built model stays where `base` keeps it; pass `embeddings` to share a loaded one.
    """
    from ingest.pipeline import Ingestor, expand_paths

    if not corpus.exists():
        raise EvalError(f"语料目录不存在：{corpus}")
    with TemporaryDirectory(prefix="govqa-eval-") as tmp:
        settings = base.model_copy(
            update={
                "data_dir": Path(tmp),
                "database_url": None,
                "chroma_mode": "embedded",
                "chroma_path": None,
                "models_dir": base.resolved_models_dir,
                **overrides,
            }
        )
        services = Services(settings)
        if embeddings is not None:
            services.embeddings = embeddings  # overrides the cached_property: no second load
        summary = Ingestor.from_services(services).ingest(expand_paths([corpus]))
        failed = [r for r in summary.results if r.outcome == "failed"]
        if failed:
            raise EvalError("；".join(f"入库失败：{r.path}：{r.message}" for r in failed))
        if not summary.results:
            raise EvalError(f"语料目录中没有可导入的文件：{corpus}")
        yield services
