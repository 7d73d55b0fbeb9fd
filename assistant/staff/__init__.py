"""Staff accounts and sign-in sessions for the staff console (no UI code here).

accounts: create accounts, check passwords (argon2id); sessions: open, resolve and close
expiring sign-in sessions; cli: `python -m assistant.staff add-user NAME`.
"""

from assistant.staff.accounts import StaffError, add_user, authenticate, list_users
from assistant.staff.sessions import close_session, open_session, session_user

__all__ = [
    "StaffError",
    "add_user",
    "authenticate",
    "close_session",
    "list_users",
    "open_session",
    "session_user",
]
