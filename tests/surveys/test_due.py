"""When a survey is due, at the edges: day N-1 and N of a pairing, day 2N (only the latest
occasion), an ended pairing (once, for 30 days), a paused pairing, the intake, the audience."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Membership
from surveys.selectors import surveys_due_for
from tests.factories import (
    IntakeFactory,
    PairingFactory,
    QuestionnaireFactory,
    ResponseFactory,
)

pytestmark = pytest.mark.django_db

N = 30


def every_n_days(program, **kwargs):
    return QuestionnaireFactory(program=program, due="interval", every_days=N, **kwargs)


def keys(membership):
    return [(d.questionnaire.pk, d.due_key) for d in surveys_due_for(membership)]


@pytest.mark.parametrize(
    "days_ago, expected_day", [(N - 1, None), (N, N), (2 * N - 1, N), (2 * N, 2 * N), (5 * N, 150)]
)
def test_every_n_days_asks_on_the_latest_multiple(mentee, mentor, days_ago, expected_day):
    questionnaire = every_n_days(mentee.program)
    pairing = PairingFactory(mentee=mentee, mentor=mentor, days_ago=days_ago)
    expected = f"pairing:{pairing.pk}:day:{expected_day}"
    assert keys(mentee) == ([] if expected_day is None else [(questionnaire.pk, expected)])


def test_an_answered_occasion_is_not_asked_again_and_a_missed_one_is_skipped(mentee, mentor):
    questionnaire = every_n_days(mentee.program)
    pairing = PairingFactory(mentee=mentee, mentor=mentor, days_ago=2 * N)
    ResponseFactory(
        questionnaire=questionnaire, membership=mentee, due_key=f"pairing:{pairing.pk}:day:{2 * N}"
    )
    # Day N was never answered: it is not asked now that day 2N is answered.
    assert keys(mentee) == []


def test_a_paused_pairing_asks_nothing(mentee, mentor):
    every_n_days(mentee.program)
    PairingFactory(mentee=mentee, mentor=mentor, days_ago=3 * N, paused=True)
    assert keys(mentee) == []


def test_an_ended_pairing_asks_once_within_30_days(mentee, mentor):
    questionnaire = QuestionnaireFactory(program=mentee.program, due="pairing_end")
    pairing = PairingFactory(mentee=mentee, mentor=mentor, days_ago=100, ended=True)
    assert keys(mentee) == [(questionnaire.pk, f"pairing:{pairing.pk}:end")]
    ResponseFactory(
        questionnaire=questionnaire, membership=mentee, due_key=f"pairing:{pairing.pk}:end"
    )
    assert keys(mentee) == []


def test_an_ended_pairing_older_than_30_days_asks_nothing(mentee, mentor):
    QuestionnaireFactory(program=mentee.program, due="pairing_end")
    pairing = PairingFactory(mentee=mentee, mentor=mentor, days_ago=100, ended=True)
    pairing.closed_at = timezone.now() - timedelta(days=31)
    pairing.save()
    assert keys(mentee) == []


def test_an_active_pairing_is_not_asked_the_end_survey(mentee, mentor):
    QuestionnaireFactory(program=mentee.program, due="pairing_end")
    PairingFactory(mentee=mentee, mentor=mentor, days_ago=100)
    assert keys(mentee) == []


def test_the_intake_survey_waits_for_the_intake_then_is_asked_once(mentee):
    questionnaire = QuestionnaireFactory(program=mentee.program, due="intake")
    assert keys(mentee) == []
    IntakeFactory(membership=mentee, submitted_at=timezone.now())
    assert keys(mentee) == [(questionnaire.pk, "intake")]
    ResponseFactory(questionnaire=questionnaire, membership=mentee, due_key="intake")
    assert keys(mentee) == []


def test_a_mentor_is_asked_per_pairing_and_only_questionnaires_for_mentors(mentor, program):
    for_mentors = every_n_days(program, audience="mentors")
    every_n_days(program, audience="mentees")
    both = every_n_days(program, audience="both")
    first = PairingFactory(mentor=mentor, mentee__program=program, days_ago=N)
    second = PairingFactory(mentor=mentor, mentee__program=program, days_ago=N + 3)
    due = surveys_due_for(mentor)
    assert {(d.questionnaire.pk, d.due_key) for d in due} == {
        (q.pk, f"pairing:{p.pk}:day:{N}") for q in (for_mentors, both) for p in (first, second)
    }
    assert {d.partner.pk for d in due} == {first.mentee_id, second.mentee_id}


def test_inactive_questionnaires_paused_members_and_coordinators_are_asked_nothing(
    mentee, mentor, coordinator
):
    every_n_days(mentee.program, is_active=False)
    every_n_days(mentee.program, audience="both")
    PairingFactory(mentee=mentee, mentor=mentor, days_ago=N)
    assert len(keys(mentee)) == 1
    mentee.status = Membership.Status.PAUSED
    assert keys(mentee) == []
    assert keys(coordinator) == []


def test_another_programs_questionnaire_is_never_due(mentee, mentor, other_program):
    QuestionnaireFactory(program=other_program, due="intake", audience="both")
    every_n_days(other_program, audience="both")
    PairingFactory(mentee=mentee, mentor=mentor, days_ago=N)
    assert keys(mentee) == []


@pytest.mark.parametrize("size", [1, 6])
def test_the_due_query_count_does_not_grow(size, mentor, program, django_assert_num_queries):
    for i in range(size):
        every_n_days(program, audience="both")
        QuestionnaireFactory(program=program, due="pairing_end", audience="both")
        answered = QuestionnaireFactory(program=program, due="intake", audience="both")
        ResponseFactory(questionnaire=answered, membership=mentor, due_key="intake")
        PairingFactory(mentor=mentor, mentee__program=program, days_ago=N * (i + 1))
        PairingFactory(mentor=mentor, mentee__program=program, days_ago=200, ended=True)
    # Questionnaires, pairings with both people, what was answered.
    with django_assert_num_queries(3):
        due = surveys_due_for(mentor)
        names = {d.partner.user.display_name for d in due}
    # Each "every N days" questionnaire for each active pairing, each end questionnaire for
    # each ended pairing; the intake questionnaires are answered.
    assert len(due) == 2 * size * size
    assert len(names) == 2 * size
