"""Consents and the audit trail in "Download my data" and "Delete my account": the export
holds the person's consents and who looked at their records; erasure deletes the consents
they signed, ends consents naming them, keeps the fact of the erasure in the append-only
trail, and leaves no trace of them in auditlog's field history."""

import json
import zipfile

import pytest
from auditlog.models import LogEntry

from audit.models import Action, AuditEvent
from audit.services import audit_record
from mydata import services
from mydata.models import DataExport
from privacy.models import Consent
from tests.factories import CheckInFactory, ConsentFactory

pytestmark = pytest.mark.django_db


def test_the_export_holds_consents_and_the_access_history(mentee, coordinator, export_dir):
    ConsentFactory(mentee=mentee, purpose_detail="MKR-consent-purpose")
    audit_record(action=Action.VIEW, actor=coordinator, subject=mentee, record=("checkin", None))
    export = services.export_build(export_id=DataExport.objects.create(user=mentee.user).pk)
    with zipfile.ZipFile(services.export_file(export)) as archive:
        records = json.loads(archive.read("data.json"))["records"]
        names = archive.namelist()
    assert [row["purpose_detail"] for row in records["consents"]] == ["MKR-consent-purpose"]
    [seen] = records["access_history"]
    assert (seen["action"], seen["record_type"], seen["by_role"]) == (
        "view",
        "checkin",
        "coordinator",
    )
    assert {"csv/consents.csv", "csv/access_history.csv"} <= set(names)


def test_erasure_deletes_signed_consents_ends_those_naming_them_and_is_audited(
    mentee, other_mentee, mentor, pairing
):
    ConsentFactory(mentee=mentee)
    naming_them = ConsentFactory(
        mentee=other_mentee, recipient_kind="member", recipient=mentee, covers_checkins=True
    )
    checkin = CheckInFactory(membership=mentee, days_ago=1)
    history = LogEntry.objects.get_for_object(checkin)
    assert history.exists()  # auditlog keeps the check-in's figures
    services.person_erase(user=mentee.user)
    assert not Consent.objects.filter(mentee=mentee).exists()
    naming_them.refresh_from_db()
    assert naming_them.revoked_at is not None
    [erased] = AuditEvent.objects.filter(action=Action.ERASE)
    assert (erased.subject_id, erased.program_id, erased.actor_user_id) == (
        mentee.pk,
        mentee.program_id,
        mentee.user_id,
    )
    # The field history of their records is gone, and nothing new was written on the way.
    assert not LogEntry.objects.get_for_object(checkin).exists()
    assert not LogEntry.objects.filter(actor_email=mentee.user.email).exists()
