"""Load a demo program. Safe to run again: it updates what exists, creates what is missing.

`seed_demo --mentees 2000 --mentors 500` also fills a second program with random intakes,
for trying the matching board and the benchmarks at scale.
"""

import random
import sys

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts import services
from accounts.models import Membership, Profile, Program, Role, User
from matching import services as matching_services
from matching.models import (
    AVAILABILITY_SLOTS,
    INDUSTRIES,
    LANGUAGES,
    FocusArea,
    Gender,
    Intake,
    MeetingFormat,
    Pairing,
    Pathway,
)

DEMO_PASSWORD = "peerpath-demo"
DEMO_PROGRAM = {
    "slug": "harbor",
    "name": "Harbor Peer Mentoring",
    "kind": Program.Kind.RECOVERY,
    "time_zone": "America/New_York",
    "description": (
        "One-to-one peer mentoring for people in recovery, with mentors in long-term "
        "recovery. Weekly meetings, small goals, and support with work and study."
    ),
}
# (email, display name, pronouns, time zone, role)
DEMO_PEOPLE = [
    ("coordinator@example.org", "Dana Whitfield", "she/her", "America/New_York", Role.COORDINATOR),
    ("mentor1@example.org", "Marcus Hill", "he/him", "America/New_York", Role.MENTOR),
    ("mentor2@example.org", "Teresa Alvarez", "she/her", "America/Chicago", Role.MENTOR),
    ("mentor3@example.org", "Sam Okafor", "they/them", "America/New_York", Role.MENTOR),
    ("mentee1@example.org", "Jordan", "he/him", "America/New_York", Role.MENTEE),
    ("mentee2@example.org", "Alex R.", "they/them", "America/New_York", Role.MENTEE),
    ("mentee3@example.org", "Priya", "she/her", "America/Chicago", Role.MENTEE),
    ("mentee4@example.org", "Chris M.", "", "America/New_York", Role.MENTEE),
    ("mentee5@example.org", "Maya", "she/her", "America/Denver", Role.MENTEE),
    ("mentee6@example.org", "Luis", "he/him", "America/Los_Angeles", Role.MENTEE),
]
EVENINGS = ["mon-evening", "tue-evening", "wed-evening", "thu-evening"]
WEEKENDS = ["sat-morning", "sat-afternoon", "sun-morning", "sun-afternoon"]
DEMO_INTAKES = {
    "mentor1@example.org": dict(
        focus_areas=["substance_recovery", "career", "community"],
        pathways=["twelve_step", "smart"],
        languages=["en"],
        availability=EVENINGS + ["sat-morning"],
        formats=["in_person", "phone"],
        region="Boston",
        gender="man",
        interests=["basketball", "cooking", "woodworking"],
        bio="Twelve years in recovery. Carpenter, dad, and a believer in small daily steps.",
        lived_experience=["substance_recovery", "housing", "career"],
        years_in_recovery=12,
        professional_background="Carpenter and site supervisor; helps with job searches.",
        industries=["construction", "manufacturing"],
        capacity=3,
    ),
    "mentor2@example.org": dict(
        focus_areas=["mental_wellbeing", "relationships", "wellness"],
        pathways=["smart", "medication"],
        languages=["en", "es"],
        availability=["mon-morning", "wed-morning", "fri-morning"] + EVENINGS[:2],
        formats=["video", "phone"],
        region="Chicago",
        gender="woman",
        interests=["gardening", "yoga", "music"],
        bio="Nurse, mom of two, in recovery since 2015. Habla español.",
        lived_experience=["substance_recovery", "mental_wellbeing", "relationships"],
        years_in_recovery=10,
        professional_background="Registered nurse.",
        industries=["healthcare"],
        capacity=2,
    ),
    "mentor3@example.org": dict(
        focus_areas=["education", "career", "community"],
        pathways=["secular_other", "harm_reduction"],
        languages=["en"],
        availability=WEEKENDS + ["thu-evening"],
        formats=["video", "in_person"],
        region="Boston",
        gender="nonbinary",
        interests=["music", "reading", "cycling"],
        bio="Went back to school at 30. Now I help others find their way into study and work.",
        lived_experience=["substance_recovery", "education"],
        years_in_recovery=6,
        professional_background="Community college advisor.",
        industries=["education", "social_services"],
        capacity=2,
    ),
    "mentee1@example.org": dict(
        focus_areas=["substance_recovery", "career"],
        pathways=["twelve_step"],
        languages=["en"],
        availability=EVENINGS,
        formats=["in_person", "phone"],
        region="Boston",
        gender="man",
        interests=["basketball", "cooking"],
    ),
    "mentee2@example.org": dict(
        focus_areas=["community", "housing", "substance_recovery"],
        pathways=["smart"],
        languages=["en"],
        availability=EVENINGS[1:] + ["sat-morning"],
        formats=["phone"],
        region="Boston",
        gender="nonbinary",
        interests=["woodworking"],
    ),
    "mentee3@example.org": dict(
        focus_areas=["mental_wellbeing", "relationships"],
        pathways=["medication"],
        languages=["en", "es"],
        availability=["mon-morning", "wed-morning"],
        formats=["video"],
        region="Chicago",
        gender="woman",
        gender_preference="woman",
        interests=["yoga"],
    ),
    "mentee4@example.org": dict(
        focus_areas=["education", "career"],
        pathways=["prefer_not"],
        languages=["en"],
        availability=WEEKENDS,
        formats=["video"],
        region="Boston",
        gender="man",
        interests=["music", "cycling"],
    ),
    "mentee5@example.org": dict(
        focus_areas=["wellness", "mental_wellbeing", "community"],
        pathways=["smart"],
        languages=["en", "es"],
        availability=["mon-morning", "fri-morning"],
        formats=["video", "phone"],
        region="Denver",
        gender="woman",
        interests=["gardening"],
    ),
    "mentee6@example.org": dict(
        focus_areas=["career", "substance_recovery"],
        pathways=["twelve_step"],
        languages=["es", "en"],
        availability=EVENINGS,
        formats=["phone", "video"],
        region="Los Angeles",
        gender="man",
        interests=["cooking", "soccer"],
    ),
}
# mentee -> mentor: active pairings; then one pending proposal.
DEMO_ACTIVE = [
    ("mentee1@example.org", "mentor1@example.org"),
    ("mentee2@example.org", "mentor1@example.org"),
    ("mentee3@example.org", "mentor2@example.org"),
]
DEMO_PROPOSED = [("mentee4@example.org", "mentor3@example.org")]

SCALE_PROGRAM = {"slug": "scale-demo", "name": "Scale Demo (random intakes)"}


class Command(BaseCommand):
    help = "Load the demo program (demo only); --mentees/--mentors add a random program at scale."

    def add_arguments(self, parser):
        parser.add_argument("--mentees", type=int, default=0)
        parser.add_argument("--mentors", type=int, default=0)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, mentees, mentors, seed, **options):
        program = self._demo_program()
        self.stdout.write(self.style.SUCCESS(f"Demo program “{program.name}” is ready."))
        self.stdout.write(
            "Demo logins (demo only, password "
            f"'{DEMO_PASSWORD}'): coordinator@example.org, mentor1-3@example.org, "
            "mentee1-6@example.org"
        )
        if mentees or mentors:
            self._scale_program(mentees=mentees, mentors=mentors, seed=seed)

    @transaction.atomic
    def _demo_program(self) -> Program:
        program = Program.objects.filter(slug=DEMO_PROGRAM["slug"]).first()
        if program is None:
            program = services.program_create(**DEMO_PROGRAM)
        members = {}
        for email, name, pronouns, tz, role in DEMO_PEOPLE:
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                user = User.objects.create_user(email=email, password=DEMO_PASSWORD)
            else:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            services.profile_update(user=user, display_name=name, pronouns=pronouns, time_zone=tz)
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            membership = Membership.objects.filter(user=user, program=program).first()
            if membership is None:
                membership = services.membership_add(user=user, program=program, role=role)
            if not membership.has_acknowledged_privacy:
                membership = services.membership_acknowledge_privacy(membership=membership)
            members[email] = membership
            if email in DEMO_INTAKES:
                matching_services.intake_save(
                    membership=membership,
                    by=user,
                    data={**DEMO_INTAKES[email], "time_zone": tz},
                )
        coordinator = members["coordinator@example.org"]
        for mentee_email, mentor_email in DEMO_ACTIVE + DEMO_PROPOSED:
            mentee, mentor = members[mentee_email], members[mentor_email]
            if Pairing.objects.filter(mentee=mentee).exists():
                continue  # already seeded (or changed by someone trying the demo)
            pairing = matching_services.pairing_propose(
                mentee=mentee, mentor=mentor, by=coordinator
            )
            if (mentee_email, mentor_email) in DEMO_ACTIVE:
                matching_services.pairing_accept(pairing=pairing, by=mentor)
                matching_services.pairing_accept(pairing=pairing, by=mentee)
        self._demo_workspace(members["mentee1@example.org"])
        return program

    @staticmethod
    def _demo_workspace(mentee: Membership) -> None:
        """A few weeks of history for mentee1, so the mentee and mentor pages have content."""
        from datetime import timedelta

        from mentoring import services as mentoring_services
        from mentoring.models import CheckIn, Goal, HabitLog
        from mentoring.services.habits import _recompute

        if Goal.objects.filter(membership=mentee).exists():
            return
        today = mentoring_services.local_today(mentee)
        mentoring_services.goal_create(
            membership=mentee,
            title="Attend 3 recovery meetings a week",
            category="health",
            measure="3 meetings logged each week for a month",
            target_date=today + timedelta(days=30),
            milestones=[
                {"title": "Find two meetings near work", "due_date": None},
                {"title": "Go with my mentor once", "due_date": None},
                {"title": "Four weeks in a row", "due_date": today + timedelta(days=28)},
            ],
        )
        mentoring_services.goal_create(
            membership=mentee,
            title="Update my CV",
            category="career",
            target_date=today + timedelta(days=21),
            milestones=[{"title": "List jobs and skills", "due_date": None}],
        )
        habit = mentoring_services.habit_create(
            membership=mentee, name="Attend a recovery meeting", kind="recovery_meeting"
        )
        walk = mentoring_services.habit_create(
            membership=mentee, name="Morning walk", kind="exercise"
        )
        HabitLog.objects.bulk_create(
            [HabitLog(habit=habit, date=today - timedelta(days=d)) for d in range(1, 20, 2)]
            + [HabitLog(habit=walk, date=today - timedelta(days=d)) for d in range(1, 12)]
        )
        _recompute(habit)
        _recompute(walk)
        CheckIn.objects.bulk_create(
            [
                CheckIn(
                    membership=mentee,
                    date=today - timedelta(days=d),
                    mood=[3, 4, 4, 3, 2, 3, 4][d % 7],
                    craving=[2, 1, 3, 4, 5, 2, 1][d % 7],
                    helped="Called my mentor" if d % 3 == 0 else "",
                )
                for d in range(1, 30)
            ]
        )
        mentoring_services.recovery_start(membership=mentee, started_on=today - timedelta(days=95))

    def _scale_program(self, *, mentees: int, mentors: int, seed: int) -> None:
        rng = random.Random(seed)
        program = Program.objects.filter(slug=SCALE_PROGRAM["slug"]).first()
        if program is None:
            program = services.program_create(**SCALE_PROGRAM)
        coordinator = User.objects.get(email="coordinator@example.org")
        membership = Membership.objects.filter(user=coordinator, program=program).first()
        if membership is None:
            membership = services.membership_add(
                user=coordinator, program=program, role=Role.COORDINATOR
            )
        if not membership.has_acknowledged_privacy:
            services.membership_acknowledge_privacy(membership=membership)
        existing = set(
            Membership.objects.filter(program=program).values_list("user__email", flat=True)
        )
        password = make_password(DEMO_PASSWORD)  # hashed once: thousands of people stay fast
        wanted = [(f"scale-mentor{i}@example.org", Role.MENTOR) for i in range(1, mentors + 1)]
        wanted += [(f"scale-mentee{i}@example.org", Role.MENTEE) for i in range(1, mentees + 1)]
        todo = [(email, role) for email, role in wanted if email not in existing]
        total = len(todo)
        chunk = 500
        for start in range(0, total, chunk):
            self._scale_chunk(program, todo[start : start + chunk], password, rng)
            self._progress(min(start + chunk, total), total)
        if total:
            self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"“{program.name}” has {mentees} mentees and {mentors} mentors ({total} added)."
            )
        )

    @transaction.atomic
    def _scale_chunk(self, program, rows, password, rng) -> None:
        now = timezone.now()
        User.objects.bulk_create(
            [User(email=email, password=password, date_joined=now) for email, _role in rows]
        )
        users = list(User.objects.filter(email__in=[email for email, _role in rows]))
        by_email = {u.email: u for u in users}
        Profile.objects.bulk_create(
            [
                Profile(user=by_email[email], display_name=email.split("@")[0].title())
                for email, _role in rows
            ]
        )
        Membership.objects.bulk_create(
            [
                Membership(
                    user=by_email[email],
                    program=program,
                    role=role,
                    status=Membership.Status.ACTIVE,
                    privacy_notice_version=program.privacy_notice_version,
                    privacy_acknowledged_at=now,
                    joined_at=now,
                )
                for email, role in rows
            ]
        )
        memberships = Membership.objects.filter(
            program=program, user__email__in=[email for email, _role in rows]
        )
        Intake.objects.bulk_create(
            [self._random_intake(m, rng, now) for m in memberships.select_related("user")]
        )

    @staticmethod
    def _random_intake(membership, rng, now) -> Intake:
        def some(choices, low, high):
            return sorted(rng.sample(list(choices), rng.randint(low, high)))

        languages = ["en"] if rng.random() < 0.8 else []
        languages += some([c for c, _l in LANGUAGES if c != "en"], 0, 1)
        intake = Intake(
            membership=membership,
            focus_areas=some(FocusArea.values, 1, 4),
            pathways=some(Pathway.values, 1, 2),
            languages=sorted(set(languages)) or ["es"],
            availability=some(AVAILABILITY_SLOTS, 2, 8),
            formats=some(MeetingFormat.values, 1, 3),
            region=rng.choice(["Boston", "Worcester", "Springfield", "Lowell", "Providence"]),
            time_zone="America/New_York",
            gender=rng.choice([Gender.WOMAN, Gender.MAN, Gender.NONBINARY]),
            gender_preference=rng.choice(["", "", "", "woman", "man"]),
            interests=some(["music", "hiking", "cooking", "art", "sports", "reading"], 0, 3),
            submitted_at=now,
        )
        if membership.role == Role.MENTOR:
            intake.lived_experience = some(FocusArea.values, 1, 3)
            intake.industries = some([c for c, _l in INDUSTRIES], 0, 2)
            intake.years_in_recovery = rng.randint(2, 25)
            intake.capacity = 4
        return intake

    def _progress(self, done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "-" * (width - filled)
        sys.stdout.write(f"\r  [{bar}] {done}/{total} people")
        sys.stdout.flush()
