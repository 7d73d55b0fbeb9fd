"""SQL records of 依申请公开 requests, their audit trail, and the 受理编号 counters."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    TypeDecorator,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assistant.db.base import Base


class AwareDateTime(TypeDecorator[datetime]):
    """Timezone-aware timestamps on every backend: SQLite keeps no offset, so values are
    stored as UTC and come back with tzinfo=UTC; convert to Asia/Shanghai for display."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass a timezone-aware timestamp")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None or value.tzinfo is not None:
            return value
        return value.replace(tzinfo=UTC)


class Request(Base):
    """One 政府信息公开申请. Personal fields (applicant_name, id_number, phone, address,
    email) are for staff only: nothing derived for the public or for statistics reads them."""

    __tablename__ = "requests"
    __table_args__ = (Index("ix_requests_agency_received", "agency", "received_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)  # 受理编号 GK-2026-000123
    agency: Mapped[str] = mapped_column(String(200))
    applicant_type: Mapped[str] = mapped_column(String(16))
    applicant_name: Mapped[str] = mapped_column(String(200))
    # Paper requests entered in bulk may lack the contact details below.
    id_number: Mapped[str | None] = mapped_column(String(32))
    phone: Mapped[str | None] = mapped_column(String(32))
    address: Mapped[str | None] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    form: Mapped[str | None] = mapped_column(String(8))
    delivery: Mapped[str | None] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(8))
    received_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(8), index=True)
    # Answer deadline after every rule applied so far; `due_estimated` when it relies on
    # days beyond the official holiday calendar or on an open consultation.
    due_date: Mapped[date] = mapped_column(Date, index=True)
    due_estimated: Mapped[bool] = mapped_column(Boolean, default=False)
    supplement_requested_on: Mapped[date | None] = mapped_column(Date)
    supplement_due: Mapped[date | None] = mapped_column(Date)  # the applicant's 补正期限
    supplemented_on: Mapped[date | None] = mapped_column(Date)  # restarts the clock
    extension_days: Mapped[int] = mapped_column(Integer, default=0)
    # 信息处理费 (第四十二条): the notice, the applicant's payment deadline, the payment.
    fee_notice_on: Mapped[date | None] = mapped_column(Date)
    fee_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    fee_basis: Mapped[str | None] = mapped_column(String(8))
    fee_due: Mapped[date | None] = mapped_column(Date)
    fee_paid_on: Mapped[date | None] = mapped_column(Date)
    # Steps recorded before the rules were enforced that break one, one per line: shown to
    # staff, never deleted (migration 0005).
    rule_flags: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str | None] = mapped_column(String(120))  # leaf row of 三、本年度办理结果
    reply_text: Mapped[str | None] = mapped_column(Text)
    closed_date: Mapped[date | None] = mapped_column(Date, index=True)
    # argon2 hash of the applicant's verification code; None for requests entered in bulk.
    code_hash: Mapped[str | None] = mapped_column(String(200))
    # sha256 of applicant + normalised content: finds resubmissions without a scan.
    duplicate_key: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime())
    # Marked by staff as filed by a script or in bulk abuse: kept and audited, but not
    # counted in the statistics.
    spam: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    events: Mapped[list[RequestEvent]] = relationship(
        back_populates="request", order_by="RequestEvent.id", cascade="all, delete-orphan"
    )
    appeals: Mapped[list[Appeal]] = relationship(
        back_populates="request", order_by="Appeal.id", cascade="all, delete-orphan"
    )


class RequestEvent(Base):
    """Audit trail: one row per status change (and one for registration)."""

    __tablename__ = "request_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(AwareDateTime())  # when it was recorded
    on_date: Mapped[date] = mapped_column(Date)  # the business day the step took effect
    actor: Mapped[str] = mapped_column(String(100))
    from_status: Mapped[str | None] = mapped_column(String(8))
    to_status: Mapped[str] = mapped_column(String(8))
    step: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")

    request: Mapped[Request] = relationship(back_populates="events")


class RequestCounter(Base):
    """The last 受理编号 handed out per year; incremented inside the inserting transaction."""

    __tablename__ = "request_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Appeal(Base):
    """A 行政复议 or 行政诉讼 case against the handling of a request (section 四)."""

    __tablename__ = "request_appeals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(8))  # 行政复议 / 行政诉讼
    route: Mapped[str | None] = mapped_column(String(16))  # 诉讼: 未经复议直接起诉 / 复议后起诉
    filed_on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(8))  # 结果维持/结果纠正/其他结果/尚未审结
    decided_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")

    request: Mapped[Request] = relationship(back_populates="appeals")


class CalendarYear(Base):
    """An official holiday arrangement loaded by staff; its days are in `CalendarDay`."""

    __tablename__ = "calendar_years"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(Text, default="")
    loaded_by: Mapped[str] = mapped_column(String(100))
    loaded_at: Mapped[datetime] = mapped_column(AwareDateTime())


class CalendarDay(Base):
    """A holiday (workday False) or 调休 working day (True) of a loaded arrangement."""

    __tablename__ = "calendar_days"

    # A day near the turn of the year may appear in two arrangements; the later year wins.
    year: Mapped[int] = mapped_column(
        ForeignKey("calendar_years.year", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    workday: Mapped[bool] = mapped_column(Boolean)
    name: Mapped[str] = mapped_column(String(20))
