"""Migrations, ingest and retrieval against a real PostgreSQL and a real `chroma run`
server, configured only through GOVQA_* environment variables."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

import assistant.corpus.models
import assistant.requests.models
import assistant.tables.models  # noqa: F401  (every model registers its table)
from assistant.db import Base, Database
from assistant.db.engine import MIGRATIONS_DIR
from assistant.services import Services
from assistant.settings import Settings
from assistant.tables.store import cells_for
from ingest.pipeline import Ingestor, expand_paths
from tests.conftest import SAMPLES
from tests.integration.stores import documents, index_problems

pytestmark = pytest.mark.integration


def _unexpected_differences(db: Database) -> list[tuple]:  # type: ignore[type-arg]
    """Schema differences between the migrated database and the models."""
    with db.engine.connect() as conn:
        unique_indexes = {
            (table, tuple(index["column_names"]))
            for table in inspect(conn).get_table_names()
            for index in inspect(conn).get_indexes(table)
            if index["unique"]
        }
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # Migration 0001 declares documents.path UNIQUE and also gives it a unique index,
    # the models only the index: the same rule twice, not a difference that matters.
    return [
        diff
        for diff in diffs
        if not (
            diff[0] == "remove_constraint"
            and (diff[1].table.name, tuple(c.name for c in diff[1].columns)) in unique_indexes
        )
    ]


def test_migrations_build_the_models_schema_on_postgres(pg_url: str) -> None:
    db = Database(pg_url)
    assert inspect(db.engine).get_table_names() == []
    db.migrate()
    db.migrate()  # idempotent, as every app instance runs it at start
    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    with db.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head
        tables = set(inspect(conn).get_table_names())
    assert tables == set(Base.metadata.tables) | {"alembic_version"}
    assert _unexpected_differences(db) == []
    db.dispose()


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    folder = tmp_path / "samples"
    shutil.copytree(SAMPLES, folder)
    return folder


@pytest.mark.slow
def test_samples_ingest_and_retrieve_through_the_servers(
    services: Services, settings: Settings, samples: Path
) -> None:
    assert services.db.engine.dialect.name == "postgresql"

    summary = Ingestor.from_services(services).ingest(list(expand_paths([samples])))
    assert [r.outcome for r in summary.results] == ["new"] * 4
    docs = documents(services)
    assert {name: (d.agency, d.year, d.format) for name, d in docs.items()} == {
        "2020_pingluo_chengguan.txt": ("平罗县城关镇人民政府", 2020, "2019"),
        "04_shanghai_govoffice_2019.txt": ("上海市人民政府办公厅", 2019, "2019"),
        "01_huaian_city_2024.pdf": ("淮安市人民政府", 2024, "2021"),
        "tiaoli_2019.md": ("国务院", 2019, None),
    }
    stored = services.index.count()
    assert stored == summary.chunks_written == sum(d.chunk_count for d in docs.values())
    assert index_problems(services) == []

    with services.db.session() as session:
        fee = cells_for(
            session, agency="淮安市人民政府", year=2024, column="本年收费金额（单位：万元）"
        )
        granted = cells_for(
            session, agency="淮安市人民政府", year=2024, row="予以公开", column="总计"
        )
    assert [(c.row, c.value) for c in fee] == [("行政事业性收费", Decimal("96171.6"))]
    assert [c.value for c in granted] == [1362]

    again = Ingestor.from_services(services).ingest(list(expand_paths([samples])))
    assert [r.outcome for r in again.results] == ["unchanged"] * 4
    assert services.index.count() == stored
    assert not settings.resolved_chroma_path.exists()  # nothing went to an embedded store

    hits = services.index.search("2020年城关镇主动公开政府信息多少条", k=3)
    top = next(h for h in hits if "主动公开政府信息 1252 条" in h.text)
    pingluo = docs["2020_pingluo_chengguan.txt"]
    assert (top.metadata["document_id"], top.metadata["version"]) == (
        pingluo.id,
        pingluo.version,
    )
    assert top.metadata["section"] == "一"
