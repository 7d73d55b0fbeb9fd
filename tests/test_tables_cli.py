"""`python -m ingest tables PATH [--json]`, called through its `main(argv)`."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from ingest.tables_cli import main
from tests.conftest import FIXTURES, SAMPLES

HUAIAN_TXT = FIXTURES / "01_huaian_city_2024.txt"
CHENGGUAN = SAMPLES / "2020_pingluo_chengguan.txt"
SHANGHAI = SAMPLES / "04_shanghai_govoffice_2019.txt"


def _json(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    assert main([str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _cell(data: dict, section: str, row: str, column: str) -> object:
    return next(
        c["value"]
        for c in data["cells"]
        if (c["section"], c["row"], c["column"]) == (section, row, column)
    )


def test_json_for_huaian(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(HUAIAN_TXT, capsys)
    assert (data["agency"], data["year"], data["format"]) == ("淮安市人民政府", 2024, "2021")
    assert len(data["cells"]) == 200
    assert _cell(data, "二", "行政事业性收费", "本年收费金额（单位：万元）") == 96171.6
    assert _cell(data, "三", "本年新收政府信息公开申请数量", "总计") == 3119
    assert _cell(data, "四", "行政复议", "总计") == 351
    assert data["findings"] == []


def test_json_for_chengguan_names_findings_and_null_cells(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = _json(CHENGGUAN, capsys)
    assert (data["agency"], data["year"], data["format"]) == ("平罗县城关镇人民政府", 2020, "2019")
    assert _cell(data, "四", "行政复议", "结果维持") is None
    assert _cell(data, "四", "行政诉讼/复议后起诉", "总计") == 0
    assert [f["rule"] for f in data["findings"]] == ["MISSING", "R1", "R2", "R2", "R2"]
    r2 = data["findings"][2]
    assert r2["message"] == "表三“予以公开”行：各类申请人合计1，但“总计”列为0"
    assert r2["cells"][0] == {"section": "三", "row": "予以公开", "column": "自然人"}
    assert (r2["expected"], r2["found"]) == (1, 0)


def test_json_cells_keep_their_shape_and_say_how_they_were_read(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = _json(FIXTURES / "dev" / "22_pingtan_zhifayingji_2020.txt", capsys)
    assert (data["agency"], data["year"], data["format"]) == (
        "平潭综合实验区综合执法与应急管理局",
        2020,
        "2019",
    )
    assert {tuple(c) for c in data["cells"]} == {("section", "row", "column", "value", "how")}
    by_key = {(c["section"], c["row"], c["column"]): c for c in data["cells"]}
    assert by_key[("二", "行政许可", "本年增/减")] == {
        "section": "二",
        "row": "行政许可",
        "column": "本年增/减",
        "value": 28,
        "how": "direct",
    }
    assert by_key[("三", "予以公开", "总计")]["how"] == "split_by_constraints"
    assert by_key[("二", "行政处罚", "处理决定数量")]["how"] == "from_narrative"
    assert by_key[("二", "行政处罚", "本年增/减")] == {
        "section": "二",
        "row": "行政处罚",
        "column": "本年增/减",
        "value": None,
        "how": None,
    }
    shanghai = _json(SHANGHAI, capsys)
    hows = {c["how"] for c in shanghai["cells"]}
    assert hows == {"direct", "blank_as_zero", None}


def test_json_for_shanghai(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(SHANGHAI, capsys)
    assert (data["agency"], data["year"], data["format"]) == ("上海市人民政府办公厅", 2019, "2019")
    assert _cell(data, "二", "政府集中采购", "采购总金额") == 251000
    assert _cell(data, "三", "予以公开", "总计") is None
    assert [f["rule"] for f in data["findings"]] == [
        "UNIT",
        "BLANK",
        "MISSING",
        "BLANK",
        "R6",
        "R6",
    ]


def test_text_output_shows_tables_and_findings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(CHENGGUAN)]) == 0
    out = capsys.readouterr().out
    assert (
        out.splitlines()[0]
        == "平罗县城关镇人民政府 2020年 · 2019年格式 · 单元格198个：有值193个，空值5个"
    )
    assert "第二十条第（九）项" in out
    assert "三、收到和处理政府信息公开申请情况" in out
    assert "[R2] 表三“无法提供/本机关不掌握相关政府信息”行：各类申请人合计2，但“总计”列为0" in out
    review = next(line for line in out.splitlines() if "行政复议 " in line and "│" in line)
    assert review.count("—") == 5


@pytest.mark.parametrize("path", [HUAIAN_TXT, CHENGGUAN, SHANGHAI], ids=lambda p: p.stem)
def test_each_sample_prints_in_under_a_second(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.perf_counter()
    assert main([str(path), "--json"]) == 0
    assert time.perf_counter() - started < 1.0
    assert len(json.loads(capsys.readouterr().out)["cells"]) in (198, 200)


def test_missing_file_fails_with_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "没有这个文件.txt"
    assert main([str(path)]) == 1
    assert capsys.readouterr().err.strip() == f"错误：{path}：文件不存在"


def test_document_without_tables_fails(capsys: pytest.CaptureFixture[str]) -> None:
    path = SAMPLES / "tiaoli_2019.md"
    assert main([str(path), "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert (
        captured.err.strip() == f"错误：{path}：未找到年度报告统计表（表二、表三的表头都不可辨认）"
    )


@pytest.mark.parametrize("argv", [[], ["a.txt", "b.txt"], ["a.txt", "--csv"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "usage: python -m ingest tables" in capsys.readouterr().err
