"""Database.lock on SQLite: holders take turns, also across processes, and a lock is
freed when its holder dies."""

from __future__ import annotations

import multiprocessing
import threading
import time

import pytest

from assistant.db import Database
from assistant.settings import Settings


def _hold(url: str, name: str, held: multiprocessing.synchronize.Event) -> None:
    with Database(url).lock(name):
        held.set()
        time.sleep(600)  # killed by the test while holding the lock


def test_second_holder_waits_for_the_first(settings: Settings) -> None:
    db = Database(settings.resolved_database_url)
    order: list[str] = []
    first_in = threading.Event()

    def first() -> None:
        with db.lock("ingest:/a"):
            first_in.set()
            time.sleep(0.3)
            order.append("first out")

    def second() -> None:
        first_in.wait()
        with db.lock("ingest:/a"):
            order.append("second in")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert order == ["first out", "second in"]

    with db.lock("ingest:/a"), db.lock("ingest:/b"):  # distinct names do not block
        pass


def test_a_killed_holder_releases_the_lock(settings: Settings) -> None:
    url = settings.resolved_database_url
    context = multiprocessing.get_context("spawn")
    held = context.Event()
    holder = context.Process(target=_hold, args=(url, "ingest:/a", held))
    holder.start()
    assert held.wait(60)
    holder.kill()
    holder.join()
    acquired = threading.Event()

    def take() -> None:
        with Database(url).lock("ingest:/a"):
            acquired.set()

    threading.Thread(target=take, daemon=True).start()
    assert acquired.wait(10)


def test_sqlite_needs_a_file() -> None:
    with pytest.raises(ValueError, match="SQLite needs a database file"):
        Database("sqlite://")
