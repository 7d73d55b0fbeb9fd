"""On PostgreSQL, which refuses NUL in text: a NUL in a form field gets the per-field
message, and a database error's text carries no values (issue 13: it once showed the SQL
with the applicant's personal data)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from assistant.qa import QAService
from assistant.requests.models import Request
from assistant.services import Services
from assistant.settings import Settings
from assistant.staff import add_user
from assistant.ui.server import create_app
from tests.security.appserver import PASSWORD, STAFF, App, application, call, hold_reports
from tests.services.http import serving

pytestmark = pytest.mark.integration


@pytest.fixture
def app(settings: Settings) -> Iterator[App]:
    services = Services(settings)
    add_user(services.db, STAFF, PASSWORD)
    hold_reports(services)
    asgi = create_app(services, QAService(services))
    with serving(asgi) as base:
        yield App(base, services, asgi)
    services.db.dispose()


def test_a_nul_in_a_form_field_gets_the_field_message(app: App) -> None:
    with app.client() as client:
        outputs = call(client, "submit_request", application(name="王\x00小明"))
    shown = [u["value"] for u in outputs[1:-1] if isinstance(u, dict) and u.get("visible")]
    assert shown == ["⚠ 申请人姓名或名称：含有不允许的控制字符或文字方向控制符，请删除后重新填写"]
    with app.services.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Request)) == 0


def test_a_database_error_names_no_values(app: App) -> None:
    """Past validation (a bug, or another writer): PostgreSQL's refusal reaches the log
    without the statement's values."""
    with pytest.raises(DBAPIError) as refused, app.services.db.session() as session:
        session.add(
            Request(
                number="GK-2026-999999",
                agency="平罗县城关镇人民政府",
                applicant_type="自然人",
                applicant_name="王\x00小明",
                id_number="11010519491231002X",
                phone="13912345678",
                content="请公开某文件",
                channel="网络",
                received_date=date(2026, 3, 2),
                status="已登记",
                due_date=date(2026, 3, 30),
                created_at=datetime.now(UTC),
            )
        )
    text = str(refused.value)
    assert "INSERT INTO requests" in text
    assert "11010519491231002X" not in text and "13912345678" not in text
