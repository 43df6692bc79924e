"""A mentee (Jordan, renamed to a name found nowhere else) with a record of every kind, each
holding a marker string, and other people's private content next to it that must never reach
Jordan's export (and must survive Jordan's erasure)."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from matching.models import Intake
from messaging.models import Conversation
from mydata.models import DataExport
from notifications.models import Notification, NotificationSettings
from tests.factories import (
    ActionItemFactory,
    AnswerFactory,
    CheckInFactory,
    CoordinatorConversationFactory,
    EncouragementFactory,
    EventFactory,
    EventParticipantFactory,
    GoalFactory,
    HabitFactory,
    ItemFactory,
    JournalEntryFactory,
    MeetingFactory,
    MessageFactory,
    MessageReportFactory,
    MilestoneFactory,
    PairingFactory,
    PairingFeedbackFactory,
    PersonalStrategyFactory,
    QuestionnaireFactory,
    RecoveryPeriodFactory,
    ResponseFactory,
    StrategyShareFactory,
)

PERSON_NAME = "Zephyrine Quillfeather"
PERSON_MARKERS = {
    "pronouns": "MKR-pronouns",
    "bio": "MKR-intake-bio",
    "goal": "MKR-goal-title",
    "goal_why": "MKR-goal-why",
    "milestone": "MKR-milestone",
    "habit": "MKR-habit-name",
    "checkin": "MKR-checkin-helped",
    "journal": "MKR-journal-body",
    "recovery": "MKR-recovery-note",
    "reflection": "MKR-meeting-reflection",
    "agenda": "MKR-meeting-agenda",
    "action": "MKR-action-item",
    "own_strategy": "MKR-own-strategy-title",
    "own_strategy_steps": "MKR-own-strategy-steps",
    "message": "MKR-message-sent",
    "coordinator_question": "MKR-question-to-coordinators",
    "report": "MKR-report-reason",
    "survey": "MKR-survey-text",
    "feedback": "MKR-feedback-comment",
    "notification": "MKR-notification-title",
    "phone": "+12025550143",
}
# Other people's words in the same program: never in the person's export.
OTHERS_PRIVATE = {
    "other_journal": "SECRET-other-journal",
    "other_checkin": "SECRET-other-checkin",
    "other_strategy": "SECRET-other-own-strategy",
    "other_message": "SECRET-other-pair-message",
    "other_question": "SECRET-other-question",
    "mentor_narrative": "SECRET-mentor-narrative",
}
# Words addressed to the person by others: in the export, kept after erasure for them.
ADDRESSED = {"mentor_message": "Hello from your mentor", "encouragement": "Proud of you"}


@pytest.fixture
def export_dir(settings, tmp_path):
    settings.MYDATA_EXPORT_DIR = tmp_path / "exports"
    return settings.MYDATA_EXPORT_DIR


@pytest.fixture
def planted(mentee, mentor, other_mentee, other_pairing, pairing, program):
    """Every kind of record for `mentee`; returns the shared meeting."""
    profile = mentee.user.profile
    profile.display_name = PERSON_NAME
    profile.pronouns = PERSON_MARKERS["pronouns"]
    profile.save()
    Intake.objects.create(membership=mentee, bio=PERSON_MARKERS["bio"], region="Harbor side")
    goal = GoalFactory(
        membership=mentee, title=PERSON_MARKERS["goal"], why=PERSON_MARKERS["goal_why"]
    )
    MilestoneFactory(goal=goal, title=PERSON_MARKERS["milestone"])
    HabitFactory(membership=mentee, name=PERSON_MARKERS["habit"])
    CheckInFactory(membership=mentee, helped=PERSON_MARKERS["checkin"])
    JournalEntryFactory(membership=mentee, body=PERSON_MARKERS["journal"])
    RecoveryPeriodFactory(
        membership=mentee,
        started_on=timezone.now().date() - timedelta(days=90),
        ended_on=timezone.now().date() - timedelta(days=40),
        end_note=PERSON_MARKERS["recovery"],
    )
    RecoveryPeriodFactory(membership=mentee)
    meeting = MeetingFactory(
        pairing=pairing,
        status="held",
        starts_at=timezone.now() - timedelta(days=2),
        agenda=PERSON_MARKERS["agenda"],
        mentee_reflection=PERSON_MARKERS["reflection"],
        narrative=OTHERS_PRIVATE["mentor_narrative"],
        logged_at=timezone.now() - timedelta(days=1),
        logged_by=mentor.user,
    )
    ActionItemFactory(pairing=pairing, title=PERSON_MARKERS["action"])
    StrategyShareFactory(pairing=pairing)
    PersonalStrategyFactory(
        membership=mentee,
        title=PERSON_MARKERS["own_strategy"],
        body=PERSON_MARKERS["own_strategy_steps"],
        visibility="shared",
    )
    EncouragementFactory(pairing=pairing, text=ADDRESSED["encouragement"])
    EventParticipantFactory(event=EventFactory(program=program), membership=mentee)
    conversation = Conversation.objects.create(
        program=program, kind=Conversation.Kind.PAIR, pairing=pairing
    )
    sent = MessageFactory(conversation=conversation, author=mentee, body=PERSON_MARKERS["message"])
    MessageFactory(conversation=conversation, author=mentor, body=ADDRESSED["mentor_message"])
    MessageReportFactory(message=sent, reporter=mentor, reason="Worried about this")
    reported = MessageFactory(conversation=conversation, author=mentor, body="A hard day for me")
    MessageReportFactory(message=reported, reporter=mentee, reason=PERSON_MARKERS["report"])
    mine = CoordinatorConversationFactory(member=mentee)
    MessageFactory(conversation=mine, author=mentee, body=PERSON_MARKERS["coordinator_question"])
    questionnaire = QuestionnaireFactory(program=program)
    response = ResponseFactory(questionnaire=questionnaire, membership=mentee)
    AnswerFactory(response=response, item=ItemFactory(questionnaire=questionnaire), value=4)
    AnswerFactory(
        response=response,
        item=ItemFactory(
            questionnaire=questionnaire, scale="free_text", min_value=None, max_value=None
        ),
        value=None,
        text=PERSON_MARKERS["survey"],
    )
    PairingFeedbackFactory(
        pairing=PairingFactory(mentee=mentee, mentor=mentor, ended=True),
        author=mentee.user,
        comment=PERSON_MARKERS["feedback"],
    )
    Notification.objects.create(
        recipient=mentee.user,
        program=program,
        kind="new_message",
        title=PERSON_MARKERS["notification"],
        url="/",
        key="test:1",
    )
    Notification.objects.create(
        recipient=mentor.user,
        program=program,
        kind="new_message",
        title=f"{PERSON_NAME} sent you a message",
        url="/",
        key="test:2",
    )
    NotificationSettings.objects.create(user=mentee.user, phone_number=PERSON_MARKERS["phone"])
    # An operator's edits to the person in the Django admin.
    for obj in (mentee.user, profile):
        LogEntry.objects.create(
            user=mentor.user,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=str(obj),
            action_flag=CHANGE,
            change_message="Changed display name.",
        )
    # Other people's private words.
    JournalEntryFactory(membership=other_mentee, body=OTHERS_PRIVATE["other_journal"])
    PersonalStrategyFactory(membership=other_mentee, body=OTHERS_PRIVATE["other_strategy"])
    CheckInFactory(membership=other_mentee, helped=OTHERS_PRIVATE["other_checkin"])
    other_conversation = Conversation.objects.create(
        program=program, kind=Conversation.Kind.PAIR, pairing=other_pairing
    )
    MessageFactory(
        conversation=other_conversation,
        author=other_mentee,
        body=OTHERS_PRIVATE["other_message"],
    )
    MessageFactory(
        conversation=CoordinatorConversationFactory(member=other_mentee),
        author=other_mentee,
        body=OTHERS_PRIVATE["other_question"],
    )
    return meeting


@pytest.fixture
def ready_export(mentee, planted, export_dir):
    """Jordan's export, built."""
    from mydata import services

    export = DataExport.objects.create(user=mentee.user)
    return services.export_build(export_id=export.pk)
