"""audit_record and audit_record_many: who, whose, which record, from where; never the page's
downfall."""

import pytest
from django.db import DatabaseError, connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from audit.models import Action, AuditEvent
from audit.services import audit_record, audit_record_many, client_ip
from tests.factories import CheckInFactory


@pytest.fixture
def request_from():
    def build(address="203.0.113.9", forwarded="", agent="Firefox/140 " + "x" * 400):
        request = RequestFactory().get("/", REMOTE_ADDR=address, HTTP_USER_AGENT=agent)
        if forwarded:
            request.META["HTTP_X_FORWARDED_FOR"] = forwarded
        return request

    return build


@pytest.mark.django_db
def test_one_row_names_who_whose_which_record_and_where(mentor, mentee, request_from):
    checkin = CheckInFactory(membership=mentee, helped="a walk by the river")
    event = audit_record(
        action=Action.VIEW, actor=mentor, subject=mentee, record=checkin, request=request_from()
    )
    event = AuditEvent.objects.get(pk=event.pk)
    assert (event.actor_user_id, event.actor_membership_id) == (mentor.user_id, mentor.pk)
    assert (event.program_id, event.subject_id) == (mentor.program_id, mentee.pk)
    assert (event.record_type, event.record_id) == ("checkin", checkin.pk)
    assert event.ip_address == "203.0.113.9"
    assert event.user_agent.startswith("Firefox/140") and len(event.user_agent) == 200
    # Nothing the person wrote is in the row.
    assert "river" not in str(AuditEvent.objects.filter(pk=event.pk).values().get())


@pytest.mark.django_db
def test_many_rows_are_one_insert(mentor, mentee, other_mentee):
    with CaptureQueriesContext(connection) as queries:
        events = audit_record_many(
            action=Action.VIEW,
            actor=mentor,
            records=[(mentee, ("goal", None)), (other_mentee, ("checkin", None))],
        )
    inserts = [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert len(events) == 2 and len(inserts) == 1
    assert audit_record_many(action=Action.VIEW, actor=mentor, records=[]) == []


def test_forwarded_for_counts_only_behind_our_proxy(settings, request_from):
    request = request_from(address="10.0.0.2", forwarded="198.51.100.7, 192.0.2.44")
    settings.AUDIT_TRUST_X_FORWARDED_FOR = False
    assert client_ip(request) == "10.0.0.2"
    settings.AUDIT_TRUST_X_FORWARDED_FOR = True
    # The last address is the one our proxy saw; the first the client could have written.
    assert client_ip(request) == "192.0.2.44"
    assert client_ip(request_from(address="not an address")) is None
    assert client_ip(None) is None


@pytest.mark.django_db
def test_a_user_outside_a_program_and_nobody_are_valid_actors(mentee):
    signed_in = audit_record(action=Action.SIGN_IN, actor=mentee.user)
    assert (signed_in.actor_user_id, signed_in.actor_membership_id) == (mentee.user_id, None)
    assert signed_in.program_id is None
    erased = audit_record(action=Action.ERASE, actor=None, subject=mentee)
    assert (erased.actor_user_id, erased.program_id) == (None, mentee.program_id)


@pytest.mark.django_db
def test_a_failed_write_never_breaks_the_page(mentor, mentee, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(AuditEvent.objects, "bulk_create", broken)
    assert audit_record(action=Action.VIEW, actor=mentor, subject=mentee) is None
    assert "Could not write 1 audit event" in caplog.text
    # The surrounding transaction is still usable.
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_the_row_rolls_back_with_the_change_it_records(mentee):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(action=Action.CREATE, actor=mentee, subject=mentee, record=("goal", 1))
        raise RuntimeError("the change failed")
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_erasure_is_recorded_with_the_ids_of_what_is_gone(mentee, coordinator):
    """What the data-erasure service calls: the row keeps the ids after the rows are gone."""
    membership_id, program_id = mentee.pk, mentee.program_id
    mentee.user.delete()
    event = audit_record(
        action=Action.ERASE, actor=coordinator, subject=membership_id, program=program_id
    )
    assert (event.subject_id, event.program_id, event.actor_membership_id) == (
        membership_id,
        program_id,
        coordinator.pk,
    )
