"""Business actions for the mentee workspace. Import as `from mentoring import services`."""

from .checkins import checkin_record  # noqa: F401
from .goals import (  # noqa: F401
    goal_create,
    goal_set_status,
    goal_update,
    milestone_add,
    milestone_delete,
    milestone_set_done,
)
from .habits import habit_archive, habit_create, habit_log, habit_unlog, habit_update  # noqa: F401
from .journal import journal_create, journal_delete, journal_update  # noqa: F401
from .recovery import (  # noqa: F401
    recovery_return_to_use,
    recovery_settings_update,
    recovery_start,
)
from .time import local_today  # noqa: F401
