"""The program's community in the demo: the coordinator's strategy library (some shared into
Jordan's toolkit) and events on both sides of today, with RSVPs and attendance. Seeded once,
through the services (see story.py)."""

from __future__ import annotations

import zoneinfo
from datetime import timedelta

from django.utils import timezone

from accounts.models import Membership
from mentoring import services as mentoring_services
from mentoring.models import Event, Strategy

from .story_times import at

LIBRARY = [
    (
        "Urge surfing",
        "cravings",
        "A craving rises, peaks and passes, often within 20 to 30 minutes. Notice where you "
        "feel it, breathe slowly, and ride it out like a wave instead of fighting it.",
    ),
    (
        "HALT check",
        "triggers",
        "When things feel hard, ask: am I Hungry, Angry, Lonely or Tired? Take care of that "
        "first; it often takes the edge off.",
    ),
    (
        "Box breathing",
        "stress",
        "Breathe in for four counts, hold for four, out for four, hold for four. Repeat four "
        "times. Works on a bus, at work, anywhere.",
    ),
    (
        "Explaining a gap in your CV",
        "job_search",
        "Keep it short and true: 'I took time to deal with a health matter, and I'm ready to "
        "work.' Then talk about what you did and learned since.",
    ),
    (
        "A steady evening",
        "routines",
        "Plan the hours after work: a meal, a call, a meeting or a walk. Evenings with a "
        "plan are easier than open ones.",
    ),
]


def library_seed(*, coordinator: Membership, mentor: Membership, mentee: Membership) -> None:
    for title, category, body in LIBRARY:
        mentoring_services.strategy_create(
            author=coordinator, title=title, body=body, category=category
        )
    own = mentoring_services.strategy_create(
        author=mentor,
        title="Call before you go",
        body="Before a place or a visit you know will be hard, call someone you trust and "
        "tell them when you will call again afterwards.",
        category="triggers",
    )
    for strategy in [own, *Strategy.objects.filter(title__in=["Urge surfing", "HALT check"])]:
        mentoring_services.strategy_share(strategy=strategy, mentee=mentee, by=mentor)


def events_seed(*, coordinator: Membership, members: dict[str, Membership]) -> None:
    """One event a week and a half ago (with answers and attendance) and two coming up."""
    zone = coordinator.program.time_zone
    today = timezone.now().astimezone(zoneinfo.ZoneInfo(zone)).date()
    past_start = at(today - timedelta(days=10), 18, zone, 30)
    past = mentoring_services.event_create(
        by=coordinator,
        title="Peer support circle",
        kind=Event.Kind.SUPPORT_GROUP,
        starts_at=past_start,
        location="Harbor community room, 2nd floor",
        description="An open circle for everyone in the program. Coffee and tea.",
        now=past_start - timedelta(days=14),
    )
    answers = {
        "mentee1@example.org": "yes",
        "mentee2@example.org": "yes",
        "mentee3@example.org": "maybe",
        "mentor1@example.org": "yes",
        "mentor3@example.org": "yes",
    }
    for days_before, (email, rsvp) in enumerate(answers.items(), start=2):
        mentoring_services.event_rsvp(
            event=past,
            membership=members[email],
            rsvp=rsvp,
            now=past_start - timedelta(days=days_before),
        )
    came = ["mentee1@example.org", "mentee2@example.org", "mentor1@example.org"]
    mentoring_services.event_record_attendance(
        event=past, by=coordinator, attended_ids={members[email].pk for email in came}
    )
    fair = mentoring_services.event_create(
        by=coordinator,
        title="Job fair prep workshop",
        kind=Event.Kind.WORKSHOP,
        starts_at=at(today + timedelta(days=5), 18, zone),
        duration_minutes=120,
        location="Harbor community room, 2nd floor",
        description="Bring your CV. Volunteers from local employers help with interviews.",
        capacity=15,
    )
    for email, rsvp in [
        ("mentee1@example.org", "yes"),
        ("mentee4@example.org", "maybe"),
        ("mentor1@example.org", "yes"),
        ("mentor3@example.org", "yes"),
    ]:
        mentoring_services.event_rsvp(event=fair, membership=members[email], rsvp=rsvp)
    potluck = mentoring_services.event_create(
        by=coordinator,
        title="Community potluck",
        kind=Event.Kind.SOCIAL,
        starts_at=at(today + timedelta(days=12), 13, zone),
        duration_minutes=180,
        location="Harbor community room, 2nd floor",
        description="Bring a dish if you can, or just yourself. Families welcome; "
        "alcohol-free, as always.",
    )
    for email, rsvp in [("mentee2@example.org", "yes"), ("mentee6@example.org", "maybe")]:
        mentoring_services.event_rsvp(event=potluck, membership=members[email], rsvp=rsvp)
