"""The one door per record (mentoring.access) takes the membership `program_view` resolved:
the forbidden paths, tried through the pages and through the door itself."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from matching import services as matching_services
from mentoring import access, services
from mentoring.models import GoalCategory, Visibility
from tests.factories import MembershipFactory


@pytest.fixture
def records(mentee):
    """One record of each kind, shared unless its name says private."""
    goal = services.goal_create(
        membership=mentee,
        title="Walk every morning",
        category=GoalCategory.HEALTH,
        milestones=[{"title": "First week", "due_date": None}],
    )
    private_goal = services.goal_create(
        membership=mentee,
        title="Call my sister",
        category=GoalCategory.COMMUNITY,
        milestones=[],
        visibility=Visibility.PRIVATE,
    )
    habit = services.habit_create(membership=mentee, name="Walk")
    private_habit = services.habit_create(
        membership=mentee, name="Evening notes", visibility=Visibility.PRIVATE
    )
    checkin = services.checkin_record(membership=mentee, mood=3, craving=2)
    entry = services.journal_create(membership=mentee, body="Only mine.")
    return {
        "goal": goal,
        "milestone": goal.milestones.get(),
        "private_goal": private_goal,
        "habit": habit,
        "private_habit": private_habit,
        "checkin": checkin,
        "entry": entry,
    }


@pytest.fixture
def meeting(pairing, mentee):
    meeting, _overlaps = services.meeting_propose(
        pairing=pairing, by=mentee.user, starts_at=timezone.now() + timedelta(days=2)
    )
    return meeting


@pytest.fixture
def same_person_elsewhere(mentee, other_program):
    """The mentee's own membership in another program."""
    return MembershipFactory(program=other_program, user=mentee.user, role=Role.MENTEE)


def page(name, program, *args):
    return reverse(name, args=[program.slug, *args])


def mentee_pages(program, records, meeting=None):
    goal, milestone = records["goal"], records["milestone"]
    pages = [
        ("get", page("goals:detail", program, goal.pk)),
        ("get", page("goals:edit", program, goal.pk)),
        ("post", page("goals:milestone_toggle", program, goal.pk, milestone.pk)),
        ("get", page("habits:edit", program, records["habit"].pk)),
        ("post", page("habits:log", program, records["habit"].pk)),
        ("get", page("journal:detail", program, records["entry"].pk)),
        ("get", page("journal:edit", program, records["entry"].pk)),
    ]
    if meeting is not None:
        pages += [
            ("get", page("meetings:detail", program, meeting.pk)),
            ("get", page("meetings:ics", program, meeting.pk)),
            ("post", page("meetings:confirm", program, meeting.pk)),
        ]
    return pages


# THROUGH THE PAGES


def test_the_owner_opens_every_page(login, program, mentee, records, meeting):
    client = login(mentee)
    for method, url in mentee_pages(program, records)[:2] + [
        ("get", page("journal:detail", program, records["entry"].pk)),
        ("get", page("meetings:detail", program, meeting.pk)),
    ]:
        assert getattr(client, method)(url).status_code == 200, url


def test_a_member_of_another_program_gets_404(login, program, outsider, records, meeting):
    client = login(outsider)
    for method, url in mentee_pages(program, records, meeting):
        assert getattr(client, method)(url).status_code == 404, url


def test_the_same_person_through_their_other_program_gets_404(
    login, mentee, same_person_elsewhere, records, meeting
):
    client = login(mentee)
    elsewhere = same_person_elsewhere.program
    for method, url in mentee_pages(elsewhere, records, meeting):
        assert getattr(client, method)(url).status_code == 404, url
    # And nothing was changed on the way.
    records["milestone"].refresh_from_db()
    assert records["milestone"].done_at is None
    assert not records["habit"].logs.exists()


def test_a_former_mentor_gets_404(login, program, mentee, mentor, pairing, records, meeting):
    client = login(mentor)
    assert client.get(page("meetings:detail", program, meeting.pk)).status_code == 200
    matching_services.pairing_end(pairing=pairing, by=mentee, reason="Moving on")
    assert client.get(page("meetings:detail", program, meeting.pk)).status_code == 404
    assert client.get(page("mentor:detail", program, mentee.pk)).status_code == 404
    with pytest.raises(Http404):
        access.goal_get_for_member(membership=mentor, goal_id=records["goal"].pk)
    with pytest.raises(Http404):
        access.meeting_get_for_member(membership=mentor, meeting_id=meeting.pk)
    assert not access.goals_visible_to(mentor).exists()


def test_only_the_assignee_checks_an_action_item_off(login, program, mentee, mentor, pairing):
    item = services.action_item_add(
        pairing=pairing, by=mentor.user, title="Call the clinic", assignee=mentee
    )
    response = login(mentor).post(page("meetings:action_item_done", program, item.pk))
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.done_at is None
    with pytest.raises(Http404):
        access.action_item_get_for_member(membership=mentor, item_id=item.pk)
    assert access.action_item_get_for_member(membership=mentee, item_id=item.pk) == item


def test_a_private_goal_cannot_be_encouraged_by_the_mentor(
    login, program, mentee, mentor, pairing, records
):
    response = login(mentor).post(
        page("mentor:encourage", program, mentee.pk),
        {"text": "Proud of you", "goal": records["private_goal"].pk},
    )
    assert response.status_code == 404
    assert not records["private_goal"].encouragements.exists()


# THROUGH THE DOOR


def test_the_mentor_reads_shared_records_and_may_not_write_them(mentor, pairing, records):
    assert access.goal_get_for_member(membership=mentor, goal_id=records["goal"].pk)
    doors = [
        (access.goal_get_for_member, {"goal_id": records["goal"].pk}),
        (access.milestone_get_for_member, {"milestone_id": records["milestone"].pk}),
        (access.habit_get_for_member, {"habit_id": records["habit"].pk}),
        (access.checkin_get_for_member, {"checkin_id": records["checkin"].pk}),
    ]
    for door, kwargs in doors:
        assert door(membership=mentor, **kwargs).pk == next(iter(kwargs.values()))
        with pytest.raises(PermissionDenied):
            door(membership=mentor, for_write=True, **kwargs)


def test_private_records_and_the_journal_are_404_for_the_mentor(mentor, pairing, records):
    with pytest.raises(Http404):
        access.goal_get_for_member(membership=mentor, goal_id=records["private_goal"].pk)
    with pytest.raises(Http404):
        access.habit_get_for_member(membership=mentor, habit_id=records["private_habit"].pk)
    with pytest.raises(Http404):
        access.journal_entry_get_for_member(membership=mentor, entry_id=records["entry"].pk)
    assert not access.journal_entries_visible_to(mentor).exists()
    assert list(access.goals_visible_to(mentor)) == [records["goal"]]


def test_the_door_scopes_by_membership_not_by_person(mentee, same_person_elsewhere, records):
    assert access.goal_get_for_member(membership=mentee, goal_id=records["goal"].pk, for_write=True)
    for door, kwargs in [
        (access.goal_get_for_member, {"goal_id": records["goal"].pk}),
        (access.habit_get_for_member, {"habit_id": records["habit"].pk}),
        (access.checkin_get_for_member, {"checkin_id": records["checkin"].pk}),
        (access.journal_entry_get_for_member, {"entry_id": records["entry"].pk}),
    ]:
        with pytest.raises(Http404):
            door(membership=same_person_elsewhere, **kwargs)
    assert not access.goals_visible_to(same_person_elsewhere).exists()


def test_a_milestone_opens_only_under_its_own_goal(mentee, records):
    milestone = records["milestone"]
    assert access.milestone_get_for_member(
        membership=mentee, milestone_id=milestone.pk, goal_id=records["goal"].pk
    )
    with pytest.raises(Http404):
        access.milestone_get_for_member(
            membership=mentee, milestone_id=milestone.pk, goal_id=records["private_goal"].pk
        )


def test_a_coordinator_sees_no_mentee_content(coordinator, records, meeting):
    assert not access.goals_visible_to(coordinator).exists()
    assert not access.checkins_visible_to(coordinator).exists()
    assert not access.meetings_visible_to(coordinator).exists()
    with pytest.raises(Http404):
        access.goal_get_for_member(membership=coordinator, goal_id=records["goal"].pk)


# IDS FROM THE QUERY STRING


@pytest.mark.parametrize("junk", ["²", "abc", "-1", "", "1e3", "٣"])
def test_a_junk_pairing_in_the_query_string_is_ignored(login, program, mentee, pairing, junk):
    response = login(mentee).get(page("meetings:new", program) + f"?pairing={junk}")
    assert response.status_code == 200


def test_a_junk_pairing_posted_is_404_not_500(login, program, mentee, mentor, pairing):
    response = login(mentee).post(
        page("meetings:new", program),
        {"pairing": "²", "date": "2031-01-01", "time": "10:00", "duration_minutes": "60"},
    )
    assert response.status_code == 404
