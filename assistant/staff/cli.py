"""`python -m assistant.staff`: create staff accounts for the staff console.

    python -m assistant.staff add-user NAME            # asks for the password twice
    echo "$PW" | python -m assistant.staff add-user NAME --password-stdin
    python -m assistant.staff list-users
    python -m assistant.staff add-agency NAME          # one more agency on the public form
    python -m assistant.staff list-agencies

Exit codes: 0 success; 1 when the account was refused; 2 on usage errors.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TextIO

from assistant.requests.agencies import AgencyError, add_agency, known_agencies
from assistant.services import Services
from assistant.settings import Settings
from assistant.staff.accounts import StaffError, add_user, list_users

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assistant.staff", description="工作人员账号管理（登录工作人员后台用）。"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    adder = commands.add_parser("add-user", help="新建账号")
    adder.add_argument("name", help="用户名")
    adder.add_argument(
        "--password-stdin", action="store_true", help="从标准输入读取密码（脚本用，读第一行）"
    )
    commands.add_parser("list-users", help="列出所有账号")
    agency = commands.add_parser("add-agency", help="添加受理机关（公众申请表可选择的机关）")
    agency.add_argument("name", help="机关全称")
    commands.add_parser("list-agencies", help="列出公众申请表可选择的受理机关")
    return parser


def read_password(stdin: TextIO | None) -> str:
    """From the first line of `stdin`, or asked twice on the terminal when `stdin` is None."""
    if stdin is not None:
        return stdin.readline().rstrip("\r\n")
    first = getpass.getpass("密码：")
    if getpass.getpass("再次输入密码：") != first:
        raise StaffError("两次输入的密码不一致")
    return first


def main(
    argv: list[str] | None = None, settings: Settings | None = None, stdin: TextIO | None = None
) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    db = Services(settings or Settings()).db
    if args.command == "list-users":
        print("\n".join(list_users(db)) or "还没有账号。")
        return EXIT_OK
    if args.command == "list-agencies":
        print("\n".join(known_agencies(db)) or "还没有受理机关。")
        return EXIT_OK
    if args.command == "add-agency":
        try:
            name = add_agency(db, args.name, actor=f"命令行（{getpass.getuser()}）"[:50])
        except AgencyError as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return EXIT_FAILED
        print(f"已添加受理机关：{name}")
        return EXIT_OK
    try:
        password = read_password((stdin or sys.stdin) if args.password_stdin else None)
        name = add_user(db, args.name, password)
    except StaffError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"已创建账号：{name}")
    return EXIT_OK
