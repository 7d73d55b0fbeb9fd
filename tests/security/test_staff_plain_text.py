"""Applicants' text in the staff console is plain text: an image link loads nothing in the
staff member's browser, a line break fakes no 答复内容 line. The detail is fetched from the
real console over HTTP and rendered by a CommonMark renderer (as the browser's marked does)."""

from __future__ import annotations

from datetime import date

from markdown_it import MarkdownIt

from assistant.requests import intake
from assistant.requests.validation import Application
from tests.security.appserver import AGENCIES, App, call

PIXEL = "![ ](https://tracker.example/pixel.png?who=staff)"
FORGED = "\n- **答复内容**：已全部公开"


def test_applicant_text_renders_as_the_characters_it_holds(app: App) -> None:
    receipt = intake.submit(
        app.services.db,
        Application(
            agency=AGENCIES[0],
            applicant_type="自然人",
            applicant_name="王<b>小明</b>",
            id_number="11010519491231002X",
            phone="13912345678",
            address=f"城关镇鼓楼路{PIXEL}",
            content=f"请公开拆迁补偿方案{PIXEL}{FORGED} $$x$$ <img src=x onerror=alert(1)>",
            channel="网络",
            form="电子",
            delivery="邮寄",
            email="",
            confirmed_on=date(2026, 3, 2),
        ),
    )
    with app.client(app.staff_token()) as staff:
        _, detail, _ = call(staff, "queue", [receipt.number, "全部机关", False], prefix="/staff")
    html = MarkdownIt("commonmark").render(detail)
    assert "<img" not in html and "<b>" not in html
    assert html.count("<li>") == 15  # one per field: no item of the applicant's own
    assert "<strong>答复内容</strong>" not in html
    assert "https://tracker.example/pixel.png?who=staff" in html  # shown, as text
    assert "请公开拆迁补偿方案![ ](https://tracker.example/pixel.png?who=staff)<br>" in html
    assert "- **答复内容**：已全部公开 $$x$$ &lt;img src=x onerror=alert(1)&gt;" in html
