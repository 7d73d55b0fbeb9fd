"""Requests at scale: bulk-import N generated requests (default 10,000) from CSV into a
fresh SQLite database, then compute one agency's section 三 table for a year.

Reports imported rows/s and the median table time over several runs.
Target from issue 4: the table in under 1 s at 10,000 requests.

    .venv/bin/python benchmarks/requests.py [--rows 10000] [--runs 5] [--year 2025]
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Run as a script, this folder heads sys.path and this file's name would shadow the
# `requests` HTTP library for every import below; the repository root is what we need.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent))

from assistant.requests.importer import CSV_COLUMNS, import_csv  # noqa: E402
from assistant.requests.report import section3_for  # noqa: E402
from assistant.requests.vocabulary import (  # noqa: E402
    ABANDONED_RESULT,
    APPLICANT_TYPES,
    RESULT_CATEGORIES,
    Channel,
)
from assistant.services import Services  # noqa: E402
from assistant.settings import Settings  # noqa: E402

AGENCY = "平罗县城关镇人民政府"
FIRST_DAY, SPAN_DAYS = date(2024, 1, 1), 730  # received over two years


def generate_csv(path: Path, rows: int, seed: int = 4) -> None:
    """Realistic mix: most requests closed within two months, some still open."""
    rng = random.Random(seed)
    answers = [r for r in RESULT_CATEGORIES if r != ABANDONED_RESULT]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for index in range(rows):
            received = FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS))
            roll = rng.random()
            if roll < 0.15:
                status, result, closed = "办理中", "", None
            elif roll < 0.2:
                status, result = "视为放弃", ABANDONED_RESULT
                closed = received + timedelta(days=rng.randint(10, 40))
            else:
                status, result = "已答复", rng.choice(answers)
                closed = received + timedelta(days=rng.randint(0, 60))
            writer.writerow(
                [
                    AGENCY,
                    received.isoformat(),
                    rng.choice(list(Channel)).value,
                    rng.choice(APPLICANT_TYPES),
                    f"申请人{index}",
                    f"关于第{index}号事项的政府信息",
                    status,
                    result,
                    closed.isoformat() if closed else "",
                ]
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--year", type=int, default=2025)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp))
        db = Services(settings).db
        source = Path(tmp) / "requests.csv"
        generate_csv(source, args.rows)

        started = time.perf_counter()
        summary = import_csv(db, source)
        import_seconds = time.perf_counter() - started
        assert not summary.errors, summary.errors[:3]

        times, table = [], None
        for _ in range(args.runs):
            started = time.perf_counter()
            table = section3_for(db, AGENCY, args.year)
            times.append(time.perf_counter() - started)
        db.dispose()

    assert table is not None
    median = statistics.median(times)
    print(f"imported {len(summary.numbers)} requests in {import_seconds:.2f} s")
    print(f"  {len(summary.numbers) / import_seconds:,.0f} rows/s")
    print(
        f"section 三 table for {args.year}: median {median * 1000:.1f} ms over {args.runs} runs "
        f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}); target < 1000 ms"
    )
    print(
        f"  本年新收 {table.value('本年新收政府信息公开申请数量', '总计')}, "
        f"上年结转 {table.value('上年结转政府信息公开申请数量', '总计')}, "
        f"办结 {table.value('总计', '总计')}, 结转下年度 {table.value('结转下年度继续办理', '总计')}"
    )
    return 0 if median < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
