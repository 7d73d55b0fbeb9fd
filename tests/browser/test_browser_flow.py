"""The whole app in headless Chromium: a citizen asks, files a request and looks it up;
a staff member signs in, answers it, and the statistics table changes."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from gradio_client import Client
from playwright.sync_api import expect

from assistant.db import Database
from assistant.requests.deadlines import BUSINESS_TZ, business_date
from assistant.requests.intake import submit
from assistant.requests.validation import Application
from assistant.settings import Settings
from assistant.staff.cli import main as staff_cli
from tests.browser.app_process import RunningApp, running_app
from tests.browser.chromium import SHARED_SCREENSHOTS, Screenshots, chromium
from tests.browser.http_ask import ask_over_http
from tests.browser.pages import (
    Applicant,
    act,
    ask,
    choose,
    file_request,
    look_up,
    make_statistics,
    open_request,
    open_sign_in,
    open_tab,
    record_case,
    reply,
    section3_row,
    section4_figures,
    sign_in,
)
from tests.conftest import SHARED_MODELS_DIR

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUESTION = "城关镇2020年主动公开政府信息多少条？"
SOURCE = "《平罗县城关镇人民政府2020年政府信息公开年度报告》"
AGENCY = "平罗县城关镇人民政府"
STAFF, PASSWORD = "审核员王", "browser-test-pass"
PUBLIC_NEW = [
    ("上海市人民政府办公厅", 2019, 859),
    ("平罗县城关镇人民政府", 2020, 3),
    ("淮安市人民政府", 2024, 3119),
]
CITIZEN = Applicant(
    agency=AGENCY,
    name="李明",
    id_number="11010519491231002X",
    phone="13800138000",
    email="liming@example.com",
    content="城关镇2021年老旧小区改造项目的资金安排",
)


@dataclass(frozen=True)
class Started:
    app: RunningApp
    data_dir: Path
    first_start_s: float  # empty store: includes ingesting the samples
    cold_start_s: float  # restart on the filled store: process launch to first answer
    rss_mb: float  # after start-up and the first answer


def _mtime(path: Path) -> float:
    return path.stat().st_mtime


def _first_answer(app: RunningApp) -> tuple[float, str]:
    answer = ask_over_http(app.url, QUESTION)
    return time.monotonic() - app.started_at, answer


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Started]:
    """Start once on an empty store (it ingests the samples), then restart and measure."""
    data_dir = tmp_path_factory.mktemp("browser") / "data"
    with running_app(data_dir) as first:
        first_start, _ = _first_answer(first)
    with running_app(data_dir) as app:
        cold_start, answer = _first_answer(app)
        assert "1252" in answer, answer
        measured = Started(app, data_dir, first_start, cold_start, app.rss_mb())
        report = {
            "first_start_to_first_answer_s": round(first_start, 1),
            "cold_start_to_first_answer_s": round(cold_start, 1),
            "rss_after_start_mb": round(measured.rss_mb),
        }
        print(f"\nstart-up: {report}")
        SHARED_SCREENSHOTS.parent.mkdir(parents=True, exist_ok=True)
        (SHARED_SCREENSHOTS.parent / "startup.json").write_text(json.dumps(report, indent=2))
        yield measured


def test_restart_answers_from_the_stored_corpus_without_ingesting_again(started: Started) -> None:
    """The restarted process answers from what the first start stored. (How long a
    start takes is measured by benchmarks/startup.py, not asserted here.)"""
    first_log, restart_log = sorted(started.data_dir.parent.glob("app-*.log"), key=_mtime)
    assert "资料库为空，正在导入示例文档" in first_log.read_text()
    assert "资料库为空" not in restart_log.read_text()
    assert "http://127.0.0.1" in restart_log.read_text()


def test_ask_endpoint_answers_through_gradio_client(started: Started) -> None:
    client = Client(started.app.url, verbose=False)
    answer = client.predict(QUESTION, api_name="/ask")
    assert "1252条" in answer
    assert f"引用：\n1. {SOURCE}第一部分：2020年全镇主动公开政府信息1252条。" in answer


def test_citizen_and_staff_flow(started: Started, tmp_path: Path) -> None:
    base = started.app.url
    shots = Screenshots(tmp_path / "screenshots")
    settings = Settings(_env_file=None, data_dir=started.data_dir, models_dir=SHARED_MODELS_DIR)
    password = io.StringIO(PASSWORD + "\n")
    assert staff_cli(["add-user", STAFF, "--password-stdin"], settings, stdin=password) == 0

    with chromium() as browser:
        page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
        page.goto(base)
        page.locator("#question textarea").wait_for()
        shots.take(page, "home")

        # 咨询: the figure, then its citation unfolded.
        answer = ask(page, QUESTION, until="引用出处")
        expect(answer).to_contain_text("1252条")
        answer.get_by_text("引用出处").click()
        citation = answer.locator(".thought-group")
        expect(citation).to_contain_text(f"{SOURCE}第一部分")
        quote = citation.locator("blockquote")
        expect(quote).to_be_visible()
        expect(quote).to_have_text("2020年全镇主动公开政府信息1252条。")
        page.wait_for_timeout(1000)  # the block slides open before it shows in a screenshot
        shots.take(page, "answer_with_citation")

        # A follow-up keeps the agency and year of the first question.
        follow_up = ask(page, "那2020年收到多少件申请？", until="引用出处")
        expect(follow_up).to_contain_text("平罗县城关镇人民政府2020年")
        expect(follow_up).to_contain_text("3件")

        # A refusal names what the corpus holds instead.
        refusal = ask(page, "北京市2020年主动公开政府信息多少条？", until="资料库中有")
        expect(refusal).to_contain_text("未找到")
        expect(refusal).to_contain_text("平罗县城关镇人民政府2020年")

        # A wish to apply: 依申请公开 explained, the form opened with what was asked.
        ask(page, f"我想申请公开{CITIZEN.content}", until="依申请公开")
        expect(page.get_by_role("tab", name="依申请公开", exact=True)).to_have_attribute(
            "aria-selected", "true"
        )
        shots.take(page, "chat_opens_the_form")

        # 依申请公开: the form, the receipt; then 进度查询 with a wrong and the right code.
        number, code = file_request(page, CITIZEN, prefilled=True)
        shots.take(page, "request_receipt")
        wrong = "A" * 8 if code != "A" * 8 else "B" * 8
        look_up(page, number, wrong, expected="未查到该申请")
        status = look_up(page, number, code, expected="办理状态：已登记")
        assert CITIZEN.name not in status and CITIZEN.phone not in status
        shots.take(page, "status_registered")

        # 工作人员: sign in, see the request in the queue, the table before the answer.
        open_sign_in(page, base)
        shots.take(page, "sign_in")
        sign_in(page, STAFF, PASSWORD)
        expect(page.locator("#staff-queue")).to_contain_text(number)
        shots.take(page, "staff_queue")
        make_statistics(page, AGENCY)
        assert section3_row(page, "本年新收")[-1] == 1
        assert section3_row(page, "予以公开")[-1] == 0
        assert section3_row(page, "结转下年度")[-1] == 1
        shots.take(page, "statistics_before")

        open_request(page, number)
        expect(page.locator("#request-detail")).to_contain_text(CITIZEN.name)
        act(page, "受理")
        reply(page, "予以公开", "所申请信息见附件《2021年老旧小区改造资金安排表》。")
        expect(page.locator("#request-history")).to_contain_text("答复")
        shots.take(page, "request_answered")

        make_statistics(page, AGENCY)
        assert section3_row(page, "予以公开") == [1, 0, 0, 0, 0, 0, 1]  # 自然人 … 总计
        assert section3_row(page, "（七）总计")[-1] == 1
        assert section3_row(page, "结转下年度")[-1] == 0
        shots.take(page, "statistics_after")

        # 统计 (public): 本年新收 of every ingested report, as a table and a chart.
        page.goto(base)
        open_tab(page, "统计")
        table = page.locator("#public-stats")
        expect(table).to_contain_text("淮安市人民政府")
        for agency, year, figure in PUBLIC_NEW:
            expect(table.get_by_role("row", name=f"{agency} {year} {figure}")).to_have_count(1)
        shots.take(page, "public_statistics")

        # The applicant now sees the reply.
        status = look_up(page, number, code, expected="办理状态：已答复")
        assert "办理结果：予以公开" in status
        shots.take(page, "status_answered")

    assert len(shots.taken) == 12


def test_staff_record_an_appeal_outcome_and_see_it_in_section4(
    started: Started, tmp_path: Path
) -> None:
    """Issue 12: a 行政复议 recorded and decided in the console lands in table 四."""
    agency, staff, password = "平罗县人民政府办公室", "复议登记员", "appeal-test-pass"
    settings = Settings(_env_file=None, data_dir=started.data_dir, models_dir=SHARED_MODELS_DIR)
    assert (
        staff_cli(
            ["add-user", staff, "--password-stdin"], settings, stdin=io.StringIO(password + "\n")
        )
        == 0
    )
    year = business_date(datetime.now(BUSINESS_TZ)).year  # the statistics tab's default
    db = Database(settings.resolved_database_url)
    number = submit(
        db,
        Application(
            agency=agency,
            applicant_type="商业企业",
            applicant_name="某某科技有限公司",
            id_number="91350100M000100Y43",
            phone="13912345678",
            content="本机关某项行政许可的批准文件",
            channel="当面",
            form="电子",
            delivery="自取",
            submitted_on=date(year, 3, 2),
        ),
    ).number
    db.dispose()
    shots = Screenshots(tmp_path / "screenshots")
    with chromium() as browser:
        page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
        open_sign_in(page, started.app.url)
        sign_in(page, staff, password)
        record_case(page, number, "行政复议", f"{year}-04-01", "尚未审结")
        expect(page.locator("#case-table")).to_contain_text("尚未审结")
        record_case(page, number, "行政复议", f"{year}-05-20", "结果纠正")
        expect(page.locator("#case-table")).to_contain_text("结果纠正")
        shots.take(page, "appeal_recorded")
        page.reload()
        open_tab(page, "统计报表")
        choose(page, "#stats-agency", agency)
        page.locator("#stats-make").click()
        expect(page.locator("#section4")).to_contain_text("行政复议", timeout=30_000)
        #                         复议: 维持 纠正 其他 未结 总计 | 直接起诉 ×5 | 复议后起诉 ×5
        assert section4_figures(page) == [0, 1, 0, 0, 1] + [0] * 10
        shots.take(page, "statistics_section4")
