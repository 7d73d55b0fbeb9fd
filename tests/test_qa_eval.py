"""The evaluation script's pure parts: reading QA sets, scoring, summaries, usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.eval.cli import main
from assistant.eval.qaset import QAItem, QASetError, load_qa, read_qa_lines
from assistant.eval.scoring import Result, is_correct, percentile, retrieval_hit, summarize
from assistant.qa.answer import Answer
from assistant.settings import REPO_ROOT

QA_DIR = REPO_ROOT / "data" / "qa"


def _item(expected: str | None, kind: str = "narrative") -> QAItem:
    return QAItem("q1", "问题", expected, "refusal" if expected is None else kind)


def test_the_shipped_qa_sets_are_valid_and_large_enough() -> None:
    by_file = {p.stem: load_qa([p]) for p in sorted(QA_DIR.glob("*.jsonl"))}
    for report in ("chengguan_2020", "shanghai_2019", "huaian_2024"):
        assert len(by_file[report]) >= 40
    assert len(by_file["tiaoli"]) >= 15
    items = [i for items in by_file.values() for i in items]
    assert sum(not i.answerable for i in items) >= 8
    assert sum(bool(i.history) for i in items) >= 5
    assert load_qa(sorted(QA_DIR.glob("*.jsonl")))  # ids are unique across files


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "qa.jsonl 第1行：不是有效的JSON"),
        ('{"question": "问", "expected": "1"}', "qa.jsonl 第1行：缺少字段 id"),
        ('{"id": "a", "question": "问"}', "qa.jsonl 第1行：缺少字段 expected"),
        ('{"id": "a", "question": "问", "expected": "1", "kind": "图表"}', "kind 应为"),
        (
            '{"id": "a", "question": "问", "expected": null, "kind": "table"}',
            "kind 为 refusal 当且仅当",
        ),
        (
            '{"id": "a", "question": "问", "expected": "1", "history": [{"role": "x"}]}',
            "history 的每一项",
        ),
    ],
)
def test_bad_lines_are_named_with_file_line_and_reason(line: str, message: str) -> None:
    with pytest.raises(QASetError, match=message):
        read_qa_lines([line], "qa.jsonl")


def test_duplicate_ids_are_refused() -> None:
    line = '{"id": "a", "question": "问", "expected": "1"}'
    with pytest.raises(QASetError, match="第2行：id “a” 重复"):
        read_qa_lines([line, line], "qa.jsonl")


def test_numbers_are_compared_as_numbers_and_null_means_refuse() -> None:
    assert is_correct(_item("96171.6"), Answer("…", value=96171.6))
    assert is_correct(_item("3"), Answer("…", value=3.0))
    assert not is_correct(_item("3"), Answer("…", value=4))
    assert not is_correct(_item("3"), Answer("未找到", refused=True))
    assert is_correct(_item(None), Answer("未找到", refused=True))
    assert not is_correct(_item(None), Answer("3件", value=3))
    # Text expectations: the answer must contain them.
    assert is_correct(_item("第四十二条", "policy"), Answer("依据第四十二条……"))


def test_retrieval_hit_looks_for_the_expected_figure_in_what_was_looked_at() -> None:
    answer = Answer("未找到", refused=True, context=("政务微博公开政府信息 542 条",))
    assert retrieval_hit(_item("542"), answer)
    assert not retrieval_hit(_item("460"), answer)


def test_summary_splits_accuracy_by_kind_and_reports_latency_percentiles() -> None:
    results = [
        Result(QAItem("t", "问", "3", "table"), Answer("3件", value=3, context=("3",)), 10.0),
        Result(QAItem("n", "问", "5", "narrative"), Answer("7", value=7, context=("5",)), 30.0),
        Result(QAItem("r", "问", None, "refusal"), Answer("未找到", refused=True), 20.0),
    ]
    summary = summarize(results).to_dict()
    assert summary["overall"] == {"rate": 0.6667, "right": 2, "total": 3}
    assert summary["table"]["rate"] == 1.0 and summary["narrative"]["rate"] == 0.0
    assert summary["refusal"]["right"] == 1 and summary["policy"]["total"] == 0
    assert summary["retrieval_hit_rate"] == {"rate": 1.0, "right": 2, "total": 2}
    assert summary["latency_ms"] == {"p50": 20.0, "p95": 30.0}
    assert percentile([5.0, 1.0, 3.0, 2.0, 4.0], 0.5) == 3.0


def test_wrong_answers_are_counted_apart_from_refusals_and_follow_ups_apart() -> None:
    turn = ({"role": "user", "content": "淮安市2024年收到多少申请？"},)
    results = [
        Result(QAItem("t", "问", "3", "table"), Answer("3件", value=3), 10.0),
        Result(QAItem("w", "问", "5", "table"), Answer("7件", value=7), 12.0),  # wrong figure
        Result(QAItem("x", "问", "第四十二条", "policy"), Answer("第三十条…"), 40.0),  # wrong
        Result(QAItem("r", "问", "5", "narrative"), Answer("未找到", refused=True), 30.0),
        Result(QAItem("f", "那2023年呢？", None, "refusal", turn), Answer("4件", value=4), 5.0),
    ]
    summary = summarize(results).to_dict()
    assert summary["wrong_answers"] == {"rate": 0.6, "right": 3, "total": 5}
    assert summary["wrong_figures"] == {"rate": 0.4, "right": 2, "total": 5}
    assert summary["refusals"] == {"rate": 0.2, "right": 1, "total": 5}
    assert summary["follow_up"] == {"rate": 0.0, "right": 0, "total": 1}
    assert summary["latency_ms_by_kind"]["table"] == {"p50": 10.0, "p95": 12.0}
    assert summary["latency_ms_by_kind"]["follow_up"] == {"p50": 5.0, "p95": 5.0}
    assert "narrative" in summary["latency_ms_by_kind"]


def test_an_unreadable_qa_file_is_an_error_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "qa.jsonl"
    broken.write_text('{"id": "a"}\n', encoding="utf-8")
    assert main(["--qa", str(broken)]) == 1
    assert "qa.jsonl 第1行：缺少字段 question" in capsys.readouterr().err
    assert main(["--qa", str(tmp_path / "missing.jsonl")]) == 1
    assert "无法读取" in capsys.readouterr().err


def test_usage_errors_exit_2() -> None:
    assert main([]) == 2


def test_result_records_carry_what_the_design_names(tmp_path: Path) -> None:
    record = Result(
        QAItem("x", "问", "3", "table"), Answer("3件", value=3, unit="件"), 12.34
    ).to_dict()
    for key in (
        "id",
        "question",
        "expected",
        "value",
        "refused",
        "text",
        "citations",
        "latency_ms",
    ):
        assert key in record
    assert record["latency_ms"] == 12.3
    json.dumps(record, ensure_ascii=False)
