"""Migration 0005 on a database written by the earlier code: nothing lost, each step that
broke a rule flagged for staff."""

from __future__ import annotations

from datetime import UTC, date, datetime

from alembic import command
from alembic.config import Config
from sqlalchemy import select, text

from assistant.db import Database
from assistant.db.engine import MIGRATIONS_DIR
from assistant.requests import review
from assistant.requests.models import Request
from assistant.settings import Settings

NOW = datetime(2025, 3, 1, tzinfo=UTC)


def upgrade(db: Database, revision: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def insert(db: Database, number: str, trail: list[tuple], **fields: object) -> None:
    """A request row and its events as revision 0004's code wrote them."""
    row = {
        "number": number,
        "agency": "城关镇",
        "applicant_type": "自然人",
        "applicant_name": "甲",
        "content": number,
        "channel": "当面",
        "received_date": date(2025, 3, 3),
        "status": "办理中",
        "due_date": date(2025, 3, 31),
        "due_estimated": False,
        "extension_days": 0,
        "created_at": NOW,
        "supplemented_on": None,
    }
    row.update(fields)
    with db.engine.begin() as conn:
        columns = ", ".join(row)
        values = ", ".join(f":{name}" for name in row)
        conn.execute(text(f"INSERT INTO requests ({columns}) VALUES ({values})"), row)
        request_id = conn.execute(
            text("SELECT id FROM requests WHERE number = :n"), {"n": number}
        ).scalar_one()
        for on, source, target, step, note in trail:
            conn.execute(
                text(
                    "INSERT INTO request_events (request_id, at, on_date, actor, from_status,"
                    " to_status, step, note) VALUES (:r, :at, :on, '李科员', :f, :t, :s, :n)"
                ),
                {
                    "r": request_id,
                    "at": NOW,
                    "on": on,
                    "f": source,
                    "t": target,
                    "s": step,
                    "n": note,
                },
            )


def test_old_rule_breaks_are_flagged_and_nothing_is_lost(settings: Settings) -> None:
    settings.ensure_dirs()
    db = Database(settings.resolved_database_url)
    upgrade(db, "0004")
    registered = (date(2025, 3, 3), None, "已登记", "登记", "")
    insert(  # Why 1: 收到补正 on a request still 已登记, stored as 受理
        db,
        "GK-2025-000001",
        [registered, (date(2025, 3, 28), "已登记", "办理中", "受理", "")],
        supplemented_on=date(2025, 3, 28),
        due_date=date(2025, 4, 27),
    )
    insert(  # Why 2: an extension during a consultation, then a second one
        db,
        "GK-2025-000002",
        [
            registered,
            (date(2025, 3, 4), "已登记", "办理中", "受理", ""),
            (date(2025, 3, 5), "办理中", "征求意见", "征求第三方意见", ""),
            (
                date(2025, 3, 6),
                "征求意见",
                "已延期",
                "收到第三方意见",
                "延长20个工作日，经张主任同意",
            ),
            (date(2025, 3, 7), "已延期", "征求意见", "征求第三方意见", ""),
            (
                date(2025, 3, 10),
                "征求意见",
                "已延期",
                "收到第三方意见",
                "延长10个工作日，经张主任同意",
            ),
        ],
        status="已延期",
        extension_days=10,
    )
    insert(  # Why 3: 收到第三方意见 on a request awaiting 补正, stored as 收到补正
        db,
        "GK-2025-000003",
        [
            registered,
            (date(2025, 3, 4), "已登记", "办理中", "受理", ""),
            (date(2025, 3, 5), "办理中", "待补正", "告知补正", ""),
            (date(2025, 3, 6), "待补正", "办理中", "收到补正", ""),
        ],
        supplement_requested_on=date(2025, 3, 5),
        supplement_due=date(2025, 3, 19),
    )
    insert(db, "GK-2025-000004", [registered, (date(2025, 3, 4), "已登记", "办理中", "受理", "")])

    db.migrate()  # to head, as the app does on start

    with db.session() as session:
        requests = {r.number: r for r in session.scalars(select(Request))}
        flags = {number: r.rule_flags.splitlines() for number, r in requests.items()}
        kept = {number: (r.status, r.due_date, len(r.events)) for number, r in requests.items()}
    assert flags == {
        "GK-2025-000001": [
            "2025-03-28登记的收到补正没有在先的补正告知，答复期限被错误地重新起算（第三十条）"
        ],
        "GK-2025-000002": [
            "答复期限被延长了2次，只能延长一次（第三十三条）",
            "2025-03-06征求意见期间的延期被记为收到第三方意见，征求意见时间被提前结束（第三十三条）",
            "2025-03-10征求意见期间的延期被记为收到第三方意见，征求意见时间被提前结束（第三十三条）",
        ],
        "GK-2025-000003": [
            "2025-03-06从“待补正”改为“办理中”被记为收到补正，但没有收到补正（第三十条、第三十二条）"
        ],
        "GK-2025-000004": [],
    }
    assert kept == {  # nothing recomputed or deleted
        "GK-2025-000001": ("办理中", date(2025, 4, 27), 2),
        "GK-2025-000002": ("已延期", date(2025, 3, 31), 6),
        "GK-2025-000003": ("办理中", date(2025, 3, 31), 4),
        "GK-2025-000004": ("办理中", date(2025, 3, 31), 2),
    }
    # The migrated requests go on under the new rules.
    review.reply(
        db,
        "GK-2025-000004",
        actor="张主任",
        on=date(2025, 3, 20),
        result="予以公开",
        reply_text="同意公开。",
    )
    db.dispose()


def test_upgrading_a_filled_database_to_head_deletes_nothing(settings: Settings) -> None:
    """Every migration after 0004 on a database with requests and a report's cells: the
    events and the cells survive (a batch table copy on SQLite would cascade-delete them)."""
    settings.ensure_dirs()
    db = Database(settings.resolved_database_url)
    upgrade(db, "0004")
    registered = (date(2025, 3, 3), None, "已登记", "登记", "")
    insert(db, "GK-2025-000009", [registered, (date(2025, 3, 4), "已登记", "办理中", "受理", "")])
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO documents (id, path, sha256, title, kind, agency, year, format,"
                " chunk_count, version, ingested_at) VALUES (1, '/r.txt', 'x', '年报', 'report',"
                " '淮安市人民政府', 2024, '2021', 3, 'v1', :now)"
            ),
            {"now": datetime.now(UTC)},
        )
        conn.execute(
            text(
                "INSERT INTO table_cells (document_id, format, section, row, \"column\", value)"
                " VALUES (1, '2021', '三', '予以公开', '总计', '1024')"
            )
        )
    db.migrate()
    with db.engine.connect() as conn:
        events = conn.execute(text("SELECT count(*) FROM request_events")).scalar()
        cells = conn.execute(text("SELECT value FROM table_cells")).scalars().all()
        spam = conn.execute(text("SELECT spam FROM requests")).scalar()
        acts_for = conn.execute(text("SELECT acts_for FROM documents")).scalar()
    assert (events, cells, bool(spam), acts_for) == (2, ["1024"], False, None)
