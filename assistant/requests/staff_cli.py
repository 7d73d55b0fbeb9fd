"""The staff commands of `python -m assistant.requests`: act, show, calendar load.

`act` exits 0 when the step was recorded, 1 when a rule refused it (the reason, naming
its article, on stderr), 2 when an option the step needs is missing or malformed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import select

from assistant.db import Database
from assistant.requests import appeals, review
from assistant.requests import messages as msg
from assistant.requests.calendar_file import read_arrangement
from assistant.requests.calendar_store import store_arrangement
from assistant.requests.deadlines import BUSINESS_TZ, business_date
from assistant.requests.errors import UnknownRequest
from assistant.requests.models import Request
from assistant.requests.states import Action
from assistant.requests.vocabulary import (
    AppealKind,
    AppealOutcome,
    FeeBasis,
    LitigationRoute,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
APPEAL = "appeal"
ACTIONS = [*(a.value for a in Action), APPEAL]
DEFAULT_ACTOR = "工作人员（命令行）"


class UsageError(Exception):
    """A missing or malformed option: exit 2."""


def add_commands(commands: Any) -> None:
    """Register act, show and calendar on the CLI's subparsers."""
    act = commands.add_parser(
        "act",
        help="办理一步：受理、补正、征求意见、延期、收费、答复、登记复议诉讼",
        description="按《政府信息公开条例》的规则办理一步；被拒绝时在stderr说明理由和条款，退出码1。",
    )
    act.add_argument("number", help="受理编号，如GK-2025-000001")
    act.add_argument("action", choices=ACTIONS, help="办理步骤")
    act.add_argument("--date", type=date.fromisoformat, help="办理日期（默认今天，YYYY-MM-DD）")
    act.add_argument("--note", default="", help="备注（记入办理记录）；reply时为答复内容")
    act.add_argument("--approver", default="", help="extend：批准延期的负责人")
    act.add_argument("--days", type=int, default=20, help="extend：延长的工作日数（默认20）")
    act.add_argument(
        "--until", type=date.fromisoformat, help="notify-supplement：补正期限（YYYY-MM-DD）"
    )
    act.add_argument("--result", help="reply：表三办理结果（如“予以公开”）；appeal：案件结果")
    act.add_argument("--amount", help="fee-notice：信息处理费金额（元）")
    act.add_argument("--basis", choices=[b.value for b in FeeBasis], help="fee-notice：收费依据")
    act.add_argument("--kind", choices=[k.value for k in AppealKind], help="appeal：案件类型")
    act.add_argument(
        "--route", choices=[r.value for r in LitigationRoute], help="appeal：行政诉讼的起诉方式"
    )
    act.add_argument(
        "--filed",
        type=date.fromisoformat,
        help="appeal：补登已审结的案件时的起诉或申请复议日期（--date为审结日期）",
    )
    act.add_argument("--actor", default=DEFAULT_ACTOR, help="记入办理记录的操作人")

    show = commands.add_parser("show", help="一件申请的状态、答复期限和办理记录")
    show.add_argument("number", help="受理编号")
    show.add_argument("--json", action="store_true", help="输出JSON")

    calendar = commands.add_parser("calendar", help="节假日安排")
    calendar_commands = calendar.add_subparsers(dest="calendar_command", required=True)
    load = calendar_commands.add_parser(
        "load",
        help="载入某年的放假和调休安排（TOML，格式见README）",
        description="载入后重新计算所有未办结申请的答复期限，并列出改变的期限。",
    )
    load.add_argument("file", type=Path, help="安排文件（UTF-8 TOML）")
    load.add_argument("--actor", default=DEFAULT_ACTOR, help="记录的操作人")


def _need(value: Any, option: str, action: str) -> Any:
    if value is None or value == "":
        raise UsageError(f"{action} 需要 {option}")
    return value


def _step(args: argparse.Namespace) -> Callable[..., Any]:
    """The review call for `args.action`, with the options it needs checked (UsageError)."""
    a = args.action
    if a == Action.NOTIFY_SUPPLEMENT:
        return partial(review.request_supplement, supplement_due=_need(args.until, "--until", a))
    if a == Action.EXTEND:
        # An empty approver is refused by the rule itself (第三十三条), not as a usage error.
        return partial(review.extend, days=args.days, approver=args.approver)
    if a == Action.FEE_NOTICE:
        amount = _need(args.amount, "--amount", a)
        return partial(review.notify_fee, amount=amount, basis=_need(args.basis, "--basis", a))
    if a == Action.REPLY:
        result = _need(args.result, "--result", a)
        text = _need(args.note, "--note（答复内容）", a)
        return partial(review.reply, result=result, reply_text=text)
    simple = {
        Action.ACCEPT: review.accept,
        Action.RECEIVE_SUPPLEMENT: review.receive_supplement,
        Action.ABANDON: review.mark_abandoned,
        Action.CONSULT: review.start_consultation,
        Action.CONSULTED: review.end_consultation,
        Action.FEE_PAID: review.record_fee_paid,
    }
    return simple[Action(a)]


def _appeal(db: Database, args: argparse.Namespace, on: date) -> None:
    kind = _need(args.kind, "--kind", APPEAL)
    outcome = args.result or AppealOutcome.PENDING.value
    common = {"actor": args.actor, "kind": kind, "note": args.note, "route": args.route}
    if args.filed is not None:  # a case entered after the fact, possibly decided
        decided = None if outcome == AppealOutcome.PENDING else on
        appeals.record_appeal(
            db, args.number, filed_on=args.filed, outcome=outcome, decided_on=decided, **common
        )
    elif outcome == AppealOutcome.PENDING:
        appeals.record_appeal(db, args.number, filed_on=on, **common)
    else:
        appeals.decide_appeal(db, args.number, outcome=outcome, decided_on=on, **common)


def run_act(db: Database, args: argparse.Namespace, today: date) -> int:
    on = args.date or today
    try:
        if args.action == APPEAL:
            _appeal(db, args, on)
        else:
            step = _step(args)
            note = "" if args.action == Action.REPLY else args.note  # the reply's text
            step(db, args.number.strip().upper(), actor=args.actor, on=on, note=note)
    except UsageError as exc:
        print(f"用法错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"{args.number.strip().upper()}：已完成 {args.action}。")
    return EXIT_OK


def request_view(db: Database, number: str) -> dict[str, Any]:
    """What `show --json` prints: nothing of the applicant's personal data."""
    with db.session() as session:
        request = session.scalar(select(Request).where(Request.number == number.strip().upper()))
        if request is None:
            raise UnknownRequest(msg.UNKNOWN_NUMBER.format(number=number.strip()))
        return {
            "number": request.number,
            "agency": request.agency,
            "status": request.status,
            "received": request.received_date.isoformat(),
            "due": request.due_date.isoformat(),
            "due_estimated": request.due_estimated,
            "supplement_due": _iso(request.supplement_due),
            "fee": None
            if request.fee_notice_on is None
            else {
                "notified": _iso(request.fee_notice_on),
                "amount": str(request.fee_amount),
                "basis": request.fee_basis,
                "due": _iso(request.fee_due),
                "paid": _iso(request.fee_paid_on),
            },
            "result": request.result,
            "closed": _iso(request.closed_date),
            "flags": [line for line in request.rule_flags.splitlines() if line],
            "appeals": [
                {
                    "kind": a.kind,
                    "route": a.route,
                    "filed": a.filed_on.isoformat(),
                    "outcome": a.outcome,
                    "decided": _iso(a.decided_on),
                }
                for a in request.appeals
            ],
            "events": [
                {
                    "at": e.at.astimezone(BUSINESS_TZ).isoformat(timespec="seconds"),
                    "date": e.on_date.isoformat(),
                    "actor": e.actor,
                    "step": e.step,
                    "from": e.from_status,
                    "to": e.to_status,
                    "note": e.note,
                }
                for e in request.events
            ],
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def run_show(db: Database, number: str, as_json: bool) -> int:
    view = request_view(db, number)
    if as_json:
        print(json.dumps(view, ensure_ascii=False, indent=2))
        return EXIT_OK
    due = view["due"] + ("（估算）" if view["due_estimated"] else "")
    print(f"{view['number']}\t{view['status']}\t收到 {view['received']}\t期限 {due}")
    for flag in view["flags"]:
        print(f"⚠ {flag}")
    for e in view["events"]:
        print("\t".join([e["date"], e["actor"], e["step"], e["from"] or "", e["to"], e["note"]]))
    return EXIT_OK


def run_calendar_load(db: Database, path: Path, actor: str) -> int:
    arrangement = read_arrangement(path)
    result = store_arrangement(db, arrangement, actor=actor)
    verb = "已替换" if result.replaced else "已载入"
    print(
        f"{verb}{result.year}年节假日安排：放假{result.holidays}天，调休上班{result.workdays}天；"
        f"{len(result.changed)}件未办结申请的答复期限改变。"
    )
    for number, before, after in result.changed:
        print(f"{number}\t{before} → {after}")
    return EXIT_OK


def run(db: Database, args: argparse.Namespace) -> int:
    """Dispatch act/show/calendar; RequestError and OSError are handled by the caller."""
    if args.command == "act":
        return run_act(db, args, business_date(datetime.now(BUSINESS_TZ)))
    if args.command == "show":
        return run_show(db, args.number, args.json)
    return run_calendar_load(db, args.file, args.actor)
