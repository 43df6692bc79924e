"""The mentor's view of one mentee: what the mentee shares, encouragement, and who may open it."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from matching import services as matching_services
from mentoring import services
from mentoring.models import ActionItem, CheckIn, Encouragement, Meeting
from tests.factories import (
    CheckInFactory,
    MeetingFactory,
    PairingFactory,
    local_slot,
    mentee_with_history,
)


def detail_url(program, mentee, **query) -> str:
    url = reverse("mentor:detail", args=[program.slug, mentee.pk])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def encourage_url(program, mentee) -> str:
    return reverse("mentor:encourage", args=[program.slug, mentee.pk])


def home_html(client, membership) -> str:
    client.force_login(membership.user)
    response = client.get(reverse("program_home", args=[membership.program.slug]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def pairing(mentee, mentor):
    return PairingFactory(mentee=mentee, mentor=mentor, days_ago=5)


@pytest.fixture
def shared_story(mentee, pairing):
    """A shared goal with milestones, a shared check-in, a habit, a meeting and action items."""
    goal = services.goal_create(
        membership=mentee,
        title="Get my licence back",
        category="career",
        milestones=[
            {"title": "Call the office", "due_date": None},
            {"title": "Pay the fee", "due_date": None},
        ],
    )
    services.milestone_set_done(milestone=goal.milestones.get(title="Call the office"), done=True)
    checkin = CheckInFactory(
        membership=mentee, days_ago=0, mood=4, helped="SHARED-HELPED-TEXT", hard="A long shift"
    )
    habit = services.habit_create(membership=mentee, name="Evening walk")
    services.habit_log(habit=habit)
    meeting = Meeting.objects.create(
        pairing=pairing,
        status=Meeting.Status.HELD,
        starts_at=timezone.now() - timedelta(days=2),
        logged_at=timezone.now() - timedelta(days=2),
        agenda="Plan the week",
        narrative="MEETING-NARRATIVE-TEXT",
    )
    ActionItem.objects.create(
        pairing=pairing, meeting=meeting, assignee=mentee, title="Phone the licence office"
    )
    return {"goal": goal, "checkin": checkin, "habit": habit, "meeting": meeting}


# ACCESS MATRIX


def test_current_mentor_sees_what_is_shared(login, program, mentor, mentee, shared_story):
    response = login(mentor).get(detail_url(program, mentee))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jordan" in html
    assert "Get my licence back" in html and "Call the office" in html and "Pay the fee" in html
    assert 'value="50"' in html  # one of two milestones done
    assert "SHARED-HELPED-TEXT" in html and "A long shift" in html
    assert 'class="chart chart--trend"' in html and "Mood over the last 30 days" in html
    assert "Evening walk" in html and "1 of 7 this week" in html
    assert "Plan the week" in html and "Phone the licence office" in html
    assert reverse("matching:my_mentee", args=[program.slug, mentee.pk]) in html


def test_mentor_of_another_pair_gets_404(
    login, program, mentee, other_mentor, other_mentee, pairing
):
    PairingFactory(mentee=other_mentee, mentor=other_mentor)
    client = login(other_mentor)
    assert client.get(detail_url(program, mentee)).status_code == 404
    assert client.get(detail_url(program, other_mentee)).status_code == 200


def test_former_mentor_gets_404_from_the_next_request(
    login, program, mentor, mentee, coordinator, pairing, shared_story
):
    client = login(mentor)
    assert client.get(detail_url(program, mentee)).status_code == 200
    matching_services.pairing_end(pairing=pairing, by=coordinator, reason="Moved away")
    assert client.get(detail_url(program, mentee)).status_code == 404
    response = client.post(
        encourage_url(program, mentee), {"text": "Still here", "goal": shared_story["goal"].pk}
    )
    assert response.status_code == 404
    assert not Encouragement.objects.exists()


def test_coordinator_gets_403_and_no_content(login, program, coordinator, mentee, shared_story):
    response = login(coordinator).get(detail_url(program, mentee))
    assert response.status_code == 403
    html = response.content.decode()
    assert "SHARED-HELPED-TEXT" not in html and "MEETING-NARRATIVE-TEXT" not in html


def test_outsider_gets_404(login, program, outsider, mentee, shared_story):
    assert login(outsider).get(detail_url(program, mentee)).status_code == 404


@pytest.mark.parametrize("who", ["mentee", "other_mentee"])
def test_mentees_get_403(login, request, program, mentee, shared_story, who):
    response = login(request.getfixturevalue(who)).get(detail_url(program, mentee))
    assert response.status_code == 403


def test_unknown_mentee_is_404(login, program, mentor, pairing):
    assert login(mentor).get(detail_url(program, type("M", (), {"pk": 999999}))).status_code == 404


# PRIVACY


def test_private_goal_checkin_habit_and_notes_never_appear(login, program, mentor, mentee, pairing):
    services.goal_create(
        membership=mentee, title="PRIVATE-GOAL-TITLE", category="health", visibility="private"
    )
    CheckInFactory(
        membership=mentee,
        days_ago=1,
        mood=1,
        visibility="private",
        wants_outreach=True,
        hard="PRIVATE-CHECKIN-TEXT",
    )
    services.habit_create(membership=mentee, name="PRIVATE-HABIT", visibility="private")
    services.journal_create(membership=mentee, title="PRIVATE-JOURNAL", body="PRIVATE-JOURNAL")
    html = login(mentor).get(detail_url(program, mentee, days=90)).content.decode()
    for secret in (
        "PRIVATE-GOAL-TITLE",
        "PRIVATE-CHECKIN-TEXT",
        "PRIVATE-HABIT",
        "PRIVATE-JOURNAL",
    ):
        assert secret not in html
    assert "asked you to reach out" not in html.lower()
    assert "no check-ins yet" in html  # the trend summary: the private mood is not in it
    assert "has no goals to show you yet" in html


def test_recovery_time_only_when_shared_and_never_the_note(login, program, mentor, mentee, pairing):
    today = services.local_today(mentee)
    services.recovery_start(membership=mentee, started_on=today - timedelta(days=60))
    services.recovery_return_to_use(
        membership=mentee, on=today - timedelta(days=10), note="PRIVATE-RECOVERY-NOTE"
    )
    client = login(mentor)
    html = client.get(detail_url(program, mentee)).content.decode()
    assert "Recovery time" not in html and "days in recovery" not in html

    services.recovery_settings_update(membership=mentee, show_counter=True, share_with_mentor=True)
    html = client.get(detail_url(program, mentee)).content.decode()
    assert "Recovery time" in html and "10</span> days in recovery" in html
    assert "PRIVATE-RECOVERY-NOTE" not in html


# ENCOURAGEMENT


def test_encouragement_on_a_goal_reaches_the_mentee_home(
    client, login, program, mentor, mentee, shared_story
):
    goal = shared_story["goal"]
    response = login(mentor).post(
        encourage_url(program, mentee), {"text": "Doing the hard part, well done!", "goal": goal.pk}
    )
    assert response.status_code == 302
    # Back to the goal, in its section shown open.
    assert response["Location"] == detail_url(program, mentee, open="goals") + f"#goal-{goal.pk}"
    note = Encouragement.objects.get()
    assert note.goal == goal and note.checkin is None and note.author == mentor.user
    assert (
        "Doing the hard part, well done!"
        in client.get(detail_url(program, mentee)).content.decode()
    )
    html = home_html(client, mentee)
    assert "From your mentor" in html and "Doing the hard part, well done!" in html


def test_encouragement_on_a_checkin_reaches_the_mentee_home(
    client, login, program, mentor, mentee, shared_story
):
    checkin = shared_story["checkin"]
    login(mentor).post(
        encourage_url(program, mentee), {"text": "Proud of that walk", "checkin": checkin.pk}
    )
    note = Encouragement.objects.get()
    assert note.checkin == checkin and note.goal is None
    assert "Proud of that walk" in home_html(client, mentee)


def test_empty_encouragement_is_refused_with_a_message(
    client, login, program, mentor, mentee, shared_story
):
    response = login(mentor).post(
        encourage_url(program, mentee), {"text": "  ", "goal": shared_story["goal"].pk}, follow=True
    )
    assert response.status_code == 200
    assert not Encouragement.objects.exists()
    assert 'class="message message--error"' in response.content.decode()


def test_encouragement_on_a_private_record_is_404(login, program, mentor, mentee, pairing):
    private_goal = services.goal_create(
        membership=mentee, title="Mine", category="health", visibility="private"
    )
    private_checkin = CheckInFactory(membership=mentee, days_ago=0, visibility="private")
    client = login(mentor)
    assert (
        client.post(
            encourage_url(program, mentee), {"text": "Hi", "goal": private_goal.pk}
        ).status_code
        == 404
    )
    assert (
        client.post(
            encourage_url(program, mentee), {"text": "Hi", "checkin": private_checkin.pk}
        ).status_code
        == 404
    )
    assert (
        client.post(encourage_url(program, mentee), {"text": "Hi", "goal": "abc"}).status_code
        == 302
    )
    assert not Encouragement.objects.exists()


def test_encouragement_cannot_land_on_another_mentees_record(
    client, login, program, mentor, mentee, other_mentee, pairing
):
    PairingFactory(mentee=other_mentee, mentor=mentor)  # both are this mentor's mentees
    their_goal = services.goal_create(membership=other_mentee, title="Theirs", category="health")
    response = login(mentor).post(
        encourage_url(program, mentee), {"text": "Hi", "goal": their_goal.pk}, follow=True
    )
    assert response.status_code == 200
    assert not Encouragement.objects.exists()
    assert "You can encourage on what your mentee shares with you." in response.content.decode()


@pytest.mark.parametrize("who", ["coordinator", "mentee", "other_mentor"])
def test_only_the_current_mentor_encourages(login, request, program, mentee, shared_story, who):
    response = login(request.getfixturevalue(who)).post(
        encourage_url(program, mentee), {"text": "Hi", "goal": shared_story["goal"].pk}
    )
    assert response.status_code in (403, 404)
    assert not Encouragement.objects.exists()


# OUTREACH AND TRENDS


def test_outreach_request_can_be_handled_from_the_detail_page(
    login, program, mentor, mentee, pairing
):
    checkin = CheckInFactory(membership=mentee, days_ago=0, wants_outreach=True)
    client = login(mentor)
    html = client.get(detail_url(program, mentee)).content.decode()
    assert "Jordan asked you to reach out." in html
    response = client.post(
        reverse("mentor:outreach_handled", args=[program.slug, mentee.pk]),
        {"checkin": [checkin.pk], "next": detail_url(program, mentee)},
    )
    assert response["Location"] == detail_url(program, mentee)
    checkin.refresh_from_db()
    assert checkin.outreach_handled_at is not None
    html = client.get(detail_url(program, mentee)).content.decode()
    assert "Jordan asked you to reach out." not in html
    assert "Asked you to reach out · handled" in html


@pytest.mark.parametrize("days, label", [("90", "Mood over the last 90 days"), ("x", "30 days")])
def test_trend_period(login, program, mentor, mentee, pairing, days, label):
    CheckInFactory(membership=mentee, days_ago=45, mood=2)
    html = login(mentor).get(detail_url(program, mentee, days=days)).content.decode()
    assert label in html


def test_query_count_does_not_grow_with_history(client, program, mentor):
    week = mentee_with_history(program=program, days=7, email="week@example.org", mentor=mentor)
    years = mentee_with_history(program=program, days=730, email="years@example.org", mentor=mentor)
    for person in (week, years):
        pairing = person.mentee_pairings.get()
        meeting = Meeting.objects.create(
            pairing=pairing, status=Meeting.Status.HELD, starts_at=timezone.now()
        )
        ActionItem.objects.create(pairing=pairing, meeting=meeting, assignee=person, title="Step")
        # What the attention block and the next meeting show, at both sizes.
        ActionItem.objects.create(
            pairing=pairing,
            meeting=meeting,
            assignee=person,
            title="Late step",
            due_date=timezone.now().date() - timedelta(days=5),
        )
        MeetingFactory(pairing=pairing, starts_at=timezone.now() - timedelta(days=1))
        services.meeting_propose(
            pairing=pairing, by=person.user, starts_at=local_slot(mentor, days=3)
        )
        CheckIn.objects.filter(
            pk=CheckIn.objects.filter(membership=person, visibility="shared").first().pk
        ).update(wants_outreach=True)
        Encouragement.objects.create(
            mentee=person,
            author=mentor.user,
            goal=person.goals.first(),
            checkin=CheckIn.objects.filter(membership=person, visibility="shared").first(),
            text="Nice",
        )
    client.force_login(mentor.user)

    def count(person) -> int:
        client.get(detail_url(program, person))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(detail_url(program, person)).status_code == 200
        return len(ctx.captured_queries)

    assert count(week) == count(years)


# THE PAGE'S ORDER: WHAT NEEDS ATTENTION FIRST, THE REST FOLDED


def _position(html: str, text: str) -> int:
    assert text in html, text
    return html.index(text)


def test_attention_comes_first_then_the_next_meeting_then_folded_sections(
    login, program, mentor, mentee, pairing, shared_story
):
    CheckInFactory(
        membership=mentee, days_ago=1, wants_outreach=True, hard="ASKED-FOR-OUTREACH-TEXT"
    )
    ActionItem.objects.create(
        pairing=pairing,
        assignee=mentee,
        title="Book the appointment",
        due_date=services.local_today(mentee) - timedelta(days=2),
    )
    unlogged = MeetingFactory(pairing=pairing, starts_at=local_slot(mentor, days=-1))
    answer, _ = services.meeting_propose(
        pairing=pairing, by=mentee.user, starts_at=local_slot(mentor, days=4)
    )
    html = login(mentor).get(detail_url(program, mentee)).content.decode()
    attention = _position(html, 'id="attention-heading"')
    outreach = _position(html, "Jordan asked you to reach out.")
    # The check-in that asked is shown in the request itself, before any section.
    asked = _position(html, "ASKED-FOR-OUTREACH-TEXT")
    overdue = _position(html, "Past its due date")
    to_log = _position(html, reverse("meetings:log", args=[program.slug, unlogged.pk]))
    to_answer = _position(html, "A meeting waiting for your answer")
    next_meeting = _position(html, 'id="next-meeting-heading"')
    encourage = _position(html, 'id="encourage-heading"')
    folds = [
        _position(html, f'<details class="fold" id="{name}">')
        for name in ("checkins", "goals", "habits", "meetings")
    ]
    assert attention < outreach < asked < next_meeting < encourage < min(folds)
    assert attention < min(overdue, to_log, to_answer) < next_meeting
    assert "Book the appointment" in html[overdue : overdue + 200]
    assert reverse("meetings:detail", args=[program.slug, answer.pk]) in html[next_meeting:]
    # Every section keeps its heading inside its summary.
    for heading in ("trends-heading", "goals-heading", "habits-heading", "meetings-heading"):
        assert re.search(rf'<summary><h2 id="{heading}">', html), heading


def test_the_dashboards_flags_show_on_the_page(login, program, mentor, mentee, pairing):
    today = services.local_today(mentee)
    services.recovery_start(membership=mentee, started_on=today - timedelta(days=60))
    services.recovery_return_to_use(
        membership=mentee, on=today - timedelta(days=1), note="PRIVATE-NOTE", tell_mentor=True
    )
    html = login(mentor).get(detail_url(program, mentee)).content.decode()
    flags = html[_position(html, 'id="attention-heading"') : _position(html, "next-meeting")]
    assert "Shared a return to use" in flags
    assert "PRIVATE-NOTE" not in html


def test_nothing_to_attend_shows_no_attention_block(login, program, mentor, mentee, pairing):
    CheckInFactory(membership=mentee, days_ago=0)
    MeetingFactory(
        pairing=pairing,
        starts_at=timezone.now() - timedelta(days=1),
        status=Meeting.Status.HELD,
        logged_at=timezone.now(),
    )
    html = login(mentor).get(detail_url(program, mentee)).content.decode()
    assert 'id="attention-heading"' not in html
    assert "No meeting planned." in html


@pytest.mark.parametrize(
    "query, section",
    [({}, None), ({"open": "goals"}, "goals"), ({"days": "90"}, "checkins"), ({"open": "x"}, None)],
)
def test_one_section_opens_on_request(login, program, mentor, mentee, shared_story, query, section):
    html = login(mentor).get(detail_url(program, mentee, **query)).content.decode()
    opened = re.findall(r'<details class="fold" id="(\w+)" open>', html)
    assert opened == ([section] if section else [])


def test_a_private_outreach_request_stays_out_of_the_attention_block(
    login, program, mentor, mentee, pairing
):
    CheckInFactory(
        membership=mentee,
        days_ago=0,
        visibility="private",
        wants_outreach=True,
        hard="PRIVATE-ASK",
    )
    html = login(mentor).get(detail_url(program, mentee)).content.decode()
    assert "asked you to reach out" not in html.lower() and "PRIVATE-ASK" not in html
