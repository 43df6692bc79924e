"""The mentor dashboard on the mentor's program home: who needs attention first, from what the
mentees share, in a fixed number of queries."""

import re
import zoneinfo
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from mentoring import services
from mentoring.models import CheckIn, Meeting
from tests.factories import (
    CheckInFactory,
    MembershipFactory,
    PairingFactory,
    UserFactory,
    mentee_with_history,
)


def new_mentee(program, name: str):
    return MembershipFactory(
        program=program,
        role=Role.MENTEE,
        user=UserFactory(email=f"{name.lower()}@example.org", display_name=name),
    )


def home_url(program) -> str:
    return reverse("program_home", args=[program.slug])


def dashboard_html(client, mentor) -> str:
    client.force_login(mentor.user)
    response = client.get(home_url(mentor.program))
    assert response.status_code == 200
    return response.content.decode()


def row_html(html: str, mentee) -> str:
    """The dashboard row of one mentee."""
    rows = re.findall(r'<tr class="dashboard-row.*?</tr>', html, flags=re.S)
    marker = f'id="mentee-{mentee.pk}-name"'
    matches = [row for row in rows if marker in row]
    assert len(matches) == 1, f"no dashboard row for mentee {mentee.pk}"
    return matches[0]


def add_meetings(pairing) -> None:
    """A logged meeting in the past and one coming up, so every dashboard query runs."""
    now = timezone.now()
    Meeting.objects.create(
        pairing=pairing,
        status=Meeting.Status.HELD,
        starts_at=now - timedelta(days=3),
        logged_at=now - timedelta(days=3),
        narrative="Talked about the week.",
    )
    Meeting.objects.create(
        pairing=pairing, status=Meeting.Status.CONFIRMED, starts_at=now + timedelta(days=2)
    )


# QUERY COUNT


def test_same_number_of_queries_for_2_mentees_a_week_and_10_mentees_two_years(client, program):
    small_mentor = MembershipFactory(program=program, role=Role.MENTOR)
    big_mentor = MembershipFactory(program=program, role=Role.MENTOR)
    small = [
        mentee_with_history(
            program=program, days=7, email=f"week{i}@example.org", mentor=small_mentor, goals=1
        )
        for i in range(2)
    ]
    big = [
        mentee_with_history(
            program=program, days=730, email=f"years{i}@example.org", mentor=big_mentor, goals=8
        )
        for i in range(10)
    ]
    for mentee in small + big:
        add_meetings(mentee.mentee_pairings.get())
    for group in (small, big):  # an outreach request in each, so its form renders in both
        latest = group[0].checkins.filter(visibility="shared").order_by("-date").first()
        CheckIn.objects.filter(pk=latest.pk).update(wants_outreach=True)

    def queries(mentor) -> tuple[int, str]:
        client.force_login(mentor.user)
        client.get(home_url(program))  # warm the session and the session
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(home_url(program))
        assert response.status_code == 200
        return len(ctx.captured_queries), response.content.decode()

    small_count, small_html = queries(small_mentor)
    big_count, big_html = queries(big_mentor)
    assert small_count == big_count
    assert small_html.count('<tr class="dashboard-row') == 2
    assert big_html.count('<tr class="dashboard-row') == 10
    for html in (small_html, big_html):
        assert "Asked you to reach out" in html and "Mark as handled" in html
        assert 'class="chart chart--sparkline" role="img"' in html


# ORDER AND FLAGS


def test_rows_come_in_order_of_need_with_plain_reasons(client, program, mentor):
    calm = new_mentee(program, "Calm")
    quiet = new_mentee(program, "Quiet")
    asking = new_mentee(program, "Asking")
    for person in (calm, quiet, asking):
        add_meetings(PairingFactory(mentee=person, mentor=mentor, days_ago=20))
    for days_ago in range(10):
        CheckInFactory(membership=calm, days_ago=days_ago, mood=4)
    CheckInFactory(membership=quiet, days_ago=9)
    CheckInFactory(membership=asking, days_ago=0, wants_outreach=True)

    html = dashboard_html(client, mentor)
    positions = [html.index(f'id="mentee-{person.pk}-name"') for person in (asking, quiet, calm)]
    assert positions == sorted(positions)
    assert "Asked you to reach out" in row_html(html, asking)
    assert "No check-in for 9 days" in row_html(html, quiet)
    assert "9 days ago" in row_html(html, quiet)
    calm_row = row_html(html, calm)
    assert "Nothing right now" in calm_row and "Today" in calm_row
    assert reverse("mentor:detail", args=[program.slug, calm.pk]) in calm_row
    # The intake summary stays one click away.
    assert reverse("matching:my_mentee", args=[program.slug, calm.pk]) in calm_row


def test_mood_return_to_use_and_meeting_flags(client, program, mentor):
    person = new_mentee(program, "Sam")
    PairingFactory(mentee=person, mentor=mentor, days_ago=30)
    for days_ago in range(7, 14):
        CheckInFactory(membership=person, days_ago=days_ago, mood=5)
    for days_ago in range(7):
        CheckInFactory(membership=person, days_ago=days_ago, mood=2)
    today = services.local_today(person)
    services.recovery_start(membership=person, started_on=today - timedelta(days=100))
    services.recovery_return_to_use(
        membership=person, on=today - timedelta(days=2), note="A hard weekend", tell_mentor=True
    )

    row = row_html(dashboard_html(client, mentor), person)
    assert "Mood down 3 points over a week" in row
    assert "Shared a return to use" in row
    assert "No meeting logged for 30 days" in row
    assert "A hard weekend" not in row  # the note is the mentee's alone
    assert row.index("Shared a return to use") < row.index("Mood down")


def test_thresholds_come_from_program_settings(client, program, mentor):
    program.settings = {"flag_no_checkin_days": 3, "flag_no_meeting_days": 60}
    program.save()
    person = new_mentee(program, "Sam")
    PairingFactory(mentee=person, mentor=mentor, days_ago=30)
    CheckInFactory(membership=person, days_ago=4)
    row = row_html(dashboard_html(client, mentor), person)
    assert "No check-in for 4 days" in row
    assert "No meeting logged" not in row


def test_a_return_to_use_not_told_raises_no_flag(client, program, mentor):
    person = new_mentee(program, "Sam")
    add_meetings(PairingFactory(mentee=person, mentor=mentor))
    CheckInFactory(membership=person, days_ago=0)
    today = services.local_today(person)
    services.recovery_start(membership=person, started_on=today - timedelta(days=100))
    services.recovery_return_to_use(membership=person, on=today - timedelta(days=1))
    row = row_html(dashboard_html(client, mentor), person)
    assert "Shared a return to use" not in row
    assert "Nothing right now" in row


def test_row_shows_habits_goals_sparkline_and_next_meeting_in_the_mentors_time_zone(
    client, program, mentor
):
    mentor.user.profile.time_zone = "Asia/Tokyo"
    mentor.user.profile.save()
    person = new_mentee(program, "Sam")
    pairing = PairingFactory(mentee=person, mentor=mentor)
    habit = services.habit_create(membership=person, name="Walk")
    services.habit_log(habit=habit)
    services.goal_create(
        membership=person,
        title="Find work",
        category="career",
        milestones=[{"title": "CV", "due_date": None}, {"title": "Apply", "due_date": None}],
    )
    goal = person.goals.get()
    services.milestone_set_done(milestone=goal.milestones.first(), done=True)
    CheckInFactory(membership=person, days_ago=0, mood=4)
    starts = (timezone.now() + timedelta(days=3)).replace(minute=30, second=0, microsecond=0)
    Meeting.objects.create(pairing=pairing, status=Meeting.Status.PROPOSED, starts_at=starts)

    row = row_html(dashboard_html(client, mentor), person)
    assert "1 done" in row
    assert "50% · 1 goal" in row
    in_tokyo = timezone.localtime(starts, zoneinfo.ZoneInfo("Asia/Tokyo"))
    assert in_tokyo.strftime("%H:%M") in row
    assert "Proposed" in row
    assert 'aria-label="Mood over the last 14 days: 1 check-in, average 4, latest 4' in row


def test_no_mentees_yet(client, program, mentor):
    html = dashboard_html(client, mentor)
    assert "You have no current mentees." in html
    assert "dashboard-row" not in html


def test_ended_pairing_leaves_the_dashboard(client, program, mentor, coordinator):
    from matching import services as matching_services

    person = new_mentee(program, "Sam")
    pairing = PairingFactory(mentee=person, mentor=mentor)
    assert f'id="mentee-{person.pk}-name"' in dashboard_html(client, mentor)
    matching_services.pairing_end(pairing=pairing, by=coordinator, reason="Moved away")
    assert f'id="mentee-{person.pk}-name"' not in dashboard_html(client, mentor)


def test_mentor_index_leads_to_the_dashboard(login, program, mentor):
    response = login(mentor).get(reverse("mentor:index", args=[program.slug]))
    assert response.status_code == 302
    assert response["Location"] == home_url(program)


# PRIVACY


def test_private_records_never_feed_the_dashboard(client, program, mentor):
    secretive = new_mentee(program, "Avery")
    silent = new_mentee(program, "Blake")  # the same situation with nothing at all
    for person in (secretive, silent):
        PairingFactory(mentee=person, mentor=mentor, days_ago=10)
    for days_ago in range(5):
        CheckInFactory(
            membership=secretive,
            days_ago=days_ago,
            mood=1,
            visibility="private",
            wants_outreach=True,
            hard="PRIVATE-CHECKIN-TEXT",
        )
    services.goal_create(
        membership=secretive,
        title="PRIVATE-GOAL",
        category="health",
        visibility="private",
        manual_progress=80,
    )
    habit = services.habit_create(membership=secretive, name="PRIVATE-HABIT", visibility="private")
    services.habit_log(habit=habit)

    html = dashboard_html(client, mentor)
    row = row_html(html, secretive)
    assert "Asked you to reach out" not in html
    assert "Mark as handled" not in html
    assert "No check-in yet" in row
    assert "No check-in for 10 days" in row
    assert "No active goals" in row and "0 done" in row
    for secret in ("PRIVATE-CHECKIN-TEXT", "PRIVATE-GOAL", "PRIVATE-HABIT"):
        assert secret not in html

    # Nothing tells the two rows apart but the name: no trace of the private records.
    def anonymous(person, name) -> str:
        text = row_html(html, person).replace(name, "NAME")
        return text.replace(f"mentee-{person.pk}-", "mentee-ID-").replace(f"/{person.pk}/", "/ID/")

    assert anonymous(secretive, "Avery") == anonymous(silent, "Blake")


# MARK AS HANDLED


def handled_url(program, mentee) -> str:
    return reverse("mentor:outreach_handled", args=[program.slug, mentee.pk])


def test_mark_as_handled_clears_the_flag(client, program, mentor):
    person = new_mentee(program, "Sam")
    add_meetings(PairingFactory(mentee=person, mentor=mentor))
    first = CheckInFactory(membership=person, days_ago=1, wants_outreach=True)
    second = CheckInFactory(membership=person, days_ago=0, wants_outreach=True)
    html = dashboard_html(client, mentor)
    assert f'name="checkin" value="{first.pk}"' in html
    assert f'name="checkin" value="{second.pk}"' in html

    response = client.post(handled_url(program, person), {"checkin": [first.pk, second.pk]})
    assert response.status_code == 302 and response["Location"] == home_url(program)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.outreach_handled_at and second.outreach_handled_at
    html = client.get(home_url(program)).content.decode()
    assert "Asked you to reach out" not in html
    assert "Marked as handled" in html


def test_mark_as_handled_touches_only_this_mentees_shared_requests(
    client, program, mentor, other_mentor
):
    person = new_mentee(program, "Sam")
    someone_else = new_mentee(program, "Kim")
    PairingFactory(mentee=person, mentor=mentor)
    PairingFactory(mentee=someone_else, mentor=other_mentor)
    private = CheckInFactory(
        membership=person, days_ago=1, wants_outreach=True, visibility="private"
    )
    theirs = CheckInFactory(membership=someone_else, days_ago=0, wants_outreach=True)
    client.force_login(mentor.user)

    client.post(handled_url(program, person), {"checkin": [private.pk, theirs.pk]})
    private.refresh_from_db()
    theirs.refresh_from_db()
    assert private.outreach_handled_at is None and theirs.outreach_handled_at is None
    # Another pair's mentee: 404, like any page about them.
    response = client.post(handled_url(program, someone_else), {"checkin": [theirs.pk]})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.outreach_handled_at is None


def test_mark_as_handled_survives_tampered_input(client, program, mentor):
    person = new_mentee(program, "Sam")
    PairingFactory(mentee=person, mentor=mentor)
    client.force_login(mentor.user)
    response = client.post(handled_url(program, person), {"checkin": ["abc", "1 OR 1=1"]})
    assert response.status_code == 302
    assert (
        client.get(reverse("mentor:outreach_handled", args=[program.slug, person.pk])).status_code
        == 405
    )


@pytest.mark.parametrize("role_fixture", ["mentee", "coordinator"])
def test_only_mentors_mark_requests_handled(client, program, mentor, request, role_fixture):
    person = new_mentee(program, "Sam")
    PairingFactory(mentee=person, mentor=mentor)
    checkin = CheckInFactory(membership=person, days_ago=0, wants_outreach=True)
    client.force_login(request.getfixturevalue(role_fixture).user)
    response = client.post(handled_url(program, person), {"checkin": [checkin.pk]})
    assert response.status_code == 403
    checkin.refresh_from_db()
    assert checkin.outreach_handled_at is None


# SPARKLINE


def test_sparkline_is_an_accessible_svg_without_style_attributes():
    from datetime import date

    from mentoring.charts import sparkline

    today = date(2025, 3, 14)
    points = [(today - timedelta(days=d), 5 - d % 5) for d in range(14) if d != 4]
    svg = str(
        sparkline(points, label='Mood "low" <then> up', start=today - timedelta(days=13), end=today)
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-label="Mood &quot;low&quot; &lt;then&gt; up"' in svg
    assert "style=" not in svg
    assert svg.count("<path") == 2  # the missing day breaks the line
    assert svg.count("<circle") == 1  # the latest value
    empty = str(sparkline([], label="Mood: no check-ins."))
    assert "<path" not in empty and 'aria-label="Mood: no check-ins."' in empty
