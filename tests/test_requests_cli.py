"""`python -m assistant.requests`: CSV import with bad rows, the queue, the annual table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from assistant.db import Database
from assistant.requests.cli import main
from assistant.requests.importer import parse_csv
from assistant.requests.models import Request, RequestEvent
from assistant.settings import Settings

HEADER = (
    "agency,received_date,channel,applicant_type,applicant_name,content,status,result,closed_date"
)
CSV = f"""{HEADER}
城关镇,2025-03-03,当面,自然人,甲,申请A,已答复,予以公开,2025-03-20
城关镇,2025/3/4,邮寄,商业企业,乙公司,申请B,办理中,,
城关镇,2025-13-01,当面,自然人,丙,申请C,办理中,,
城关镇,2025-03-05,电话,个人,丁,申请D,办理中,,
城关镇,2025-03-06,网络,自然人,戊,"多行
内容",已答复,同意公开,2025-03-10
城关镇,2024-12-20,网络,科研机构,己,申请F,视为放弃,,2025-01-15
城关镇,2025-03-07,当面,自然人,庚,申请G,办理中,予以公开,
城关镇,2025-03-08,当面,自然人,辛,申请H,已答复,予以公开,2025-03-01
"""
ABANDONED = "其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "requests.csv"
    path.write_text(text, encoding=encoding)
    return path


def stored(settings: Settings) -> dict[str, str]:
    db = Database(settings.resolved_database_url)
    with db.session() as session:
        rows = session.execute(select(Request.applicant_name, Request.number)).all()
    db.dispose()
    return dict(rows)


@pytest.fixture
def imported(settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Settings:
    assert main(["import", write(tmp_path, CSV).as_posix(), "--quiet"], settings) == 1
    capsys.readouterr()
    return settings


def test_import_stores_good_rows_and_reports_bad_ones_by_line(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["import", str(write(tmp_path, CSV)), "--quiet"], settings)
    out, err = capsys.readouterr()
    assert code == 1
    assert out == "已导入 3 条，拒绝 5 条。\n"
    assert err.splitlines() == [
        "错误：requests.csv：第4行：收到申请日期：“2025-13-01”不是有效日期，应如2025-09-30",
        "错误：requests.csv：第5行：提交渠道：“电话”无效，应为：网络、当面、邮寄、传真；"
        "申请人类型：“个人”无效，应为：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他",
        "错误：requests.csv：第6行：办理结果：“同意公开”不是有效的办理结果，"
        "应为2021年格式年报表三“本年度办理结果”的一项",
        "错误：requests.csv：第9行：办理结果：状态为“办理中”的申请尚未办结，应留空",
        "错误：requests.csv：第10行：办结日期：不能早于收到申请日期",
    ]
    assert stored(settings) == {
        "甲": "GK-2025-000001",
        "乙公司": "GK-2025-000002",
        "己": "GK-2024-000001",
    }
    db = Database(settings.resolved_database_url)
    with db.session() as session:
        abandoned = session.scalar(select(Request).where(Request.applicant_name == "己"))
        assert abandoned is not None
        assert (abandoned.status, abandoned.result) == ("视为放弃", ABANDONED)
        events = session.execute(select(RequestEvent.step, RequestEvent.note)).all()
    db.dispose()
    assert sorted(events) == [
        ("导入", "requests.csv第2行"),
        ("导入", "requests.csv第3行"),
        ("导入", "requests.csv第8行"),
    ]


def test_clean_file_exits_zero_and_reads_gb18030(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = f"{HEADER}\n城关镇,2025-03-03,当面,自然人,甲,申请A,已登记,,\n"
    assert main(["import", str(write(tmp_path, text, "gb18030")), "--quiet"], settings) == 0
    assert capsys.readouterr() == ("已导入 1 条，拒绝 0 条。\n", "")
    assert stored(settings) == {"甲": "GK-2025-000001"}


def test_file_without_required_columns_stores_nothing(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "agency,received_date,channel,applicant_type,applicant_name,content,status\n"
    path = write(tmp_path, text + "城关镇,2025-03-03,当面,自然人,甲,申请A,已登记\n")
    assert main(["import", str(path)], settings) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"错误：{path}：缺少列 result, closed_date（应有列：{HEADER}）\n")
    assert stored(settings) == {}


def test_missing_file_fails_cleanly(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nope.csv"
    assert main(["import", str(path)], settings) == 1
    assert capsys.readouterr().err == f"错误：{path}：无法读取（No such file or directory）\n"


def test_list_shows_the_queue_with_flags(
    imported: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    # 乙公司's request arrived 2025-03-04: due 2025-04-01.
    assert main(["list", "--today", "2025-04-01"], imported) == 0
    assert capsys.readouterr().out == (
        "GK-2025-000002\t城关镇\t商业企业\t乙公司\t收到 2025-03-04\t办理中\t"
        "期限 2025-04-01\t3个工作日内到期\n"
    )
    assert main(["list", "--overdue", "--today", "2025-04-01"], imported) == 0
    assert capsys.readouterr().out == "没有逾期的申请。\n"
    assert main(["list", "--overdue", "--today", "2025-04-02"], imported) == 0
    assert capsys.readouterr().out.endswith("期限 2025-04-01\t已逾期\n")


def test_stats_json_markdown_and_xlsx(
    imported: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--agency", "城关镇", "--year", "2025", "--json"], imported) == 0
    data = json.loads(capsys.readouterr().out)
    nonzero = {(c["row"], c["column"]): c["value"] for c in data["cells"] if c["value"]}
    assert (data["agency"], data["year"], data["format"]) == ("城关镇", 2025, "2021")
    assert {c["section"] for c in data["cells"]} == {"三", "四"}
    assert [c["value"] for c in data["cells"] if c["section"] == "四"] == [0] * 15
    assert nonzero == {
        ("本年新收政府信息公开申请数量", "自然人"): 1,
        ("本年新收政府信息公开申请数量", "商业企业"): 1,
        ("本年新收政府信息公开申请数量", "总计"): 2,
        ("上年结转政府信息公开申请数量", "科研机构"): 1,
        ("上年结转政府信息公开申请数量", "总计"): 1,
        ("予以公开", "自然人"): 1,
        ("予以公开", "总计"): 1,
        (ABANDONED, "科研机构"): 1,
        (ABANDONED, "总计"): 1,
        ("总计", "自然人"): 1,
        ("总计", "科研机构"): 1,
        ("总计", "总计"): 2,
        ("结转下年度继续办理", "商业企业"): 1,
        ("结转下年度继续办理", "总计"): 1,
    }

    assert main(["stats", "--agency", "城关镇", "--year", "2025", "--markdown"], imported) == 0
    markdown = capsys.readouterr().out
    assert "| 三、本年度办理结果 / （七）总计 | 1 | 0 | 1 | 0 | 0 | 0 | 2 |" in markdown
    assert main(["stats", "--agency", "城关镇", "--year", "2025"], imported) == 0
    assert capsys.readouterr().out == markdown  # Markdown is the default

    xlsx = tmp_path / "表三.xlsx"
    assert (
        main(["stats", "--agency", "城关镇", "--year", "2025", "--xlsx", str(xlsx)], imported) == 0
    )
    assert capsys.readouterr().out == f"已写入 {xlsx}\n"
    assert load_workbook(xlsx).active["J28"].value == 2


def test_stats_for_2020_is_in_the_2019_format(
    imported: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--agency", "城关镇", "--year", "2020", "--json"], imported) == 0
    data = json.loads(capsys.readouterr().out)
    section3 = [c for c in data["cells"] if c["section"] == "三"]
    assert (data["year"], data["format"], len(section3)) == (2020, "2019", 23 * 7)
    assert {"section": "三", "row": "其他处理", "column": "总计", "value": 0} in data["cells"]
    assert main(["stats", "--agency", "城关镇", "--year", "2021", "--json"], imported) == 0
    assert json.loads(capsys.readouterr().out)["format"] == "2021"
    assert main(["stats", "--agency", "城关镇", "--year", "2020"], imported) == 0
    markdown = capsys.readouterr().out
    assert "| 申请人情况 | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |" in markdown
    assert "| 三、本年度办理结果 / （六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in markdown


def test_stats_for_an_unknown_agency_fails(
    imported: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--agency", "城关", "--year", "2025"], imported) == 1
    assert capsys.readouterr().err == "错误：没有“城关”的申请记录。已有记录的机关：城关镇\n"


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["export"],
        ["stats", "--year", "2025"],
        ["stats", "--agency", "城关镇", "--year", "2025", "--json", "--markdown"],
        ["list", "--today", "2025-13-01"],
    ],
)
def test_usage_errors_exit_two(
    settings: Settings, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv, settings) == 2
    assert capsys.readouterr().err


def test_line_numbers_survive_blank_lines_and_multiline_fields() -> None:
    text = (
        f"{HEADER}\n"
        "\n"
        '城关镇,2025-03-03,当面,自然人,甲,"第一行\r\n第二行",已登记,,\n'
        "城关镇,2025-03-03,当面,自然人,乙,申请,已登记,,,多余的一列\n"
        "\n"
        "城关镇,2025-03-03,当面,自然人,丙,申请,已登记\n"
        "城关镇,,当面,自然人,丁,申请,已登记,,\n"
    )
    rows, errors = parse_csv(text)
    assert [(row.line, row.applicant_name, row.content) for row in rows] == [
        (3, "甲", "第一行\r\n第二行")
    ]
    assert [str(error) for error in errors] == [
        "第5行：列数与表头不一致",
        "第7行：列数与表头不一致",
        "第8行：收到申请日期：不能为空",
    ]
