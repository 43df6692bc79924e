"""Kept home data (accounts.freshness, mentoring.selectors_home) never shows a page that a
write has changed: each test renders a home, changes something the way people do, and
expects the next render to show it. The privacy cases come first."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import freshness
from accounts import services as account_services
from accounts.models import Role
from matching import services as matching_services
from mentoring import services
from mentoring.models import Event, Habit
from tests.factories import MembershipFactory, UserFactory
from tests.matching.test_coordinator_views import give_intake
from tests.mentoring.test_mentor_dashboard import pair
from tests.mentoring.test_mentor_detail import home_html

home = home_html


@pytest.fixture
def pairing(mentee, mentor):
    return pair(mentee, mentor, days_ago=3)


# PRIVACY


def test_ending_a_pairing_takes_the_mentee_off_the_former_mentors_home_at_once(
    client, mentee, mentor, pairing
):
    assert f'id="mentee-{mentee.pk}-name"' in home(client, mentor)
    matching_services.pairing_end(pairing=pairing, by=mentor, reason="Moving away")
    html = home(client, mentor)
    assert f'id="mentee-{mentee.pk}-name"' not in html
    assert "You have no current mentees." in html


def test_a_checkin_made_private_leaves_the_mentors_dashboard(client, mentee, mentor, pairing):
    services.checkin_record(membership=mentee, mood=2, craving=6, wants_outreach=True)
    assert "Asked you to reach out" in home(client, mentor)
    services.checkin_record(
        membership=mentee, mood=2, craving=6, wants_outreach=True, visibility="private"
    )
    html = home(client, mentor)
    assert "Asked you to reach out" not in html
    assert "No check-in yet" in html


def test_each_person_gets_their_own_kept_page(client, program, mentee, mentor, pairing):
    services.checkin_record(membership=mentee, mood=4, craving=1, visibility="private")
    assert "Mood 4 of 5" in home(client, mentee)
    # Same program, same moment: the mentor's page is built for the mentor.
    html = home(client, mentor)
    assert "Mood 4 of 5" not in html and "No check-in yet" in html


# WHAT PEOPLE DO


def test_the_mentors_dashboard_follows_the_mentees_checkin_and_habit(
    client, mentee, mentor, pairing
):
    habit = services.habit_create(membership=mentee, name="Walk")
    assert "No check-in yet" in home(client, mentor)
    assert "0 done" in home(client, mentor)
    services.checkin_record(membership=mentee, mood=3, craving=2)
    services.habit_log(habit=Habit.objects.get(pk=habit.pk))
    html = home(client, mentor)
    assert "No check-in yet" not in html and "Today" in html
    assert "1 done" in html


def test_the_mentee_home_follows_goals_milestones_and_habits(client, mentee):
    goal = services.goal_create(
        membership=mentee,
        title="Update my CV",
        category="career",
        milestones=[{"title": "Draft", "due_date": None}, {"title": "Send", "due_date": None}],
    )
    habit = services.habit_create(membership=mentee, name="Walk")
    html = home(client, mentee)
    assert "Update my CV" in html and 'value="0"' in html
    services.milestone_set_done(milestone=goal.milestones.order_by("position").first(), done=True)
    services.habit_log(habit=Habit.objects.get(pk=habit.pk))
    html = home(client, mentee)
    assert 'value="50"' in html
    assert 'aria-pressed="true"' in html and "1-day streak" in html


def test_encouragement_and_a_proposed_meeting_reach_the_mentee_home(
    client, mentee, mentor, pairing
):
    html = home(client, mentee)
    assert "From your mentor" not in html and "No meetings planned." in html
    services.encouragement_add(mentor_user=mentor.user, mentee=mentee, text="Proud of you.")
    services.meeting_propose(
        pairing=pairing, by=mentor.user, starts_at=timezone.now() + timedelta(days=2)
    )
    html = home(client, mentee)
    assert "Proud of you." in html
    assert "No meetings planned." not in html and "Waiting for your answer" in html


def test_a_new_name_shows_on_the_mentors_dashboard(client, mentee, mentor, pairing):
    assert "Jordan" in home(client, mentor)
    account_services.profile_update(user=mentee.user, display_name="Jo")
    html = home(client, mentor)
    assert ">Jo</a>" in html and "Jordan" not in html


def test_a_new_program_event_reaches_every_home(client, program, coordinator, mentee, mentor):
    assert "Spring picnic" not in home(client, mentee)
    assert "Spring picnic" not in home(client, mentor)
    services.event_create(
        by=coordinator,
        title="Spring picnic",
        kind=Event.Kind.SOCIAL,
        starts_at=timezone.now() + timedelta(days=5),
    )
    assert "Spring picnic" in home(client, mentee)
    assert "Spring picnic" in home(client, mentor)


def test_a_program_setting_changes_the_dashboard_flags(client, program, mentee, mentor, pairing):
    # Paired 3 days ago, no check-in: flagged after 3 days, not after the default.
    assert "No check-in for" not in home(client, mentor)
    program.settings = {**program.settings, "flag_no_checkin_days": 3}
    program.save()
    assert "No check-in for 3 days" in home(client, mentor)


def test_expired_proposals_leave_both_homes(client, program, coordinator, mentee, mentor):
    proposal = matching_services.pairing_propose(mentee=mentee, mentor=mentor, by=coordinator)
    assert "Your coordinator proposes" in home(client, mentee)
    assert "Proposals to answer" in home(client, mentor)
    # The beat task's bulk update, run as if its time had come.
    assert matching_services.pairings_expire(now=proposal.expires_at + timedelta(seconds=1)) == 1
    assert "Your coordinator proposes" not in home(client, mentee)
    assert "Proposals to answer" not in home(client, mentor)


def test_a_confirmed_matching_round_reaches_the_homes(client, program, coordinator, mentee, mentor):
    give_intake(mentee)
    give_intake(mentor)
    assert "Your coordinator proposes" not in home(client, mentee)
    assert "Proposals to answer" not in home(client, mentor)
    matching_round = matching_services.round_start(program=program, by=coordinator)
    created, _skipped = matching_services.round_confirm(
        matching_round=matching_round, by=coordinator
    )
    assert created == 1
    assert "Your coordinator proposes" in home(client, mentee)
    assert "Proposals to answer" in home(client, mentor)


def test_the_waiting_list_moves_when_someone_ahead_is_paired(
    client, program, coordinator, mentor, mentee
):
    later = MembershipFactory(
        program=program, role=Role.MENTEE, user=UserFactory(display_name="Ari")
    )
    later.joined_at = mentee.joined_at + timedelta(minutes=1)
    later.save()
    assert "You are number 2 on the waiting list." in home(client, later)
    matching_services.pairing_propose(mentee=mentee, mentor=mentor, by=coordinator)
    assert "You are number 1 on the waiting list." in home(client, later)


def test_returning_to_use_updates_the_counter(client, mentee):
    today = services.local_today(mentee)
    services.recovery_start(membership=mentee, started_on=today - timedelta(days=40))
    assert '<span class="stat">40</span> days in recovery' in home(client, mentee)
    services.recovery_return_to_use(membership=mentee, on=today)
    assert '<span class="stat">0</span> days in recovery' in home(client, mentee)


# THE MECHANISM


def counting_build():
    """A build function that returns how many times it has run."""
    builds = []

    def build():
        builds.append(1)
        return {"n": len(builds)}

    return build


def test_kept_data_is_reused_until_a_scope_is_touched(db):
    build = counting_build()
    scope = freshness.member_scope(1)
    assert freshness.kept("t", scopes=[scope], key=(), build=build) == {"n": 1}
    assert freshness.kept("t", scopes=[scope], key=(), build=build) == {"n": 1}
    freshness.touch([scope])
    assert freshness.kept("t", scopes=[scope], key=(), build=build) == {"n": 2}
    # Another key (another viewer, another day) never shares a kept value.
    assert freshness.kept("t", scopes=[scope], key=("other",), build=build) == {"n": 3}


def test_a_token_lost_from_the_cache_means_a_rebuild_never_an_old_page(db):
    build = counting_build()
    scope = freshness.program_scope(7)
    freshness.kept("t", scopes=[scope], key=(), build=build)
    cache.delete(scope)  # evicted, or the cache restarted
    assert freshness.kept("t", scopes=[scope], key=(), build=build) == {"n": 2}
    cache.set(scope, "set-by-another-process")
    assert freshness.kept("t", scopes=[scope], key=(), build=build) == {"n": 3}


def test_nothing_is_kept_when_the_time_limit_is_zero(db, settings):
    settings.PAGE_DATA_TTL = 0
    build = counting_build()
    for expected in (1, 2):
        kept = freshness.kept("t", scopes=[freshness.member_scope(1)], key=(), build=build)
        assert kept == {"n": expected}


def test_a_kept_home_costs_only_the_requests_own_queries(client, mentee, mentor, pairing):
    url = reverse("accounts:program_home", args=[mentee.program.slug])
    client.force_login(mentee.user)
    client.get(url)
    freshness.forget_all()
    with CaptureQueriesContext(connection) as cold:
        client.get(url)
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).status_code == 200
    # Session, user, profile and membership, plus the token read where the tokens live in
    # the database cache (no REDIS_URL).
    assert len(warm.captured_queries) <= 5 < len(cold.captured_queries)


def test_kept_data_expires_after_its_time_limit(client, mentee, monkeypatch, settings):
    settings.PAGE_DATA_TTL = 60
    html = home(client, mentee)
    assert "Spring picnic" not in html
    # A write that no receiver sees (raw SQL from outside the product, say) is picked up
    # once the time limit has passed.
    Event.objects.bulk_create(
        [
            Event(
                program=mentee.program,
                kind=Event.Kind.SOCIAL,
                title="Spring picnic",
                starts_at=timezone.now() + timedelta(days=5),
            )
        ]
    )
    assert "Spring picnic" not in home(client, mentee)
    real = freshness._clock
    monkeypatch.setattr(freshness, "_clock", lambda: real() + 61)
    assert "Spring picnic" in home(client, mentee)


def test_the_date_is_part_of_the_key(client, mentee, monkeypatch):
    services.checkin_record(membership=mentee, mood=4, craving=1)
    assert "Mood 4 of 5" in home(client, mentee)
    tomorrow = services.local_today(mentee) + timedelta(days=1)
    monkeypatch.setattr(
        "mentoring.selectors_home.local_today", lambda membership: tomorrow, raising=True
    )
    monkeypatch.setattr("mentoring.selectors.local_today", lambda membership: tomorrow)
    assert "Mood 4 of 5" not in home(client, mentee)
