"""Ingest throughput: the sample corpus replicated to N documents (default 200).

Reports documents/s, chunks/s and the share of wall time spent inside the embedding
model; the rest is pipeline overhead (loading, parsing, chunking, SQL, Chroma).
Target from the foundation issue: overhead under 25% of the total.

    .venv/bin/python benchmarks/ingest.py [--documents 200] [--runs 1]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

# Replace the script folder (whose ingest.py/requests.py would shadow the real packages).
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from assistant.settings import apply_process_defaults  # noqa: E402

apply_process_defaults()

from assistant.services import Services  # noqa: E402
from assistant.settings import REPO_ROOT, Settings  # noqa: E402
from ingest.pipeline import Ingestor  # noqa: E402

SAMPLES = REPO_ROOT / "data" / "samples"
DIGITS = "零一二三四五六七八九"
# Each replica of a text report gets its own agency so that it is a distinct document.
AGENCY_NAMES = {
    "2020_pingluo_chengguan.txt": "平罗县城关镇人民政府",
    "04_shanghai_govoffice_2019.txt": "上海市人民政府办公厅",
    "tiaoli_2019.md": "中华人民共和国政府信息公开条例",
}


def _cn(i: int) -> str:
    return "".join(DIGITS[int(d)] for d in str(i))


def replicate(target: Path, documents: int) -> list[Path]:
    files = sorted(p for p in SAMPLES.iterdir() if p.is_file())
    out: list[Path] = []
    i = 0
    while len(out) < documents:
        for src in files:
            if len(out) == documents:
                break
            dst = target / f"{i:04d}_{src.name}"
            if src.suffix == ".pdf":
                # A trailing PDF comment changes the hash, not the content: each copy is a
                # new upload of the same report and replaces the previous one.
                dst.write_bytes(src.read_bytes() + f"\n% copy {i}\n".encode())
            else:
                name = AGENCY_NAMES[src.name]
                text = src.read_text(encoding="utf-8")
                dst.write_text(text.replace(name, f"第{_cn(i)}号{name}"), encoding="utf-8")
            out.append(dst)
        i += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--runs", type=int, default=1, help="fresh stores, medians reported")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        files = replicate(corpus, args.documents)
        base = Settings()
        load_start = time.perf_counter()
        embeddings = Services(base).embeddings
        print(f"model loaded in {time.perf_counter() - load_start:.1f} s")

        rows = []
        for run in range(args.runs):
            settings = Settings(data_dir=Path(tmp) / f"run{run}", models_dir=base.resolved_models_dir)
            services = Services(settings)
            services.embeddings = embeddings
            summary = Ingestor.from_services(services).ingest(files)
            assert summary.ok, [r for r in summary.results if r.outcome == "failed"]
            rows.append((summary.seconds, summary.embed_seconds, summary.chunks_written))
            print(
                f"run {run + 1}: {len(files)} documents, {summary.chunks_written} chunks, "
                f"{summary.seconds:.1f} s total, {summary.embed_seconds:.1f} s in the model"
            )

    total = statistics.median(r[0] for r in rows)
    model = statistics.median(r[1] for r in rows)
    chunks = statistics.median(r[2] for r in rows)
    print(f"documents/s (median): {args.documents / total:.2f}")
    print(f"chunks/s    (median): {chunks / total:.1f}")
    print(f"time in embedding model: {model / total:.1%}; pipeline overhead: {1 - model / total:.1%} "
          f"(target < 25%)")


if __name__ == "__main__":
    main()
