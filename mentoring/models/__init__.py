"""Models of the mentoring app: the mentee workspace and the mentor-mentee meetings."""

from .meetings import (  # noqa: F401
    ActionItem,
    CalendarFeed,
    ContactType,
    Event,
    EventParticipant,
    Meeting,
    MeetingFormat,
    Strategy,
    StrategyCategory,
    StrategyShare,
)
from .workspace import (  # noqa: F401
    CheckIn,
    Encouragement,
    Goal,
    GoalCategory,
    Habit,
    HabitLog,
    JournalEntry,
    Milestone,
    RecoveryPeriod,
    RecoverySettings,
    Visibility,
)
