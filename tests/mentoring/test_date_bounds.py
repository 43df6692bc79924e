"""Dates a person enters stay within named windows around today (accounts/dates.py): forms show
a clear error and services refuse, nothing is written, never a 500 — including dates whose
conversion to UTC overflows (9999-12-31 20:00 in Chicago, 0001-01-01 00:30 in Tokyo)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.dates import local_datetime
from mentoring import services
from mentoring.models import ActionItem, CheckIn, Event, Goal, Meeting, RecoveryPeriod

pytestmark = pytest.mark.django_db

WINDOW_ERROR = "Choose a date between"


def set_zone(membership, zone: str) -> None:
    membership.user.profile.time_zone = zone
    membership.user.profile.save()


def page_text(response) -> str:
    return response.content.decode()


# FORMS, THROUGH THE PAGES


@pytest.mark.parametrize(
    ("day", "at", "zone"),
    [
        ("9999-12-31", "20:00", "America/Chicago"),
        ("9999-12-31", "23:30", "UTC"),
        ("0001-01-01", "00:30", "Asia/Tokyo"),
        ((date.today() + timedelta(days=6 * 365)).isoformat(), "10:00", "UTC"),
    ],
)
def test_proposing_a_meeting_far_away_is_a_form_error(login, pairing, mentor, day, at, zone):
    set_zone(mentor, zone)
    response = login(mentor).post(
        reverse("meetings:new", args=[mentor.program.slug]),
        {
            "pairing": pairing.pk,
            "date": day,
            "start_time": at,
            "duration": "60",
            "format": "in_person",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["date"]
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("day", "zone"), [("0001-01-01", "Asia/Tokyo"), ("9999-12-31", "America/Chicago")]
)
def test_logging_a_meeting_far_away_is_a_form_error(login, pairing, mentor, day, zone):
    set_zone(mentor, zone)
    response = login(mentor).post(
        reverse("meetings:log_new", args=[mentor.program.slug, pairing.pk]),
        {
            "outcome": "held",
            "date": day,
            "start_time": "00:30",
            "end_time": "01:30",
            "setting": "in_person",
            "contact_type": "career",
            "narrative": "Walked to the library together.",
            "next-TOTAL_FORMS": "3",
            "next-INITIAL_FORMS": "0",
            "next-MIN_NUM_FORMS": "0",
            "next-MAX_NUM_FORMS": "3",
        },
    )
    assert response.status_code in (200, 400)
    assert WINDOW_ERROR in page_text(response) or "can't be used" in page_text(response)
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("zone", ["UTC", "America/Chicago", "Pacific/Kiritimati"])
def test_an_event_on_the_last_day_of_9999_is_a_form_error(login, coordinator, zone):
    set_zone(coordinator, zone)
    response = login(coordinator).post(
        reverse("events:new", kwargs={"program_slug": coordinator.program.slug}),
        {
            "title": "Resume workshop",
            "kind": "workshop",
            "date": "9999-12-31",
            "start_time": "23:30",
            "duration": "120",
        },
    )
    assert response.status_code in (200, 400)
    assert WINDOW_ERROR in page_text(response)
    assert not Event.objects.exists()


@pytest.mark.parametrize("started_on", ["1899-12-31", "0001-01-01", "9999-12-31"])
def test_a_recovery_start_out_of_range_is_a_form_error(login, mentee, started_on):
    response = login(mentee).post(
        reverse("recovery:start", args=[mentee.program.slug]), {"started_on": started_on}
    )
    assert response.status_code in (200, 400)
    text = page_text(response)
    assert WINDOW_ERROR in text or "can&#x27;t be in the future" in text
    assert not RecoveryPeriod.objects.exists()


def test_a_goal_target_beyond_ten_years_is_a_form_error(login, mentee):
    client = login(mentee)
    page = client.get(reverse("goals:new", args=[mentee.program.slug]))
    token = re.search(r'name="form_token" value="([0-9a-f]+)"', page_text(page)).group(1)
    response = client.post(
        reverse("goals:new", args=[mentee.program.slug]),
        {
            "form_token": token,
            "title": "Finish the course",
            "category": "education",
            "target_date": "9999-12-31",
            "milestone_1": "Enrol",
            "milestone_1_due": "9999-12-30",
        },
    )
    assert response.status_code in (200, 400)
    assert WINDOW_ERROR in page_text(response)
    assert not Goal.objects.exists()


# SERVICES (the rule that protects the data, whatever the caller)


def test_services_refuse_planned_times_beyond_five_years(pairing, mentor, coordinator):
    far = timezone.now() + timedelta(days=6 * 365)
    with pytest.raises(ValidationError) as exc:
        services.meeting_propose(pairing=pairing, by=mentor.user, starts_at=far)
    assert WINDOW_ERROR in exc.value.message_dict["starts_at"][0]
    with pytest.raises(ValidationError) as exc:
        services.event_create(by=coordinator, title="Picnic", kind="social", starts_at=far)
    assert WINDOW_ERROR in exc.value.message_dict["starts_at"][0]
    assert not Meeting.objects.exists() and not Event.objects.exists()


def test_service_refuses_a_log_years_back(pairing, mentor):
    start = timezone.now() - timedelta(days=6 * 365)
    with pytest.raises(ValidationError) as exc:
        services.meeting_log(
            pairing=pairing,
            by=mentor.user,
            outcome="held",
            actual_start=start,
            actual_end=start + timedelta(hours=1),
            setting="in_person",
            contact_type="career",
            narrative="Walked to the library together.",
        )
    assert WINDOW_ERROR in exc.value.message_dict["actual_start"][0]
    assert not Meeting.objects.exists()


def test_services_refuse_recovery_goal_and_due_dates_out_of_range(pairing, mentee, mentor):
    with pytest.raises(ValidationError) as exc:
        services.recovery_start(membership=mentee, started_on=date(1899, 12, 31))
    assert WINDOW_ERROR in exc.value.message_dict["started_on"][0]
    with pytest.raises(ValidationError) as exc:
        services.goal_create(
            membership=mentee,
            title="Finish the course",
            category="education",
            target_date=date.today() + timedelta(days=11 * 365),
        )
    assert WINDOW_ERROR in exc.value.message_dict["target_date"][0]
    with pytest.raises(ValidationError):
        services.action_item_add(
            pairing=pairing,
            by=mentor.user,
            title="Call the clinic",
            assignee=mentee,
            due_date=date(9999, 12, 31),
        )
    assert not RecoveryPeriod.objects.exists() and not Goal.objects.exists()
    assert not ActionItem.objects.exists()


def test_service_refuses_a_checkin_for_year_one(mentee):
    with pytest.raises(ValidationError) as exc:
        services.checkin_record(membership=mentee, mood=3, craving=2, day=date(1, 1, 1))
    assert WINDOW_ERROR in exc.value.message_dict["date"][0]
    assert not CheckIn.objects.exists()


def test_dates_inside_the_windows_are_accepted(pairing, mentee, mentor):
    soon = timezone.now() + timedelta(days=4 * 365)
    meeting, _ = services.meeting_propose(pairing=pairing, by=mentor.user, starts_at=soon)
    assert meeting.pk
    assert services.recovery_start(membership=mentee, started_on=date(1900, 1, 1)).pk


def test_local_datetime_refuses_what_overflows_and_keeps_the_rest():
    with pytest.raises(ValidationError):
        local_datetime(date(9999, 12, 31), time(20, 0), "America/Chicago")
    with pytest.raises(ValidationError):
        local_datetime(date(1, 1, 1), time(0, 30), "Asia/Tokyo")
    value = local_datetime(date(2027, 3, 14), time(14, 30, 59), "America/Chicago")
    assert value.isoformat() == "2027-03-14T14:30:00-05:00"
    assert isinstance(value, datetime)
