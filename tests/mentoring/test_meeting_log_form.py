"""Issue 14, the contact log made short: its defaults (held, a regular check-in, the meeting's
own date, time, length and format; for a contact never planned, today and the hour that just
ended), the folded "More details" and extra next steps, which show open when they hold an
error, and saving with the defaults as they are."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.forms.meeting_logs import LogForm
from mentoring.models import ActionItem, ContactType, Meeting, MeetingFormat
from tests.factories import MeetingFactory, local_slot

MADRID = "Europe/Madrid"  # UTC+1 in January
NARRATIVE = "Talked through the week; Jordan picked the next step."


def url(name, membership, *args):
    return reverse(f"meetings:{name}", args=[membership.program.slug, *args])


def rendered_defaults(response) -> dict:
    """What the browser posts when the person saves without changing anything: each field's
    shown value, the radio buttons' checked choice, and the formset's management form."""
    data = {}
    forms = [response.context["form"], *response.context["steps"].forms]
    for form in forms:
        for field in form:
            value = field.field.widget.format_value(field.value())
            if isinstance(value, list):
                value = value[0] if value else ""
            data[field.html_name] = "" if value is None else value
    management = response.context["steps"].management_form
    for field in management:
        data[field.html_name] = field.value()
    # The one thing the person writes: a held meeting needs its narrative (the service says so).
    data["narrative"] = NARRATIVE
    return data


def more_details(html: str) -> str:
    return re.search(r'<details class="meeting-log__more"[^>]*>\s*<summary><h2>', html).group(0)


def more_steps(html: str) -> str:
    return re.findall(r'<details class="meeting-log__more"[^>]*>', html)[1]


# THE FORM'S DEFAULTS


def test_a_contact_never_planned_defaults_to_the_hour_that_just_ended():
    now = datetime(2026, 1, 15, 9, 40, tzinfo=UTC)  # 10:40 in Madrid
    initial = LogForm.initial_from(None, MADRID, now=now)
    assert initial == {
        "outcome": Meeting.Status.HELD,
        "setting": MeetingFormat.IN_PERSON,
        "contact_type": ContactType.CHECK_IN,
        "date": date(2026, 1, 15),
        "start_time": time(9, 30),
        "end_time": time(10, 30),
    }
    form = LogForm(initial=initial, zone_name=MADRID)
    assert [field.name for field in form.more_details()] == ["setting", "contact_type", "topics"]


def test_just_after_midnight_only_the_date_is_given():
    now = datetime(2026, 1, 15, 23, 20, tzinfo=UTC)  # 00:20 on the 16th in Madrid
    initial = LogForm.initial_from(None, MADRID, now=now)
    assert initial["date"] == date(2026, 1, 16)
    assert "start_time" not in initial and "end_time" not in initial


def test_a_planned_meeting_gives_its_own_date_time_length_and_format(pairing):
    starts_at = datetime(2026, 1, 12, 17, 15, tzinfo=UTC)  # 18:15 in Madrid
    meeting = MeetingFactory(
        pairing=pairing, starts_at=starts_at, duration_minutes=45, format=MeetingFormat.VIDEO
    )
    initial = LogForm.initial_from(meeting, MADRID)
    assert initial["outcome"] == Meeting.Status.HELD
    assert initial["date"] == date(2026, 1, 12)
    assert (initial["start_time"], initial["end_time"]) == (time(18, 15), time(19, 0))
    assert initial["setting"] == MeetingFormat.VIDEO
    assert initial["contact_type"] == ContactType.CHECK_IN


def test_a_logged_meeting_keeps_what_was_logged(pairing):
    meeting = MeetingFactory(
        pairing=pairing,
        starts_at=datetime(2026, 1, 12, 17, 15, tzinfo=UTC),
        status=Meeting.Status.MISSED,
        logged_at=timezone.now(),
        contact_type="",
        setting="phone",
    )
    initial = LogForm.initial_from(meeting, MADRID)
    assert initial["outcome"] == Meeting.Status.MISSED
    assert initial["contact_type"] == "" and initial["setting"] == "phone"


# THE PAGE


def test_saving_a_planned_meeting_with_the_defaults(login, pairing, mentor):
    meeting = MeetingFactory(pairing=pairing, starts_at=local_slot(mentor, days=-2))
    client = login(mentor)
    page = client.get(url("log", mentor, meeting.pk))
    html = page.content.decode()
    assert "open" not in more_details(html) and "open" not in more_steps(html)
    response = client.post(url("log", mentor, meeting.pk), rendered_defaults(page))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD and meeting.logged_at is not None
    assert meeting.actual_start == meeting.starts_at
    assert meeting.actual_end == meeting.starts_at + timedelta(minutes=meeting.duration_minutes)
    assert meeting.contact_type == ContactType.CHECK_IN and meeting.narrative == NARRATIVE
    assert not ActionItem.objects.exists()


def test_saving_a_contact_never_planned_with_the_defaults(login, pairing, mentor):
    # A zone where it is daytime now: just after midnight only the date is given.
    profile = mentor.user.profile
    profile.time_zone = next(
        zone
        for zone in ("America/New_York", "Asia/Tokyo", "Europe/London")
        if 2 <= timezone.now().astimezone(ZoneInfo(zone)).hour <= 21
    )
    profile.save(update_fields=["time_zone"])
    client = login(mentor)
    page = client.get(url("log_new", mentor, pairing.pk))
    response = client.post(url("log_new", mentor, pairing.pk), rendered_defaults(page))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.status == Meeting.Status.HELD
    assert meeting.actual_end - meeting.actual_start == timedelta(hours=1)
    assert meeting.actual_end <= timezone.now()
    assert meeting.contact_type == ContactType.CHECK_IN and meeting.setting == "in_person"


def test_an_error_in_more_details_shows_it_open_and_saves_nothing(login, pairing, mentor):
    meeting = MeetingFactory(pairing=pairing, starts_at=local_slot(mentor, days=-2))
    client = login(mentor)
    data = rendered_defaults(client.get(url("log", mentor, meeting.pk)))
    response = client.post(url("log", mentor, meeting.pk), {**data, "contact_type": "gossip"})
    assert response.status_code == 400
    html = response.content.decode()
    assert " open" in more_details(html)
    assert "Choose the type of contact." in html and "Nothing was saved." in html
    meeting.refresh_from_db()
    assert meeting.logged_at is None


@pytest.mark.parametrize(
    "step, message",
    [
        ({"next-1-title": "Call the clinic", "next-1-due_date": "someday"}, "Enter a date"),
        ({"next-2-title": "Send the CV", "next-2-assignee": "coordinator"}, "is for the mentee"),
    ],
)
def test_an_error_in_a_folded_next_step_shows_it_open(login, pairing, mentor, step, message):
    meeting = MeetingFactory(pairing=pairing, starts_at=local_slot(mentor, days=-2))
    client = login(mentor)
    data = rendered_defaults(client.get(url("log", mentor, meeting.pk)))
    response = client.post(url("log", mentor, meeting.pk), {**data, **step})
    assert response.status_code == 400
    html = response.content.decode()
    assert " open" in more_steps(html) and " open" not in more_details(html)
    assert message in html
    meeting.refresh_from_db()
    assert meeting.logged_at is None and not ActionItem.objects.exists()


def test_three_next_steps_still_save(login, pairing, mentor, mentee):
    meeting = MeetingFactory(pairing=pairing, starts_at=local_slot(mentor, days=-2))
    client = login(mentor)
    data = rendered_defaults(client.get(url("log", mentor, meeting.pk)))
    for index, title in enumerate(["One", "Two", "Three"]):
        data[f"next-{index}-title"] = title
    response = client.post(url("log", mentor, meeting.pk), data)
    assert response.status_code == 302
    assert sorted(ActionItem.objects.values_list("title", flat=True)) == ["One", "Three", "Two"]


def test_a_broken_management_form_is_a_message_not_a_500(login, pairing, mentor):
    meeting = MeetingFactory(pairing=pairing, starts_at=local_slot(mentor, days=-2))
    client = login(mentor)
    data = rendered_defaults(client.get(url("log", mentor, meeting.pk)))
    del data["next-TOTAL_FORMS"]
    response = client.post(url("log", mentor, meeting.pk), data)
    assert response.status_code == 400
    assert "Nothing was saved." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.logged_at is None
