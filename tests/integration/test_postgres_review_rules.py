"""The review rules, fees, appeals, loaded calendars and migration 0005 on a real
PostgreSQL: the same tests as on SQLite, collected here with this suite's fixtures (the
`settings` and `db` of tests/integration/conftest.py point at a fresh PostgreSQL database).
"""

from __future__ import annotations

import pytest

from tests.test_requests_appeals import (  # noqa: F401
    test_recording_and_deciding_cases,
    test_stats_exports_section4_in_json_markdown_and_xlsx,
)
from tests.test_requests_calendar import (  # noqa: F401
    test_loading_the_2027_file_changes_the_2027_deadlines,
)
from tests.test_requests_migration import (  # noqa: F401
    test_old_rule_breaks_are_flagged_and_nothing_is_lost,
)
from tests.test_requests_rules import (  # noqa: F401
    test_fee_notice_stops_the_clock_until_payment,
    test_why_2_one_extension_and_the_consultation_goes_on,
)
from tests.test_requests_staff_cli import (  # noqa: F401
    number,
    test_a_whole_path_with_supplement_fee_and_reply,
)

pytestmark = pytest.mark.integration
