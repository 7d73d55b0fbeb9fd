"""Storing parsed tables in the SQL database, replacing them, and querying them."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import delete, func, select

from assistant.corpus.models import Document
from assistant.db import Database
from assistant.tables.models import TableCell, TableFinding
from assistant.tables.parser import parse_tables
from assistant.tables.store import cells_for, findings_for, load_tables, replace_tables
from tests.conftest import FIXTURES, SAMPLES

HUAIAN = parse_tables(
    (FIXTURES / "01_huaian_city_2024.txt").read_text(encoding="utf-8").splitlines()
)
CHENGGUAN = parse_tables(
    (SAMPLES / "2020_pingluo_chengguan.txt").read_text(encoding="utf-8").splitlines()
)


def _document(
    db: Database, path: str, agency: str, year: int, superseded_by: int | None = None
) -> int:
    with db.session() as session:
        doc = Document(
            path=path,
            sha256="0" * 64,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            kind="report",
            agency=agency,
            year=year,
            format=None,
            ingested_at=datetime.now(UTC),
            superseded_by=superseded_by,
        )
        session.add(doc)
        session.flush()
        return doc.id


def test_cells_round_trip_exactly(db: Database) -> None:
    doc_id = _document(db, "huaian.pdf", "淮安市人民政府", 2024)
    with db.session() as session:
        replace_tables(session, doc_id, HUAIAN)
    with db.session() as session:
        fee = cells_for(
            session, agency="淮安市人民政府", year=2024, column="本年收费金额（单位：万元）"
        )
        granted = cells_for(
            session, agency="淮安市人民政府", year=2024, row="予以公开", column="总计"
        )
        assert load_tables(session, doc_id) == HUAIAN
    assert [(c.row, c.value) for c in fee] == [("行政事业性收费", Decimal("96171.6"))]
    assert isinstance(fee[0].value, Decimal)
    assert [(c.section, c.value, c.title, c.path) for c in granted] == [
        ("三", 1362, "淮安市人民政府2024年政府信息公开工作年度报告", "huaian.pdf")
    ]
    assert type(granted[0].value) is int


def test_findings_and_null_cells_are_stored(db: Database) -> None:
    doc_id = _document(db, "chengguan.txt", "平罗县城关镇人民政府", 2020)
    with db.session() as session:
        replace_tables(session, doc_id, CHENGGUAN)
    with db.session() as session:
        stored = findings_for(session, agency="平罗县城关镇人民政府", year=2020)
        review = cells_for(session, document_id=doc_id, section="四", row="行政复议")
        r2 = findings_for(session, document_id=doc_id, rule="R2")
    assert [s.finding for s in stored] == CHENGGUAN.findings
    assert {s.document_id for s in stored} == {doc_id}
    assert [c.value for c in review] == [None] * 5
    assert [(f.finding.expected, f.finding.found) for f in r2] == [(1, 0), (2, 0), (3, 0)]


def test_reingest_replaces_cells_and_findings(db: Database) -> None:
    doc_id = _document(db, "report.txt", "平罗县城关镇人民政府", 2020)
    with db.session() as session:
        replace_tables(session, doc_id, HUAIAN)
    with db.session() as session:
        replace_tables(session, doc_id, CHENGGUAN)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(TableCell)) == 198
        assert session.scalar(select(func.count()).select_from(TableFinding)) == 5
        assert {c.format for c in cells_for(session, document_id=doc_id)} == {"2019"}


def test_superseded_documents_are_left_out_unless_asked_for_by_id(db: Database) -> None:
    newer = _document(db, "new.txt", "淮安市人民政府", 2024)
    older = _document(db, "old.txt", "淮安市人民政府", 2024, superseded_by=newer)
    with db.session() as session:
        replace_tables(session, newer, HUAIAN)
        replace_tables(session, older, HUAIAN)
    with db.session() as session:
        found = cells_for(session, agency="淮安市人民政府", row="总计", column="总计")
        by_id = cells_for(session, document_id=older, row="总计", column="总计")
    assert [(c.document_id, c.value) for c in found] == [(newer, 3050)]
    assert [(c.document_id, c.value) for c in by_id] == [(older, 3050)]


def test_deleting_a_document_deletes_its_tables(db: Database) -> None:
    doc_id = _document(db, "chengguan.txt", "平罗县城关镇人民政府", 2020)
    with db.session() as session:
        replace_tables(session, doc_id, CHENGGUAN)
    with db.session() as session:
        session.execute(delete(Document).where(Document.id == doc_id))
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(TableCell)) == 0
        assert session.scalar(select(func.count()).select_from(TableFinding)) == 0


def test_a_failed_transaction_keeps_the_old_tables(db: Database) -> None:
    doc_id = _document(db, "chengguan.txt", "平罗县城关镇人民政府", 2020)
    with db.session() as session:
        replace_tables(session, doc_id, CHENGGUAN)
    with pytest.raises(RuntimeError), db.session() as session:
        replace_tables(session, doc_id, HUAIAN)
        raise RuntimeError("ingest failed after the tables")
    with db.session() as session:
        assert load_tables(session, doc_id) == CHENGGUAN


def test_migration_creates_exactly_the_models_tables(db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from assistant.db import Base

    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    ours = [d for d in differences if "table_cells" in str(d) or "table_findings" in str(d)]
    assert ours == []
