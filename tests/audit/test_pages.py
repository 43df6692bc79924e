"""The access history (the mentee's own rows only) and the coordinator's program trail
(their program only, filters bounded), and the operators' read-only admin."""

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEvent
from audit.services import audit_record
from tests.factories import AuditEventFactory, MembershipFactory


def history_url(slug="harbor"):
    return reverse("audit:access_history", kwargs={"program_slug": slug})


def trail_url(slug="harbor"):
    return reverse("audit:trail", kwargs={"program_slug": slug})


@pytest.mark.django_db
def test_the_mentee_reads_who_looked_at_their_records(login, mentee, mentor, other_mentee):
    mentee.user.profile.time_zone = "America/Chicago"
    mentee.user.profile.save()
    audit_record(action=Action.VIEW, actor=mentor, subject=mentee, record=("checkin", None))
    audit_record(action=Action.VIEW, actor=mentor, subject=other_mentee, record=("goal", None))
    audit_record(action=Action.VIEW, actor=mentee, subject=mentee, record=("goal", None))
    response = login(mentee).get(history_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your mentor Marcus viewed your check-ins" in page
    assert "your goals" not in page  # another mentee's row, and their own visit
    assert "America/Chicago" in page


@pytest.mark.django_db
def test_program_exports_since_they_joined_are_in_the_history(login, mentee, coordinator):
    audit_record(action=Action.EXPORT, actor=coordinator, record=("export_meetings", 1))
    page = html.unescape(login(mentee).get(history_url()).content.decode())
    assert "Coordinator Dana exported the program's meeting records, yours included" in page


@pytest.mark.django_db
def test_the_history_is_paginated(login, mentee, mentor):
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                action=Action.VIEW,
                actor_user_id=mentor.user_id,
                actor_membership=mentor,
                program_id=mentee.program_id,
                subject=mentee,
                record_type="goal",
            )
            for _ in range(55)
        ]
    )
    first = login(mentee).get(history_url()).content.decode()
    assert first.count("viewed your goals") == 50 and "Page 1 of 2" in first
    assert login(mentee).get(history_url(), {"page": 2}).content.decode().count("viewed") == 5


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["mentor", "coordinator"])
def test_only_the_mentee_opens_an_access_history(login, request, who):
    assert login(request.getfixturevalue(who)).get(history_url()).status_code == 403


@pytest.mark.django_db
def test_an_outsider_gets_404(login, outsider, mentee):
    assert login(outsider).get(history_url()).status_code == 404
    assert login(outsider).get(trail_url()).status_code == 404


@pytest.mark.django_db
def test_the_coordinator_sees_their_programs_trail_only(login, coordinator, mentor, mentee):
    audit_record(action=Action.VIEW, actor=mentor, subject=mentee, record=("checkin", 7))
    AuditEventFactory(record_type="elsewhere")  # another program
    response = login(coordinator).get(trail_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Mentor Marcus" in page and "checkin #7" in page and "Jordan" in page
    assert "elsewhere" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["mentor", "mentee"])
def test_mentors_and_mentees_get_403_on_the_trail(login, request, who):
    assert login(request.getfixturevalue(who)).get(trail_url()).status_code == 403


@pytest.mark.django_db
def test_the_trail_filters_by_person_action_and_dates(
    login, coordinator, mentor, mentee, other_mentee
):
    audit_record(action=Action.VIEW, actor=mentor, subject=mentee, record=("goal", 1))
    audit_record(action=Action.CHANGE, actor=mentor, subject=other_mentee, record=("goal", 2))
    audit_record(action=Action.VIEW, actor=mentor, subject=other_mentee, record=("goal", 3))
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                at=timezone.now() - timedelta(days=400),
                action=Action.VIEW,
                program_id=mentee.program_id,
                subject=mentee,
                record_type="goal",
                record_id=4,
            )
        ]
    )
    client = login(coordinator)
    by_person = client.get(trail_url(), {"person": mentee.pk}).content.decode()
    assert "goal #1" in by_person and "goal #4" in by_person and "goal #2" not in by_person
    by_action = client.get(trail_url(), {"action": "change"}).content.decode()
    assert "goal #2" in by_action and "goal #1" not in by_action
    today = timezone.localdate()
    recent = client.get(
        trail_url(), {"start": (today - timedelta(days=30)).isoformat(), "end": today.isoformat()}
    ).content.decode()
    assert "goal #1" in recent and "goal #4" not in recent


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, message",
    [
        ({"start": "2026-05-01", "end": "2026-04-01"}, "on or after the start date"),
        ({"start": "2020-01-01", "end": "2026-01-01"}, "at most 5 years"),
        ({"start": "yesterday"}, "Enter a date as YYYY-MM-DD"),
        ({"action": "burn"}, "Choose one of the listed actions"),
        ({"person": "999999"}, "Choose a person of this program"),
        # Year 9999 plus the five-year check, and year one: were a 500.
        ({"start": "9999-12-30", "end": "9999-12-31"}, "Choose a date between"),
        ({"start": "0001-01-01"}, "Choose a date between"),
    ],
)
def test_bad_filters_get_a_clear_error_not_a_500(login, coordinator, params, message):
    response = login(coordinator).get(trail_url(), params)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")


@pytest.mark.django_db
def test_a_person_of_another_program_is_not_a_filter_choice(login, coordinator, outsider):
    response = login(coordinator).get(trail_url(), {"person": outsider.pk})
    assert response.status_code == 400


@pytest.mark.django_db
def test_operators_read_the_trail_but_cannot_add_change_or_delete(operator, mentor, mentee):
    event = audit_record(action=Action.VIEW, actor=mentor, subject=mentee)
    base = "/admin/audit/auditevent/"
    assert operator.get(base).status_code == 200
    assert operator.get(base, {"q": "mentor@example.org"}).status_code == 200
    assert operator.get(f"{base}add/").status_code == 403
    assert operator.get(f"{base}{event.pk}/delete/").status_code == 403
    assert operator.post(f"{base}{event.pk}/change/", {"action": "export"}).status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).action == Action.VIEW


@pytest.mark.django_db
def test_a_row_about_an_erased_person_still_shows(login, coordinator, mentee):
    gone = MembershipFactory(program=coordinator.program, role="mentor")
    audit_record(action=Action.VIEW, actor=gone, subject=mentee, record=("goal", 9))
    gone.user.delete()
    page = login(coordinator).get(trail_url()).content.decode()
    assert "goal #9" in page and "no longer exists" in page


@pytest.mark.django_db
def test_operators_search_the_field_history(operator, mentee):
    from mentoring import services as mentoring_services

    mentoring_services.goal_create(membership=mentee, title="Walk", category="health")
    base = "/admin/auditlog/logentry/"
    assert operator.get(base).status_code == 200
    assert operator.get(base, {"q": "goal"}).status_code == 200
    assert operator.get(base, {"q": "mentee@example.org"}).status_code == 200
