"""A mentee deletes their own goal, habit or check-in: a confirmation page, then a POST. Nobody
else can: another mentee gets 404, the paired mentor and the coordinator 403 (not their page),
an outsider 404. An earlier recovery period too (never the current one). The journal's delete
is tested with the journal."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.models import (
    CheckIn,
    Encouragement,
    Goal,
    Habit,
    HabitLog,
    Milestone,
    RecoveryPeriod,
)
from tests.factories import (
    CheckInFactory,
    EncouragementFactory,
    GoalFactory,
    HabitFactory,
    HabitLogFactory,
    MilestoneFactory,
    RecoveryPeriodFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(mentee, pairing):
    goal = GoalFactory(membership=mentee, title="Find a running club")
    MilestoneFactory(goal=goal)
    EncouragementFactory(pairing=pairing, goal=goal)
    habit = HabitFactory(membership=mentee, name="Evening walk")
    HabitLogFactory(habit=habit)
    checkin = CheckInFactory(membership=mentee, helped="A call with my sister")
    return {
        "goals": (goal, Goal),
        "habits": (habit, Habit),
        "checkins": (checkin, CheckIn),
    }


def _url(program, namespace, record):
    return reverse(f"{namespace}:delete", args=[program.slug, record.pk])


@pytest.mark.parametrize("namespace", ["goals", "habits", "checkins"])
def test_the_owner_confirms_then_the_entry_is_gone(client, login, mentee, entries, namespace):
    record, model = entries[namespace]
    login(mentee)
    url = _url(mentee.program, namespace, record)
    page = client.get(url)
    assert page.status_code == 200
    assert "Delete for good" in page.content.decode()
    assert model.objects.filter(pk=record.pk).exists()  # asking deletes nothing
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse(f"{namespace}:index", args=[mentee.program.slug])
    assert not model.objects.filter(pk=record.pk).exists()
    assert client.post(url).status_code == 404  # gone


def test_a_goal_takes_its_milestones_and_encouragements_and_a_habit_its_logs(
    client, login, mentee, entries
):
    login(mentee)
    client.post(_url(mentee.program, "goals", entries["goals"][0]))
    client.post(_url(mentee.program, "habits", entries["habits"][0]))
    assert not Milestone.objects.exists()
    assert not Encouragement.objects.exists()
    assert not HabitLog.objects.exists()


@pytest.mark.parametrize("namespace", ["goals", "habits", "checkins"])
@pytest.mark.parametrize(
    ("who", "status"),
    [("other_mentee", 404), ("mentor", 403), ("coordinator", 403), ("outsider", 404)],
)
def test_nobody_else_can_delete(client, login, request, entries, namespace, who, status):
    record, model = entries[namespace]
    person = request.getfixturevalue(who)
    login(person)
    url = _url(record.membership.program, namespace, record)
    assert client.get(url).status_code == status
    assert client.post(url).status_code == status
    assert model.objects.filter(pk=record.pk).exists()


def test_the_pages_link_to_the_delete_confirmation(client, login, mentee, entries):
    login(mentee)
    slug = mentee.program.slug
    goal, habit, checkin = (entries[k][0] for k in ("goals", "habits", "checkins"))
    assert (
        _url(mentee.program, "goals", goal)
        in client.get(reverse("goals:edit", args=[slug, goal.pk])).content.decode()
    )
    assert (
        _url(mentee.program, "habits", habit)
        in client.get(reverse("habits:edit", args=[slug, habit.pk])).content.decode()
    )
    assert (
        _url(mentee.program, "checkins", checkin)
        in client.get(reverse("checkins:index", args=[slug])).content.decode()
    )


@pytest.fixture
def periods(mentee):
    today = timezone.now().date()
    earlier = RecoveryPeriodFactory(
        membership=mentee,
        started_on=today - timedelta(days=90),
        ended_on=today - timedelta(days=40),
        end_note="A hard month.",
    )
    current = RecoveryPeriodFactory(membership=mentee, started_on=today - timedelta(days=39))
    return earlier, current


def test_the_owner_deletes_an_earlier_recovery_period_from_the_recovery_page(
    client, login, mentee, periods
):
    earlier, current = periods
    login(mentee)
    slug = mentee.program.slug
    url = reverse("recovery:period_delete", args=[slug, earlier.pk])
    assert url in client.get(reverse("recovery:index", args=[slug])).content.decode()
    assert "A hard month." not in client.get(url).content.decode()  # the note is not repeated
    assert client.post(url).status_code == 302
    assert list(RecoveryPeriod.objects.filter(membership=mentee)) == [current]


def test_the_current_period_and_other_peoples_periods_are_404(
    client, login, mentee, other_mentee, mentor, pairing, periods
):
    earlier, current = periods
    slug = mentee.program.slug
    login(mentee)
    assert (
        client.post(reverse("recovery:period_delete", args=[slug, current.pk])).status_code == 404
    )
    login(other_mentee)
    assert (
        client.post(reverse("recovery:period_delete", args=[slug, earlier.pk])).status_code == 404
    )
    login(mentor)
    assert (
        client.post(reverse("recovery:period_delete", args=[slug, earlier.pk])).status_code == 403
    )
    assert RecoveryPeriod.objects.filter(membership=mentee).count() == 2
