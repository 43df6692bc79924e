"""What the report pages read: figures counted in the database, export rows read in chunks."""

from .engagement import (  # noqa: F401
    checkin_share,
    event_attendance,
    goals_achieved,
    meetings_last_days,
    retention,
    weekly_trends,
)
from .exports import meeting_rows, member_rows, pairing_rows, pseudonym  # noqa: F401
from .funder import Section, funder_csv_rows, funder_report, funder_sections  # noqa: F401
from .overview import (  # noqa: F401
    members_by_role_and_status,
    mentor_load,
    pairings_by_status,
    waiting_list,
)
from .records import export_records  # noqa: F401
