"""What writes audit rows: mentors and coordinators looking at a mentee's records, the
mentoring services changing them, and exports. One INSERT per page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import Action, AuditEvent
from mentoring import services as mentoring_services
from tests.factories import CheckInFactory, GoalFactory, MeetingFactory


def _rows(**filters):
    # Signing the test client in writes a sign-in row: not what these tests look at.
    return list(
        AuditEvent.objects.filter(**filters)
        .exclude(action=Action.SIGN_IN)
        .order_by("pk")
        .values_list("action", "actor_membership_id", "subject_id", "record_type", "record_id")
    )


def _inserts(queries) -> int:
    return sum(
        1 for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "audit_auditevent"')
    )


@pytest.mark.django_db
def test_the_mentors_page_of_a_mentee_writes_one_insert(login, mentor, mentee, pairing):
    GoalFactory(membership=mentee)
    CheckInFactory(membership=mentee)
    url = reverse("mentor:detail", kwargs={"program_slug": "harbor", "mentee_id": mentee.pk})
    client = login(mentor)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, REMOTE_ADDR="192.0.2.8").status_code == 200
    assert _inserts(queries) == 1
    kinds = {row[3] for row in _rows(action=Action.VIEW, subject=mentee)}
    assert {"goal", "checkin"} <= kinds
    views = AuditEvent.objects.filter(action=Action.VIEW)
    assert set(views.values_list("ip_address", flat=True)) == {"192.0.2.8"}


@pytest.mark.django_db
def test_the_mentee_looking_at_their_own_records_writes_no_view_row(login, mentee, pairing):
    meeting = MeetingFactory(pairing=pairing)
    url = reverse("meetings:detail", kwargs={"program_slug": "harbor", "meeting_id": meeting.pk})
    assert login(mentee).get(url).status_code == 200
    assert _rows(action=Action.VIEW) == []


@pytest.mark.django_db
def test_the_mentor_opening_a_meeting_is_recorded(login, mentor, mentee, pairing):
    meeting = MeetingFactory(pairing=pairing)
    url = reverse("meetings:detail", kwargs={"program_slug": "harbor", "meeting_id": meeting.pk})
    assert login(mentor).get(url).status_code == 200
    assert _rows(action=Action.VIEW) == [(Action.VIEW, mentor.pk, mentee.pk, "meeting", meeting.pk)]


@pytest.mark.django_db
def test_a_refused_page_writes_nothing(login, other_mentor, mentee, pairing):
    url = reverse("mentor:detail", kwargs={"program_slug": "harbor", "mentee_id": mentee.pk})
    assert login(other_mentor).get(url).status_code == 404
    assert _rows() == []


@pytest.mark.django_db
def test_the_coordinators_member_page_is_a_view_of_the_members_summary(login, coordinator, mentee):
    url = reverse("members:member", kwargs={"program_slug": "harbor", "member_id": mentee.pk})
    assert login(coordinator).get(url).status_code == 200
    assert _rows() == [(Action.VIEW, coordinator.pk, mentee.pk, "member_summary", mentee.pk)]


@pytest.mark.django_db
def test_the_mentors_dashboard_records_each_mentee_shown(login, mentor, mentee, pairing):
    assert login(mentor).get(reverse("program_home", args=["harbor"])).status_code == 200
    assert _rows() == [(Action.VIEW, mentor.pk, mentee.pk, "mentee_summary", None)]


@pytest.mark.django_db
def test_services_record_changes_with_the_actor(mentee):
    goal = mentoring_services.goal_create(membership=mentee, title="Walk daily", category="health")
    mentoring_services.goal_set_status(goal=goal, status="achieved")
    entry = mentoring_services.journal_create(membership=mentee, body="private words")
    entry_id = entry.pk
    mentoring_services.journal_delete(entry=entry)
    assert _rows() == [
        (Action.CREATE, mentee.pk, mentee.pk, "goal", goal.pk),
        (Action.CHANGE, None, mentee.pk, "goal", goal.pk),
        (Action.CREATE, mentee.pk, mentee.pk, "journalentry", entry_id),
        (Action.DELETE, None, mentee.pk, "journalentry", entry_id),
    ]


@pytest.mark.django_db
def test_a_change_through_a_page_names_who_made_it(login, mentee):
    response = login(mentee).post(
        reverse("checkins:index", args=["harbor"]),
        {"mood": 4, "craving": 2, "visibility": "shared"},
        REMOTE_ADDR="192.0.2.30",
    )
    assert response.status_code in (200, 302)
    event = AuditEvent.objects.get(action=Action.CREATE)
    assert (event.actor_membership_id, event.subject_id, event.record_type) == (
        mentee.pk,
        mentee.pk,
        "checkin",
    )
    assert event.ip_address == "192.0.2.30"


@pytest.mark.django_db
def test_a_meeting_proposed_by_the_mentor_is_a_change_to_the_mentees_records(
    mentor, mentee, pairing
):
    from tests.factories import local_slot

    meeting, _ = mentoring_services.meeting_propose(
        pairing=pairing, by=mentor.user, starts_at=local_slot(mentor, days=3)
    )
    # Outside a request the User is the actor; the program comes from the mentee.
    event = AuditEvent.objects.get()
    assert (event.action, event.actor_user_id, event.subject_id, event.program_id) == (
        Action.CREATE,
        mentor.user_id,
        mentee.pk,
        mentee.program_id,
    )
    assert (event.record_type, event.record_id) == ("meeting", meeting.pk)


@pytest.mark.django_db
def test_exports_are_recorded(login, coordinator):
    response = login(coordinator).post(
        reverse("reports:export", kwargs={"program_slug": "harbor", "kind": "meetings"})
    )
    assert response.status_code == 200
    b"".join(response.streaming_content)
    event = AuditEvent.objects.get(action=Action.EXPORT)
    assert (event.actor_membership_id, event.program_id, event.record_type) == (
        coordinator.pk,
        coordinator.program_id,
        "export_meetings",
    )


@pytest.mark.django_db
def test_the_mentor_reading_the_mentees_intake_is_recorded(login, mentor, mentee, pairing):
    url = reverse("matching:my_mentee", kwargs={"program_slug": "harbor", "mentee_id": mentee.pk})
    assert login(mentor).get(url).status_code == 200
    assert _rows() == [(Action.VIEW, mentor.pk, mentee.pk, "intake", None)]
