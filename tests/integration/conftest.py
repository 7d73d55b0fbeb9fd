"""Fixtures for the integration suite: one real PostgreSQL cluster and one real
`chroma run` server per session; each test gets its own database and collection.

When the servers cannot start, every integration test fails under CI (`CI` set to true)
and is skipped with the reason elsewhere (`pytest -rs` lists it): never silently.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from assistant.settings import Settings
from tests.services.servers import ServiceError, TestServers, running_servers


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def servers() -> Iterator[TestServers]:
    with ExitStack() as stack:
        try:
            started = stack.enter_context(running_servers())
        except (ServiceError, OSError) as exc:
            reason = f"integration servers unavailable: {exc}"
            if _in_ci():
                pytest.fail(reason, pytrace=False)
            pytest.skip(reason)
        yield started


@pytest.fixture
def pg_url(servers: TestServers) -> Iterator[str]:
    """A fresh, empty database for this test."""
    name = f"govqa_{uuid.uuid4().hex[:12]}"
    servers.postgres.create_database(name)
    yield servers.postgres.url(name)
    servers.postgres.drop_database(name)


@pytest.fixture
def settings(pg_url: str, servers: TestServers, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings from the environment, as an app instance or a CLI subprocess sees them."""
    monkeypatch.setenv("GOVQA_DATABASE_URL", pg_url)
    monkeypatch.setenv("GOVQA_CHROMA_MODE", "http")
    monkeypatch.setenv("GOVQA_CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("GOVQA_CHROMA_PORT", str(servers.chroma.port))
    monkeypatch.setenv("GOVQA_CHROMA_COLLECTION", f"chunks-{uuid.uuid4().hex[:12]}")
    return Settings()
