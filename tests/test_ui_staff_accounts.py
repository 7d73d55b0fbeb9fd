"""Staff accounts (argon2id hashes), sign-in sessions that expire, and the CLI."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from assistant.db import Database
from assistant.settings import Settings
from assistant.staff import (
    StaffError,
    add_user,
    authenticate,
    close_session,
    list_users,
    open_session,
    session_user,
)
from assistant.staff.cli import main
from assistant.staff.models import StaffSession, StaffUser

PASSWORD = "correct-horse-battery"
HOUR = timedelta(hours=1)
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_passwords_are_stored_as_argon2id_hashes_only(db: Database) -> None:
    add_user(db, "王科员", PASSWORD)
    with db.session() as session:
        stored = session.scalar(select(StaffUser.password_hash))
    assert stored is not None and stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_authenticate_accepts_only_the_right_password(db: Database) -> None:
    add_user(db, "王科员", PASSWORD)
    assert authenticate(db, "王科员", PASSWORD) == "王科员"
    assert authenticate(db, " 王科员 ", PASSWORD) == "王科员"
    assert authenticate(db, "王科员", PASSWORD + "x") is None
    assert authenticate(db, "李科员", PASSWORD) is None


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("王 科员", PASSWORD, "用户名须为1至50个字符，不能含空格或“/”"),
        ("", PASSWORD, "用户名须为1至50个字符，不能含空格或“/”"),
        ("王科员", "short", "密码至少需要10个字符"),
        ("王科员", "x" * 201, "密码不能超过200个字符"),
    ],
)
def test_bad_names_and_passwords_are_refused(
    db: Database, name: str, password: str, message: str
) -> None:
    with pytest.raises(StaffError, match=message):
        add_user(db, name, password)
    assert list_users(db) == []


def test_a_name_is_taken_once(db: Database) -> None:
    add_user(db, "王科员", PASSWORD)
    with pytest.raises(StaffError, match="用户名“王科员”已存在"):
        add_user(db, "王科员", "another-password")


def test_a_session_lasts_its_lifetime_and_no_longer(db: Database) -> None:
    add_user(db, "王科员", PASSWORD)
    token = open_session(db, "王科员", HOUR, now=NOW)
    assert session_user(db, token, now=NOW + HOUR - timedelta(seconds=1)) == "王科员"
    assert session_user(db, token, now=NOW + HOUR) is None
    assert session_user(db, "guessed-token", now=NOW) is None
    assert session_user(db, None, now=NOW) is None


def test_the_database_keeps_only_a_hash_of_the_token(db: Database) -> None:
    add_user(db, "王科员", PASSWORD)
    token = open_session(db, "王科员", HOUR, now=NOW)
    with db.session() as session:
        stored = session.scalar(select(StaffSession.token_hash))
    assert stored is not None and token not in stored and len(stored) == 64


def test_signing_out_ends_the_session_and_signing_in_sweeps_expired_ones(db: Database) -> None:
    add_user(db, "王科员", PASSWORD)
    old = open_session(db, "王科员", HOUR, now=NOW)
    current = open_session(db, "王科员", HOUR, now=NOW + 2 * HOUR)
    with db.session() as session:
        assert session.query(StaffSession).count() == 1  # the expired one was swept
    close_session(db, current)
    assert session_user(db, current, now=NOW + 2 * HOUR) is None
    assert session_user(db, old, now=NOW) is None


def test_cli_adds_a_user_with_the_password_from_stdin(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.StringIO(PASSWORD + "\n")
    assert main(["add-user", "王科员", "--password-stdin"], settings, stdin=stdin) == 0
    assert capsys.readouterr().out == "已创建账号：王科员\n"
    assert main(["list-users"], settings) == 0
    assert capsys.readouterr().out == "王科员\n"


def test_cli_asks_twice_on_the_terminal_and_refuses_a_mismatch(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed = iter([PASSWORD, PASSWORD + "!"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(typed))
    assert main(["add-user", "王科员"], settings) == 1
    assert capsys.readouterr().err == "错误：两次输入的密码不一致\n"


def test_cli_refuses_a_short_password_and_usage_errors(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.StringIO("short\n")
    assert main(["add-user", "王科员", "--password-stdin"], settings, stdin=stdin) == 1
    assert capsys.readouterr().err == "错误：密码至少需要10个字符\n"
    assert main(["remove-user", "王科员"], settings) == 2
