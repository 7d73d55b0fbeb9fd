"""`python -m assistant.requests act/show`: every review step from the command line, exit
codes 0 (done), 1 (refused, the reason with its article on stderr), 2 (usage)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from assistant.db import Database
from assistant.requests.cli import main
from assistant.requests.intake import submit
from assistant.requests.validation import Application
from assistant.settings import REPO_ROOT, Settings

APPLICATION = Application(
    agency="平罗县城关镇人民政府",
    applicant_type="自然人",
    applicant_name="王小明",
    id_number="11010519491231002X",
    phone="13912345678",
    content="2024年城关镇老旧小区改造项目的批复文件",
    channel="当面",
    form="电子",
    delivery="自取",
    submitted_on=date(2025, 3, 3),
)


@pytest.fixture
def number(db: Database) -> str:
    return submit(db, APPLICATION, now=datetime(2025, 3, 3, 2, tzinfo=UTC)).number


def act(settings: Settings, *argv: str) -> int:
    return main(["act", *argv], settings)


def show(settings: Settings, number: str, capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main(["show", number, "--json"], settings) == 0
    return json.loads(capsys.readouterr().out)


def test_a_whole_path_with_supplement_fee_and_reply(
    settings: Settings, number: str, capsys: pytest.CaptureFixture[str]
) -> None:
    steps = [
        ["accept", "--date", "2025-03-04"],
        [
            "notify-supplement",
            "--date",
            "2025-03-05",
            "--until",
            "2025-03-14",
            "--note",
            "写明年份",
        ],
        ["receive-supplement", "--date", "2025-03-10"],
        ["fee-notice", "--date", "2025-03-11", "--amount", "200", "--basis", "按件计收"],
        ["fee-paid", "--date", "2025-03-13"],
        ["extend", "--date", "2025-04-01", "--approver", "张主任", "--days", "10"],
        ["reply", "--date", "2025-04-10", "--result", "予以公开", "--note", "同意公开。"],
    ]
    for argv in steps:
        assert act(settings, number, *argv[:1], *argv[1:]) == 0, argv
        assert capsys.readouterr() == (f"{number}：已完成 {argv[0]}。\n", "")
    view = show(settings, number, capsys)
    assert {k: view[k] for k in ("number", "status", "due", "due_estimated", "result")} == {
        "number": number,
        "status": "已答复",
        # 20 from 03-10 = 04-08 (清明 04-04); + (03-11, 03-13] = 04-10; + 10 = 04-24.
        "due": "2025-04-24",
        "due_estimated": False,
        "result": "予以公开",
    }
    assert view["fee"] == {
        "notified": "2025-03-11",
        "amount": "200.00",
        "basis": "按件计收",
        "due": "2025-04-09",
        "paid": "2025-03-13",
    }
    assert [(e["step"], e["from"], e["to"], e["note"]) for e in view["events"]] == [
        ("登记", None, "已登记", ""),
        ("受理", "已登记", "办理中", ""),
        ("告知补正", "办理中", "待补正", "写明年份"),
        ("收到补正", "待补正", "办理中", ""),
        ("收费通知", "办理中", "待缴费", "按件计收200.00元"),
        ("缴纳信息处理费", "待缴费", "办理中", ""),
        ("延长答复期限", "办理中", "已延期", "延长10个工作日，经张主任同意"),
        ("答复", "已延期", "已答复", ""),
    ]
    assert "applicant_name" not in view and "王小明" not in json.dumps(view, ensure_ascii=False)


def test_refused_steps_exit_one_with_the_article(
    settings: Settings, number: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert act(settings, number, "receive-supplement", "--date", "2025-03-28") == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"错误：不能将申请{number}从“已登记”改为“办理中”：本申请没有待补正的告知："
        "答复期限只在一次性告知补正后才自收到补正之日起重新计算（第三十条）\n"
    )
    assert act(settings, number, "accept", "--date", "2025-03-04") == 0
    assert act(settings, number, "extend", "--date", "2025-03-05") == 1
    assert capsys.readouterr().err.endswith("请写明批准人（第三十三条）\n")
    assert act(settings, "GK-2025-999999", "accept") == 1
    assert capsys.readouterr().err == "错误：没有受理编号为GK-2025-999999的申请\n"
    assert show(settings, number, capsys)["due"] == "2025-03-31"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["notify-supplement"], "用法错误：notify-supplement 需要 --until\n"),
        (["fee-notice", "--amount", "100"], "用法错误：fee-notice 需要 --basis\n"),
        (["reply", "--result", "予以公开"], "用法错误：reply 需要 --note（答复内容）\n"),
        (["appeal"], "用法错误：appeal 需要 --kind\n"),
    ],
)
def test_missing_options_exit_two(
    settings: Settings,
    number: str,
    argv: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert act(settings, number, *argv) == 2
    assert capsys.readouterr().err == message


@pytest.mark.parametrize(
    "argv",
    [
        ["act", "GK-2025-000001", "approve"],
        ["act", "GK-2025-000001", "accept", "--date", "2025-13-01"],
        ["act"],
        ["show"],
        ["calendar"],
        ["calendar", "load"],
    ],
)
def test_usage_errors_exit_two(
    settings: Settings, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv, settings) == 2
    assert capsys.readouterr().err


def test_show_without_json_is_a_line_per_event(
    settings: Settings, number: str, capsys: pytest.CaptureFixture[str]
) -> None:
    act(settings, number, "accept", "--date", "2025-03-04", "--actor", "李科员")
    capsys.readouterr()
    assert main(["show", number.lower()], settings) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{number}\t办理中\t收到 2025-03-03\t期限 2025-03-31",
        "2025-03-03\t申请人\t登记\t\t已登记\t",
        "2025-03-04\t李科员\t受理\t已登记\t办理中\t",
    ]


def test_the_module_runs_as_a_script(settings: Settings, db: Database) -> None:
    submit(db, replace(APPLICATION, content="甲"), now=datetime(2025, 3, 3, 2, tzinfo=UTC))
    env = {"GOVQA_DATA_DIR": str(settings.data_dir), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "assistant.requests", "act", "GK-2025-000001", "consulted"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip().endswith("不能登记收到第三方意见（第三十二条）")
    assert (
        "--approver"
        in subprocess.run(
            [sys.executable, "-m", "assistant.requests", "act", "--help"],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )


def test_list_shows_whose_move_it_is_while_the_period_stands_still(
    settings: Settings, number: str, capsys: pytest.CaptureFixture[str]
) -> None:
    act(settings, number, "accept", "--date", "2025-03-04")
    act(settings, number, "notify-supplement", "--date", "2025-03-05", "--until", "2025-04-30")
    capsys.readouterr()
    assert main(["list", "--today", "2025-04-10"], settings) == 0
    assert capsys.readouterr().out.endswith(
        "\t待补正\t期限 2025-06-03（估算）\t等待申请人至2025-04-30\n"
    )
    assert main(["list", "--overdue", "--today", "2025-04-10"], settings) == 0
    assert capsys.readouterr().out == "没有逾期的申请。\n"
