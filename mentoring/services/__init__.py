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
from .habits import (  # noqa: F401
    habit_archive,
    habit_create,
    habit_log,
    habit_recompute_streaks,
    habit_unlog,
    habit_update,
)
from .journal import journal_create, journal_delete, journal_update  # noqa: F401
from .library import (  # noqa: F401
    event_cancel,
    event_create,
    event_record_attendance,
    event_rsvp,
    strategy_archive,
    strategy_create,
    strategy_set_in_library,
    strategy_share,
    strategy_update,
)
from .meetings import (  # noqa: F401
    action_item_add,
    action_item_set_done,
    meeting_cancel,
    meeting_confirm,
    meeting_log,
    meeting_propose,
    meeting_propose_other_time,
    meeting_reflect,
)
from .mentor import (  # noqa: F401
    calendar_feed_for,
    calendar_feed_regenerate,
    checkin_outreach_handled,
    encouragement_add,
)
from .recovery import (  # noqa: F401
    recovery_return_to_use,
    recovery_settings_update,
    recovery_start,
)
from .time import local_today  # noqa: F401
