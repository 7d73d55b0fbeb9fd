"""The long-lived components, built once per process from one `Settings`."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from assistant.db import Database
from assistant.settings import Settings

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from assistant.index import ChunkIndex


class Services:
    """Lazily built and then shared: the model loads once, the database migrates once."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def db(self) -> Database:
        self.settings.ensure_dirs()
        db = Database(self.settings.resolved_database_url)
        db.migrate()
        return db

    @cached_property
    def embeddings(self) -> Embeddings:
        from assistant.embeddings import build_embeddings

        return build_embeddings(self.settings)

    @cached_property
    def index(self) -> ChunkIndex:
        from assistant.index import ChunkIndex

        return ChunkIndex.from_settings(self.settings, self.embeddings)
