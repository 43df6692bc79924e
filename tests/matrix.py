"""The permission matrix shared by tests/test_permission_matrix.py and tests/test_hostile_input.py:
a world of two programs with planted marker strings, the roles that look at it, and a table
with one entry per URL name of the product.

A new URL needs ONE line in ROUTES: its name, who may open it, how to fill its parameters.
This module is not a test module (test modules never import each other); both tests import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from types import SimpleNamespace

from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from accounts.models import Role
from accounts.services.invitations import invitation_token
from matching.models import Pairing
from mentoring import services as mentoring_services
from mentoring.models import Meeting, Visibility
from messaging.models import Conversation
from notifications.kinds import KINDS
from notifications.models import Notification
from notifications.rendering import unsubscribe_token

from .factories import (
    ActionItemFactory,
    AnnouncementFactory,
    AnnouncementRecipientFactory,
    CheckInFactory,
    ConsentFactory,
    ConversationFactory,
    CoordinatorConversationFactory,
    EncouragementFactory,
    EventFactory,
    GoalFactory,
    HabitFactory,
    IntakeFactory,
    InvitationFactory,
    ItemFactory,
    JournalEntryFactory,
    MatchingRoundFactory,
    MeetingFactory,
    MembershipFactory,
    MessageFactory,
    MessageReportFactory,
    MilestoneFactory,
    PairingFactory,
    PersonalStrategyFactory,
    ProgramFactory,
    QuestionnaireFactory,
    RecoveryPeriodFactory,
    StrategyFactory,
    StrategyShareFactory,
    UserFactory,
    enable_mfa,
)

# ROLES

ANON = "anonymous"
MENTEE = "mentee M"
OTHER_MENTEE = "other mentee"
MENTOR = "mentor"
FORMER_MENTOR = "former mentor"
COORD_A = "coordinator A"
COORD_B = "coordinator B"
STAFF = "staff"
ROLES = (ANON, MENTEE, OTHER_MENTEE, MENTOR, FORMER_MENTOR, COORD_A, COORD_B, STAFF)

NOBODY: frozenset[str] = frozenset()
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {ANON}
MEMBERS_A = frozenset({MENTEE, OTHER_MENTEE, MENTOR, FORMER_MENTOR, COORD_A})
MENTEES_A = frozenset({MENTEE, OTHER_MENTEE})
MENTORS_A = frozenset({MENTOR, FORMER_MENTOR})
COORD = frozenset({COORD_A})
M = frozenset({MENTEE})

# MARKERS: every protected text of mentee M carries one, different per record kind and per
# visibility; SEES says which viewer may find which marker in a response.

MARK = "MK7f3a"
PRIVATE_MARKERS = {
    "journal_title": f"{MARK}-JOURNAL-TITLE",
    "journal_body": f"{MARK}-JOURNAL-BODY",
    "goal_private": f"{MARK}-GOAL-PRIVATE",
    "goal_private_why": f"{MARK}-GOALWHY-PRIVATE",
    "milestone_private": f"{MARK}-MILESTONE-PRIVATE",
    "habit_private": f"{MARK}-HABIT-PRIVATE",
    "checkin_private": f"{MARK}-CHECKIN-PRIVATE",
    "checkin_private_hard": f"{MARK}-CHECKINHARD-PRIVATE",
    "recovery_note": f"{MARK}-RECOVERY-NOTE",
    "own_strategy_private": f"{MARK}-OWNSTRATEGY-PRIVATE",
    "own_strategy_private_body": f"{MARK}-OWNSTRATEGYBODY-PRIVATE",
    # Written to M by the mentor of her ended pairing: hers for good, nobody else's to read.
    "encouragement_former": f"{MARK}-ENCOURAGEMENT-FORMER",
}
SHARED_MARKERS = {
    "goal_shared": f"{MARK}-GOAL-SHARED",
    "goal_shared_why": f"{MARK}-GOALWHY-SHARED",
    "milestone_shared": f"{MARK}-MILESTONE-SHARED",
    "habit_shared": f"{MARK}-HABIT-SHARED",
    "checkin_shared": f"{MARK}-CHECKIN-SHARED",
    "checkin_shared_hard": f"{MARK}-CHECKINHARD-SHARED",
    "narrative_current": f"{MARK}-NARRATIVE-CURRENT",
    "reflection_current": f"{MARK}-REFLECTION-CURRENT",
    "message_current": f"{MARK}-MESSAGE-CURRENT",
    "own_strategy_shared": f"{MARK}-OWNSTRATEGY-SHARED",
    "own_strategy_shared_body": f"{MARK}-OWNSTRATEGYBODY-SHARED",
}
# What M recorded with the mentor of her ended pairing: that mentor lost access when it ended.
FORMER_MARKERS = {
    "narrative_former": f"{MARK}-NARRATIVE-FORMER",
    "message_former": f"{MARK}-MESSAGE-FORMER",
}
# M's question to the coordinators of her program.
COORDINATOR_MARKERS = {"coordinator_message": f"{MARK}-COORDMSG"}

ALL_MARKERS = {**PRIVATE_MARKERS, **SHARED_MARKERS, **FORMER_MARKERS, **COORDINATOR_MARKERS}
SEES: dict[str, set[str]] = {role: set() for role in ROLES}
SEES[MENTEE] = set(ALL_MARKERS.values())
SEES[MENTOR] = set(SHARED_MARKERS.values())
SEES[COORD_A] = set(COORDINATOR_MARKERS.values())


def forbidden_markers(role: str) -> list[str]:
    return sorted(set(ALL_MARKERS.values()) - SEES[role])


# THE WORLD


def build_world() -> SimpleNamespace:
    """Two programs. In A: mentee M (private and shared records with markers), her mentor,
    her former mentor (ended pairing; now mentors the other mentee), the other mentee, a
    coordinator. In B: a coordinator, a mentee and a mentor with records of their own. And a
    staff user who belongs to no program."""
    w = SimpleNamespace()
    now = timezone.now()
    w.program = ProgramFactory(name="Matrix A", slug="matrix-a")
    w.program_b = ProgramFactory(name="Matrix B", slug="matrix-b")

    def member(program, role, email, name):
        return MembershipFactory(
            program=program, role=role, user=UserFactory(email=email, display_name=name)
        )

    w.mentee = member(w.program, Role.MENTEE, "m@example.org", "Mira")
    w.other_mentee = member(w.program, Role.MENTEE, "om@example.org", "Omar")
    # No check-in since joining 30 days ago: on the coordinators' attention queue.
    w.other_mentee.joined_at = now - timedelta(days=30)
    w.other_mentee.save(update_fields=["joined_at"])
    w.mentor = member(w.program, Role.MENTOR, "mentor@example.org", "Marta")
    w.former_mentor = member(w.program, Role.MENTOR, "former@example.org", "Fern")
    w.coordinator = member(w.program, Role.COORDINATOR, "coord-a@example.org", "Cora")
    w.coordinator_b = member(w.program_b, Role.COORDINATOR, "coord-b@example.org", "Cyd")
    w.mentee_b = member(w.program_b, Role.MENTEE, "mb@example.org", "Bea")
    w.mentor_b = member(w.program_b, Role.MENTOR, "mentorb@example.org", "Bo")
    enable_mfa(w.coordinator.user)
    enable_mfa(w.coordinator_b.user)
    w.staff = UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)
    for person in (w.mentee, w.other_mentee, w.mentor, w.former_mentor, w.mentee_b, w.mentor_b):
        IntakeFactory(membership=person)

    # Ended long ago: past the late-documentation window (`late_log_days`) too.
    w.former_pairing = PairingFactory(
        mentee=w.mentee,
        mentor=w.former_mentor,
        days_ago=200,
        ended=True,
        closed_at=now - timedelta(days=100),
    )
    w.pairing = PairingFactory(mentee=w.mentee, mentor=w.mentor, days_ago=60)
    w.other_pairing = PairingFactory(mentee=w.other_mentee, mentor=w.former_mentor, days_ago=30)
    w.pairing_b = PairingFactory(mentee=w.mentee_b, mentor=w.mentor_b, days_ago=30)

    # M's records, shared and private.
    w.goal_shared = GoalFactory(
        membership=w.mentee,
        title=ALL_MARKERS["goal_shared"],
        why=ALL_MARKERS["goal_shared_why"],
        visibility=Visibility.SHARED,
    )
    w.milestone_shared = MilestoneFactory(goal=w.goal_shared, title=ALL_MARKERS["milestone_shared"])
    w.goal_private = GoalFactory(
        membership=w.mentee,
        title=ALL_MARKERS["goal_private"],
        why=ALL_MARKERS["goal_private_why"],
        visibility=Visibility.PRIVATE,
    )
    w.milestone_private = MilestoneFactory(
        goal=w.goal_private, title=ALL_MARKERS["milestone_private"]
    )
    # A goal without milestones: its page has the "set progress by hand" form.
    w.goal_plain = GoalFactory(membership=w.mentee, visibility=Visibility.SHARED)
    w.habit_shared = HabitFactory(
        membership=w.mentee, name=ALL_MARKERS["habit_shared"], visibility=Visibility.SHARED
    )
    w.habit_private = HabitFactory(
        membership=w.mentee, name=ALL_MARKERS["habit_private"], visibility=Visibility.PRIVATE
    )
    mentoring_services.habit_log(habit=w.habit_shared, day=mentoring_services.local_today(w.mentee))
    w.checkin_shared = CheckInFactory(
        membership=w.mentee,
        days_ago=1,
        helped=ALL_MARKERS["checkin_shared"],
        hard=ALL_MARKERS["checkin_shared_hard"],
        visibility=Visibility.SHARED,
    )
    w.checkin_private = CheckInFactory(
        membership=w.mentee,
        days_ago=2,
        helped=ALL_MARKERS["checkin_private"],
        hard=ALL_MARKERS["checkin_private_hard"],
        visibility=Visibility.PRIVATE,
    )
    w.journal = JournalEntryFactory(
        membership=w.mentee,
        title=ALL_MARKERS["journal_title"],
        body=ALL_MARKERS["journal_body"],
    )
    w.own_strategy_private = PersonalStrategyFactory(
        membership=w.mentee,
        title=ALL_MARKERS["own_strategy_private"],
        body=ALL_MARKERS["own_strategy_private_body"],
    )
    w.own_strategy_shared = PersonalStrategyFactory(
        membership=w.mentee,
        title=ALL_MARKERS["own_strategy_shared"],
        body=ALL_MARKERS["own_strategy_shared_body"],
        visibility=Visibility.SHARED,
    )
    w.encouragement_former = EncouragementFactory(
        pairing=w.former_pairing, text=ALL_MARKERS["encouragement_former"]
    )
    today = mentoring_services.local_today(w.mentee)
    w.period_past = RecoveryPeriodFactory(
        membership=w.mentee,
        started_on=today - timedelta(days=300),
        ended_on=today - timedelta(days=40),
        end_note=ALL_MARKERS["recovery_note"],
    )
    RecoveryPeriodFactory(membership=w.mentee, started_on=today - timedelta(days=39))

    w.meeting = MeetingFactory(
        pairing=w.pairing,
        starts_at=now - timedelta(days=3),
        status=Meeting.Status.HELD,
        narrative=ALL_MARKERS["narrative_current"],
        mentee_reflection=ALL_MARKERS["reflection_current"],
    )
    w.meeting_upcoming = MeetingFactory(pairing=w.pairing)
    w.meeting_proposed = MeetingFactory(
        pairing=w.pairing,
        status=Meeting.Status.PROPOSED,
        awaiting=w.mentee.user,
        starts_at=now + timedelta(days=5),
    )
    w.meeting_former = MeetingFactory(
        pairing=w.former_pairing,
        proposed_by=w.former_mentor.user,
        starts_at=now - timedelta(days=150),
        status=Meeting.Status.HELD,
        narrative=ALL_MARKERS["narrative_former"],
    )
    w.meeting_b = MeetingFactory(pairing=w.pairing_b)
    w.action_item = ActionItemFactory(pairing=w.pairing)
    w.action_item_b = ActionItemFactory(pairing=w.pairing_b)

    w.conversation = ConversationFactory(pairing=w.pairing)
    w.message = MessageFactory(
        conversation=w.conversation, author=w.mentee, body=ALL_MARKERS["message_current"]
    )
    w.mentor_message = MessageFactory(conversation=w.conversation, author=w.mentor)
    w.mentor_message_2 = MessageFactory(conversation=w.conversation, author=w.mentor)
    w.conversation_former = ConversationFactory(pairing=w.former_pairing)
    w.message_former = MessageFactory(
        conversation=w.conversation_former, author=w.mentee, body=ALL_MARKERS["message_former"]
    )
    w.conversation_coordinators = CoordinatorConversationFactory(member=w.mentee)
    MessageFactory(
        conversation=w.conversation_coordinators,
        author=w.mentee,
        body=ALL_MARKERS["coordinator_message"],
    )
    w.conversation_b = ConversationFactory(pairing=w.pairing_b)
    w.message_b = MessageFactory(conversation=w.conversation_b, author=w.mentee_b)
    # The mentor reported one of her own pairing's messages (not one with a marker).
    w.report = MessageReportFactory(message=w.mentor_message, reporter=w.mentee)
    w.report_b = MessageReportFactory(message=w.message_b, reporter=w.mentor_b)

    # Program-wide things.
    w.strategy = StrategyFactory(by=w.mentor)
    w.strategy_b = StrategyFactory(by=w.mentor_b)
    StrategyShareFactory(strategy=w.strategy, pairing=w.pairing)
    w.event = EventFactory(program=w.program)
    w.event_b = EventFactory(program=w.program_b)
    w.announcement = AnnouncementFactory(program=w.program, author=w.coordinator)
    AnnouncementRecipientFactory(announcement=w.announcement, membership=w.mentee)
    w.announcement_b = AnnouncementFactory(program=w.program_b, author=w.coordinator_b)
    w.questionnaire = QuestionnaireFactory(program=w.program)
    ItemFactory(questionnaire=w.questionnaire)
    w.questionnaire_b = QuestionnaireFactory(program=w.program_b)
    ItemFactory(questionnaire=w.questionnaire_b)
    # Consents of the other mentee (never of M: coordinators may see none of her records).
    w.consent = ConsentFactory(mentee=w.other_mentee)
    w.consent_b = ConsentFactory(mentee=w.mentee_b)
    w.invitation = InvitationFactory(program=w.program)
    w.invitation_b = InvitationFactory(program=w.program_b)
    w.round = MatchingRoundFactory(program=w.program)
    w.round_b = MatchingRoundFactory(program=w.program_b)
    w.notification = Notification.objects.create(
        recipient=w.mentee.user,
        program=w.program,
        kind=next(iter(KINDS)),
        title="You have a check-in waiting",
        url="/",
        key="matrix",
    )
    # The feed's token is kept hashed: the service hands it out in clear once.
    w.feed_token = mentoring_services.calendar_feed_regenerate(user=w.mentee.user).token
    w.unsubscribe = unsubscribe_token(user_id=w.mentee.user.pk, kind=next(iter(KINDS)))
    w.invitation_token = invitation_token(w.invitation)

    w.users = {
        ANON: None,
        MENTEE: w.mentee.user,
        OTHER_MENTEE: w.other_mentee.user,
        MENTOR: w.mentor.user,
        FORMER_MENTOR: w.former_mentor.user,
        COORD_A: w.coordinator.user,
        COORD_B: w.coordinator_b.user,
        STAFF: w.staff,
    }
    assert w.pairing.status == Pairing.Status.ACTIVE
    assert w.conversation_coordinators.kind == Conversation.Kind.COORDINATORS
    return w


def world_in_rollback(django_db_blocker):
    """For a module-scoped fixture: one world for the module, in a transaction rolled back at
    the end; each test's own transaction (pytest-django's `db`) nests in it as a savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


# THE TABLE

SOON = (timezone.localdate() + timedelta(days=3)).isoformat()
LATELY = (timezone.localdate() - timedelta(days=2)).isoformat()


@dataclass(frozen=True)
class Case:
    """One way to fill a URL's parameters and who must get in. `params` maps a parameter to
    a world attribute (its `pk` is used for a model) or to a callable taking the world.
    `maybe`: roles whose access is not asserted either way (only: no 500, no marker)."""

    label: str
    params: dict
    allowed: frozenset
    maybe: frozenset = frozenset()


@dataclass(frozen=True)
class Route:
    name: str
    allowed: frozenset
    params: dict = field(default_factory=dict)
    methods: str = "GET"  # "GET", "POST" (a POST-only view) or "GET POST"
    maybe: frozenset = frozenset()
    variants: tuple = ()
    # Who posts hostile input (tests/test_hostile_input.py); None: not a product form.
    poster: str | None = None
    # Where the form that posts here is, when the URL itself shows no form (POST-only views).
    form_page: str | None = None
    # Markers this route may show to anyone who can open it (a secret-token URL acts as M).
    acts_as: str | None = None
    # A query string some pages need (e.g. "due=intake").
    query: str = ""
    # Valid values for the form's required fields that the page leaves empty, so that hostile
    # input in one field reaches the form-wide checks and the service.
    fill: dict = field(default_factory=dict)

    def cases(self) -> list[Case]:
        return [Case("default", self.params, self.allowed, self.maybe), *self.variants]


def V(label: str, allowed=NOBODY, maybe=NOBODY, **params) -> Case:  # noqa: N802
    return Case(label, params, frozenset(allowed), frozenset(maybe))


def param_value(world, value):
    if callable(value):
        return value(world)
    if isinstance(value, str) and hasattr(world, value):
        obj = getattr(world, value)
        return getattr(obj, "pk", obj)
    return value


def program_bs(factory):
    """A record of the mentee of program B, made when the URL is built."""
    return lambda w: factory(membership=w.mentee_b).pk


# Variants used by many entries: another program's object, an ended pairing's object.
def goal_cases(private_allowed=M, private_maybe=NOBODY):
    return (
        V("private goal", private_allowed, private_maybe, goal_id="goal_private"),
        V("other program's goal", goal_id=lambda w: GoalFactory(membership=w.mentee_b).pk),
    )


ROUTES: tuple[Route, ...] = (
    # Public and personal pages
    Route("home", EVERYONE),
    Route("help", EVERYONE),
    Route("healthz", EVERYONE),
    Route("language_set", EVERYONE, methods="POST", maybe=EVERYONE),
    Route("accounts:profile", SIGNED_IN, methods="GET POST", poster=MENTEE),
    Route(
        "accounts:invitation_accept",
        EVERYONE,
        {"token": "invitation_token"},
        methods="GET POST",
        maybe=EVERYONE,
    ),
    Route(
        "accounts:enrollment_join",
        NOBODY,
        {"token": lambda w: w.program.enrollment_token},
        methods="GET POST",
        maybe=EVERYONE,
    ),
    Route("notifications:list", SIGNED_IN),
    Route(
        "notifications:open",
        M,
        {"notification_id": "notification"},
        maybe=M,
    ),
    Route("notifications:read", M, {"notification_id": "notification"}, methods="POST", maybe=M),
    Route("notifications:read_all", SIGNED_IN, methods="POST", maybe=SIGNED_IN),
    Route("notifications:settings", SIGNED_IN, methods="GET POST", poster=MENTEE),
    Route(
        "notifications:unsubscribe",
        EVERYONE,
        {"token": "unsubscribe"},
        methods="GET POST",
        acts_as=MENTEE,
    ),
    Route("feed:ics", EVERYONE, {"token": "feed_token"}, acts_as=MENTEE),
    # Every member's pages
    Route("program_home", MEMBERS_A),
    Route("accounts:privacy_notice", MEMBERS_A, methods="GET POST", maybe=MEMBERS_A),
    Route("accounts:program_help", MEMBERS_A),
    Route("strategies:index", MEMBERS_A),
    Route(
        "strategies:detail",
        frozenset({MENTEE, MENTOR, COORD_A}),
        {"strategy_id": "strategy"},
        variants=(V("other program's strategy", strategy_id="strategy_b"),),
    ),
    Route("encouragements:index", MENTEES_A),
    # A mentee's own strategies: hers; her current mentor reads a shared one.
    Route(
        "strategies:mine_new",
        MENTEES_A,
        methods="GET POST",
        poster=MENTEE,
        fill={
            "title": "Walk first",
            "body": "Around the block.",
            "category": "triggers",
            "visibility": "private",
        },
    ),
    Route(
        "strategies:mine_detail",
        frozenset({MENTEE, MENTOR}),
        {"strategy_id": "own_strategy_shared"},
        variants=(
            V("private own strategy", M, strategy_id="own_strategy_private"),
            V(
                "other program's own strategy",
                strategy_id=program_bs(PersonalStrategyFactory),
            ),
        ),
    ),
    *(
        Route(
            f"strategies:mine_{name}",
            M,
            {"strategy_id": "own_strategy_private"},
            methods="GET POST",
            maybe=M if name == "delete" else NOBODY,
            poster=MENTEE if name == "edit" else None,
            fill={"category": "triggers", "visibility": "private"} if name == "edit" else {},
            variants=(
                V("shared own strategy", M, strategy_id="own_strategy_shared"),
                V(
                    "other mentee's own strategy",
                    maybe={OTHER_MENTEE},
                    strategy_id=lambda w: PersonalStrategyFactory(membership=w.other_mentee).pk,
                ),
            ),
        )
        for name in ("edit", "delete")
    ),
    Route("events:index", MEMBERS_A),
    Route(
        "events:ics",
        MEMBERS_A,
        {"event_id": "event"},
        variants=(V("other program's event", event_id="event_b"),),
    ),
    Route(
        "events:rsvp",
        MEMBERS_A,
        {"event_id": "event"},
        methods="POST",
        maybe=MEMBERS_A,
        poster=MENTEE,
        form_page="events:index",
        variants=(V("other program's event", event_id="event_b"),),
    ),
    Route("messaging:index", MEMBERS_A),
    Route(
        "messaging:coordinators",
        MEMBERS_A - COORD,
    ),
    Route(
        "messaging:pairing",
        frozenset({MENTEE, MENTOR}),
        {"pairing_id": "pairing"},
        maybe=COORD,
        variants=(
            V("ended pairing", maybe=M, pairing_id="former_pairing"),
            V("other program's pairing", pairing_id="pairing_b"),
        ),
    ),
    Route(
        "messaging:conversation",
        frozenset({MENTEE, MENTOR}),
        {"conversation_id": "conversation"},
        fill={"body": "Hello"},
        methods="GET POST",
        poster=MENTEE,
        variants=(
            V("ended pairing", maybe=M, conversation_id="conversation_former"),
            V(
                "M asks the coordinators",
                {MENTEE, COORD_A},
                conversation_id="conversation_coordinators",
            ),
            V("other program's conversation", conversation_id="conversation_b"),
        ),
    ),
    Route(
        "messaging:poll",
        frozenset({MENTEE, MENTOR}),
        {"conversation_id": "conversation"},
        variants=(
            V("ended pairing", maybe=M, conversation_id="conversation_former"),
            V("other program's conversation", conversation_id="conversation_b"),
        ),
    ),
    Route(
        "messaging:delete",
        M,
        {"message_id": "message"},
        methods="GET POST",
        maybe=M,
        variants=(V("other program's message", message_id="message_b"),),
    ),
    Route(
        "messaging:report",
        M,
        {"message_id": "mentor_message_2"},
        fill={"reason": "It worried me."},
        methods="GET POST",
        maybe=frozenset({MENTOR}),
        poster=MENTEE,
        variants=(V("other program's message", message_id="message_b"),),
    ),
    Route(
        "announcements:dismiss",
        MEMBERS_A,
        {"announcement_id": "announcement"},
        methods="POST",
        maybe=MEMBERS_A,
        variants=(V("other program's announcement", announcement_id="announcement_b"),),
    ),
    # Matching, member side
    Route("matching:intake", MEMBERS_A - COORD, methods="GET POST", poster=MENTEE),
    Route("matching:pairings", MEMBERS_A - COORD),
    Route(
        "matching:pairing_detail",
        frozenset({MENTEE, MENTOR, COORD_A}),
        {"pairing_id": "pairing"},
        variants=(
            V("ended pairing", maybe={MENTEE, FORMER_MENTOR, COORD_A}, pairing_id="former_pairing"),
            V("other program's pairing", pairing_id="pairing_b"),
        ),
    ),
    *(
        Route(
            f"matching:pairing_{action}",
            NOBODY,
            {"pairing_id": "pairing"},
            methods="POST",
            maybe=frozenset({MENTEE, MENTOR, COORD_A}),
            variants=(V("other program's pairing", pairing_id="pairing_b"),),
        )
        for action in ("accept", "decline", "withdraw", "pause", "resume", "end")
    ),
    Route(
        "matching:my_mentee",
        frozenset({MENTOR}),
        {"mentee_id": "mentee"},
        variants=(V("other program's mentee", mentee_id="mentee_b"),),
    ),
    Route("matching:suggestions", NOBODY, maybe=MENTEES_A),
    Route(
        "matching:suggestion_request",
        NOBODY,
        {"mentor_id": "mentor"},
        methods="POST",
        maybe=MENTEES_A,
        variants=(V("other program's mentor", mentor_id="mentor_b"),),
    ),
    # Mentee's own records
    Route("goals:index", M | {OTHER_MENTEE}),
    Route(
        "goals:new",
        M | {OTHER_MENTEE},
        methods="GET POST",
        poster=MENTEE,
        fill={"title": "Walk daily", "category": "health"},
    ),
    Route("goals:detail", M, {"goal_id": "goal_shared"}, variants=goal_cases()),
    Route(
        "goals:edit",
        M,
        {"goal_id": "goal_shared"},
        methods="GET POST",
        poster=MENTEE,
        variants=goal_cases(),
    ),
    *(
        Route(
            f"goals:{name}",
            NOBODY,
            {"goal_id": "goal_plain"},
            methods="POST",
            maybe=M,
            poster=MENTEE,
            form_page="goals:detail",
            variants=goal_cases(private_allowed=NOBODY, private_maybe=M),
        )
        for name in ("status", "visibility", "progress", "milestone_add")
    ),
    *(
        Route(
            f"goals:{name}",
            NOBODY,
            {"goal_id": "goal_shared", "milestone_id": "milestone_shared"},
            methods="POST",
            maybe=M,
            variants=(
                V(
                    "milestone of another goal",
                    maybe=M,
                    goal_id="goal_shared",
                    milestone_id="milestone_private",
                ),
            ),
        )
        for name in ("milestone_toggle", "milestone_delete")
    ),
    Route("habits:index", MENTEES_A),
    Route("habits:new", MENTEES_A, methods="GET POST", poster=MENTEE, fill={"name": "Walk"}),
    Route(
        "habits:edit",
        M,
        {"habit_id": "habit_shared"},
        methods="GET POST",
        poster=MENTEE,
        variants=(
            V("private habit", M, habit_id="habit_private"),
            V("other program's habit", habit_id=lambda w: HabitFactory(membership=w.mentee_b).pk),
        ),
    ),
    *(
        Route(
            f"habits:{name}",
            NOBODY,
            {"habit_id": "habit_shared"},
            methods="POST",
            maybe=M,
            poster=MENTEE,
            form_page="habits:edit" if name == "archive" else "habits:index",
            variants=(
                V(
                    "other mentee's habit",
                    maybe={OTHER_MENTEE},
                    habit_id=lambda w: HabitFactory(membership=w.other_mentee).pk,
                ),
            ),
        )
        for name in ("archive", "log", "unlog")
    ),
    Route(
        "checkins:index",
        MENTEES_A,
        methods="GET POST",
        poster=MENTEE,
        fill={"mood": "3", "craving": "2"},
    ),
    Route(
        "journal:index", MENTEES_A, methods="GET POST", poster=MENTEE, fill={"body": "A calm day."}
    ),
    Route(
        "journal:detail",
        M,
        {"entry_id": "journal"},
        variants=(
            V(
                "other mentee's entry",
                {OTHER_MENTEE},
                entry_id=lambda w: JournalEntryFactory(membership=w.other_mentee).pk,
            ),
        ),
    ),
    Route(
        "journal:edit",
        M,
        {"entry_id": "journal"},
        methods="GET POST",
        poster=MENTEE,
        variants=(
            V(
                "other program's entry",
                entry_id=lambda w: JournalEntryFactory(membership=w.mentee_b).pk,
            ),
        ),
    ),
    Route("journal:delete", M, {"entry_id": "journal"}, methods="GET POST", maybe=M),
    Route("recovery:index", MENTEES_A),
    Route(
        "recovery:start",
        NOBODY,
        methods="POST",
        maybe=MENTEES_A,
        poster=MENTEE,
        form_page="recovery:index",
    ),
    Route(
        "recovery:settings",
        NOBODY,
        methods="POST",
        maybe=MENTEES_A,
        poster=MENTEE,
        form_page="recovery:index",
    ),
    Route("recovery:return", MENTEES_A, methods="GET POST", poster=MENTEE),
    # Meetings of a pairing
    Route("meetings:index", MEMBERS_A - COORD),
    Route(
        "meetings:new",
        frozenset({MENTEE, MENTOR, OTHER_MENTEE, FORMER_MENTOR}),
        methods="GET POST",
        poster=MENTEE,
        maybe=MENTORS_A,
        fill={"date": SOON, "start_time": "10:00"},
    ),
    Route("meetings:calendar", MEMBERS_A - COORD),
    *(
        Route(
            name,
            frozenset({MENTEE, MENTOR}),
            {"meeting_id": "meeting"},
            variants=(
                V("ended pairing's meeting", maybe=M, meeting_id="meeting_former"),
                V("other program's meeting", meeting_id="meeting_b"),
            ),
        )
        for name in ("meetings:detail", "meetings:ics")
    ),
    *(
        Route(
            f"meetings:{name}",
            NOBODY,
            {"meeting_id": "meeting" if name == "reflect" else "meeting_proposed"},
            methods="POST",
            maybe=frozenset({MENTEE, MENTOR}),
            poster=poster,
            form_page="meetings:detail",
            variants=(
                V("ended pairing's meeting", maybe=M, meeting_id="meeting_former"),
                V("other program's meeting", meeting_id="meeting_b"),
            ),
        )
        for name, poster in (
            ("confirm", MENTEE),
            ("other_time", MENTEE),
            ("cancel", MENTEE),
            ("reflect", MENTEE),
        )
    ),
    Route(
        "meetings:log",
        frozenset({MENTOR}),
        {"meeting_id": "meeting"},
        methods="GET POST",
        poster=MENTOR,
        variants=(
            V("ended pairing's meeting", meeting_id="meeting_former"),
            V("other program's meeting", meeting_id="meeting_b"),
        ),
    ),
    Route(
        "meetings:log_new",
        frozenset({MENTOR}),
        {"pairing_id": "pairing"},
        methods="GET POST",
        poster=MENTOR,
        fill={"date": LATELY, "start_time": "10:00", "end_time": "11:00", "narrative": "Talked."},
        variants=(
            V("ended pairing", pairing_id="former_pairing"),
            V("other program's pairing", pairing_id="pairing_b"),
        ),
    ),
    Route(
        "meetings:action_item_done",
        NOBODY,
        {"item_id": "action_item"},
        methods="POST",
        maybe=frozenset({MENTEE, MENTOR}),
        variants=(V("other program's item", item_id="action_item_b"),),
    ),
    # The mentor's pages
    Route("mentor:index", MENTORS_A),
    Route(
        "mentor:detail",
        frozenset({MENTOR}),
        {"mentee_id": "mentee"},
        variants=(V("other program's mentee", mentee_id="mentee_b"),),
    ),
    *(
        Route(
            f"mentor:{name}",
            NOBODY,
            {"mentee_id": "mentee"},
            methods="POST",
            maybe=frozenset({MENTOR}),
            poster=MENTOR if name == "encourage" else None,
            form_page="mentor:detail",
            variants=(V("other program's mentee", mentee_id="mentee_b"),),
        )
        for name in ("encourage", "outreach_handled")
    ),
    # Strategies written by mentors and coordinators
    Route(
        "strategies:new",
        MENTORS_A | COORD,
        methods="GET POST",
        poster=MENTOR,
        fill={"title": "Call a friend", "body": "At six."},
    ),
    Route(
        "strategies:edit",
        frozenset({MENTOR}),
        {"strategy_id": "strategy"},
        methods="GET POST",
        poster=MENTOR,
        maybe=COORD,
        variants=(V("other program's strategy", strategy_id="strategy_b"),),
    ),
    *(
        Route(
            f"strategies:{name}",
            NOBODY,
            {"strategy_id": "strategy"},
            methods="POST",
            maybe=roles,
            variants=(V("other program's strategy", strategy_id="strategy_b"),),
        )
        for name, roles in (
            ("archive", frozenset({MENTOR, COORD_A})),
            ("share", frozenset({MENTOR, FORMER_MENTOR})),
            ("library", COORD),
        )
    ),
    # Deleting one's own entries
    *(
        Route(
            f"{name}",
            M,
            {param: record},
            methods="GET POST",
            variants=(V("other program's", **{param: program_bs(factory)}),),
        )
        for name, param, record, factory in (
            ("goals:delete", "goal_id", "goal_shared", GoalFactory),
            ("habits:delete", "habit_id", "habit_shared", HabitFactory),
            ("checkins:delete", "checkin_id", "checkin_shared", CheckInFactory),
            ("recovery:period_delete", "period_id", "period_past", RecoveryPeriodFactory),
        )
    ),
    # Consent, access history, my data
    Route("privacy:sharing", MENTEES_A, methods="GET POST", poster=MENTEE),
    Route(
        "privacy:revoke",
        NOBODY,
        {"consent_id": "consent"},
        methods="POST",
        maybe={OTHER_MENTEE},
        variants=(V("other program's consent", consent_id="consent_b"),),
    ),
    Route("privacy:shared_with_me", MEMBERS_A),
    Route(
        "members:shared",
        NOBODY,
        {"member_id": "mentee"},
        maybe=COORD,
        variants=(
            V("a member who consented", maybe=COORD, member_id="other_mentee"),
            V("other program's member", member_id="mentee_b"),
        ),
    ),
    Route("audit:access_history", MENTEES_A),
    Route("audit:trail", COORD),
    Route("mydata:index", SIGNED_IN),
    Route("mydata:request", NOBODY, methods="POST", maybe=SIGNED_IN),
    Route("mydata:download", NOBODY, {"token": "not-a-token"}, maybe=SIGNED_IN),
    Route("mydata:erase", SIGNED_IN, methods="GET POST", poster=MENTEE),
    # Coordinator pages
    Route("accounts:members", COORD),
    Route(
        "members:member",
        COORD,
        {"member_id": "mentee"},
        variants=(V("other program's member", member_id="mentee_b"),),
    ),
    Route("accounts:settings", COORD, methods="GET POST", poster=COORD_A),
    Route("accounts:settings_crisis", COORD, methods="GET POST", poster=COORD_A),
    Route("accounts:settings_privacy", COORD, methods="GET POST", poster=COORD_A),
    Route("accounts:settings_changes", COORD),
    *(
        Route(
            f"accounts:{name}",
            NOBODY,
            {"member_id": "other_mentee"},
            methods="POST",
            maybe=COORD,
            poster=COORD_A,
            form_page="members:member",
            variants=(V("other program's member", member_id="mentee_b"),),
        )
        for name in ("member_status", "member_role")
    ),
    Route(
        "accounts:invitations",
        COORD,
        methods="GET POST",
        poster=COORD_A,
        fill={"email": "new@example.org"},
    ),
    Route(
        "accounts:invitations_bulk",
        COORD,
        methods="GET POST",
        poster=COORD_A,
        fill={"lines": "new@example.org, mentee"},
    ),
    Route(
        "accounts:invitation_action",
        NOBODY,
        {"invitation_id": "invitation", "action": "resend"},
        methods="POST",
        maybe=COORD,
        variants=(V("other program's invitation", invitation_id="invitation_b", action="revoke"),),
    ),
    Route("accounts:enrollment_settings", NOBODY, methods="POST", maybe=COORD),
    Route("attention:queue", COORD),
    Route(
        "attention:handled",
        NOBODY,
        {"kind": "no_checkin", "subject_id": "other_mentee"},
        methods="GET POST",
        maybe=COORD,
        poster=COORD_A,
        form_page="attention:queue",
        variants=(V("other program's member", kind="no_checkin", subject_id="mentee_b"),),
    ),
    Route("attention:supervision", COORD),
    Route("summary:index", COORD),
    Route(
        "events:new",
        COORD,
        methods="GET POST",
        poster=COORD_A,
        fill={"title": "Picnic", "date": SOON, "start_time": "12:00"},
    ),
    Route(
        "events:cancel",
        NOBODY,
        {"event_id": "event"},
        methods="POST",
        maybe=COORD,
        variants=(V("other program's event", event_id="event_b"),),
    ),
    Route(
        "events:attendance",
        COORD,
        {"event_id": "event"},
        methods="GET POST",
        poster=COORD_A,
        variants=(V("other program's event", event_id="event_b"),),
    ),
    Route("announcements:index", COORD),
    Route(
        "announcements:new",
        COORD,
        methods="GET POST",
        poster=COORD_A,
        fill={"title": "Dinner", "body": "Thursday."},
    ),
    Route(
        "messaging:with_member",
        COORD,
        {"member_id": "mentee"},
        variants=(V("other program's member", member_id="mentee_b"),),
    ),
    Route("messaging:reports", COORD),
    Route(
        "messaging:report_detail",
        COORD,
        {"report_id": "report"},
        methods="GET POST",
        poster=COORD_A,
        variants=(V("other program's report", report_id="report_b"),),
    ),
    Route("matching_coord:board", COORD),
    *(
        Route(
            f"matching_coord:{name}",
            allowed,
            {"mentee_id": "other_mentee"},
            methods=methods,
            maybe=COORD,
            variants=(V("other program's mentee", mentee_id="mentee_b"),),
        )
        for name, allowed, methods in (
            ("suggestions", COORD, "GET"),
            ("propose", NOBODY, "POST"),
            ("do_not_pair", NOBODY, "POST"),
        )
    ),
    Route(
        "matching_coord:withdraw",
        NOBODY,
        {"pairing_id": "pairing"},
        methods="POST",
        maybe=COORD,
        variants=(V("other program's pairing", pairing_id="pairing_b"),),
    ),
    Route("matching_coord:settings", COORD, methods="GET POST", poster=COORD_A),
    Route("matching_coord:intakes", COORD),
    Route(
        "matching_coord:intake_edit",
        COORD,
        {"member_id": "other_mentee"},
        methods="GET POST",
        poster=COORD_A,
        variants=(V("other program's member", member_id="mentee_b"),),
    ),
    Route("matching_coord:round_new", COORD, methods="GET POST", poster=COORD_A),
    Route(
        "matching_coord:round_detail",
        COORD,
        {"round_id": "round"},
        maybe=COORD,
        variants=(V("other program's round", round_id="round_b"),),
    ),
    *(
        Route(
            f"matching_coord:{name}",
            NOBODY,
            {"round_id": "round"},
            methods="POST",
            maybe=COORD,
            variants=(V("other program's round", round_id="round_b"),),
        )
        for name in ("round_remove", "round_confirm", "round_discard")
    ),
    Route("reports:index", COORD),
    Route("reports:overview", COORD),
    Route("reports:funder", COORD),
    Route("reports:funder_csv", NOBODY, methods="POST", maybe=COORD),
    *(
        Route("reports:export", NOBODY, {"kind": kind}, methods="POST", maybe=COORD)
        for kind in ("members", "pairings", "meetings", "funder")
    ),
    Route("surveys:index", COORD),
    Route(
        "surveys:new",
        COORD,
        methods="GET POST",
        poster=COORD_A,
        fill={"title": "Check", "due": "intake", "item-0-text": "I feel supported."},
    ),
    Route("surveys:example", NOBODY, methods="POST", maybe=COORD),
    Route("surveys:export", COORD),
    Route(
        "surveys:edit",
        COORD,
        {"questionnaire_id": "questionnaire"},
        methods="GET POST",
        poster=COORD_A,
        variants=(V("other program's questionnaire", questionnaire_id="questionnaire_b"),),
    ),
    Route(
        "surveys:set_active",
        NOBODY,
        {"questionnaire_id": "questionnaire"},
        methods="POST",
        maybe=COORD,
        variants=(V("other program's questionnaire", questionnaire_id="questionnaire_b"),),
    ),
    Route(
        "surveys:outcomes",
        COORD,
        {"questionnaire_id": "questionnaire"},
        variants=(V("other program's questionnaire", questionnaire_id="questionnaire_b"),),
    ),
    # The page reads the occasion from the query string, the form posts it in a field.
    Route(
        "surveys:answer",
        NOBODY,
        {"questionnaire_id": "questionnaire"},
        query="due=intake",
        methods="POST",
        maybe=MENTEES_A,
        poster=MENTEE,
        variants=(V("other program's questionnaire", questionnaire_id="questionnaire_b"),),
    ),
    Route(
        "surveys:answer",
        MENTEES_A,
        {"questionnaire_id": "questionnaire"},
        query="due=intake",
        variants=(V("other program's questionnaire", questionnaire_id="questionnaire_b"),),
    ),
)

# Third-party URLs, covered by name prefix: allauth's sign-in pages (public by design, they
# show no program data) and the Django admin (its own tests: tests/accounts/test_admin.py).
THIRD_PARTY_PREFIXES = ("admin:", "account_", "mfa_", "socialaccount_")


def url_names() -> dict[str, str]:
    """Every named URL pattern of the URLconf: name -> route (with namespaces)."""
    found: dict[str, str] = {}

    def walk(patterns, prefix: str, namespace: str | None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                joined = f"{namespace}:{inner}" if namespace and inner else inner or namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), joined)
            elif isinstance(pattern, URLPattern):
                name = pattern.name
                if name is None:
                    name = f"<unnamed {prefix}{pattern.pattern}>"
                elif namespace:
                    name = f"{namespace}:{name}"
                found.setdefault(name, prefix + str(pattern.pattern))

    walk(get_resolver().url_patterns, "", None)
    return found


def is_third_party(name: str, route: str) -> bool:
    return name.startswith(THIRD_PARTY_PREFIXES) or (
        name.startswith("<unnamed") and route.startswith("admin/")
    )
