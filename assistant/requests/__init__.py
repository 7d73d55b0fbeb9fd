"""依申请公开: intake, staff review with the 条例's deadlines, and the section 三 table.

Pure modules: vocabulary, validation, deadlines, states, stats, export, messages, errors.
I/O modules: intake (submit, lookup), review (staff actions, queue), importer (CSV),
report (the table from the log), numbering (受理编号), codes (verification codes),
texts (applicant-facing texts from prompts/requests/), models (SQL), cli.
"""

from assistant.requests.errors import (
    DuplicateRequest,
    IllegalTransition,
    InvalidApplication,
    RequestError,
    UnknownRequest,
)
from assistant.requests.intake import Receipt, StatusView, lookup, submit
from assistant.requests.states import Status
from assistant.requests.validation import Application

__all__ = [
    "Application",
    "DuplicateRequest",
    "IllegalTransition",
    "InvalidApplication",
    "Receipt",
    "RequestError",
    "Status",
    "StatusView",
    "UnknownRequest",
    "lookup",
    "submit",
]
