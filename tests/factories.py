"""factory_boy factories for every model of accounts, matching, messaging, mentoring and surveys,
and the few builders several test modules share. Tests import builders from here (or use the
fixtures in conftest.py), never from another test module.

Factories write rows directly, which is right for setting the scene. A test about a business
action goes through the service instead (`matching.services`, `mentoring.services`); the
builders at the end of this module that do so say it in their names.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from django.utils import timezone

from accounts.models import (
    CrisisResource,
    FormSubmission,
    Invitation,
    Membership,
    Profile,
    Program,
    ProgramChange,
    Role,
    User,
)
from audit.models import Action, AuditEvent
from matching import services as matching_services
from matching.models import (
    DoNotPair,
    Intake,
    MatchingRound,
    MatchingSettings,
    Pairing,
    PairingFeedback,
)
from mentoring import services as mentoring_services
from mentoring.models import (
    ActionItem,
    AttentionFollowUp,
    AttentionKind,
    CalendarFeed,
    CheckIn,
    Encouragement,
    Event,
    EventParticipant,
    Goal,
    GoalCategory,
    Habit,
    HabitLog,
    JournalEntry,
    Meeting,
    Milestone,
    PersonalStrategy,
    RecoveryPeriod,
    RecoverySettings,
    Strategy,
    StrategyShare,
)
from mentoring.models.feeds import hash_feed_token, new_feed_token
from messaging.models import (
    Announcement,
    AnnouncementRecipient,
    Conversation,
    Message,
    MessageReport,
    ReadMark,
)
from mydata.models import DataExport
from privacy.models import REVOCATION_STATEMENT, Consent, Purpose, RecipientKind
from reports.models import ExportKind, ExportRecord
from surveys.models import Answer, Item, Questionnaire, Response, Scale, SurveyExport

# ACCOUNTS


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Through the manager, so the profile is created as in production.
        display_name = kwargs.pop("display_name", None)
        user = model_class.objects.create_user(*args, **kwargs)
        if display_name:
            user.profile.display_name = display_name
            user.profile.save()
        return user

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )
        obj.save()


class ProfileFactory(factory.django.DjangoModelFactory):
    """Every user already has a profile (the manager makes it): this one updates it."""

    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Person {n}")

    @classmethod
    def _create(cls, model_class, *args, user, **fields):
        profile = user.profile
        for name, value in fields.items():
            setattr(profile, name, value)
        profile.save()
        return profile


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    name = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")


class CrisisResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CrisisResource

    program = factory.SubFactory(ProgramFactory)
    name = "Harbor warm line"
    phone = "+12025550123"


class ProgramChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgramChange

    program = factory.SubFactory(ProgramFactory)
    setting = "flag_no_checkin_days"
    before = "7"
    after = "10"


class MembershipFactory(factory.django.DjangoModelFactory):
    """An active member who has acknowledged the privacy notice."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    program = factory.SubFactory(ProgramFactory)
    role = Role.MENTEE
    status = Membership.Status.ACTIVE
    privacy_notice_version = 1
    privacy_acknowledged_at = factory.LazyFunction(timezone.now)


class InvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation, valid for a week."""

    class Meta:
        model = Invitation

    program = factory.SubFactory(ProgramFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    role = Role.MENTEE
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))


class FormSubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FormSubmission

    user = factory.SubFactory(UserFactory)
    key = factory.Sequence(lambda n: f"{n:064x}")


def enable_mfa(user):
    return TOTP.activate(user, generate_totp_secret())


def session_record_mfa(client, user) -> None:
    """Record in the test client's session that it signed in with the second step, as
    allauth does after a code is entered; only for someone who has an authenticator app.
    (The session keys are written directly: no signal goes out for a sign-in that did not
    happen.)"""
    import time

    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
    from allauth.account.internal.flows import login as login_flow
    from allauth.mfa.models import Authenticator

    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time()},
        {"method": "mfa", "at": time.time(), "id": authenticator.pk, "type": "totp"},
    ]
    session[login_flow._AUTHENTICATION_METHODS_USER_SESSION_KEY] = login_flow.user_id_to_str(user)
    session.save()


def forget_mfa_step(client) -> None:
    """Make the test client's session one that signed in with a password only."""
    import time

    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY

    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "password", "at": time.time()}]
    session.save()


# PRIVACY


def _program_today(program):
    return timezone.now().astimezone(ZoneInfo(program.time_zone)).date()


class ConsentFactory(factory.django.DjangoModelFactory):
    """A consent in force to the program's coordinators to read check-ins (sets the scene;
    tests of granting go through privacy.services.consent_grant)."""

    class Meta:
        model = Consent

    mentee = factory.SubFactory(MembershipFactory)
    program = factory.SelfAttribute("mentee.program")
    covers_checkins = True
    recipient_kind = RecipientKind.COORDINATORS
    recipient = None
    purpose = Purpose.SUPPORT
    revocation_statement = factory.LazyFunction(lambda: str(REVOCATION_STATEMENT))
    # Days in the program's time zone, as the consent rules count them.
    signed_on = factory.LazyAttribute(lambda o: _program_today(o.program))
    expires_on = factory.LazyAttribute(lambda o: _program_today(o.program) + timedelta(days=90))
    signature_name = factory.LazyAttribute(lambda o: o.mentee.user.display_name)


# MATCHING


class IntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intake
        django_get_or_create = ("membership",)

    membership = factory.SubFactory(MembershipFactory)
    focus_areas = factory.LazyFunction(lambda: ["substance_recovery"])
    languages = factory.LazyFunction(lambda: ["en"])
    formats = factory.LazyFunction(lambda: ["video"])
    capacity = 2
    submitted_at = factory.LazyFunction(timezone.now)


class MatchingSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MatchingSettings
        django_get_or_create = ("program",)

    program = factory.SubFactory(ProgramFactory)


class DoNotPairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DoNotPair

    mentee = factory.SubFactory(MembershipFactory, role=Role.MENTEE)
    mentor = factory.SubFactory(
        MembershipFactory, role=Role.MENTOR, program=factory.SelfAttribute("..mentee.program")
    )
    program = factory.SelfAttribute("mentee.program")
    reason = "Neighbours"


def _round_proposal(program: Program) -> dict:
    mentee = MembershipFactory(program=program, role=Role.MENTEE)
    mentor = MembershipFactory(program=program, role=Role.MENTOR)
    return {"mentee": mentee.pk, "mentor": mentor.pk, "score": 50.0, "reasons": []}


class MatchingRoundFactory(factory.django.DjangoModelFactory):
    """A round ready to review. Its proposals are dicts as the round computes them; by default
    one, for a new mentee and mentor of the program."""

    class Meta:
        model = MatchingRound

    program = factory.SubFactory(ProgramFactory)
    objective = MatchingSettings.Objective.MAX_TOTAL
    status = MatchingRound.Status.READY
    progress = 100
    proposals = factory.LazyAttribute(lambda o: [_round_proposal(o.program)])
    mentee_ids = factory.LazyAttribute(lambda o: [p["mentee"] for p in o.proposals])
    finished_at = factory.LazyFunction(timezone.now)


class PairingFactory(factory.django.DjangoModelFactory):
    """An active pairing by default, started `days_ago` days ago. Traits: `proposed`,
    `paused`, `ended`. The mentor is made in the mentee's program unless given.

    The database allows one current (active or paused) pairing and one open proposal per
    mentee; build a second one for the same mentee only to test that refusal."""

    class Meta:
        model = Pairing

    class Params:
        days_ago = 0
        started = factory.LazyAttribute(lambda o: timezone.now() - timedelta(days=o.days_ago))
        proposed = factory.Trait(
            status=Pairing.Status.PROPOSED,
            expires_at=factory.LazyAttribute(lambda o: o.proposed_at + timedelta(days=3)),
            mentor_accepted_at=None,
            mentee_accepted_at=None,
            activated_at=None,
        )
        paused = factory.Trait(
            status=Pairing.Status.PAUSED, paused_at=factory.LazyFunction(timezone.now)
        )
        ended = factory.Trait(
            status=Pairing.Status.ENDED,
            closed_at=factory.LazyFunction(timezone.now),
            close_reason="Moved to another city",
        )

    mentee = factory.SubFactory(MembershipFactory, role=Role.MENTEE)
    mentor = factory.SubFactory(
        MembershipFactory, role=Role.MENTOR, program=factory.SelfAttribute("..mentee.program")
    )
    program = factory.SelfAttribute("mentee.program")
    status = Pairing.Status.ACTIVE
    proposed_at = factory.SelfAttribute("started")
    expires_at = factory.SelfAttribute("started")
    mentor_accepted_at = factory.SelfAttribute("started")
    mentee_accepted_at = factory.SelfAttribute("started")
    activated_at = factory.SelfAttribute("started")


class PairingFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PairingFeedback

    pairing = factory.SubFactory(PairingFactory, ended=True)
    author = factory.SelfAttribute("pairing.mentee.user")
    rating = 4


# MENTORING


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    membership = factory.SubFactory(MembershipFactory, role=Role.MENTEE)
    title = factory.Sequence(lambda n: f"Goal {n}")
    category = GoalCategory.HEALTH


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    goal = factory.SubFactory(GoalFactory)
    title = factory.Sequence(lambda n: f"Step {n}")
    position = factory.Sequence(int)


class HabitFactory(factory.django.DjangoModelFactory):
    """A habit with no streak. Streaks are derived from the logs by the service: a test that
    needs a real streak logs through `mentoring.services.habit_log`, not HabitLogFactory."""

    class Meta:
        model = Habit

    membership = factory.SubFactory(MembershipFactory, role=Role.MENTEE)
    name = factory.Sequence(lambda n: f"Habit {n}")


class HabitLogFactory(factory.django.DjangoModelFactory):
    """A bare log row: the habit's streak fields are NOT recomputed (see HabitFactory)."""

    class Meta:
        model = HabitLog

    habit = factory.SubFactory(HabitFactory)
    date = factory.LazyAttribute(lambda o: mentoring_services.local_today(o.habit.membership))


class CheckInFactory(factory.django.DjangoModelFactory):
    """A shared check-in `days_ago` days before the person's today."""

    class Meta:
        model = CheckIn

    class Params:
        days_ago = 0

    membership = factory.SubFactory(MembershipFactory, role=Role.MENTEE)
    date = factory.LazyAttribute(
        lambda o: mentoring_services.local_today(o.membership) - timedelta(days=o.days_ago)
    )
    mood = 3
    craving = 2


class AttentionFollowUpFactory(factory.django.DjangoModelFactory):
    """A coordinator's "handled" on a mentee's no-check-in item."""

    class Meta:
        model = AttentionFollowUp

    member = factory.SubFactory(MembershipFactory, role=Role.MENTEE)
    program = factory.SelfAttribute("member.program")
    kind = AttentionKind.NO_CHECKIN
    subject_id = factory.SelfAttribute("member.pk")
    since = factory.LazyFunction(lambda: timezone.now().date() - timedelta(days=20))
    handled_by = factory.SubFactory(UserFactory)
    note = "Called; all fine."


class JournalEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JournalEntry

    membership = factory.SubFactory(MembershipFactory, role=Role.MENTEE)
    title = "Evening"
    body = "A quiet evening; I called my sister."


class RecoverySettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecoverySettings
        django_get_or_create = ("membership",)

    membership = factory.SubFactory(MembershipFactory, role=Role.MENTEE)


class RecoveryPeriodFactory(factory.django.DjangoModelFactory):
    """The current period (one per person); pass `ended_on` for a past one."""

    class Meta:
        model = RecoveryPeriod

    membership = factory.SubFactory(MembershipFactory, role=Role.MENTEE)
    started_on = factory.LazyAttribute(
        lambda o: mentoring_services.local_today(o.membership) - timedelta(days=30)
    )


class EncouragementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Encouragement

    class Params:
        pairing = factory.SubFactory(PairingFactory)

    mentee = factory.SelfAttribute("pairing.mentee")
    author = factory.SelfAttribute("pairing.mentor.user")
    text = "Proud of this week."


class MeetingFactory(factory.django.DjangoModelFactory):
    """A confirmed meeting in three days, proposed by the mentor."""

    class Meta:
        model = Meeting

    pairing = factory.SubFactory(PairingFactory)
    proposed_by = factory.SelfAttribute("pairing.mentor.user")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    status = Meeting.Status.CONFIRMED


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    pairing = factory.SubFactory(PairingFactory)
    assignee = factory.SelfAttribute("pairing.mentee")
    created_by = factory.SelfAttribute("pairing.mentor.user")
    title = factory.Sequence(lambda n: f"Next step {n}")


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy

    class Params:
        by = factory.SubFactory(MembershipFactory, role=Role.MENTOR)

    author = factory.SelfAttribute("by.user")
    program = factory.SelfAttribute("by.program")
    category = "cravings"
    title = factory.Sequence(lambda n: f"Strategy {n}")
    body = "I call a friend at 6pm, before it gets hard."


class PersonalStrategyFactory(factory.django.DjangoModelFactory):
    """A mentee's own strategy, private unless `visibility` says shared."""

    class Meta:
        model = PersonalStrategy

    membership = factory.SubFactory(MembershipFactory, role=Role.MENTEE)
    category = "triggers"
    title = factory.Sequence(lambda n: f"My strategy {n}")
    body = "I walk around the block and text my sister."


class StrategyShareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategyShare

    class Params:
        pairing = factory.SubFactory(PairingFactory)

    strategy = factory.SubFactory(StrategyFactory, by=factory.SelfAttribute("..pairing.mentor"))
    mentee = factory.SelfAttribute("pairing.mentee")
    shared_by = factory.SelfAttribute("pairing.mentor.user")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    program = factory.SubFactory(ProgramFactory)
    kind = Event.Kind.SUPPORT_GROUP
    title = factory.Sequence(lambda n: f"Event {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=5))


class EventParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventParticipant

    event = factory.SubFactory(EventFactory)
    membership = factory.SubFactory(
        MembershipFactory, program=factory.SelfAttribute("..event.program")
    )
    rsvp = EventParticipant.Rsvp.YES
    responded_at = factory.LazyFunction(timezone.now)


class CalendarFeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarFeed
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    # A feed whose URL nobody holds: tests that need the URL call
    # mentoring.services.calendar_feed_regenerate, which returns the token once.
    token_hash = factory.LazyFunction(lambda: hash_feed_token(new_feed_token()))


class ConversationFactory(factory.django.DjangoModelFactory):
    """A pairing's conversation (an active pairing of its own unless given)."""

    class Meta:
        model = Conversation

    pairing = factory.SubFactory(PairingFactory)
    program = factory.LazyAttribute(lambda o: o.pairing.program)
    kind = Conversation.Kind.PAIR


class CoordinatorConversationFactory(ConversationFactory):
    """A member's "Ask the coordinators" conversation."""

    pairing = None
    member = factory.SubFactory(MembershipFactory)
    program = factory.LazyAttribute(lambda o: o.member.program)
    kind = Conversation.Kind.COORDINATORS


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    conversation = factory.SubFactory(ConversationFactory)
    author = factory.LazyAttribute(lambda o: o.conversation.pairing.mentee)
    body = factory.Sequence(lambda n: f"Message number {n}")


class ReadMarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReadMark

    conversation = factory.SubFactory(ConversationFactory)
    membership = factory.LazyAttribute(lambda o: o.conversation.pairing.mentee)


class MessageReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MessageReport

    message = factory.SubFactory(MessageFactory)
    reporter = factory.LazyAttribute(lambda o: o.message.conversation.pairing.mentor)
    reason = "This worried me."


class AnnouncementFactory(factory.django.DjangoModelFactory):
    """An announcement to everyone, by a coordinator of its program (recipients not resolved:
    add AnnouncementRecipientFactory rows, or post through messaging.services)."""

    class Meta:
        model = Announcement

    program = factory.SubFactory(ProgramFactory)
    author = factory.SubFactory(
        MembershipFactory, role=Role.COORDINATOR, program=factory.SelfAttribute("..program")
    )
    title = factory.Sequence(lambda n: f"Announcement {n}")
    body = "The community dinner moves to Thursday."
    audience = Announcement.Audience.EVERYONE


class AnnouncementRecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnouncementRecipient

    announcement = factory.SubFactory(AnnouncementFactory)
    membership = factory.SubFactory(
        MembershipFactory, program=factory.SelfAttribute("..announcement.program")
    )


# REPORTS


class ExportRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExportRecord

    program = factory.SubFactory(ProgramFactory)
    requested_by = factory.SubFactory(UserFactory)
    kind = ExportKind.MEETINGS


# MY DATA


class DataExportFactory(factory.django.DjangoModelFactory):
    """A queued export; the file appears when mydata.services.export_build runs."""

    class Meta:
        model = DataExport

    user = factory.SubFactory(UserFactory)


# SURVEYS


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    """An active questionnaire for mentees, due at intake. Items come from ItemFactory."""

    class Meta:
        model = Questionnaire

    program = factory.SubFactory(ProgramFactory)
    title = factory.Sequence(lambda n: f"Questionnaire {n}")
    is_active = True
    due = Questionnaire.Due.INTAKE
    audience = Questionnaire.Audience.MENTEES


class ItemFactory(factory.django.DjangoModelFactory):
    """An agree-scale item (1 to 5); pass scale, min_value and max_value for another."""

    class Meta:
        model = Item

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Statement number {n}")
    scale = Scale.AGREE5
    min_value = 1
    max_value = 5


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    membership = factory.SubFactory(
        MembershipFactory, program=factory.SelfAttribute("..questionnaire.program")
    )
    role = factory.SelfAttribute("membership.role")
    due_key = "intake"
    submitted_at = factory.LazyFunction(timezone.now)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    item = factory.SubFactory(
        ItemFactory, questionnaire=factory.SelfAttribute("..response.questionnaire")
    )
    value = 4


class SurveyExportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyExport

    program = factory.SubFactory(ProgramFactory)
    exported_by = factory.SubFactory(UserFactory)


class AuditEventFactory(factory.django.DjangoModelFactory):
    """A row of the audit trail (append-only: built once, never changed)."""

    class Meta:
        model = AuditEvent

    actor_membership = factory.SubFactory(MembershipFactory, role=Role.MENTOR)
    actor_user = factory.SelfAttribute("actor_membership.user")
    program = factory.SelfAttribute("actor_membership.program")
    subject = factory.SubFactory(
        MembershipFactory, role=Role.MENTEE, program=factory.SelfAttribute("..program")
    )
    action = Action.VIEW
    record_type = "checkin"


# SHARED BUILDERS


def local_slot(membership, *, days: int, at: time = time(10, 0)) -> datetime:
    """`days` from today at `at` on the person's own clock, as an aware datetime."""
    zone = ZoneInfo(membership.user.profile.time_zone)
    day = timezone.localtime(timezone.now(), zone).date() + timedelta(days=days)
    return datetime.combine(day, at, tzinfo=zone)


def pairing_accepted_by_both(pairing: Pairing) -> Pairing:
    """Both people accept a proposal through the service (mentee first, as in the app)."""
    matching_services.pairing_accept(pairing=pairing, by=pairing.mentee)
    return matching_services.pairing_accept(pairing=pairing, by=pairing.mentor)


def pairing_activated_through_services(
    *, mentee: Membership, mentor: Membership, coordinator: Membership
) -> Pairing:
    """The real path: a coordinator proposes, the mentor then the mentee accept. Both need an
    intake that the program's rules allow to be paired."""
    pairing = matching_services.pairing_propose(mentee=mentee, mentor=mentor, by=coordinator)
    matching_services.pairing_accept(pairing=pairing, by=mentor)
    pairing = matching_services.pairing_accept(pairing=pairing, by=mentee)
    assert pairing.status == Pairing.Status.ACTIVE
    return pairing


HABIT_NAMES = ("Recovery meeting", "Exercise", "Mindfulness", "Journaling", "Sleep routine")


def mentee_with_history(
    *, program: Program, days: int, email: str, mentor: Membership | None = None, goals: int = 8
) -> Membership:
    """A paired mentee with `days` of daily check-ins and habit logs (today included), goals
    and recovery time. For query-count tests at two sizes."""
    mentee = MembershipFactory(program=program, role=Role.MENTEE, user=UserFactory(email=email))
    PairingFactory(
        mentee=mentee, mentor=mentor or MembershipFactory(program=program, role=Role.MENTOR)
    )
    history_write(mentee, days=days, goals=goals)
    return Membership.objects.get(pk=mentee.pk)


def history_write(
    mentee: Membership, *, days: int, goals: int, first_day_ago: int = 0
) -> dict[str, list[int]]:
    """`days` of a mentee's daily history ending `first_day_ago` days before today: check-ins
    (one in seven private), five habits logged five days in six, `goals` goals with milestones
    (one in four private, some steps done) and recovery time. Rows are bulk-written; derived
    state (streaks, progress) comes from the services. The benchmarks seed with it too.
    Returns the habit and goal ids."""
    today = mentoring_services.local_today(mentee)
    day_numbers = range(first_day_ago, first_day_ago + days)
    CheckIn.objects.bulk_create(
        [
            CheckIn(
                membership=mentee,
                date=today - timedelta(days=d),
                mood=1 + d % 5,
                craving=d % 11,
                helped="A walk and a call with my mentor.",
                hard="A long day at work.",
                visibility="private" if d % 7 == 0 else "shared",
            )
            for d in day_numbers
        ]
    )
    ids: dict[str, list[int]] = {"habits": [], "goals": []}
    for index, name in enumerate(HABIT_NAMES):
        habit = mentoring_services.habit_create(membership=mentee, name=name)
        ids["habits"].append(habit.pk)
        logged = [d for d in day_numbers if (d + index) % 6]
        if not logged:
            continue
        # All but the newest log in bulk; logging the newest through the service computes the
        # streaks over the whole history.
        newest, *older = logged
        HabitLog.objects.bulk_create(
            [HabitLog(habit=habit, date=today - timedelta(days=d)) for d in older]
        )
        mentoring_services.habit_log(habit=habit, day=today - timedelta(days=newest))
    for index in range(goals):
        goal = mentoring_services.goal_create(
            membership=mentee,
            title=f"Goal {index + 1}",
            category="health",
            why="It matters for my recovery.",
            milestones=[{"title": f"Step {step + 1}", "due_date": None} for step in range(4)],
            visibility="private" if index % 4 == 3 else "shared",
        )
        for milestone in list(goal.milestones.all())[: index % 4]:
            mentoring_services.milestone_set_done(milestone=milestone, done=True)
        ids["goals"].append(goal.pk)
    mentoring_services.recovery_start(
        membership=mentee, started_on=today - timedelta(days=min(first_day_ago + days, 400))
    )
    return ids


def admin_url(obj_or_model, action: str, *args) -> str:
    """The Django admin's URL for a model or record: "changelist", "change", "delete", ..."""
    opts = obj_or_model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{action}", args=args)


# SCALE


def program_at_scale(*, slug: str, members: int) -> dict:
    """A program of about `members` people written in bulk, for query-count tests at two
    sizes: a coordinator (with MFA), mentors (1 in 10, with intakes), mentees waiting (half,
    with intakes; every third one has answered nothing), paired mentees (1 in 5, with an
    active pairing, a check-in and a held meeting), former mentees (left, with an ended
    pairing), one open proposal, and open, expired and accepted invitations (1 in 4 members
    each). Returns the program, the coordinator and a paired mentee and their mentor."""
    now = timezone.now()
    program = ProgramFactory(slug=slug, name=f"Program {slug}")
    coordinator = MembershipFactory(
        program=program, role=Role.COORDINATOR, user=UserFactory(display_name="Coordinator")
    )
    enable_mfa(coordinator.user)
    counts = {"mentor": max(2, members // 10), "paired": max(2, members // 5)}
    counts["former"] = max(1, members // 20)
    counts["waiting"] = max(2, members - 1 - sum(counts.values()))

    def people(kind: str, role: str, status=Membership.Status.ACTIVE) -> list[Membership]:
        users = User.objects.bulk_create(
            [User(email=f"{slug}-{kind}{i}@example.org") for i in range(counts[kind])]
        )
        Profile.objects.bulk_create(
            [Profile(user=u, display_name=f"{kind.title()} {i}") for i, u in enumerate(users)]
        )
        return Membership.objects.bulk_create(
            [
                Membership(
                    user=u,
                    program=program,
                    role=role,
                    status=status,
                    joined_at=now - timedelta(days=i % 120),
                    privacy_notice_version=1,
                    privacy_acknowledged_at=now,
                )
                for i, u in enumerate(users)
            ]
        )

    mentors = people("mentor", Role.MENTOR)
    waiting = people("waiting", Role.MENTEE)
    paired = people("paired", Role.MENTEE)
    former = people("former", Role.MENTEE, Membership.Status.LEFT)
    Intake.objects.bulk_create(
        [
            Intake(
                membership=m,
                focus_areas=["wellness", "career"] if i % 2 else ["housing"],
                languages=["en", "es"] if i % 3 else ["en"],
                lived_experience=["substance_recovery"] if m.role == Role.MENTOR else [],
                capacity=3,
                submitted_at=now,
            )
            for i, m in enumerate(mentors + waiting + paired)
            if m.role == Role.MENTOR or i % 3
        ]
    )
    active = Pairing.objects.bulk_create(
        [
            Pairing(
                program=program,
                mentee=m,
                mentor=mentors[i % len(mentors)],
                status=Pairing.Status.ACTIVE,
                proposed_at=now - timedelta(days=60),
                expires_at=now - timedelta(days=57),
                activated_at=now - timedelta(days=59),
            )
            for i, m in enumerate(paired)
        ]
    )
    Pairing.objects.bulk_create(
        [
            Pairing(
                program=program,
                mentee=m,
                mentor=mentors[i % len(mentors)],
                status=Pairing.Status.ENDED,
                proposed_at=now - timedelta(days=200),
                expires_at=now - timedelta(days=197),
                activated_at=now - timedelta(days=199),
                closed_at=now - timedelta(days=20),
                close_reason="Finished the program",
            )
            for i, m in enumerate(former)
        ]
        + [
            Pairing(
                program=program,
                mentee=waiting[-1],
                mentor=mentors[0],
                status=Pairing.Status.PROPOSED,
                proposed_at=now,
                expires_at=now + timedelta(days=3),
            )
        ]
    )
    CheckIn.objects.bulk_create(
        [
            CheckIn(membership=m, date=now.date() - timedelta(days=1), mood=3, craving=2)
            for m in paired
        ]
    )
    Meeting.objects.bulk_create(
        [
            Meeting(
                pairing=p,
                status=Meeting.Status.HELD,
                starts_at=now - timedelta(days=3),
                logged_at=now - timedelta(days=2),
            )
            for p in active
        ]
    )
    quarter = max(1, members // 4)
    Invitation.objects.bulk_create(
        [
            Invitation(
                program=program,
                email=f"{slug}-invited{i}@example.org",
                role=Role.MENTEE,
                expires_at=now + timedelta(days=7) if i % 3 == 0 else now - timedelta(days=1),
                accepted_at=now if i % 3 == 2 else None,
            )
            for i in range(3 * quarter)
        ]
    )
    return {
        "program": program,
        "coordinator": coordinator,
        "mentee": paired[0],
        "mentor": mentors[0],
    }
