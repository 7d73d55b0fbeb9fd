"""Texts shown to applicants, rendered from the templates in prompts/requests/."""

from __future__ import annotations

from functools import cache

from assistant.requests.intake import Receipt, StatusView
from assistant.requests.states import Status
from assistant.settings import REPO_ROOT

TEMPLATES_DIR = REPO_ROOT / "prompts" / "requests"


@cache
def template(name: str) -> str:
    return (TEMPLATES_DIR / f"{name}.txt").read_text(encoding="utf-8").strip()


def result_label(result: str) -> str:
    """A result row path as a citizen reads it: `不予公开/属于国家秘密` → `不予公开：属于国家秘密`."""
    return result.replace("/", "：")


def _estimate_note(estimated: bool) -> str:
    return template("due_estimated") if estimated else ""


def render_receipt(receipt: Receipt) -> str:
    return template("receipt").format(
        number=receipt.number,
        verification_code=receipt.verification_code,
        received_date=receipt.received_date.isoformat(),
        due_date=receipt.due_date.isoformat(),
        estimate_note=_estimate_note(receipt.due_estimated),
    )


def render_status(view: StatusView | None) -> str:
    """The look-up answer; an unknown number and a wrong code read the same."""
    if view is None:
        return template("not_found")
    if view.closed_date is None:
        due, note = view.due_date.isoformat(), _estimate_note(view.due_estimated)
        # While the period stands still the date would mislead: say what starts it again.
        if view.status == Status.AWAITING_SUPPLEMENT and view.supplement_due is not None:
            due, note = template("due_after_supplement").format(until=view.supplement_due), ""
        elif view.status == Status.AWAITING_FEE and view.fee_due is not None:
            due, note = template("due_after_fee").format(until=view.fee_due), ""
        return template("status_open").format(
            number=view.number,
            status=view.status,
            received_date=view.received_date.isoformat(),
            due_date=due,
            estimate_note=note,
        )
    return (
        template("status_closed")
        .format(
            number=view.number,
            status=view.status,
            received_date=view.received_date.isoformat(),
            closed_date=view.closed_date.isoformat(),
            result=result_label(view.result or ""),
            reply_text=view.reply_text or "",
        )
        .strip()
    )
