"""Meetings: propose, answer, cancel, log with action items, reflect; the bad-input cases of
issue 5 and the access matrix (other pair, former mentor, coordinator, outsider)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from matching import services as matching_services
from matching.models import Pairing
from mentoring import services
from mentoring.models import ActionItem, Meeting
from tests.factories import MeetingFactory, PairingFactory, local_slot

NARRATIVE = "Talked through the job fair plan; Jordan chose two stands to visit."


# BUILDERS


def slot_data(starts_at: datetime, membership, **extra) -> dict:
    local = starts_at.astimezone(ZoneInfo(membership.user.profile.time_zone))
    data = {
        "date": local.date().isoformat(),
        "start_time": local.strftime("%H:%M"),
        "duration": "60",
        "format": "video",
        "location": "https://meet.example.org/harbor",
    }
    data.update(extra)
    return data


def other_time_data(starts_at: datetime, membership) -> dict:
    return {f"other-{key}": value for key, value in slot_data(starts_at, membership).items()}


def log_data(start: datetime, end: datetime, membership, *, steps=(), **extra) -> dict:
    zone = ZoneInfo(membership.user.profile.time_zone)
    data = {
        "outcome": "held",
        "date": start.astimezone(zone).date().isoformat(),
        "start_time": start.astimezone(zone).strftime("%H:%M"),
        "end_time": end.astimezone(zone).strftime("%H:%M"),
        "setting": "in_person",
        "contact_type": "career",
        "topics": "job search, housing",
        "narrative": NARRATIVE,
        "next-TOTAL_FORMS": "3",
        "next-INITIAL_FORMS": "0",
        "next-MIN_NUM_FORMS": "0",
        "next-MAX_NUM_FORMS": "3",
    }
    for index, (title, assignee, due) in enumerate(steps):
        data[f"next-{index}-title"] = title
        data[f"next-{index}-assignee"] = assignee
        data[f"next-{index}-due_date"] = due
    data.update(extra)
    return data


def url(name, membership, *args):
    return reverse(f"meetings:{name}", args=[membership.program.slug, *args])


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


@pytest.fixture
def past_meeting(pairing, mentor):
    start = local_slot(mentor, days=-2)
    return MeetingFactory(pairing=pairing, starts_at=start)


# SERVICES


def test_propose_then_confirm_by_the_other_person(pairing, mentee, mentor):
    meeting, overlaps = services.meeting_propose(
        pairing=pairing, by=mentee.user, starts_at=local_slot(mentee, days=3), agenda="Plans"
    )
    assert overlaps == []
    assert meeting.status == Meeting.Status.PROPOSED and meeting.awaiting == mentor.user
    with pytest.raises(ValidationError):
        services.meeting_confirm(meeting=meeting, by=mentee.user)  # the proposer can't
    meeting = services.meeting_confirm(meeting=meeting, by=mentor.user)
    assert meeting.status == Meeting.Status.CONFIRMED and meeting.awaiting is None


def test_propose_other_time_then_the_first_person_confirms(pairing, mentee, mentor):
    meeting, _ = services.meeting_propose(
        pairing=pairing, by=mentee.user, starts_at=local_slot(mentee, days=3)
    )
    later = local_slot(mentor, days=4, at=time(15, 30))
    meeting, _ = services.meeting_propose_other_time(
        meeting=meeting, by=mentor.user, starts_at=later
    )
    assert meeting.awaiting == mentee.user and meeting.starts_at == later
    meeting = services.meeting_confirm(meeting=meeting, by=mentee.user)
    assert meeting.status == Meeting.Status.CONFIRMED and meeting.starts_at == later


def test_cancel_needs_a_reason(pairing, mentee):
    meeting = MeetingFactory(pairing=pairing)
    with pytest.raises(ValidationError):
        services.meeting_cancel(meeting=meeting, by=mentee.user, reason="  ")
    meeting = services.meeting_cancel(meeting=meeting, by=mentee.user, reason="Job interview")
    assert meeting.status == Meeting.Status.CANCELLED and meeting.cancel_reason == "Job interview"


def test_log_with_action_items_for_mentee_and_mentor(past_meeting, mentee, mentor):
    start = past_meeting.starts_at
    meeting = services.meeting_log(
        by=mentor.user,
        meeting=past_meeting,
        outcome="held",
        actual_start=start,
        actual_end=start + timedelta(minutes=50),
        setting="in_person",
        contact_type="career",
        topics=["Job search", "job search", "housing"],
        narrative=NARRATIVE,
        action_items=[
            {"title": "Update the CV", "assignee": "mentee", "due_date": None},
            {"title": "Send the job fair link", "assignee": "mentor", "due_date": None},
        ],
    )
    assert meeting.status == Meeting.Status.HELD and meeting.topics == ["job search", "housing"]
    items = {item.title: item.assignee for item in ActionItem.objects.filter(meeting=meeting)}
    assert items == {"Update the CV": mentee, "Send the job fair link": mentor}


def test_only_the_mentee_reflects_and_only_on_a_held_meeting(past_meeting, mentee, mentor):
    with pytest.raises(ValidationError):
        services.meeting_reflect(meeting=past_meeting, by=mentee.user, text="Good")  # not held
    services.meeting_log(
        by=mentor.user,
        meeting=past_meeting,
        outcome="held",
        actual_start=past_meeting.starts_at,
        actual_end=past_meeting.starts_at + timedelta(hours=1),
        setting="phone",
        contact_type="check_in",
        narrative=NARRATIVE,
    )
    with pytest.raises(ValidationError):
        services.meeting_reflect(meeting=past_meeting, by=mentor.user, text="Mine")
    meeting = services.meeting_reflect(meeting=past_meeting, by=mentee.user, text="It helped.")
    assert meeting.mentee_reflection == "It helped."


def test_service_refuses_an_action_item_for_someone_outside_the_pairing(
    pairing, mentor, other_mentee
):
    with pytest.raises(ValidationError):
        services.action_item_add(
            pairing=pairing, by=mentor.user, title="Call me", assignee=other_mentee
        )
    assert not ActionItem.objects.exists()


# VIEWS: THE FLOWS


def test_propose_then_confirm_through_the_pages(login, pairing, mentee, mentor):
    client = login(mentor)
    starts_at = local_slot(mentor, days=3)
    response = client.post(
        url("new", mentor),
        {"pairing": pairing.pk, "agenda": "Job fair", **slot_data(starts_at, mentor)},
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == url("detail", mentor, meeting.pk)
    assert meeting.starts_at == starts_at and meeting.awaiting == mentee.user

    client = login(mentee)
    page = client.get(url("index", mentee)).content.decode()
    assert "Marcus proposed this time. Your answer:" in page and "Confirm" in page
    response = client.post(url("confirm", mentee, meeting.pk))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONFIRMED


def test_other_time_then_the_first_person_confirms_through_the_pages(
    login, pairing, mentee, mentor
):
    client = login(mentee)
    client.post(url("new", mentee), slot_data(local_slot(mentee, days=3), mentee))
    meeting = Meeting.objects.get()
    assert meeting.proposed_by == mentee.user

    client = login(mentor)
    later = local_slot(mentor, days=5, at=time(16, 0))
    response = client.post(url("other_time", mentor, meeting.pk), other_time_data(later, mentor))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.starts_at == later and meeting.awaiting == mentee.user

    client = login(mentee)
    assert "Your answer" in client.get(url("detail", mentee, meeting.pk)).content.decode()
    client.post(url("confirm", mentee, meeting.pk))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONFIRMED and meeting.starts_at == later


def test_cancel_with_a_reason_through_the_page(login, pairing, mentee):
    meeting = MeetingFactory(pairing=pairing)
    client = login(mentee)
    response = client.post(url("cancel", mentee, meeting.pk), {"cancel-reason": ""})
    assert response.status_code == 400
    assert "Say briefly why" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONFIRMED
    client.post(url("cancel", mentee, meeting.pk), {"cancel-reason": "Job interview that day"})
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    page = login(pairing.mentor).get(url("detail", pairing.mentor, meeting.pk)).content.decode()
    assert "Job interview that day" in page


def test_log_with_two_action_items_then_the_mentee_checks_hers_off(
    login, past_meeting, mentee, mentor
):
    client = login(mentor)
    start = past_meeting.starts_at
    due = (timezone.now() + timedelta(days=7)).date().isoformat()
    response = client.post(
        url("log", mentor, past_meeting.pk),
        log_data(
            start,
            start + timedelta(minutes=45),
            mentor,
            steps=[("Update the CV", "mentee", due), ("Send the job fair link", "mentor", "")],
        ),
    )
    assert response.status_code == 302
    past_meeting.refresh_from_db()
    assert past_meeting.status == Meeting.Status.HELD
    assert past_meeting.actual_end - past_meeting.actual_start == timedelta(minutes=45)
    assert past_meeting.topics == ["job search", "housing"]
    items = {item.title: item for item in ActionItem.objects.all()}  # titles are encrypted
    cv = items["Update the CV"]
    assert cv.assignee == mentee and cv.due_date.isoformat() == due
    assert items["Send the job fair link"].assignee == mentor

    client = login(mentee)
    detail = client.get(url("detail", mentee, past_meeting.pk)).content.decode()
    assert NARRATIVE in detail and "Update the CV" in detail and "My reflection" in detail
    index = client.get(url("index", mentee)).content.decode()
    assert "My next steps" in index and "Update the CV" in index
    # htmx: the fragment comes back without the item.
    response = client.post(
        url("action_item_done", mentee, cv.pk), {"next": "/elsewhere/"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="action-items"' in html and "is done" in html and "<html" not in html
    cv.refresh_from_db()
    assert cv.done_at is not None


def test_action_item_done_without_htmx_redirects_to_a_safe_next(login, pairing, mentee, mentor):
    item = services.action_item_add(pairing=pairing, by=mentor.user, title="Walk", assignee=mentee)
    client = login(mentee)
    home = reverse("program_home", args=[mentee.program.slug])
    response = client.post(
        url("action_item_done", mentee, item.pk), {"next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response.url == home
    item2 = services.action_item_add(pairing=pairing, by=mentor.user, title="Call", assignee=mentee)
    response = client.post(
        url("action_item_done", mentee, item2.pk), {"next": url("index", mentee)}
    )
    assert response.url == url("index", mentee)
    # The mentor can't check off the mentee's item.
    item3 = services.action_item_add(pairing=pairing, by=mentor.user, title="Read", assignee=mentee)
    assert login(mentor).post(url("action_item_done", mentor, item3.pk)).status_code == 404
    item3.refresh_from_db()
    assert item3.done_at is None


def test_reflection_through_the_page(login, past_meeting, mentee, mentor):
    services.meeting_log(
        by=mentor.user,
        meeting=past_meeting,
        outcome="held",
        actual_start=past_meeting.starts_at,
        actual_end=past_meeting.starts_at + timedelta(hours=1),
        setting="video",
        contact_type="check_in",
        narrative=NARRATIVE,
    )
    client = login(mentee)
    response = client.post(url("reflect", mentee, past_meeting.pk), {"reflection-text": ""})
    assert response.status_code == 400
    client.post(url("reflect", mentee, past_meeting.pk), {"reflection-text": "I felt heard."})
    past_meeting.refresh_from_db()
    assert past_meeting.mentee_reflection == "I felt heard."
    page = login(mentor).get(url("detail", mentor, past_meeting.pk)).content.decode()
    assert "I felt heard." in page
    # The mentor can't write the mentee's reflection.
    assert login(mentor).post(url("reflect", mentor, past_meeting.pk)).status_code == 403


def test_each_person_sees_the_meeting_in_their_own_time_zone(login, pairing, mentee, mentor):
    mentee.user.profile.time_zone = "America/Los_Angeles"
    mentee.user.profile.save()
    mentor.user.profile.time_zone = "Europe/Berlin"
    mentor.user.profile.save()
    starts_at = local_slot(mentor, days=3, at=time(18, 0))
    meeting = MeetingFactory(pairing=pairing, starts_at=starts_at)
    mentor_page = login(mentor).get(url("detail", mentor, meeting.pk)).content.decode()
    assert "18:00" in mentor_page and "Europe/Berlin" in mentor_page
    la = starts_at.astimezone(ZoneInfo("America/Los_Angeles")).strftime("%H:%M")
    mentee_page = login(mentee).get(url("detail", mentee, meeting.pk)).content.decode()
    assert la in mentee_page and "America/Los_Angeles" in mentee_page


def test_upcoming_meetings_fragment_renders_in_the_viewers_zone(rf, pairing, mentee, mentor):
    from django.template.loader import render_to_string

    from mentoring.selectors.meetings import upcoming_meetings

    mentee.user.profile.time_zone = "Asia/Tokyo"
    mentee.user.profile.save()
    meeting, _ = services.meeting_propose(
        pairing=pairing, by=mentor.user, starts_at=local_slot(mentee, days=2, at=time(9, 15))
    )
    request = rf.get("/")
    request.user = mentee.user
    html = render_to_string(
        "mentoring/_upcoming_meetings.html",
        {
            "upcoming_meetings": upcoming_meetings(membership=mentee),
            "program": mentee.program,
        },
        request=request,
    )
    assert "09:15" in html and "Waiting for your answer" in html and "with Marcus" in html
    assert url("detail", mentee, meeting.pk) in html


def test_labels_on_the_meeting_forms(login, pairing, past_meeting, mentor):
    client = login(mentor)
    new_page = client.get(url("new", mentor)).content.decode()
    for label in ("Date", "Start time", "Duration", "Format", "Agenda", "Place or link"):
        assert f">{label}" in new_page, label
    assert "America/New_York" in new_page  # the time zone in the help text
    log_page = client.get(url("log", mentor, past_meeting.pk)).content.decode()
    for label in ("Date", "Start time", "End time", "Narrative", "Next step", "Action item"):
        assert f">{label}" in log_page, label
    assert ">Due date" in log_page
    assert "No diagnoses." in log_page


# BAD INPUT


def test_a_meeting_in_the_past_is_refused_when_proposing(login, pairing, mentor):
    client = login(mentor)
    yesterday = local_slot(mentor, days=-1)
    response = client.post(
        url("new", mentor), {"pairing": pairing.pk, **slot_data(yesterday, mentor)}
    )
    assert response.status_code == 400
    assert "Choose a time in the future" in response.content.decode()
    assert "Nothing was saved" in messages_of(response)
    assert not Meeting.objects.exists()
    with pytest.raises(ValidationError):
        services.meeting_propose(pairing=pairing, by=mentor.user, starts_at=yesterday)


def test_end_before_start_is_refused_when_logging(login, past_meeting, mentor):
    start = past_meeting.starts_at
    response = login(mentor).post(
        url("log", mentor, past_meeting.pk),
        log_data(start, start - timedelta(minutes=30), mentor, steps=[("CV", "mentee", "")]),
    )
    assert response.status_code == 400
    assert "The end must be after the start." in response.content.decode()
    past_meeting.refresh_from_db()
    assert past_meeting.logged_at is None and not ActionItem.objects.exists()


def test_overlapping_meetings_for_the_mentor_warn_and_are_saved(
    login, pairing, mentee, mentor, other_mentee
):
    second = PairingFactory(mentee=other_mentee, mentor=mentor)
    starts_at = local_slot(mentor, days=3)
    MeetingFactory(pairing=second, starts_at=starts_at + timedelta(minutes=30))
    client = login(mentor)
    response = client.post(
        url("new", mentor), {"pairing": pairing.pk, **slot_data(starts_at, mentor)}, follow=True
    )
    assert Meeting.objects.filter(pairing=pairing).count() == 1
    warning = messages_of(response)
    assert "overlaps with your meeting with Priya" in warning
    # The mentee is warned too, without being told who the mentor meets.
    client = login(mentee)
    response = client.post(
        url("new", mentee), slot_data(starts_at + timedelta(minutes=15), mentee), follow=True
    )
    assert Meeting.objects.filter(pairing=pairing).count() == 2
    warning = messages_of(response)
    assert "Your mentor already has another meeting" in warning and "Priya" not in warning


def test_logging_an_ended_pairing_is_allowed_for_14_days_then_refused(
    login, pairing, past_meeting, mentor, coordinator
):
    matching_services.pairing_end(pairing=pairing, by=coordinator, reason="Moved away")
    client = login(mentor)
    start = past_meeting.starts_at
    assert client.get(url("log", mentor, past_meeting.pk)).status_code == 200
    index = client.get(url("index", mentor)).content.decode()
    assert "Still to document" in index
    response = client.post(
        url("log", mentor, past_meeting.pk), log_data(start, start + timedelta(hours=1), mentor)
    )
    assert response.status_code == 302
    past_meeting.refresh_from_db()
    assert past_meeting.status == Meeting.Status.HELD

    Pairing.objects.filter(pk=pairing.pk).update(closed_at=timezone.now() - timedelta(days=15))
    assert client.get(url("log", mentor, past_meeting.pk)).status_code == 404
    assert client.get(url("log_new", mentor, pairing.pk)).status_code == 404
    response = client.post(
        url("log_new", mentor, pairing.pk), log_data(start, start + timedelta(hours=1), mentor)
    )
    assert response.status_code == 404
    assert Meeting.objects.count() == 1
    pairing.refresh_from_db()
    with pytest.raises(ValidationError, match="can no longer be logged"):
        services.meeting_log(
            by=mentor.user,
            pairing=pairing,
            outcome="missed",
            actual_start=start,
        )


def test_log_a_contact_that_was_never_scheduled(login, pairing, mentor):
    start = local_slot(mentor, days=-1, at=time(13, 0))
    response = login(mentor).post(
        url("log_new", mentor, pairing.pk), log_data(start, start + timedelta(minutes=20), mentor)
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.status == Meeting.Status.HELD and meeting.actual_start == start


def test_a_former_mentor_gets_404_on_meeting_pages(login, pairing, mentor, coordinator):
    meeting = MeetingFactory(pairing=pairing)
    matching_services.pairing_end(pairing=pairing, by=coordinator, reason="Ended")
    client = login(mentor)
    assert client.get(url("detail", mentor, meeting.pk)).status_code == 404
    assert client.get(url("ics", mentor, meeting.pk)).status_code == 404
    assert client.post(url("confirm", mentor, meeting.pk)).status_code == 404
    assert client.post(url("cancel", mentor, meeting.pk), {"cancel-reason": "x"}).status_code == 404
    assert client.get(url("new", mentor)).status_code == 200  # nobody to propose to
    assert client.post(url("new", mentor), {"pairing": pairing.pk}).status_code == 404
    index = client.get(url("index", mentor))
    assert index.status_code == 200
    assert url("detail", mentor, meeting.pk) not in index.content.decode()


def test_an_action_item_for_someone_outside_the_pairing_is_refused(
    login, past_meeting, mentor, other_mentee
):
    start = past_meeting.starts_at
    for tampered in (str(other_mentee.pk), "coordinator"):
        response = login(mentor).post(
            url("log", mentor, past_meeting.pk),
            log_data(start, start + timedelta(hours=1), mentor, steps=[("Call", tampered, "")]),
        )
        assert response.status_code == 400
        assert "for the mentee or the mentor of this pairing" in response.content.decode()
        assert "Nothing was saved" in messages_of(response)
    past_meeting.refresh_from_db()
    assert past_meeting.logged_at is None and not ActionItem.objects.exists()


def test_a_tampered_pairing_id_when_proposing_is_404(login, pairing, other_pairing, mentor):
    data = {"pairing": other_pairing.pk, **slot_data(local_slot(mentor, days=2), mentor)}
    assert login(mentor).post(url("new", mentor), data).status_code == 404
    data["pairing"] = "abc"
    assert login(mentor).post(url("new", mentor), data).status_code == 404
    assert not Meeting.objects.exists()


# ACCESS MATRIX


def _meeting_urls(membership, meeting, pairing):
    return [
        ("get", url("detail", membership, meeting.pk)),
        ("get", url("ics", membership, meeting.pk)),
        ("post", url("confirm", membership, meeting.pk)),
        ("post", url("other_time", membership, meeting.pk)),
        ("post", url("cancel", membership, meeting.pk)),
    ]


def test_the_mentor_of_another_pair_gets_404(login, pairing, other_mentor, other_pairing):
    meeting = MeetingFactory(pairing=pairing, starts_at=local_slot(pairing.mentor, days=-1))
    client = login(other_mentor)
    for method, target in _meeting_urls(other_mentor, meeting, pairing):
        assert getattr(client, method)(target).status_code == 404, target
    assert client.get(url("log", other_mentor, meeting.pk)).status_code == 404
    assert client.get(url("log_new", other_mentor, pairing.pk)).status_code == 404
    item = services.action_item_add(
        pairing=pairing, by=pairing.mentor.user, title="x", assignee=pairing.mentee
    )
    assert client.post(url("action_item_done", other_mentor, item.pk)).status_code == 404
    assert "x" not in [i.title for i in ActionItem.objects.filter(done_at__isnull=False)]


def test_another_mentee_gets_404(login, pairing, other_mentee, other_pairing):
    meeting = MeetingFactory(pairing=pairing)
    client = login(other_mentee)
    for method, target in _meeting_urls(other_mentee, meeting, pairing):
        assert getattr(client, method)(target).status_code == 404, target


def test_an_outsider_gets_404(login, pairing, outsider, program):
    meeting = MeetingFactory(pairing=pairing)
    client = login(outsider)
    for method, target in _meeting_urls(pairing.mentee, meeting, pairing):
        assert getattr(client, method)(target).status_code == 404, target
    for name in ("index", "new", "calendar"):
        assert client.get(url(name, pairing.mentee)).status_code == 404


def test_the_coordinator_gets_403_and_never_sees_the_narrative(
    login, past_meeting, mentor, coordinator
):
    services.meeting_log(
        by=mentor.user,
        meeting=past_meeting,
        outcome="held",
        actual_start=past_meeting.starts_at,
        actual_end=past_meeting.starts_at + timedelta(hours=1),
        setting="in_person",
        contact_type="career",
        narrative=NARRATIVE,
    )
    client = login(coordinator)
    pairing = past_meeting.pairing
    targets = [
        *_meeting_urls(coordinator, past_meeting, pairing),
        ("get", url("index", coordinator)),
        ("get", url("new", coordinator)),
        ("get", url("calendar", coordinator)),
        ("get", url("log", coordinator, past_meeting.pk)),
        ("get", url("log_new", coordinator, pairing.pk)),
        ("post", url("reflect", coordinator, past_meeting.pk)),
    ]
    for method, target in targets:
        response = getattr(client, method)(target)
        assert response.status_code == 403, target
        assert NARRATIVE not in response.content.decode()
    home = client.get(reverse("program_home", args=[coordinator.program.slug]))
    assert home.status_code == 200 and NARRATIVE not in home.content.decode()
    feed = services.calendar_feed_regenerate(user=coordinator.user)
    body = client.get(reverse("feed:ics", args=[feed.token])).content.decode()
    assert NARRATIVE not in body


def test_the_mentee_cannot_log(login, past_meeting, mentee):
    client = login(mentee)
    assert client.get(url("log", mentee, past_meeting.pk)).status_code == 403
    assert client.get(url("log_new", mentee, past_meeting.pairing_id)).status_code == 403


def test_ending_a_pairing_cancels_its_planned_meetings(coordinator, mentor, pairing):
    now = timezone.now()
    meeting, _overlaps = services.meeting_propose(
        pairing=pairing, by=mentor.user, starts_at=now + timedelta(days=2)
    )
    matching_services.pairing_end(pairing=pairing, by=coordinator, reason="Moving away")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert meeting.sequence == 1
    assert meeting.cancel_reason == "The pairing ended."
