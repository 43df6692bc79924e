"""The mentee home: everything on one page, in a fixed number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import mentee_with_history


def home_queries(client, membership) -> tuple[int, str]:
    """Queries of a home built from the database."""
    client.force_login(membership.user)
    url = reverse("program_home", args=[membership.program.slug])
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_home_query_count_is_the_same_for_a_week_and_two_years(client, program):
    week = mentee_with_history(program=program, days=7, email="week@example.org", goals=1)
    years = mentee_with_history(program=program, days=730, email="years@example.org", goals=8)
    week_count, _html = home_queries(client, week)
    years_count, html = home_queries(client, years)
    assert week_count == years_count
    assert "Today's check-in" in html and "Today's habits" in html and "My goals" in html
    assert "days in recovery" in html and "Get help now" in html


def test_home_shows_todays_state_and_the_latest_encouragement(client, program):
    from mentoring.models import Encouragement

    mentee = mentee_with_history(program=program, days=30, email="m@example.org", goals=2)
    Encouragement.objects.create(
        mentee=mentee, author=mentee.mentee_pairings.get().mentor.user, text="Proud of you!"
    )
    _count, html = home_queries(client, mentee)
    assert "Done today" in html  # the history includes today's check-in
    assert "Proud of you!" in html
    assert "Goal 1" in html and "Goal 2" in html


def test_hidden_recovery_counter_is_not_on_the_home(client, program):
    from mentoring import services

    mentee = mentee_with_history(program=program, days=10, email="h@example.org", goals=0)
    services.recovery_settings_update(
        membership=mentee, show_counter=False, share_with_mentor=False
    )
    _count, html = home_queries(client, mentee)
    assert "days in recovery" not in html
