"""Operators' admin for what pairs record. Read-only: every write goes through a service
(recomputing habit streaks is an action that calls one). Nothing a member wrote is shown,
searched or filterable: no journal text, goal titles, why or measure, milestones, habit
names, check-in text, recovery notes, encouragement, action items, meeting agendas,
places, topics, narratives, reflections or cancel reasons. Records are named by kind and
number ("Goal #12"); the tests try each page with such text in the database."""

from . import (  # noqa: F401  (each module registers its models)
    attention,
    checkins,
    events,
    goals,
    habits,
    journal,
    meetings,
    mentor,
    recovery,
    strategies,
)
