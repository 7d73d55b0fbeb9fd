"""The ingest pipeline and CLI against real SQLite, real embedded Chroma and the real model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from assistant.corpus.models import Document
from assistant.services import Services
from ingest.cli import main
from ingest.pipeline import Ingestor
from tests.conftest import FIXTURES, SAMPLES

pytestmark = pytest.mark.slow


def _docs(services: Services) -> dict[str, Document]:
    with services.db.session() as session:
        return {Path(d.path).name: d for d in session.scalars(select(Document))}


def _ingest(services: Services, *paths: Path):  # type: ignore[no-untyped-def]
    return Ingestor.from_services(services).ingest(list(paths))


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    folder = tmp_path / "samples"
    shutil.copytree(SAMPLES, folder)
    return folder


def test_samples_are_ingested_and_recognised(services: Services, samples: Path) -> None:
    from ingest.pipeline import expand_paths

    summary = _ingest(services, *expand_paths([samples]))
    assert summary.ok and summary.count("new") == 4
    docs = _docs(services)
    got = {name: (d.kind, d.agency, d.year, d.format) for name, d in docs.items()}
    assert got == {
        "2020_pingluo_chengguan.txt": ("report", "平罗县城关镇人民政府", 2020, "2019"),
        "04_shanghai_govoffice_2019.txt": ("report", "上海市人民政府办公厅", 2019, "2019"),
        "01_huaian_city_2024.pdf": ("report", "淮安市人民政府", 2024, "2021"),
        "tiaoli_2019.md": ("policy", "国务院", 2019, None),
    }
    index_count = services.index.count()
    assert index_count == sum(d.chunk_count for d in docs.values()) == summary.chunks_written

    again = _ingest(services, *expand_paths([samples]))
    assert again.count("unchanged") == 4 and again.chunks_written == 0
    assert services.index.count() == index_count


def test_retrieval_finds_the_1252_chunk(services: Services, samples: Path) -> None:
    _ingest(services, samples / "2020_pingluo_chengguan.txt", samples / "04_shanghai_govoffice_2019.txt",
            samples / "tiaoli_2019.md")
    hits = services.index.search("2020年城关镇主动公开政府信息多少条", k=3)
    assert any("主动公开政府信息 1252 条" in h.text for h in hits)
    top = next(h for h in hits if "1252" in h.text)
    assert top.metadata["agency"] == "平罗县城关镇人民政府"
    assert top.metadata["year"] == 2020
    assert top.metadata["section"] == "一"


def test_changed_file_replaces_its_chunks(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    original = (SAMPLES / "2020_pingluo_chengguan.txt").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    first = _ingest(services, path).results[0]
    path.write_text(original.replace("1252 条", "1253 条"), encoding="utf-8")
    second = _ingest(services, path).results[0]
    assert (first.outcome, second.outcome) == ("new", "updated")
    assert second.document_id == first.document_id
    doc = _docs(services)["report.txt"]
    chunks = services.index.get({"document_id": doc.id})
    assert len(chunks) == doc.chunk_count == second.chunks
    assert {c.metadata["version"] for c in chunks} == {doc.version}
    assert any("1253 条" in c.text for c in chunks)
    assert not any("1252 条" in c.text for c in chunks)


def test_reingest_rewrites_chunks_the_index_lost(services: Services, samples: Path) -> None:
    """Chroma restored from an older backup, or a new empty server: the same files bring
    it back; the files Chroma still holds stay unchanged."""
    from ingest.pipeline import INDEX_RESTORED

    report, policy = samples / "2020_pingluo_chengguan.txt", samples / "tiaoli_2019.md"
    _ingest(services, report, policy)
    docs = _docs(services)
    lost = docs[report.name]
    services.index.collection.delete(where={"document_id": lost.id})

    again = _ingest(services, report, policy)
    assert [(r.outcome, r.message) for r in again.results] == [
        ("updated", INDEX_RESTORED),
        ("unchanged", ""),
    ]
    healed = _docs(services)[report.name]
    chunks = services.index.get({"document_id": lost.id})
    assert len(chunks) == healed.chunk_count == lost.chunk_count
    assert {c.metadata["version"] for c in chunks} == {healed.version}
    assert services.index.count() == sum(d.chunk_count for d in _docs(services).values())


def test_failed_index_write_keeps_the_old_version(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.txt"
    original = (SAMPLES / "2020_pingluo_chengguan.txt").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    _ingest(services, path)
    before = _docs(services)["report.txt"]

    index = services.index
    real_add = index.add

    def add_then_fail(ids, texts, metadatas, vectors, batch_size=1000):  # type: ignore[no-untyped-def]
        real_add(ids[:2], texts[:2], metadatas[:2], vectors[:2])  # half-written, then a crash
        raise ConnectionError("chroma went away")

    monkeypatch.setattr(index, "add", add_then_fail)
    path.write_text(original.replace("1252 条", "1253 条"), encoding="utf-8")
    with pytest.raises(ConnectionError):
        _ingest(services, path)

    after = _docs(services)["report.txt"]
    assert (after.version, after.sha256, after.chunk_count) == (
        before.version, before.sha256, before.chunk_count,
    )
    chunks = services.index.get({"document_id": before.id})
    assert {c.metadata["version"] for c in chunks} == {before.version}
    assert len(chunks) == before.chunk_count

    # A new document whose chunks could not be written leaves no record and no chunks.
    fresh = tmp_path / "policy.md"
    shutil.copy(SAMPLES / "tiaoli_2019.md", fresh)
    with pytest.raises(ConnectionError):
        _ingest(services, fresh)
    assert set(_docs(services)) == {"report.txt"}
    assert services.index.count() == before.chunk_count

    monkeypatch.undo()
    retried = _ingest(services, path, fresh)
    assert [r.outcome for r in retried.results] == ["updated", "new"]


def test_second_form_of_same_report_replaces_the_first(services: Services, samples: Path) -> None:
    txt = FIXTURES / "01_huaian_city_2024.txt"
    pdf = samples / "01_huaian_city_2024.pdf"
    _ingest(services, txt)
    result = _ingest(services, pdf).results[0]
    assert result.outcome == "new"
    assert "取代同一年报的另一版本" in result.message
    docs = _docs(services)
    old, new = docs["01_huaian_city_2024.txt"], docs["01_huaian_city_2024.pdf"]
    assert old.superseded_by == new.id and old.version is None and old.chunk_count == 0
    assert services.index.count({"document_id": old.id}) == 0
    assert services.index.count() == new.chunk_count


def test_bad_files_fail_alone(services: Services, samples: Path, tmp_path: Path) -> None:
    _ingest(services, samples / "tiaoli_2019.md")
    stored_before = services.index.count()

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "garbage.pdf").write_bytes(bytes(range(256)) * 40)
    pdf_bytes = (samples / "01_huaian_city_2024.pdf").read_bytes()
    (bad / "truncated.pdf").write_bytes(pdf_bytes[: len(pdf_bytes) // 2])
    (bad / "notes.xyz").write_text("你好", encoding="utf-8")
    gb = (SAMPLES / "2020_pingluo_chengguan.txt").read_text(encoding="utf-8")
    (bad / "gb18030.txt").write_bytes(gb.encode("gb18030"))
    vanishing = bad / "vanishing.txt"
    vanishing.write_text("某某县人民政府2021年政府信息公开工作年度报告", encoding="utf-8")
    missing = bad / "does-not-exist.txt"

    ordered = [
        bad / "empty.txt", bad / "garbage.pdf", bad / "truncated.pdf", bad / "notes.xyz",
        missing, bad / "gb18030.txt", vanishing,
    ]
    ingestor = Ingestor.from_services(services)

    def vanish_after_gb(result) -> None:  # type: ignore[no-untyped-def]
        if result.path.name == "gb18030.txt":
            vanishing.unlink()  # disappears after the batch was listed

    summary = ingestor.ingest(ordered, on_result=vanish_after_gb)
    outcome = {r.path.name: (r.outcome, r.message) for r in summary.results}
    assert outcome["gb18030.txt"][0] == "new"
    assert outcome["empty.txt"] == ("failed", "文件为空")
    assert outcome["garbage.pdf"][0] == "failed" and "PDF" in outcome["garbage.pdf"][1]
    assert outcome["truncated.pdf"][0] == "failed" and "PDF" in outcome["truncated.pdf"][1]
    assert outcome["notes.xyz"][0] == "failed" and "不支持的文件类型" in outcome["notes.xyz"][1]
    assert outcome["does-not-exist.txt"] == ("failed", "文件不存在")
    assert outcome["vanishing.txt"][0] == "failed" and "文件不存在" in outcome["vanishing.txt"][1]
    assert not summary.ok

    docs = _docs(services)
    assert docs["gb18030.txt"].agency == "平罗县城关镇人民政府"
    assert docs["tiaoli_2019.md"].chunk_count > 0
    assert services.index.count() == stored_before + docs["gb18030.txt"].chunk_count
    assert set(docs) == {"tiaoli_2019.md", "gb18030.txt"}


def test_oversized_file_is_refused(services: Services, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    line = "本年度主动公开政府信息若干条。\n".encode()
    with big.open("wb") as fh:
        for _ in range(50 * 2**20 // len(line) + 1):
            fh.write(line)
    result = _ingest(services, big).results[0]
    assert result.outcome == "failed"
    assert result.message == "文件过大（50MB，上限30MB）"


def test_cli_ingest_list_and_exit_codes(
    services: Services, samples: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = str(samples / "2020_pingluo_chengguan.txt")
    assert main([report, "--quiet"], services) == 0
    assert "新增 1 个，更新 0 个，未变 0 个，失败 0 个" in capsys.readouterr().out

    (tmp_path / "empty.md").write_bytes(b"")
    code = main([report, str(tmp_path / "empty.md"), "--quiet"], services)
    captured = capsys.readouterr()
    assert code == 1
    assert f"错误：{tmp_path / 'empty.md'}：文件为空" in captured.err
    assert "未变 1 个，失败 1 个" in captured.out

    assert main(["list"], services) == 0
    listing = capsys.readouterr().out.strip().splitlines()
    assert len(listing) == 1
    assert "平罗县城关镇人民政府\t2020\t2019格式\t" in listing[0]
    assert listing[0].endswith("2020_pingluo_chengguan.txt")

    assert main([], services) == 2
    assert main(["list", "extra"], services) == 2
    assert "用法错误" in capsys.readouterr().err
    assert main(["--help"], services) == 0
    assert "python -m ingest PATH" in capsys.readouterr().out


def test_ingest_list_says_how_an_agency_was_read(
    services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A misspelt county (an OCR slip) is recorded under the real name, a government office
    whose report speaks for its government is marked so; `ingest list` shows both."""
    # The file name has the right spelling; the text only the slip.
    slip = tmp_path / "沭阳县2025年报.txt"
    slip.write_text(
        "沐阳县人民政府2025年政府信息公开工作年度报告\n"
        "一、总体情况\n2025年，沐阳县主动公开政府信息120条。\n",
        encoding="utf-8",
    )
    office = tmp_path / "office.txt"
    office.write_text(
        "2025年某某市人民政府办公厅政府信息公开工作年度报告\n"
        "一、总体情况\n2025年，市政府共受理政府信息公开申请12件。\n",
        encoding="utf-8",
    )
    assert main([str(slip), str(office), "--quiet"], services) == 0
    capsys.readouterr()
    assert main(["list"], services) == 0
    lines = capsys.readouterr().out.splitlines()
    county = next(line for line in lines if line.endswith("）") and "沭阳县" in line)
    assert county.split("\t")[1] == "沭阳县人民政府"
    assert "（标题中的“沐阳县”不在行政区划数据中，按“沭阳县”识别）" in county
    assert any("（代某某市人民政府报告）" in line for line in lines)
