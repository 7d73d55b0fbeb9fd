"""Agency resolution time: a directory of every county government of China (with one
department each), asked for names in the forms citizens write. Reports the median and p95
per name, and the time to build the directory.

    .venv/bin/python benchmarks/agencies.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

# Replace the script folder (whose ingest.py/requests.py would shadow the real packages).
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from assistant.agencies import AgencyDirectory, load_divisions, place_stem  # noqa: E402


def main() -> None:
    divisions = load_divisions()
    counties = [
        d for d in divisions.by_code.values() if d.level == 3 and d.parent_codes[-1] in divisions.by_code
    ]
    held = [f"{divisions.by_code[d.parent_codes[-1]].name}{d.name}人民政府" for d in counties]
    held += [f"{divisions.by_code[d.parent_codes[-1]].name}{d.name}市场监督管理局" for d in counties]
    start = time.perf_counter()
    directory = AgencyDirectory(held)
    built = time.perf_counter() - start
    names = [f"{d.name}政府" for d in counties] + [f"{place_stem(d.name)}市场监管局" for d in counties]
    times = []
    for name in names:
        start = time.perf_counter()
        directory.resolve(name)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"机关 {len(held)} 个，目录构建 {built:.2f} 秒")
    print(
        f"解析 {len(names)} 个名称：中位数 {statistics.median(times):.3f} ms，"
        f"p95 {times[int(len(times) * 0.95)]:.3f} ms，最长 {times[-1]:.3f} ms"
    )


if __name__ == "__main__":
    main()
