"""Errors of the requests package; every message is Chinese and safe to show to users.

No message ever contains an applicant's personal data (name, ID number, phone, address,
e-mail): they are logged and shown in places the applicant's privacy does not reach.
"""

from __future__ import annotations


class RequestError(Exception):
    """Base class: `str(error)` is the message for the user."""


class InvalidApplication(RequestError):
    """Fields failed validation; `problems` maps each field's Chinese name to the reason."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("；".join(f"{field}：{reason}" for field, reason in problems.items()))


class DuplicateRequest(RequestError):
    """The same applicant filed the same content within a day."""

    def __init__(self, existing_number: str, message: str) -> None:
        self.existing_number = existing_number
        super().__init__(message)


class IllegalTransition(RequestError):
    """The state machine or a deadline rule of the 条例 forbids the step."""


class UnknownRequest(RequestError):
    """No request with that 受理编号 (staff side; the public look-up never raises it)."""


class IntakeLimited(RequestError):
    """Too many requests from one applicant (ID number or phone) or one client."""
