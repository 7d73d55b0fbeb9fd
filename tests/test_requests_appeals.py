"""行政复议 / 行政诉讼 cases (第五十一条) and section 四 computed from them."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from assistant.db import Database
from assistant.requests import appeals, review, views
from assistant.requests.appeals import CaseFacts, compute_section4, section4_for
from assistant.requests.cli import main
from assistant.requests.errors import IllegalTransition
from assistant.requests.export4 import add_section4_sheet
from assistant.requests.intake import submit
from assistant.requests.validation import Application
from assistant.settings import Settings
from assistant.tables.schema import SECTION4_COLUMNS, SECTION4_ROWS

AGENCY = "平罗县城关镇人民政府"
APPLICATION = Application(
    agency=AGENCY,
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
ACTOR = "李科员"


def answered(db: Database, content: str = APPLICATION.content) -> str:
    number = submit(
        db, replace(APPLICATION, content=content), now=datetime(2025, 3, 3, 2, tzinfo=UTC)
    ).number
    review.accept(db, number, actor=ACTOR, on=date(2025, 3, 4))
    review.reply(
        db,
        number,
        actor=ACTOR,
        on=date(2025, 3, 20),
        result="不予公开/属于国家秘密",
        reply_text="属于国家秘密，不予公开。",
    )
    return number


def case(
    kind: str,
    filed: date,
    outcome: str = "尚未审结",
    decided: date | None = None,
    route: str | None = None,
) -> CaseFacts:
    return CaseFacts(kind, route, filed, outcome, decided)


def nonzero(table: appeals.Section4Table) -> dict[tuple[str, str], int]:
    return {key: value for key, value in table.cells.items() if value}


def test_section4_counts_each_case_once_by_its_state_at_the_end_of_the_year() -> None:
    cases = [
        case("行政复议", date(2025, 4, 1), "结果维持", date(2025, 6, 1)),
        case("行政复议", date(2025, 11, 1), "结果纠正", date(2026, 2, 1)),  # open on 12-31
        case("行政复议", date(2024, 11, 1), "其他结果", date(2025, 1, 10)),  # decided in 2025
        case("行政复议", date(2024, 3, 1), "结果维持", date(2024, 6, 1)),  # 2024 only
        case("行政诉讼", date(2025, 5, 1), route="未经复议直接起诉"),
        case("行政诉讼", date(2025, 7, 1), "结果纠正", date(2025, 12, 31), "复议后起诉"),
        case("行政复议", date(2026, 1, 5)),  # next year
    ]
    table = compute_section4(cases, 2025)
    assert nonzero(table) == {
        ("行政复议", "结果维持"): 1,
        ("行政复议", "其他结果"): 1,
        ("行政复议", "尚未审结"): 1,
        ("行政复议", "总计"): 3,
        ("行政诉讼/未经复议直接起诉", "尚未审结"): 1,
        ("行政诉讼/未经复议直接起诉", "总计"): 1,
        ("行政诉讼/复议后起诉", "结果纠正"): 1,
        ("行政诉讼/复议后起诉", "总计"): 1,
    }
    # R5: each 总计 is the sum of its four outcomes.
    for row in SECTION4_ROWS:
        assert table.value(row, "总计") == sum(table.value(row, c) for c in SECTION4_COLUMNS[:4])
    assert len(table.cells) == 15


def test_recording_and_deciding_cases(db: Database) -> None:
    number = answered(db)
    appeals.record_appeal(db, number, actor=ACTOR, kind="行政复议", filed_on=date(2025, 4, 1))
    with pytest.raises(IllegalTransition) as error:
        appeals.record_appeal(
            db, number, actor=ACTOR, kind="行政诉讼", route="复议后起诉", filed_on=date(2025, 4, 2)
        )
    assert str(error.value) == (
        f"不能对申请{number}办理“登记行政诉讼”（当前状态“已答复”）："
        "复议后起诉须先有已审结的行政复议（第五十一条）"
    )
    with pytest.raises(
        IllegalTransition, match=r"行政诉讼须写明：未经复议直接起诉、复议后起诉（第五十一条）$"
    ):
        appeals.record_appeal(db, number, actor=ACTOR, kind="行政诉讼", filed_on=date(2025, 4, 2))
    appeals.decide_appeal(
        db, number, actor=ACTOR, kind="行政复议", outcome="结果纠正", decided_on=date(2025, 6, 1)
    )
    with pytest.raises(
        IllegalTransition, match=r"没有尚未审结的行政复议案件，请先登记案件（第五十一条）$"
    ):
        appeals.decide_appeal(
            db,
            number,
            actor=ACTOR,
            kind="行政复议",
            outcome="结果维持",
            decided_on=date(2025, 6, 2),
        )
    appeals.record_appeal(
        db, number, actor=ACTOR, kind="行政诉讼", route="复议后起诉", filed_on=date(2025, 6, 10)
    )
    table = section4_for(db, AGENCY, 2025)
    assert nonzero(table) == {
        ("行政复议", "结果纠正"): 1,
        ("行政复议", "总计"): 1,
        ("行政诉讼/复议后起诉", "尚未审结"): 1,
        ("行政诉讼/复议后起诉", "总计"): 1,
    }
    trail = [(e.step, e.from_status, e.to_status, e.note) for e in views.history(db, number)]
    assert trail[-3:] == [
        ("登记行政复议", "已答复", "已答复", "尚未审结"),
        ("行政复议结果", "已答复", "已答复", "结果纠正"),
        ("登记行政诉讼", "已答复", "已答复", "复议后起诉、尚未审结"),
    ]
    assert section4_for(db, "别的机关", 2025).cells == compute_section4([], 2025).cells


def test_appeal_recorded_late_does_not_block_the_review(db: Database) -> None:
    number = submit(db, APPLICATION, now=datetime(2025, 3, 3, 2, tzinfo=UTC)).number
    review.accept(db, number, actor=ACTOR, on=date(2025, 3, 4))
    # Against the failure to answer in time, while the request is still open.
    appeals.record_appeal(db, number, actor=ACTOR, kind="行政复议", filed_on=date(2025, 4, 10))
    review.reply(
        db, number, actor=ACTOR, on=date(2025, 4, 1), result="予以公开", reply_text="同意公开。"
    )


def test_stats_exports_section4_in_json_markdown_and_xlsx(
    settings: Settings, db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number = answered(db)
    assert (
        main(["act", number, "appeal", "--kind", "行政复议", "--date", "2025-04-01"], settings) == 0
    )
    assert (
        main(
            [
                "act",
                number,
                "appeal",
                "--kind",
                "行政复议",
                "--result",
                "结果维持",
                "--date",
                "2025-05-20",
            ],
            settings,
        )
        == 0
    )
    assert (
        main(
            [
                "act",
                number,
                "appeal",
                "--kind",
                "行政诉讼",
                "--route",
                "复议后起诉",
                "--date",
                "2025-06-01",
            ],
            settings,
        )
        == 0
    )
    capsys.readouterr()
    args = ["stats", "--agency", AGENCY, "--year", "2025"]
    assert main([*args, "--json"], settings) == 0
    cells = json.loads(capsys.readouterr().out)["cells"]
    four = {(c["row"], c["column"]): c["value"] for c in cells if c["section"] == "四"}
    assert len(four) == 15
    assert {k: v for k, v in four.items() if v} == {
        ("行政复议", "结果维持"): 1,
        ("行政复议", "总计"): 1,
        ("行政诉讼/复议后起诉", "尚未审结"): 1,
        ("行政诉讼/复议后起诉", "总计"): 1,
    }
    assert main(args, settings) == 0
    markdown = capsys.readouterr().out
    assert "### 平罗县城关镇人民政府2025年度 四、政府信息公开行政复议、行政诉讼情况" in markdown
    assert "| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 1 | 1 |" in markdown
    xlsx = tmp_path / "年报.xlsx"
    assert main([*args, "--xlsx", str(xlsx)], settings) == 0
    sheet = load_workbook(xlsx)["2025年表四"]
    assert [sheet.cell(2, 1).value, sheet.cell(2, 6).value, sheet.cell(3, 11).value] == [
        "行政复议",
        "行政诉讼",
        "复议后起诉",
    ]
    assert [sheet.cell(5, c).value for c in range(1, 16)] == [
        1,
        0,
        0,
        0,
        1,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        1,
        1,
    ]


def test_an_agency_name_never_becomes_a_formula(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    Workbook().save(path)
    add_section4_sheet(path, compute_section4([], 2025), '=HYPERLINK("http://x")')
    cell = load_workbook(path)["2025年表四"]["A1"]
    assert (cell.data_type, cell.value) == (
        "s",
        '=HYPERLINK("http://x")2025年度 四、政府信息公开行政复议、行政诉讼情况',
    )
