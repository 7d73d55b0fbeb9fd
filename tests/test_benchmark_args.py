"""The load and start-up benchmarks refuse out-of-bounds arguments before starting anything."""

from __future__ import annotations

import subprocess
import sys

import pytest

from assistant.settings import REPO_ROOT


@pytest.mark.parametrize(
    ("script", "argument", "message"),
    [
        ("load.py", "--citizens=1000", "argument --citizens: must be between 0 and 100"),
        ("load.py", "--duration=0", "argument --duration: must be between 1 and 600"),
        ("load.py", "--instances=9", "argument --instances: must be between 1 and 4"),
        ("load.py", "--filers=many", "argument --filers: invalid"),
        ("startup.py", "--restarts=0", "argument --restarts: must be between 1 and 20"),
        ("startup.py", "--restarts=two", "argument --restarts: not a whole number: 'two'"),
    ],
)
def test_out_of_bounds_arguments_exit_2_with_the_reason(
    script: str, argument: str, message: str
) -> None:
    done = subprocess.run(
        [sys.executable, f"benchmarks/{script}", argument],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stdout == ""  # nothing was started
