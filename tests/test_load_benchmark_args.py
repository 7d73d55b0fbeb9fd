"""benchmarks/load.py refuses out-of-bounds arguments before starting anything."""

from __future__ import annotations

import subprocess
import sys

import pytest

from assistant.settings import REPO_ROOT


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("--citizens=1000", "argument --citizens: must be between 0 and 100"),
        ("--duration=0", "argument --duration: must be between 1 and 600"),
        ("--instances=9", "argument --instances: must be between 1 and 4"),
        ("--filers=many", "argument --filers: invalid"),
    ],
)
def test_out_of_bounds_arguments_exit_2_with_the_reason(argument: str, message: str) -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/load.py", argument],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stdout == ""  # nothing was started
