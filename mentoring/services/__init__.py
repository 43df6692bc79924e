"""Business actions of the mentoring app, one module per topic. Import as
`from mentoring import services`: every public service is re-exported here."""

from .action_items import action_item_add, action_item_set_done  # noqa: F401
from .checkins import checkin_delete, checkin_record  # noqa: F401
from .digest import weekly_digests_send  # noqa: F401
from .events import (  # noqa: F401
    event_cancel,
    event_create,
    event_record_attendance,
    event_rsvp,
)
from .feeds import calendar_feed_regenerate, calendar_feed_revoke  # noqa: F401
from .goals import (  # noqa: F401
    goal_create,
    goal_delete,
    goal_set_status,
    goal_update,
    milestone_add,
    milestone_delete,
    milestone_set_done,
)
from .habits import (  # noqa: F401
    habit_archive,
    habit_create,
    habit_delete,
    habit_log,
    habit_recompute_streaks,
    habit_unlog,
    habit_update,
)
from .journal import journal_create, journal_delete, journal_update  # noqa: F401
from .meeting_logs import meeting_log, meeting_reflect  # noqa: F401
from .meetings import (  # noqa: F401
    meeting_cancel,
    meeting_confirm,
    meeting_propose,
    meeting_propose_other_time,
)
from .mentor import checkin_outreach_handled, encouragement_add  # noqa: F401
from .nudges import no_checkin_nudges_send, stalled_pairs_send  # noqa: F401
from .recovery import (  # noqa: F401
    recovery_period_delete,
    recovery_return_to_use,
    recovery_settings_update,
    recovery_start,
)
from .reminders import checkin_reminders_send, meeting_reminders_send  # noqa: F401
from .strategies import (  # noqa: F401
    personal_strategy_create,
    personal_strategy_delete,
    personal_strategy_update,
    strategy_archive,
    strategy_create,
    strategy_set_in_library,
    strategy_share,
    strategy_update,
)
from .time import local_today  # noqa: F401
