"""What a person does on each page of the app, as Playwright steps."""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from tests.browser.chromium import SETTLED

ANSWER_TIMEOUT = 60_000  # ms; the first answer of a fresh process warms its caches
NUMBER = re.compile(r"GK-\d{4}-\d{6}")
CODE = re.compile(r"查询验证码：([A-Z0-9]{8})")


def open_tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).click()


def choose(page: Page, container: str, option: str) -> None:
    """Pick `option` in the gradio dropdown inside the element `container` (a selector)."""
    page.locator(f"{container} input").click()
    page.get_by_role("option", name=option, exact=True).click()


def ask(page: Page, question: str, until: str) -> Locator:
    """Send a question in the chat; the new answer row once it contains `until`."""
    rows = page.locator("#chat .message-row.bot-row")
    before = rows.count()
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    expect(rows).to_have_count(before + 1, timeout=ANSWER_TIMEOUT)
    answer = rows.last
    expect(answer).to_contain_text(until, timeout=ANSWER_TIMEOUT)
    # The stream has ended when the stop button has gone.
    stop = page.locator("#question [data-testid='stop-button']")
    expect(stop).to_have_count(0, timeout=ANSWER_TIMEOUT)
    page.wait_for_function(SETTLED, timeout=ANSWER_TIMEOUT)
    return answer


@dataclass(frozen=True)
class Applicant:
    agency: str
    name: str
    id_number: str
    phone: str
    email: str
    content: str


def file_request(page: Page, who: Applicant, prefilled: bool = False) -> tuple[str, str]:
    """Fill in and submit the request form (agency and content only unless the chat has
    `prefilled` them); the 受理编号 and verification code shown."""
    open_tab(page, "依申请公开")
    content = page.get_by_label("所需政府信息的名称、文号或特征描述 *")
    if prefilled:
        expect(page.locator("#apply-agency input")).to_have_value(who.agency)
        expect(content).to_have_value(who.content)
    else:
        choose(page, "#apply-agency", who.agency)
        content.fill(who.content)
    page.get_by_label("申请人姓名或名称 *").fill(who.name)
    page.get_by_label("居民身份证号码 *").fill(who.id_number)
    page.get_by_label("联系电话 *").fill(who.phone)
    page.get_by_label("电子邮箱（选择电子邮件时必填）").fill(who.email)
    page.get_by_label("我已阅读并同意上述个人信息保护说明").check()
    page.get_by_role("button", name="提交申请").click()
    receipt = page.locator("#receipt")
    expect(receipt).to_contain_text("受理编号", timeout=30_000)
    text = receipt.inner_text()
    number, code = NUMBER.search(text), CODE.search(text)
    assert number and code, text
    return number.group(), code.group(1)


def look_up(page: Page, number: str, code: str, expected: str) -> str:
    open_tab(page, "进度查询")
    page.locator("#status-number textarea").fill(number)
    page.locator("#status-code textarea").fill(code)
    page.get_by_role("button", name="查询", exact=True).click()
    result = page.locator("#status-result")
    expect(result).to_contain_text(expected, timeout=30_000)
    return result.inner_text()


def open_sign_in(page: Page, base_url: str) -> None:
    """The console sends a browser without a session to the sign-in form."""
    page.goto(base_url + "staff/")
    expect(page).to_have_url(base_url + "login")


def sign_in(page: Page, name: str, password: str) -> None:
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page.locator("#staff-user")).to_contain_text(f"当前用户：{name}", timeout=30_000)


def section3_row(page: Page, label: str) -> list[int]:
    """The seven figures of the row whose label contains `label` in the staff table 三."""
    row = page.locator("#section3 tr", has_text=label).first
    cells = row.locator("td").all_inner_texts()
    return [int(c) for c in cells[1:]]


def make_statistics(page: Page, agency: str) -> None:
    """Generate table 三 on a freshly loaded console, so no earlier table can be read."""
    page.reload()
    open_tab(page, "统计报表")
    choose(page, "#stats-agency", agency)
    page.locator("#stats-make").click()
    expect(page.locator("#section3")).to_contain_text("予以公开", timeout=30_000)


def open_request(page: Page, number: str) -> None:
    open_tab(page, "待办申请")
    page.locator("#detail-number textarea, #detail-number input").fill(number)
    page.locator("#detail-show").click()
    expect(page.locator("#request-detail")).to_contain_text(number, timeout=30_000)


def act(page: Page, step: str) -> None:
    page.get_by_role("button", name=step, exact=True).click()
    expect(page.locator("#action-message")).to_contain_text(f"已完成“{step}”", timeout=30_000)


def reply(page: Page, result: str, text: str) -> None:
    choose(page, "#reply-result", result)
    page.locator("#reply-text textarea").fill(text)
    page.locator("#reply-button").click()
    expect(page.locator("#action-message")).to_contain_text("已完成“答复”", timeout=30_000)


def record_case(page: Page, number: str, kind: str, on: str, outcome: str) -> None:
    """Record a 行政复议/行政诉讼 case, or its outcome, in the staff console."""
    open_tab(page, "行政复议诉讼")
    page.locator("#case-number textarea, #case-number input").fill(number)
    choose(page, "#case-kind", kind)
    page.locator("#case-date textarea, #case-date input").fill(on)
    choose(page, "#case-outcome", outcome)
    page.locator("#case-save").click()
    expect(page.locator("#case-message")).to_contain_text(f"✓ {number}", timeout=30_000)


def section4_figures(page: Page) -> list[int]:
    """The 15 figures of table 四 (复议 ×5, 直接起诉 ×5, 复议后起诉 ×5) on the statistics tab."""
    cells = page.locator("#section4 tr").last.locator("td").all_inner_texts()
    return [int(c) for c in cells]
