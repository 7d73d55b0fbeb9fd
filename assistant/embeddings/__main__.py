"""Build (or check) the embedding model ahead of first use: `python -m assistant.embeddings`."""

from __future__ import annotations

import logging

from assistant.embeddings.factory import resolve_model_path
from assistant.settings import Settings


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    print(f"嵌入模型已就绪：{resolve_model_path(Settings())}")


if __name__ == "__main__":
    main()
