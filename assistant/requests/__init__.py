"""依申请公开: intake, staff review by the 条例's rules, fees, 行政复议/诉讼, and the
section 三 and 四 tables.

Pure modules: vocabulary, validation, workcalendar, deadlines, states, fees, stats, export,
export4, calendar_file (parsing), messages, errors.
I/O modules: intake (submit, lookup), review (staff actions), views (queue, history), periods (a loaded
request's deadline), appeals (cases and section 四), calendar_store (loaded holiday
arrangements), importer (CSV), report (the table from the log), numbering (受理编号),
codes (verification codes), texts (applicant-facing texts from prompts/requests/),
models (SQL), cli and staff_cli.
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
