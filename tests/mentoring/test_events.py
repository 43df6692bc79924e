"""Program events: coordinators schedule, cancel and record attendance; every member sees
what is coming, answers and downloads the .ics. Services, pages, bad input, the access
matrix, the calendar file parsed back, engagement counts and fixed query counts."""

import zoneinfo
from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.models import Membership, Role
from mentoring import services
from mentoring.models import Event, EventParticipant
from mentoring.selectors.events import engagement_counts, upcoming_events
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def schedule(coordinator, *, days=7, title="Tuesday peer support group", **kwargs) -> Event:
    return services.event_create(
        by=coordinator,
        title=title,
        kind=kwargs.pop("kind", Event.Kind.SUPPORT_GROUP),
        starts_at=kwargs.pop("starts_at", timezone.now() + timedelta(days=days)),
        **kwargs,
    )


def held(event: Event, days_ago: int = 2) -> Event:
    """Move an event into the past (the service refuses to create one there)."""
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(days=days_ago))
    event.refresh_from_db()
    return event


def url(name, program, **kwargs):
    return reverse(f"events:{name}", kwargs={"program_slug": program.slug, **kwargs})


def form_data(when: datetime, **overrides) -> dict:
    data = {
        "title": "Resume workshop",
        "kind": "workshop",
        "date": when.date().isoformat(),
        "start_time": when.strftime("%H:%M"),
        "duration": "120",
        "location": "Room 2, 14 Harbor St",
        "description": "Bring a draft if you have one.",
        "capacity": "",
    }
    data.update(overrides)
    return data


# SERVICES


def test_event_in_the_past_is_refused(coordinator):
    with pytest.raises(ValidationError) as exc:
        schedule(coordinator, starts_at=timezone.now() - timedelta(hours=1))
    assert "starts_at" in exc.value.message_dict
    assert not Event.objects.exists()


def test_only_coordinators_schedule(mentor):
    with pytest.raises(ValidationError):
        schedule(mentor)


def test_rsvp_and_change_of_mind(coordinator, mentee):
    event = schedule(coordinator)
    services.event_rsvp(event=event, membership=mentee, rsvp="maybe")
    services.event_rsvp(event=event, membership=mentee, rsvp="yes")
    participant = EventParticipant.objects.get()
    assert participant.rsvp == "yes" and participant.membership == mentee


def test_full_event_refuses_a_new_going(coordinator, mentee, other_mentee, mentor):
    event = schedule(coordinator, capacity=1)
    services.event_rsvp(event=event, membership=mentee, rsvp="yes")
    with pytest.raises(ValidationError, match="full"):
        services.event_rsvp(event=event, membership=other_mentee, rsvp="yes")
    # "Maybe" and "not going" are still possible, and the one going can answer again.
    services.event_rsvp(event=event, membership=mentor, rsvp="maybe")
    services.event_rsvp(event=event, membership=mentee, rsvp="yes")
    assert EventParticipant.objects.filter(rsvp="yes").count() == 1


def test_rsvp_to_cancelled_or_past_event_is_refused(coordinator, mentee):
    cancelled = schedule(coordinator)
    services.event_cancel(event=cancelled, by=coordinator)
    with pytest.raises(ValidationError, match="no longer open"):
        services.event_rsvp(event=cancelled, membership=mentee, rsvp="yes")
    past = held(schedule(coordinator))
    with pytest.raises(ValidationError, match="no longer open"):
        services.event_rsvp(event=past, membership=mentee, rsvp="yes")
    assert not EventParticipant.objects.exists()


def test_a_past_event_can_be_backdated_with_now(coordinator, mentee):
    """The demo's past event: scheduled and answered before it took place."""
    starts_at = timezone.now() - timedelta(days=10)
    event = schedule(coordinator, starts_at=starts_at, now=starts_at - timedelta(days=14))
    answered = starts_at - timedelta(days=3)
    services.event_rsvp(event=event, membership=mentee, rsvp="yes", now=answered)
    assert EventParticipant.objects.get().responded_at == answered
    with pytest.raises(ValidationError, match="no longer open"):
        services.event_rsvp(event=event, membership=mentee, rsvp="no", now=starts_at)
    with pytest.raises(ValidationError) as exc:
        schedule(coordinator, starts_at=starts_at, now=starts_at + timedelta(minutes=1))
    assert "starts_at" in exc.value.message_dict


def test_rsvp_from_another_program_is_refused(coordinator, outsider):
    event = schedule(coordinator)
    with pytest.raises(ValidationError):
        services.event_rsvp(event=event, membership=outsider, rsvp="yes")
    assert not EventParticipant.objects.exists()


def test_attendance_for_a_member_of_another_program_saves_nothing(coordinator, mentee, outsider):
    event = held(schedule(coordinator))
    with pytest.raises(ValidationError, match="this program"):
        services.event_record_attendance(
            event=event, by=coordinator, attended_ids={mentee.pk, outsider.pk}
        )
    assert not EventParticipant.objects.exists()


def test_engagement_counts(program, coordinator, mentee, other_mentee, mentor, outsider):
    first = held(schedule(coordinator, title="First"), days_ago=40)
    second = held(schedule(coordinator, title="Second"), days_ago=3)
    cancelled = held(schedule(coordinator, title="Cancelled"), days_ago=2)
    services.event_record_attendance(event=first, by=coordinator, attended_ids={mentee.pk})
    services.event_record_attendance(
        event=second, by=coordinator, attended_ids={mentee.pk, mentor.pk}
    )
    services.event_record_attendance(event=cancelled, by=coordinator, attended_ids={mentee.pk})
    Event.objects.filter(pk=cancelled.pk).update(cancelled_at=timezone.now())
    # Another program's attendance never counts here.
    foreign = held(schedule(outsider))
    services.event_record_attendance(event=foreign, by=outsider, attended_ids={outsider.pk})

    counts = engagement_counts(program=program)
    assert counts[mentee.pk] == 2
    assert counts[mentor.pk] == 1
    assert counts[other_mentee.pk] == 0
    assert outsider.pk not in counts
    recent = engagement_counts(program=program, since=timezone.now() - timedelta(7))
    assert recent[mentee.pk] == 1


def test_upcoming_events_carry_my_answer_and_counts(coordinator, mentee, mentor):
    soon = schedule(coordinator, days=1, capacity=2)
    later = schedule(coordinator, days=5)
    held(schedule(coordinator, title="Past"))
    services.event_rsvp(event=soon, membership=mentee, rsvp="yes")
    services.event_rsvp(event=soon, membership=mentor, rsvp="yes")
    services.event_rsvp(event=later, membership=mentor, rsvp="no")
    events = upcoming_events(membership=mentee)
    assert [e.pk for e in events] == [soon.pk, later.pk]
    assert events[0].my_rsvp == "yes" and events[0].going_count == 2 and events[0].is_full
    assert events[1].my_rsvp == "" and events[1].going_count == 0
    assert [e.my_rsvp for e in upcoming_events(membership=mentor)] == ["yes", "no"]


# CALENDAR FILE


def _parse(response) -> dict:
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert calendar.walk("VTIMEZONE")
    return vevent


def test_ics_parsed_back_uid_stable_sequence_grows_after_cancel(
    program, login, coordinator, mentee
):
    event = schedule(coordinator, title="Board games night", kind=Event.Kind.SOCIAL)
    client = login(mentee)
    before = _parse(client.get(url("ics", program, event_id=event.pk)))
    assert str(before["UID"]) == event.uid
    assert before["SUMMARY"].endswith("Board games night")
    assert before.decoded("DTSTART") == event.starts_at.replace(microsecond=0)
    assert str(before["STATUS"]) == "CONFIRMED"
    services.event_cancel(event=event, by=coordinator)
    after = _parse(client.get(url("ics", program, event_id=event.pk)))
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert str(after["STATUS"]) == "CANCELLED"


def test_ics_of_another_programs_event_is_404(program, login, mentee, outsider):
    foreign = schedule(outsider)
    assert login(mentee).get(url("ics", program, event_id=foreign.pk)).status_code == 404


# PAGES: EVERY MEMBER


@pytest.mark.parametrize("who", ["mentee", "mentor", "coordinator"])
def test_every_member_sees_upcoming_and_past_events(program, login, coordinator, who, request):
    schedule(coordinator, title="Coming support group")
    held(schedule(coordinator, title="Last month's workshop"))
    member = request.getfixturevalue(who)
    response = login(member).get(url("index", program))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Coming support group" in page and "Last month&#x27;s workshop" in page
    assert "Going" in page and "Not going" in page
    assert url("ics", program, event_id=Event.objects.first().pk) in page
    assert ("New event" in page) == (who == "coordinator")


def test_event_time_is_shown_in_the_viewers_time_zone(program, login, coordinator, mentee):
    year = timezone.now().year + 2  # events are planned at most 5 years ahead
    starts = datetime(year, 3, 3, 23, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
    schedule(coordinator, starts_at=starts)
    mentee.user.profile.time_zone = "Asia/Tokyo"
    mentee.user.profile.save()
    page = login(mentee).get(url("index", program)).content.decode()
    assert f"4 March {year}" in page and "8:30" in page  # 08:30 on the 4th in Tokyo


def test_rsvp_buttons_record_the_answer(program, login, coordinator, mentee):
    event = schedule(coordinator)
    client = login(mentee)
    response = client.post(url("rsvp", program, event_id=event.pk), {"rsvp": "maybe"}, follow=True)
    assert EventParticipant.objects.get(membership=mentee).rsvp == "maybe"
    assert "Your answer for" in response.content.decode()
    client.post(url("rsvp", program, event_id=event.pk), {"rsvp": "yes"})
    assert EventParticipant.objects.get(membership=mentee).rsvp == "yes"


def test_full_event_shows_full_and_refuses(program, login, coordinator, mentee, other_mentee):
    event = schedule(coordinator, capacity=1)
    services.event_rsvp(event=event, membership=mentee, rsvp="yes")
    client = login(other_mentee)
    page = client.get(url("index", program)).content.decode()
    assert "Full" in page
    response = client.post(url("rsvp", program, event_id=event.pk), {"rsvp": "yes"}, follow=True)
    assert "This event is full." in response.content.decode()
    assert not EventParticipant.objects.filter(membership=other_mentee, rsvp="yes").exists()


@pytest.mark.parametrize("state", ["cancelled", "past"])
def test_rsvp_page_refuses_cancelled_or_past(program, login, coordinator, mentee, state):
    event = schedule(coordinator)
    if state == "cancelled":
        services.event_cancel(event=event, by=coordinator)
    else:
        held(event)
    response = login(mentee).post(
        url("rsvp", program, event_id=event.pk), {"rsvp": "yes"}, follow=True
    )
    assert response.status_code == 200
    assert "no longer open for answers" in response.content.decode()
    assert not EventParticipant.objects.exists()


def test_rsvp_with_a_bad_answer_saves_nothing(program, login, coordinator, mentee):
    event = schedule(coordinator)
    response = login(mentee).post(
        url("rsvp", program, event_id=event.pk), {"rsvp": "absolutely"}, follow=True
    )
    assert "Choose going, maybe or not going." in response.content.decode()
    assert not EventParticipant.objects.exists()


def test_home_fragment_shows_next_three_with_my_answer(program, coordinator, mentee, rf):
    events = [schedule(coordinator, days=day, title=f"Event {day}") for day in range(1, 6)]
    services.event_rsvp(event=events[0], membership=mentee, rsvp="yes")
    upcoming = upcoming_events(membership=mentee, limit=3, include_cancelled=False)
    request = rf.get("/")
    request.user = mentee.user
    html = render_to_string(
        "mentoring/_upcoming_events.html",
        {"upcoming_events": upcoming, "program": program, "user": mentee.user},
        request=request,
    )
    assert "Event 1" in html and "Event 3" in html and "Event 4" not in html
    assert "You&#x27;re going" in html or "You're going" in html
    assert url("index", program) in html


# PAGES: COORDINATOR


def test_coordinator_creates_event_in_own_time_zone(program, login, coordinator):
    coordinator.user.profile.time_zone = "America/Los_Angeles"
    coordinator.user.profile.save()
    day = date.today() + timedelta(days=30)
    local = datetime.combine(day, time(18, 0))
    response = login(coordinator).post(url("new", program), form_data(local, capacity="12"))
    assert response.status_code == 302
    event = Event.objects.get()
    expected = local.replace(tzinfo=zoneinfo.ZoneInfo("America/Los_Angeles"))
    assert event.starts_at == expected
    assert event.duration_minutes == 120 and event.capacity == 12 and event.kind == "workshop"


def test_new_event_in_the_past_shows_a_clear_message(program, login, coordinator):
    yesterday = datetime.now() - timedelta(days=1)
    response = login(coordinator).post(url("new", program), form_data(yesterday))
    assert response.status_code == 400
    assert "Choose a time in the future." in response.content.decode()
    assert not Event.objects.exists()


def test_new_event_bad_input(program, login, coordinator):
    response = login(coordinator).post(
        url("new", program),
        form_data(datetime.now() + timedelta(days=3), title="", date="soon", capacity="0"),
    )
    assert response.status_code == 400
    assert {"title", "date", "capacity"} <= set(response.context["form"].errors)
    assert not Event.objects.exists()


def test_coordinator_cancels_an_event(program, login, coordinator, mentee):
    event = schedule(coordinator, title="Picnic")
    response = login(coordinator).post(url("cancel", program, event_id=event.pk), follow=True)
    event.refresh_from_db()
    assert event.cancelled_at is not None and event.sequence == 1
    assert "is cancelled" in response.content.decode()
    page = login(mentee).get(url("index", program)).content.decode()
    assert "Cancelled" in page


def test_attendance_page_lists_active_members_with_answers(
    program, login, coordinator, mentee, other_mentee, mentor
):
    event = schedule(coordinator)
    services.event_rsvp(event=event, membership=mentee, rsvp="yes")
    services.event_rsvp(event=event, membership=other_mentee, rsvp="no")
    MembershipFactory(program=program, role=Role.MENTEE, status=Membership.Status.LEFT)
    held(event)
    page = login(coordinator).get(url("attendance", program, event_id=event.pk)).content.decode()
    for name in ("Jordan", "Priya", "Marcus", "Dana"):
        assert name in page
    assert "Going" in page and "Not going" in page and "No answer" in page
    assert page.count('name="attended"') == 4  # the member who left is not on the list


def test_recording_attendance_counts_on_the_pages(
    program, login, coordinator, mentee, other_mentee
):
    event = schedule(coordinator, title="Support group")
    services.event_rsvp(event=event, membership=mentee, rsvp="yes")
    held(event)
    client = login(coordinator)
    response = client.post(
        url("attendance", program, event_id=event.pk),
        {"attended": [mentee.pk, other_mentee.pk]},
        follow=True,
    )
    assert "2 attended" in response.content.decode()
    attended = EventParticipant.objects.filter(event=event, attended=True)
    assert set(attended.values_list("membership_id", flat=True)) == {mentee.pk, other_mentee.pk}
    # Unticking one later corrects the record.
    client.post(url("attendance", program, event_id=event.pk), {"attended": [mentee.pk]})
    assert EventParticipant.objects.filter(event=event, attended=True).count() == 1
    page = client.get(url("attendance", program, event_id=event.pk)).content.decode()
    assert "<dd>1</dd>" in page


def test_attendance_for_another_programs_member_via_page_saves_nothing(
    program, login, coordinator, mentee, outsider
):
    event = held(schedule(coordinator))
    response = login(coordinator).post(
        url("attendance", program, event_id=event.pk),
        {"attended": [mentee.pk, outsider.pk]},
        follow=True,
    )
    assert "only be recorded for this program" in response.content.decode()
    assert not EventParticipant.objects.exists()


@pytest.mark.parametrize("value", ["abc", ""])
def test_attendance_garbage_ids_save_nothing(program, login, coordinator, mentee, value):
    event = held(schedule(coordinator))
    response = login(coordinator).post(
        url("attendance", program, event_id=event.pk), {"attended": [value]}, follow=True
    )
    assert response.status_code == 200
    assert not EventParticipant.objects.exists()


def test_attendance_not_recorded_before_the_event_starts(program, login, coordinator, mentee):
    event = schedule(coordinator)
    response = login(coordinator).post(
        url("attendance", program, event_id=event.pk), {"attended": [mentee.pk]}, follow=True
    )
    assert "once the event has started" in response.content.decode()
    assert not EventParticipant.objects.exists()


# ACCESS MATRIX


@pytest.mark.parametrize("who", ["mentee", "mentor"])
def test_coordinator_pages_are_403_for_members(program, login, coordinator, who, request):
    event = schedule(coordinator)
    client = login(request.getfixturevalue(who))
    assert client.get(url("new", program)).status_code == 403
    assert client.post(url("new", program), form_data(timezone.now())).status_code == 403
    assert client.post(url("cancel", program, event_id=event.pk)).status_code == 403
    assert client.get(url("attendance", program, event_id=event.pk)).status_code == 403
    event.refresh_from_db()
    assert event.cancelled_at is None


def test_another_programs_event_is_404_everywhere(program, login, coordinator, mentee, outsider):
    foreign = held(schedule(outsider))
    upcoming_foreign = schedule(outsider, title="Theirs")
    client = login(coordinator)
    assert client.get(url("attendance", program, event_id=foreign.pk)).status_code == 404
    assert client.post(url("cancel", program, event_id=upcoming_foreign.pk)).status_code == 404
    assert client.get(url("ics", program, event_id=foreign.pk)).status_code == 404
    response = login(mentee).post(
        url("rsvp", program, event_id=upcoming_foreign.pk), {"rsvp": "yes"}
    )
    assert response.status_code == 404
    assert "Theirs" not in login(mentee).get(url("index", program)).content.decode()
    upcoming_foreign.refresh_from_db()
    assert upcoming_foreign.cancelled_at is None
    assert not EventParticipant.objects.exists()


def test_non_member_gets_404(program, login, outsider):
    assert login(outsider).get(url("index", program)).status_code == 404


# QUERY COUNTS


def _populate(program, coordinator, size: int) -> None:
    members = [MembershipFactory(program=program, role=Role.MENTEE) for _ in range(size)]
    for number in range(size):
        event = schedule(coordinator, days=number + 1, title=f"Event {number}", capacity=50)
        for member in members:
            services.event_rsvp(event=event, membership=member, rsvp="yes")
        past = held(schedule(coordinator, title=f"Past {number}"), days_ago=number + 1)
        services.event_record_attendance(
            event=past, by=coordinator, attended_ids={m.pk for m in members}
        )


@pytest.mark.parametrize("who", ["mentee", "coordinator"])
def test_index_query_count_does_not_grow(program, login, coordinator, mentee, who, request):
    member = request.getfixturevalue(who)
    client = login(member)
    _populate(program, coordinator, 2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url("index", program)).status_code == 200
    _populate(program, coordinator, 10)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url("index", program)).status_code == 200
    assert len(small) == len(large)


def test_service_refuses_attendance_before_the_event_starts(coordinator, mentee):
    from datetime import timedelta

    import pytest
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from mentoring import services as mentoring_services
    from mentoring.models import EventParticipant

    event = mentoring_services.event_create(
        by=coordinator,
        title="Peer support group",
        kind="support_group",
        starts_at=timezone.now() + timedelta(days=1),
    )
    with pytest.raises(ValidationError, match="once the event has started"):
        mentoring_services.event_record_attendance(
            event=event, by=coordinator, attended_ids={mentee.pk}
        )
    assert not EventParticipant.objects.filter(event=event, attended=True).exists()
