"""What has happened in the Harbor program so far: how long ago each pairing started, the
meetings that were held, the check-ins (a hard week, a good month), the library, events and a
short survey. Each piece is seeded once, through the services, with times set in the past by
the services' own `now=` arguments; a second run finds it and adds nothing."""

from __future__ import annotations

import random
import zoneinfo
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import Membership, Program
from matching.models import MeetingFormat
from mentoring import services as mentoring_services
from mentoring.models import ActionItem, CheckIn, ContactType, Event, Meeting, Strategy
from surveys import services as survey_services
from surveys.models import Questionnaire

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


def at(day: date, hour: int, zone: str, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone))


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


MENTEE1_MEETINGS = [
    dict(
        days_ago=54,
        type=ContactType.GOAL_PLANNING,
        topics=["getting to know each other", "goals"],
        narrative="First meeting at the coffee shop near Jordan's work. Talked about what "
        "Jordan wants from the program: steady meetings and a better job. Set two goals together.",
        next=[
            ("Find two recovery meetings near work", "mentee", True),
            ("Send Jordan the list of evening meetings", "mentor", True),
        ],
    ),
    dict(
        days_ago=47,
        type=ContactType.CHECK_IN,
        topics=["routines", "sleep"],
        narrative="Jordan went to three meetings this week. We talked about mornings and sleep; "
        "Jordan wants to try a morning walk.",
        next=[("Try a morning walk three days this week", "mentee", True)],
    ),
    dict(
        days_ago=40,
        hour=19,
        type=ContactType.COMMUNITY,
        topics=["recovery meeting"],
        narrative="Went together to the Thursday evening meeting in Dorchester. Jordan shared "
        "for the first time.",
    ),
    dict(
        days_ago=33,
        missed=True,
        narrative="Jordan did not come and was not answering texts. Left a voicemail and "
        "will call tomorrow.",
    ),
    dict(
        days_ago=32,
        hour=12,
        minutes=30,
        setting=MeetingFormat.PHONE,
        type=ContactType.RECOVERY_SUPPORT,
        topics=["hard week", "work", "support plan"],
        narrative="Phone call. Jordan lost shifts at work and is having a hard week. Went "
        "through who to call and what to do in the evenings. Agreed to talk every day this week.",
        next=[
            ("Short daily call with Marcus until Sunday", "mentee", True),
            ("Share the program's list of job resources", "mentor", True),
        ],
    ),
    dict(
        days_ago=25,
        type=ContactType.CHECK_IN,
        topics=["hard week", "what helped"],
        narrative="The week is behind Jordan. Talked about what helped: the daily calls, "
        "meetings, dinner at his sister's. Jordan feels steadier.",
    ),
    dict(
        days_ago=18,
        type=ContactType.CAREER,
        topics=["CV", "job search"],
        narrative="Worked on Jordan's CV together: listed jobs and skills from the last "
        "ten years. Jordan wants to apply for a warehouse lead role.",
        next=[
            ("Finish the CV draft", "mentee", True),
            ("Ask a friend at the union hall about openings", "mentor", False),
        ],
    ),
    dict(
        days_ago=11,
        type=ContactType.RESOURCE_LINKAGE,
        topics=["job search", "housing"],
        narrative="Looked at the job fair on the events page and the county's rental help. "
        "Jordan will apply to two jobs.",
        next=[
            ("Apply to two jobs", "mentee", False),
            ("Go to the job fair together", "mentee", False),
        ],
    ),
    dict(
        days_ago=4,
        setting=MeetingFormat.PHONE,
        minutes=45,
        type=ContactType.CHECK_IN,
        topics=["good month", "family"],
        narrative="Good month: meetings every week, walks most mornings. Some tension with his "
        "brother; talked about how to step away when it gets heated.",
    ),
]
MENTEE2_MEETINGS = [
    dict(
        days_ago=19,
        setting=MeetingFormat.PHONE,
        type=ContactType.GOAL_PLANNING,
        topics=["getting to know each other", "housing"],
        narrative="First call. Alex is looking for a steadier place to live and wants to "
        "meet more people in recovery.",
        next=[("Call the housing line at the community center", "mentee", True)],
    ),
    dict(
        days_ago=12,
        setting=MeetingFormat.PHONE,
        type=ContactType.RESOURCE_LINKAGE,
        topics=["housing", "community"],
        narrative="Alex has an appointment with the housing office. Talked about the SMART "
        "group on Saturdays.",
        next=[("Try the Saturday SMART meeting", "mentee", False)],
    ),
    dict(
        days_ago=5,
        setting=MeetingFormat.PHONE,
        minutes=40,
        type=ContactType.CHECK_IN,
        topics=["housing"],
        narrative="Housing appointment went well; waiting for an answer. Alex sounded hopeful.",
    ),
]
MENTEE3_MEETINGS = [
    dict(
        days_ago=33,
        hour=9,
        setting=MeetingFormat.VIDEO,
        type=ContactType.GOAL_PLANNING,
        topics=["getting to know each other", "stress"],
        narrative="First video call. Priya wants tools for stress at work and more time for "
        "herself.",
        next=[("Try the breathing exercise before work", "mentee", True)],
    ),
    dict(
        days_ago=19,
        hour=9,
        setting=MeetingFormat.VIDEO,
        type=ContactType.CHECK_IN,
        topics=["stress", "yoga"],
        narrative="Priya found a yoga class she likes. Work is still busy.",
        next=[("Sign up for the Saturday wellness workshop", "mentee", False)],
    ),
    dict(
        days_ago=5,
        hour=9,
        setting=MeetingFormat.VIDEO,
        type=ContactType.CHECK_IN,
        topics=["relationships"],
        narrative="Talked about setting limits with a friend. Priya feels good about the month.",
    ),
]
MEETINGS = {
    "mentee1@example.org": MENTEE1_MEETINGS,
    "mentee2@example.org": MENTEE2_MEETINGS,
    "mentee3@example.org": MENTEE3_MEETINGS,
}

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
