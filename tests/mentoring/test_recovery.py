"""Recovery time: the optional start date, the counter and its milestones, the choice to hide
it, and a return to use that keeps the history and tells nobody unless the person asks."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from matching.models import Pairing
from mentoring import services
from mentoring.models import RecoveryPeriod, RecoverySettings
from mentoring.selectors.recovery import recovery_summary
from tests.factories import PairingFactory

pytestmark = pytest.mark.django_db

FORBIDDEN_IN_EMAIL = ["use", "relapse", "recovery", "sober", "clean"]


def url(name, program):
    return reverse(f"recovery:{name}", args=[program.slug])


def days_ago(membership, days):
    return services.local_today(membership) - timedelta(days=days)


def counter(membership, program) -> str:
    return render_to_string(
        "mentoring/_recovery_counter.html",
        {"recovery": recovery_summary(membership=membership), "program": program},
    )


# START DATE


def test_start_date_is_optional_and_labelled(login, mentee, program):
    html = login(mentee).get(url("index", program)).content.decode()
    assert '<label for="id_started_on">Recovery start date:</label>' in html
    assert "This is optional." in html
    assert "Log a return to use" not in html  # nothing to end yet


def test_set_start_date_shows_the_counter(login, mentee, program):
    client = login(mentee)
    response = client.post(
        url("start", program), {"started_on": days_ago(mentee, 12).isoformat()}, follow=True
    )
    html = response.content.decode()
    assert "Your recovery start date is saved." in html
    assert '<span class="stat">12</span> days in recovery' in html
    assert RecoveryPeriod.objects.get(membership=mentee).started_on == days_ago(mentee, 12)


def test_start_date_in_the_future_is_refused(login, mentee, program):
    tomorrow = days_ago(mentee, -1).isoformat()
    response = login(mentee).post(url("start", program), {"started_on": tomorrow})
    assert response.status_code == 200
    assert "The start date can&#x27;t be in the future." in response.content.decode()
    assert not RecoveryPeriod.objects.exists()


def test_garbage_start_date_is_refused(login, mentee, program):
    response = login(mentee).post(url("start", program), {"started_on": "yesterday-ish"})
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()
    assert not RecoveryPeriod.objects.exists()


def test_correcting_the_start_date_keeps_one_current_period(login, mentee, program):
    services.recovery_start(membership=mentee, started_on=days_ago(mentee, 5))
    client = login(mentee)
    assert "Correct my start date" in client.get(url("index", program)).content.decode()
    client.post(url("start", program), {"started_on": days_ago(mentee, 40).isoformat()})
    period = RecoveryPeriod.objects.get(membership=mentee)
    assert period.started_on == days_ago(mentee, 40)
    assert period.ended_on is None


def test_start_date_cannot_move_before_the_last_return_to_use(login, mentee, program):
    services.recovery_start(membership=mentee, started_on=days_ago(mentee, 50))
    services.recovery_return_to_use(membership=mentee, on=days_ago(mentee, 10))
    response = login(mentee).post(
        url("start", program), {"started_on": days_ago(mentee, 20).isoformat()}
    )
    assert "before your last period ended" in response.content.decode()
    assert RecoveryPeriod.objects.get(ended_on__isnull=True).started_on == days_ago(mentee, 10)


# RETURN TO USE


def test_return_page_is_supportive_and_tell_mentor_is_unticked(login, mentee, program):
    services.recovery_start(membership=mentee, started_on=days_ago(mentee, 30))
    html = login(mentee).get(url("return", program)).content.decode()
    assert "A return to use doesn't erase your progress." in html
    assert "Your earlier time still counts." in html
    assert '<label for="id_tell_mentor">Tell my mentor</label>' in html
    assert '<label for="id_note">Private note:</label>' in html
    checkbox = html[html.index('id="id_tell_mentor"') - 80 : html.index('id="id_tell_mentor"')]
    assert "checked" not in checkbox
    assert f'value="{services.local_today(mentee).isoformat()}"' in html


def test_return_page_without_a_start_date_asks_for_one(login, mentee, program):
    html = login(mentee).get(url("return", program)).content.decode()
    assert "Set a recovery start date first." in html
    assert 'name="on"' not in html
    response = login(mentee).post(url("return", program), {"on": days_ago(mentee, 0)})
    assert "Set a recovery start date first." in response.content.decode()
    assert not RecoveryPeriod.objects.exists()


def test_return_to_use_keeps_history_longest_and_total(login, mentee, program):
    services.recovery_start(membership=mentee, started_on=days_ago(mentee, 100))
    client = login(mentee)
    response = client.post(
        url("return", program),
        {"on": days_ago(mentee, 10).isoformat(), "note": "A hard week after the move."},
        follow=True,
    )
    html = response.content.decode()
    assert "Your earlier time still counts." in html
    summary = recovery_summary(membership=mentee)
    assert summary["current_days"] == 10
    assert [(p.started_on, p.ended_on) for p in summary["earlier"]] == [
        (days_ago(mentee, 100), days_ago(mentee, 10))
    ]
    assert summary["longest_days"] == 90
    assert summary["total_days"] == 100
    assert '<span class="stat">10</span> days in recovery' in html
    assert "Longest period" in html and "90 days" in html
    assert "Total time in recovery" in html and "100 days" in html
    assert "A hard week after the move." in html  # the author sees their own note


def test_second_return_to_use_adds_to_history(mentee):
    services.recovery_start(membership=mentee, started_on=days_ago(mentee, 200))
    services.recovery_return_to_use(membership=mentee, on=days_ago(mentee, 150))  # 50 days
    services.recovery_return_to_use(membership=mentee, on=days_ago(mentee, 30))  # 120 days
    summary = recovery_summary(membership=mentee)
    assert len(summary["earlier"]) == 2
    assert summary["current_days"] == 30
    assert summary["longest_days"] == 120
    assert summary["total_days"] == 200


@pytest.mark.parametrize(
    "on_days_ago, message",
    [
        (-1, "The date can&#x27;t be in the future."),
        (31, "The date can&#x27;t be before your current start date."),
    ],
    ids=["future", "before-start"],
)
def test_return_to_use_date_rules(login, mentee, program, on_days_ago, message):
    services.recovery_start(membership=mentee, started_on=days_ago(mentee, 30))
    response = login(mentee).post(
        url("return", program), {"on": days_ago(mentee, on_days_ago).isoformat()}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    period = RecoveryPeriod.objects.get(membership=mentee)
    assert period.ended_on is None


def test_double_posted_return_to_use_changes_nothing_the_second_time(
    login, mentee, mentor, program, mailoutbox, django_capture_on_commit_callbacks
):
    PairingFactory(mentee=mentee, mentor=mentor)
    services.recovery_start(membership=mentee, started_on=days_ago(mentee, 30))
    client = login(mentee)
    data = {"on": days_ago(mentee, 2).isoformat(), "tell_mentor": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url("return", program), data).status_code == 302
        second = client.post(url("return", program), data)
    assert "You already logged a return to use on this date." in second.content.decode()
    assert RecoveryPeriod.objects.filter(membership=mentee).count() == 2
    assert len(mailoutbox) == 1


def test_return_to_use_notifies_nobody_unless_asked(
    login, mentee, mentor, coordinator, program, mailoutbox, django_capture_on_commit_callbacks
):
    PairingFactory(mentee=mentee, mentor=mentor)
    services.recovery_start(membership=mentee, started_on=days_ago(mentee, 30))
    with django_capture_on_commit_callbacks(execute=True):
        response = login(mentee).post(
            url("return", program), {"on": days_ago(mentee, 1).isoformat(), "note": "private"}
        )
    assert response.status_code == 302
    assert RecoveryPeriod.objects.filter(membership=mentee).count() == 2
    assert mailoutbox == []
    assert RecoveryPeriod.objects.get(ended_on__isnull=False).told_mentor is False


def test_tell_my_mentor_sends_one_generic_email(
    login, mentee, mentor, program, mailoutbox, django_capture_on_commit_callbacks
):
    PairingFactory(mentee=mentee, mentor=mentor)
    services.recovery_start(membership=mentee, started_on=days_ago(mentee, 30))
    with django_capture_on_commit_callbacks(execute=True):
        login(mentee).post(
            url("return", program),
            {"on": days_ago(mentee, 1).isoformat(), "note": "Slept badly", "tell_mentor": "on"},
        )
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [mentor.user.email]
    text = f"{email.subject}\n{email.body}".lower()
    for word in FORBIDDEN_IN_EMAIL:
        assert not re.search(rf"\b{word}\b", text), word
    assert "slept badly" not in text  # the private note never leaves the page
    assert "Jordan" in email.body


def test_tell_my_mentor_without_a_mentor_sends_nothing(
    login, mentee, program, mailoutbox, django_capture_on_commit_callbacks
):
    services.recovery_start(membership=mentee, started_on=days_ago(mentee, 30))
    with django_capture_on_commit_callbacks(execute=True):
        response = login(mentee).post(
            url("return", program),
            {"on": days_ago(mentee, 1).isoformat(), "tell_mentor": "on"},
            follow=True,
        )
    assert response.status_code == 200
    assert mailoutbox == []
    html = response.content.decode()
    assert "You don&#x27;t have a mentor right now, so nobody was told." in html
    ended = RecoveryPeriod.objects.get(membership=mentee, ended_on__isnull=False)
    assert ended.told_mentor is False and ended.told_pairing is None


def test_the_page_says_the_mentor_was_told(login, mentee, mentor, program):
    pairing = PairingFactory(mentee=mentee, mentor=mentor)
    services.recovery_start(membership=mentee, started_on=days_ago(mentee, 30))
    response = login(mentee).post(
        url("return", program),
        {"on": days_ago(mentee, 1).isoformat(), "tell_mentor": "on"},
        follow=True,
    )
    assert "Your mentor has been told, as you asked." in response.content.decode()
    ended = RecoveryPeriod.objects.get(membership=mentee, ended_on__isnull=False)
    assert ended.told_mentor is True and ended.told_pairing == pairing


def test_a_later_mentor_never_sees_what_was_told_to_an_earlier_one(
    login, mentee, mentor, other_mentor, program
):
    first = PairingFactory(mentee=mentee, mentor=mentor)
    services.recovery_start(membership=mentee, started_on=days_ago(mentee, 30))
    services.recovery_return_to_use(membership=mentee, on=days_ago(mentee, 1), tell_mentor=True)
    home = reverse("program_home", args=[program.slug])
    assert "Shared a return to use" in login(mentor).get(home).content.decode()
    first.status = Pairing.Status.ENDED
    first.closed_at = timezone.now()
    first.save()
    PairingFactory(mentee=mentee, mentor=other_mentor)
    html = login(other_mentor).get(home).content.decode()
    assert f'id="mentee-{mentee.pk}-name"' in html
    assert "Shared a return to use" not in html


# CHOICES AND THE COUNTER


def test_settings_are_saved(login, mentee, program):
    response = login(mentee).post(
        url("settings", program), {"share_with_mentor": "on"}, follow=True
    )
    assert "Your choices are saved." in response.content.decode()
    row = RecoverySettings.objects.get(membership=mentee)
    assert row.show_counter is False
    assert row.share_with_mentor is True
    html = response.content.decode()
    assert '<label for="id_show_counter">Show my recovery counter</label>' in html
    assert '<label for="id_share_with_mentor">Share my recovery time with my mentor</label>' in html


def test_counter_hidden_when_show_counter_is_off(login, mentee, program):
    services.recovery_start(membership=mentee, started_on=days_ago(mentee, 45))
    assert "45</span> days in recovery" in counter(mentee, program)
    services.recovery_settings_update(
        membership=mentee, show_counter=False, share_with_mentor=False
    )
    assert counter(mentee, program).strip() == ""
    html = login(mentee).get(url("index", program)).content.decode()
    assert "days in recovery" not in html
    assert "Milestone" not in html
    assert "Your recovery counter is hidden." in html


def test_counter_without_a_start_date_invites_to_set_one(mentee, program):
    html = counter(mentee, program)
    assert "Set my recovery start date" in html
    assert '<span class="stat">' not in html


@pytest.mark.parametrize(
    "days, reached, next_label, days_to_next",
    [
        (0, None, "30 days", 30),
        (1, None, "30 days", 29),
        (29, None, "30 days", 1),
        (30, "30 days", "60 days", 30),
        (95, "90 days", "6 months", 85),
        (200, "6 months", "1 year", 165),
        (365, "1 year", "2 years", 365),
        (800, "2 years", "3 years", 295),
    ],
)
def test_milestones(mentee, program, days, reached, next_label, days_to_next):
    services.recovery_start(membership=mentee, started_on=days_ago(mentee, days))
    summary = recovery_summary(membership=mentee)
    assert summary["days_to_next"] == days_to_next
    html = counter(mentee, program)
    if reached:
        assert f"Milestone reached: {reached}</span>" in html
    else:
        assert "Milestone reached" not in html
    assert f"to your next milestone: {next_label}" in html


def test_one_day_is_singular(mentee, program):
    services.recovery_start(membership=mentee, started_on=days_ago(mentee, 1))
    assert '<span class="stat">1</span> day in recovery' in counter(mentee, program)


def test_milestone_list_on_the_page(login, mentee, program):
    services.recovery_start(membership=mentee, started_on=days_ago(mentee, 400))
    html = login(mentee).get(url("index", program)).content.decode()
    section = html[html.index('id="milestones-heading"') :]
    labels = ["30 days", "60 days", "90 days", "6 months", "1 year", "2 years"]
    positions = [section.index(label) for label in labels]
    assert positions == sorted(positions)
    assert section.count(">Reached<") == 5
    assert section.count(">Next<") == 1


def test_index_query_count_does_not_grow_with_history(login, mentee, program):
    client = login(mentee)
    services.recovery_start(membership=mentee, started_on=days_ago(mentee, 700))
    services.recovery_return_to_use(membership=mentee, on=days_ago(mentee, 600))
    client.get(url("index", program))
    with CaptureQueriesContext(connection) as few:
        client.get(url("index", program))
    for days in range(590, 10, -10):
        services.recovery_return_to_use(membership=mentee, on=days_ago(mentee, days))
    with CaptureQueriesContext(connection) as many:
        client.get(url("index", program))
    assert len(many) == len(few)


# ACCESS


@pytest.mark.parametrize("name", ["index", "return"])
def test_recovery_pages_are_for_the_mentee_only(
    login, mentee, mentor, coordinator, outsider, program, name
):
    PairingFactory(mentee=mentee, mentor=mentor)
    services.recovery_start(membership=mentee, started_on=days_ago(mentee, 77))
    assert login(mentor).get(url(name, program)).status_code == 403
    assert login(coordinator).get(url(name, program)).status_code == 403
    assert login(outsider).get(url(name, program)).status_code == 404


def test_mentor_cannot_post_a_return_to_use(login, mentee, mentor, program):
    PairingFactory(mentee=mentee, mentor=mentor)
    services.recovery_start(membership=mentee, started_on=days_ago(mentee, 77))
    response = login(mentor).post(url("return", program), {"on": days_ago(mentee, 1)})
    assert response.status_code == 403
    assert RecoveryPeriod.objects.count() == 1
