"""Survey reminders: each member hears once per survey occasion that a survey is due, by the
same rule the home uses (`surveys_due_for_many` agrees with `surveys_due_for`), in a fixed
number of queries, and a survey answered before the email goes out is not sent."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership, Role
from notifications.models import Delivery, Notification
from surveys.selectors import surveys_due_for, surveys_due_for_many
from surveys.services import surveys_due_remind
from surveys.tasks import surveys_due_sweep
from tests.factories import (
    IntakeFactory,
    MembershipFactory,
    PairingFactory,
    QuestionnaireFactory,
    ResponseFactory,
)

pytestmark = pytest.mark.django_db


def told(membership) -> list[str]:
    return sorted(
        Notification.objects.filter(recipient=membership.user, kind="survey_due").values_list(
            "key", flat=True
        )
    )


def test_mentee_and_mentor_are_told_once_per_occasion(mentee, mentor, coordinator):
    both = QuestionnaireFactory(
        program=mentee.program, due="interval", every_days=30, audience="both"
    )
    pairing = PairingFactory(mentee=mentee, mentor=mentor, days_ago=31)
    assert surveys_due_remind() == 2
    key = f"pairing:{pairing.pk}:day:30"
    assert told(mentee) == [f"survey_due:{both.pk}:{mentee.pk}:{key}"]
    assert told(mentor) == [f"survey_due:{both.pk}:{mentor.pk}:{key}"]
    assert told(coordinator) == []
    # The next sweep finds the same occasion: nobody is told twice.
    assert surveys_due_remind() == 0
    assert Notification.objects.filter(kind="survey_due").count() == 2


def test_nobody_is_told_of_an_answered_inactive_or_other_audience_survey(
    mentee, mentor, other_mentee
):
    answered = QuestionnaireFactory(program=mentee.program)  # at intake, for mentees
    IntakeFactory(membership=mentee)
    ResponseFactory(questionnaire=answered, membership=mentee, due_key="intake")
    QuestionnaireFactory(program=mentee.program, is_active=False)
    QuestionnaireFactory(program=mentee.program, audience="mentors", due="pairing_end")
    Membership.objects.filter(pk=other_mentee.pk).update(status=Membership.Status.PAUSED)
    PairingFactory(mentee=other_mentee, mentor=mentor, days_ago=5)
    assert surveys_due_remind() == 0


def test_the_sweep_and_the_home_agree(program, mentor, other_mentor):
    QuestionnaireFactory(program=program)
    QuestionnaireFactory(program=program, due="interval", every_days=10, audience="both")
    QuestionnaireFactory(program=program, due="pairing_end", audience="both")
    people = [mentor, other_mentor]
    for days in (0, 9, 10, 25, 40):
        mentee = MembershipFactory(program=program, role=Role.MENTEE)
        PairingFactory(mentee=mentee, mentor=mentor, days_ago=days, ended=days == 25)
        people.append(mentee)
    waiting = MembershipFactory(program=program, role=Role.MENTEE)
    IntakeFactory(membership=waiting)
    people.append(waiting)
    many = surveys_due_for_many(people)
    for membership in people:
        alone = [(d.questionnaire.pk, d.due_key) for d in surveys_due_for(membership)]
        together = [(d.questionnaire.pk, d.due_key) for d in many.get(membership.pk, [])]
        assert alone == together, membership
    assert sum(len(found) for found in many.values()) >= 8


def _queries_for(program, mentors: int) -> int:
    QuestionnaireFactory(program=program, due="interval", every_days=10, audience="both")
    for _ in range(mentors):
        mentor = MembershipFactory(program=program, role=Role.MENTOR)
        PairingFactory(mentee=MembershipFactory(program=program), mentor=mentor, days_ago=12)
    with CaptureQueriesContext(connection) as queries:
        surveys_due_remind()
    return len(queries)


def test_the_sweep_reads_in_a_fixed_number_of_queries(program, other_program):
    assert _queries_for(program, 2) == _queries_for(other_program, 20)
    assert Notification.objects.filter(kind="survey_due").count() == 2 * 2 + 2 * 20


def test_a_survey_answered_before_sending_is_not_emailed(mentee, mentor, mailoutbox, send_delivery):
    questionnaire = QuestionnaireFactory(
        program=mentee.program, due="interval", every_days=30, audience="both"
    )
    pairing = PairingFactory(mentee=mentee, mentor=mentor, days_ago=30)
    surveys_due_remind()
    to_mentee = Delivery.objects.get(notification__recipient=mentee.user)
    to_mentor = Delivery.objects.get(notification__recipient=mentor.user)
    assert send_delivery(to_mentee.pk) == "sent"
    ResponseFactory(
        questionnaire=questionnaire, membership=mentor, due_key=f"pairing:{pairing.pk}:day:30"
    )
    assert send_delivery(to_mentor.pk) == "dropped"
    [email] = mailoutbox
    assert email.to == [mentee.user.email]
    # The email links to PeerPath's neutral redirect; the notification opens the survey.
    notification = Notification.objects.get(recipient=mentee.user)
    assert f"/notifications/{notification.pk}/" in email.body
    assert notification.url.endswith(
        f"/surveys/{questionnaire.pk}/answer/?due=pairing%3A{pairing.pk}%3Aday%3A30"
    )


def test_a_deactivated_questionnaire_is_not_emailed(mentee, mentor, send_delivery):
    questionnaire = QuestionnaireFactory(program=mentee.program, audience="mentees")
    PairingFactory(mentee=mentee, mentor=mentor)
    surveys_due_remind()
    delivery = Delivery.objects.get(notification__recipient=mentee.user)
    questionnaire.is_active = False
    questionnaire.save()
    assert send_delivery(delivery.pk) == "dropped"


def test_the_task_runs_the_sweep(mentee, mentor):
    QuestionnaireFactory(program=mentee.program)
    PairingFactory(mentee=mentee, mentor=mentor)
    assert surveys_due_sweep() == 1
