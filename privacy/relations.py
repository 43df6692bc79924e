"""What privacy must know about pairings, asked of the app that holds them. Privacy sits below
matching and mentoring, so it imports neither: mentoring registers the lookup at startup
(mentoring/apps.py), as it registers notifications' relevance checks."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

from accounts.models import Membership

_current_mentors: Callable[[Membership], QuerySet[Membership]] | None = None


def current_mentors_register(lookup: Callable[[Membership], QuerySet[Membership]]) -> None:
    global _current_mentors
    _current_mentors = lookup


def current_mentors(mentee: Membership) -> QuerySet[Membership]:
    """The mentee's current mentors (active or paused pairing): none when nothing registered."""
    if _current_mentors is None:
        return Membership.objects.none()
    return _current_mentors(mentee)
