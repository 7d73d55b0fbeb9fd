"""Question answering end to end on the bundled samples: real model, SQLite and Chroma.

The samples are ingested once for the module; every test asks the same store.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever

from assistant.cli import main as ask_main
from assistant.eval.cli import main as eval_main
from assistant.eval.qaset import load_qa
from assistant.eval.runner import ask_all
from assistant.eval.scoring import Result, summarize
from assistant.index import RetrievalUnavailable
from assistant.qa import QAService
from assistant.qa.checks import unsupported_figures
from assistant.qa.holdings import load_holdings
from assistant.qa.retrieval import HybridRetriever
from assistant.services import Services
from assistant.settings import REPO_ROOT, Settings
from ingest.pipeline import Ingestor, expand_paths
from tests.conftest import SAMPLES, SHARED_MODELS_DIR

pytestmark = pytest.mark.slow

QA_FILES = sorted((REPO_ROOT / "data" / "qa").glob("*.jsonl"))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, embeddings: Embeddings) -> Services:
    settings = Settings(
        _env_file=None, data_dir=tmp_path_factory.mktemp("qa-store"), models_dir=SHARED_MODELS_DIR
    )
    services = Services(settings)
    services.embeddings = embeddings
    summary = Ingestor.from_services(services).ingest(expand_paths([SAMPLES]))
    assert summary.ok and summary.count("new") == 4
    return services


@pytest.fixture(scope="module")
def qa(store: Services) -> QAService:
    return QAService(store)


@pytest.fixture(scope="module")
def results(qa: QAService) -> list[Result]:
    return ask_all(qa.answer, load_qa(QA_FILES))


def test_the_qa_set_is_answered_with_all_refusals_right(results: list[Result]) -> None:
    summary = summarize(results)
    wrong = [(r.item.id, r.answer.value, r.answer.refused) for r in results if not r.correct]
    assert summary.overall.share is not None and summary.overall.share >= 0.95, wrong
    assert summary.by_kind["refusal"].share == 1.0, wrong


def test_every_figure_in_every_answer_appears_in_its_cited_source(results: list[Result]) -> None:
    for result in results:
        answer = result.answer
        if answer.refused:
            assert answer.value is None and not answer.citations
            continue
        assert answer.citations, result.item.id
        # A table figure may add up the cited cells (a blank or contradicting 总计).
        cells = [c for c in answer.citations if c.cell]
        derived = [sum(float(c.quote.rsplit("：", 1)[1]) for c in cells)] if cells else []
        assert unsupported_figures(answer.text, answer.citations, derived) == [], result.item.id
        if answer.value is not None:
            assert unsupported_figures(str(answer.value), answer.citations, derived) == []


def test_cited_quotes_are_the_documents_own_words(qa: QAService, store: Services) -> None:
    chunks = "".join("".join(c.text.split()) for c in store.index.get())
    for question in ("城关镇2020年政务微博公开了多少条信息？", "第三方多少天内提意见？"):
        for citation in qa.answer(question).citations:
            assert citation.quote in chunks


def test_a_contradicting_total_gives_the_supported_figure_and_what_the_table_shows(
    qa: QAService,
) -> None:
    answer = qa.answer("城关镇2020年予以公开多少件？")
    assert (answer.value, answer.unit, answer.refused) == (1, "件", False)
    assert "“予以公开”行“自然人”栏：1" in answer.text
    assert "请注意：表三“予以公开”行：各类申请人合计1，但“总计”列为0。" in answer.text
    assert [c.cell for c in answer.citations if c.cell][0] == "三/予以公开/自然人"


def test_a_neighbouring_agency_is_refused_with_what_the_corpus_holds(qa: QAService) -> None:
    answer = qa.answer("平罗县人民政府2020年收到多少件政府信息公开申请？")
    assert answer.refused and answer.value is None
    assert answer.text.startswith("未找到：资料库中没有平罗县人民政府的政府信息公开工作年度报告")
    assert "平罗县城关镇人民政府2020年" in answer.text
    year = qa.answer("城关镇2019年收到多少申请？")
    assert year.refused
    assert (
        year.text
        == "未找到：资料库中没有平罗县城关镇人民政府2019年的年报，有平罗县城关镇人民政府2020年的年报。"
    )


def test_a_rate_the_report_does_not_state_is_refused_not_answered_with_a_count(
    qa: QAService,
) -> None:
    assert qa.answer("淮安市2024年复议维持率是多少？").refused
    assert qa.answer("淮安市2024年政府信息公开申请的办结率是多少？").refused


def test_policy_answers_cite_and_quote_the_article(qa: QAService) -> None:
    answer = qa.answer("申请后多久答复？")
    assert (answer.value, answer.unit) == (20, "个工作日")
    citation = answer.citations[0]
    assert citation.source == "《中华人民共和国政府信息公开条例》第三十三条"
    assert citation.quote == "行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复；"
    assert answer.text.startswith("根据《中华人民共和国政府信息公开条例》第三十三条，")


def test_narrative_figures_come_with_their_clause_and_section(qa: QAService) -> None:
    answer = qa.answer("城关镇2020年制发了多少政府文件？")
    assert (answer.value, answer.unit) == (98, "件")
    assert answer.text.splitlines()[0] == "平罗县城关镇人民政府2020年本年度共制发政府文件98件。"
    assert answer.citations[0].section == "一"


def test_follow_ups_use_the_chat_history(qa: QAService) -> None:
    history = [
        {"role": "user", "content": "淮安市2024年收到多少政府信息公开申请？"},
        {"role": "assistant", "content": qa.answer("淮安市2024年收到多少政府信息公开申请？").text},
    ]
    assert qa.answer("其中自然人多少？", history).value == 3001
    assert qa.answer("那2023年呢？", history).refused


def test_the_hybrid_retriever_is_a_langchain_retriever_limited_to_current_versions(
    qa: QAService, store: Services
) -> None:
    with store.db.session() as session:
        holdings = load_holdings(session)
    chengguan = next(d for d in holdings.reports if d.agency == "平罗县城关镇人民政府")
    retriever = HybridRetriever(
        search=qa.search, versions=holdings.versions, document_ids=[chengguan.document_id], k=3
    )
    assert isinstance(retriever, BaseRetriever)
    docs = retriever.invoke("政务微博公开政府信息多少条")
    assert all(isinstance(d, Document) for d in docs) and len(docs) == 3
    assert {d.metadata["document_id"] for d in docs} == {chengguan.document_id}
    assert "政务微博公开政府信息 542 条" in docs[0].page_content
    # The model's hits carry their similarity, read from Chroma's distances.
    assert all(0.7 < d.metadata["similarity"] <= 1.0 for d in docs if "similarity" in d.metadata)
    assert any("similarity" in d.metadata for d in docs)

    # Only chunks that hold what is asked, when the search is told what that is: every
    # passage then states a figure in 条.
    holding = HybridRetriever(
        search=qa.search,
        versions=holdings.versions,
        document_ids=[chengguan.document_id],
        k=3,
        holds=lambda text: "条" in text and any(c.isdigit() for c in text),
    )
    held = holding.invoke("城关镇的工作情况")
    assert held and all("条" in d.page_content for d in held)

    # A chunk of a version SQL does not name current is never returned.
    stale = docs[0].metadata | {"version": "stale"}
    stale_id = f"{chengguan.document_id}:stale:0"
    vector = store.embeddings.embed_documents(["政务微博公开政府信息 999 条"])
    store.index.add([stale_id], ["政务微博公开政府信息 999 条"], [stale], vector)
    try:
        fresh = QAService(store)
        assert fresh.answer("城关镇2020年政务微博公开了多少条信息？").value == 542
        assert stale_id not in {d.id for d in retriever.invoke("政务微博公开政府信息999条")}
    finally:
        store.index.collection.delete(ids=[stale_id])


def test_table_figures_are_answered_while_the_chunk_index_is_down(store: Services) -> None:
    class IndexDown(Services):
        @property
        def index(self):  # type: ignore[no-untyped-def, override]
            raise RetrievalUnavailable("connection refused")

    down = IndexDown(store.settings)
    down.embeddings = store.embeddings
    qa = QAService(down)
    assert qa.answer("淮安市2024年收到多少政府信息公开申请？").value == 3119
    narrative = qa.answer("城关镇2020年政务微博公开了多少条信息？")
    assert narrative.refused
    assert narrative.text == (
        "检索服务暂时不可用，这个问题需要检索年报正文或政策文件，请稍后再问。"
        "年报统计表中的数字仍可查询。"
    )


def test_cli_ask_prints_the_answer_or_its_json(
    store: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    assert ask_main(["ask", "淮安市2024年行政复议多少件？"], services=store) == 0
    assert capsys.readouterr().out.startswith("淮安市人民政府2024年行政复议：351件。")
    assert ask_main(["ask", "淮安市2024年行政复议多少件？", "--json"], services=store) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (printed["value"], printed["unit"], printed["refused"]) == (351, "件", False)
    assert printed["citations"][0]["cell"] == "四/行政复议/总计"
    assert ask_main(["ask", "  "], services=store) == 1


def test_eval_cli_prints_the_summary_and_writes_every_result(
    store: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "eval.json"
    qa_file = REPO_ROOT / "data" / "qa" / "tiaoli.jsonl"
    assert eval_main(["--qa", str(qa_file), "--json", str(out)], services=store) == 0
    printed = capsys.readouterr().out
    for label in (
        "总体准确率",
        "表格数字准确率",
        "正文数字准确率",
        "拒答准确率",
        "检索命中率",
        "延迟 p50 / p95",
    ):
        assert label in printed
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["summary"]["questions"] == len(report["results"]) == 20
    assert report["results"][0]["id"] == "tl-01" and report["results"][0]["value"] == 20
    unwritable = tmp_path / "missing" / "eval.json"
    assert eval_main(["--qa", str(qa_file), "--json", str(unwritable)], services=store) == 1
    assert f"错误：无法写入 {unwritable}" in capsys.readouterr().err


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SAMPLES / "2020_pingluo_chengguan.txt", folder)
    yield folder


def test_eval_cli_with_a_corpus_uses_a_fresh_store(
    store: Services, tiny_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "eval.json"
    qa_file = REPO_ROOT / "data" / "qa" / "chengguan_2020.jsonl"
    argv = ["--qa", str(qa_file), "--corpus", str(tiny_corpus), "--json", str(out)]
    assert eval_main(argv, services=store) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["summary"]["refusal"]["rate"] == 1.0
    # Only the town's report is in the fresh store: the shared store was not used.
    assert "资料库中有：平罗县城关镇人民政府2020年的政府信息公开工作年度报告。" in {
        r["text"].split("。", 1)[-1] for r in report["results"] if r["id"] == "cg-39"
    }
    assert (
        eval_main(["--qa", str(qa_file), "--corpus", str(tmp_path / "none")], services=store) == 1
    )
    assert "语料目录不存在" in capsys.readouterr().err
