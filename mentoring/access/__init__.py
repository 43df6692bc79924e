"""Who may see a mentee's records: the one door for every record in mentoring.

Every function takes the membership that `program_view` resolved for the request, so a record
is always looked up inside that program and that role:

- A mentee sees all of their own records (in this program only).
- Their current mentor (active or paused pairing) sees the records marked shared, never the
  private ones and never the journal. When the pairing ends the next query sees nothing.
- Whom a consent names (the program's coordinators, or one member) sees the shared records of
  the kinds it covers while it holds: revoked or expired, the same request sees nothing.
- Everyone else: nothing. Nobody but its author ever reads the journal.

The rule itself is written once, as `rules` permissions in mentoring/rules.py
(`mentoring.view_checkin`, `mentoring.change_checkin`...): `*_get_for_member` opens one record
and asks them (404 for what the person may not see, 403 for a reader, such as the mentor on a
shared record, trying to change it). `*_visible_to(membership)` is the same rule as a queryset
filter for the list selectors; tests/mentoring/test_rules_agreement.py checks they agree.
"""

from .community import (  # noqa: F401
    calendar_feed_get_for_token,
    event_get_for_member,
    events_visible_to,
    strategies_visible_to,
    strategy_get_for_member,
)
from .meetings import (  # noqa: F401
    action_item_get_for_member,
    action_items_visible_to,
    meeting_get_for_late_log,
    meeting_get_for_member,
    meetings_visible_to,
    pairing_get_for_late_log,
    pairing_get_for_meeting,
    pairings_for_meetings,
)
from .records import (  # noqa: F401
    SharedWith,
    checkin_get_for_member,
    checkins_visible_to,
    consented_mentee_get_for_member,
    earlier_recovery_period_get_for_member,
    encouragements_visible_to,
    goal_get_for_member,
    goals_visible_to,
    habit_get_for_member,
    habits_visible_to,
    journal_entries_visible_to,
    journal_entry_get_for_member,
    milestone_get_for_member,
    milestones_visible_to,
    personal_strategies_visible_to,
    personal_strategy_get_for_member,
    recovery_periods_visible_to,
)
