"""benchmarks/qa.py refuses bad arguments before loading the model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from assistant.settings import REPO_ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "benchmarks/qa.py", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_missing_corpus_is_a_usage_error(tmp_path: Path) -> None:
    done = _run("--corpus", str(tmp_path / "nowhere"))
    assert done.returncode == 2
    assert f"argument --corpus: 不是目录：{tmp_path / 'nowhere'}" in done.stderr


def test_a_broken_qa_file_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "qa.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    done = _run("--qa", str(broken), "--corpus", str(tmp_path))
    assert done.returncode == 1
    assert done.stderr.startswith(f"错误：{broken} 第1行：不是有效的JSON")
