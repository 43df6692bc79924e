"""Models of the mentoring app, one module per topic. Import them from here:
`from mentoring.models import Goal`."""

from matching.models import MeetingFormat  # noqa: F401

from .attention import AttentionFollowUp, AttentionKind  # noqa: F401
from .checkins import CheckIn  # noqa: F401
from .events import Event, EventParticipant  # noqa: F401
from .feeds import CalendarFeed  # noqa: F401
from .goals import Goal, GoalCategory, Milestone  # noqa: F401
from .habits import Habit, HabitLog  # noqa: F401
from .journal import JournalEntry  # noqa: F401
from .meetings import ActionItem, ContactType, Meeting  # noqa: F401
from .mentor import Encouragement  # noqa: F401
from .recovery import RecoveryPeriod, RecoverySettings  # noqa: F401
from .strategies import (  # noqa: F401
    PersonalStrategy,
    Strategy,
    StrategyCategory,
    StrategyShare,
)
from .visibility import Visibility  # noqa: F401
