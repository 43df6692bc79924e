"""A mentee deletes their own goal, habit or check-in: a confirmation page, then a POST. Nobody
else can: another mentee gets 404, the paired mentor and the coordinator 403 (not their page),
an outsider 404. The journal's delete is tested with the journal."""

import pytest
from django.urls import reverse

from mentoring.models import CheckIn, Encouragement, Goal, Habit, HabitLog, Milestone
from tests.factories import (
    CheckInFactory,
    EncouragementFactory,
    GoalFactory,
    HabitFactory,
    HabitLogFactory,
    MilestoneFactory,
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
