"""What has happened in the Harbor program so far: how long ago each pairing started, the
meetings that were held, the check-ins (a hard week, a good month), the library, events and a
short survey. Each piece is seeded once, through the services, with times set in the past by
the services' own `now=` arguments; a second run finds it and adds nothing."""

from __future__ import annotations

import random
import zoneinfo
from datetime import timedelta

from django.utils import timezone

from accounts.models import Membership, Program
from matching.models import MeetingFormat
from mentoring import services as mentoring_services
from mentoring.models import ActionItem, CheckIn, Event, Meeting, Strategy
from surveys import services as survey_services
from surveys.models import Questionnaire

from .community import events_seed, library_seed
from .meeting_plans import MEETINGS
from .story_times import at

# mentee -> (mentor, weeks since the pairing started)
PAIRING_WEEKS = {
    "mentee1@example.org": ("mentor1@example.org", 8),
    "mentee2@example.org": ("mentor1@example.org", 3),
    "mentee3@example.org": ("mentor2@example.org", 5),
}
PROPOSED_DAYS_AGO = 1  # mentee4's proposal to mentor3 (yesterday), still waiting for answers

HELPED = [
    "Went to a meeting",
    "Morning walk before work",
    "Talked with my mentor",
    "Cooked dinner with my sister",
    "Played basketball at the Y",
    "Read before bed instead of scrolling",
    "Wrote in my journal",
    "Texted a friend from group",
    "Got eight hours of sleep",
    "Went to the library after my shift",
]
HARD = [
    "Lost a shift at work",
    "Couldn't sleep, mind racing",
    "Ran into people I used to use with",
    "Money stress, rent is due",
    "Felt on edge all day",
    "Payday, old routines pulling at me",
]


def mentee1_checkins(*, mentee: Membership) -> None:
    """Eight weeks: settling in, a hard week about a month ago, a good month since, and
    yesterday a hard day on which Jordan asked Marcus to reach out."""
    today = mentoring_services.local_today(mentee)
    rng = random.Random("mentee1")
    for days_ago in range(55, 1, -1):
        if 29 <= days_ago <= 35:  # the hard week: every day recorded
            mood, craving = rng.choice([1, 2, 2, 3]), rng.choice([3, 4, 4, 5])
            helped = rng.choice(["Called my mentor", "Went to a meeting", "", "Stayed with family"])
            hard = rng.choice(HARD)
        elif rng.random() < 0.2:  # a day without a check-in
            continue
        elif days_ago > 35:  # settling in
            mood, craving = rng.choice([2, 3, 3, 4]), rng.choice([2, 3, 3, 4])
            helped, hard = rng.choice(HELPED + [""]), rng.choice(HARD + [""] * 4)
        else:  # the good month
            mood, craving = rng.choice([3, 3, 4, 4, 5, 5]), rng.choice([1, 1, 2, 2, 3])
            helped, hard = rng.choice(HELPED), rng.choice(HARD[:2] + [""] * 8)
        mentoring_services.checkin_record(
            membership=mentee,
            day=today - timedelta(days=days_ago),
            mood=mood,
            craving=craving,
            helped=helped,
            hard=hard,
        )
    mentoring_services.checkin_record(
        membership=mentee,
        day=today - timedelta(days=1),
        mood=2,
        craving=4,
        helped="Went for a walk when it got bad",
        hard="Argument with my brother, and the old thoughts came back",
        wants_outreach=True,
    )


def checkins_seed(*, mentee: Membership, days: int, seed: str, good: bool) -> None:
    """A few weeks of check-ins on most days, some better than others."""
    today = mentoring_services.local_today(mentee)
    rng = random.Random(seed)
    for days_ago in range(days, 0, -1):
        if rng.random() < 0.35:
            continue
        low = 3 if good else 2
        mentoring_services.checkin_record(
            membership=mentee,
            day=today - timedelta(days=days_ago),
            mood=rng.randint(low, 5),
            craving=rng.randint(1, 3 if good else 4),
            helped=rng.choice(HELPED),
            hard=rng.choice(HARD + [""] * 5),
        )


def meetings_seed(*, pairing, zone: str, plan: list[dict]) -> None:
    """Past contacts logged by the mentor, with their next steps (some already done)."""
    mentor_user = pairing.mentor.user
    today = timezone.now().astimezone(zoneinfo.ZoneInfo(zone)).date()
    for entry in plan:
        day = today - timedelta(days=entry["days_ago"])
        start = at(day, entry.get("hour", 18), zone)
        if entry.get("missed"):
            mentoring_services.meeting_log(
                by=mentor_user,
                pairing=pairing,
                outcome=Meeting.Status.MISSED,
                actual_start=start,
                narrative=entry["narrative"],
            )
            continue
        meeting = mentoring_services.meeting_log(
            by=mentor_user,
            pairing=pairing,
            outcome=Meeting.Status.HELD,
            actual_start=start,
            actual_end=start + timedelta(minutes=entry.get("minutes", 60)),
            setting=entry.get("setting", MeetingFormat.IN_PERSON),
            contact_type=entry["type"],
            topics=entry.get("topics", []),
            narrative=entry["narrative"],
            action_items=[
                {"title": title, "assignee": who, "due_date": day + timedelta(days=7)}
                for title, who, _done in entry.get("next", [])
            ],
        )
        done = {title for title, _who, was_done in entry.get("next", []) if was_done}
        for item in ActionItem.objects.filter(meeting=meeting).select_related("assignee__user"):
            if item.title in done:
                mentoring_services.action_item_set_done(item=item, by=item.assignee.user, done=True)


def program_life_seed(*, program: Program, members: dict[str, Membership], pairings) -> None:
    """Everything after the pairings, each piece once."""
    coordinator = members["coordinator@example.org"]
    for email, plan in MEETINGS.items():
        pairing = pairings.get(email)
        if pairing is None or Meeting.objects.filter(pairing=pairing).exists():
            continue
        meetings_seed(pairing=pairing, zone=members[email].user.profile.time_zone, plan=plan)
        if email == "mentee1@example.org":  # the next meeting, already confirmed
            zone = members[email].user.profile.time_zone
            day = timezone.now().astimezone(zoneinfo.ZoneInfo(zone)).date()
            meeting, _overlaps = mentoring_services.meeting_propose(
                pairing=pairing,
                by=pairing.mentor.user,
                starts_at=at(day + timedelta(days=3), 18, zone),
                location="Coffee shop on Centre Street",
                agenda="Job applications; how the week went",
            )
            mentoring_services.meeting_confirm(meeting=meeting, by=pairing.mentee.user)
    for email, days, good in [
        ("mentee2@example.org", 20, False),
        ("mentee3@example.org", 34, True),
    ]:
        if not CheckIn.objects.filter(membership=members[email]).exists():
            checkins_seed(mentee=members[email], days=days, seed=email, good=good)
    if not Strategy.objects.filter(program=program).exists():
        library_seed(
            coordinator=coordinator,
            mentor=members["mentor1@example.org"],
            mentee=members["mentee1@example.org"],
        )
    if not Event.objects.filter(program=program).exists():
        events_seed(coordinator=coordinator, members=members)
    if not Questionnaire.objects.filter(program=program).exists():
        survey = survey_services.questionnaire_create_example(program=program, by=coordinator.user)
        survey_services.questionnaire_set_active(questionnaire=survey, active=True)
