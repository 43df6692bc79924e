"""Granting and revoking consent through the services: every element of a written consent is
required and checked, nothing is written when one is wrong, revoking is idempotent."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import Role
from privacy import selectors, services
from privacy.models import Category, Consent, Purpose, RecipientKind
from tests.factories import ConsentFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def today(membership):
    return selectors.program_today(membership.program)


def grant(mentee, **overrides):
    fields = dict(
        mentee=mentee,
        categories=[Category.CHECKINS],
        recipient_kind=RecipientKind.COORDINATORS,
        recipient=None,
        purpose=Purpose.SUPPORT,
        purpose_detail="",
        expires_on=today(mentee) + timedelta(days=120),
        signature_name="Jordan",
    )
    fields.update(overrides)
    return services.consent_grant(**fields)


def errors_of(mentee, **overrides) -> dict:
    with pytest.raises(ValidationError) as caught:
        grant(mentee, **overrides)
    assert not Consent.objects.exists()
    return caught.value.message_dict


def test_a_complete_consent_is_recorded_with_every_element(mentee):
    consent = grant(mentee, categories=[Category.CHECKINS, Category.MEETINGS])
    consent.refresh_from_db()
    assert consent.program_id == mentee.program_id
    assert consent.categories == [Category.CHECKINS, Category.MEETINGS]
    assert consent.recipient_kind == RecipientKind.COORDINATORS and consent.recipient is None
    assert consent.signature_name == "Jordan" and consent.signed_on == today(mentee)
    assert "revoke" in consent.revocation_statement
    assert consent.granted_at and consent.revoked_at is None


def test_the_signature_ignores_case_and_spacing(mentee):
    assert grant(mentee, signature_name="  jORDAN ").signature_name == "jORDAN"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"categories": []}, "categories"),
        ({"categories": ["journal"]}, "categories"),
        ({"categories": [Category.CHECKINS, "journal"]}, "categories"),
        ({"categories": ["everything"]}, "categories"),
        ({"recipient_kind": ""}, "recipient"),
        ({"recipient_kind": RecipientKind.MEMBER, "recipient": None}, "recipient"),
        ({"purpose": ""}, "purpose"),
        ({"purpose": Purpose.OTHER, "purpose_detail": "  "}, "purpose_detail"),
        ({"expires_on": None}, "expires_on"),
        ({"signature_name": ""}, "signature_name"),
        ({"signature_name": "Jordan Smith"}, "signature_name"),
        ({"signature_name": "Marcus"}, "signature_name"),
    ],
)
def test_each_missing_or_wrong_element_is_a_clear_error_and_writes_nothing(
    mentee, overrides, field
):
    assert field in errors_of(mentee, **overrides)


def test_the_journal_is_never_offerable(mentee):
    message = errors_of(mentee, categories=["journal"])["categories"][0]
    assert "journal" in message.lower()
    assert "journal" not in Category.values


def test_expiry_must_not_be_past_nor_more_than_a_year_ahead(mentee):
    assert (
        "past" in errors_of(mentee, expires_on=today(mentee) - timedelta(days=1))["expires_on"][0]
    )
    assert (
        "year" in errors_of(mentee, expires_on=today(mentee) + timedelta(days=366))["expires_on"][0]
    )
    assert grant(mentee, expires_on=today(mentee)).expires_on == today(mentee)
    assert grant(mentee, expires_on=today(mentee) + timedelta(days=365))


def test_a_named_member_must_be_of_the_program_and_not_the_current_mentor(
    mentee, mentor, other_mentor, pairing, outsider
):
    assert (
        "mentor"
        in errors_of(mentee, recipient_kind=RecipientKind.MEMBER, recipient=mentor)["recipient"][
            0
        ].lower()
    )
    assert "recipient" in errors_of(mentee, recipient_kind=RecipientKind.MEMBER, recipient=outsider)
    assert "recipient" in errors_of(mentee, recipient_kind=RecipientKind.MEMBER, recipient=mentee)
    left = MembershipFactory(program=mentee.program, role=Role.MENTOR, status="left")
    assert "recipient" in errors_of(mentee, recipient_kind=RecipientKind.MEMBER, recipient=left)
    consent = grant(mentee, recipient_kind=RecipientKind.MEMBER, recipient=other_mentor)
    assert consent.recipient == other_mentor


def test_coordinators_are_a_role_not_a_person(mentee, coordinator):
    assert "recipient" in errors_of(mentee, recipient=coordinator)


def test_only_a_mentee_gives_consent(mentor):
    with pytest.raises(ValidationError):
        grant(mentor, signature_name="Marcus")


def test_revoking_is_idempotent_and_keeps_the_first_time(mentee):
    consent = grant(mentee)
    first = services.consent_revoke(mentee=mentee, consent_id=consent.pk).revoked_at
    assert first is not None
    again = services.consent_revoke(mentee=mentee, consent_id=consent.pk).revoked_at
    assert again == first


def test_nobody_revokes_someone_elses_consent(mentee, other_mentee):
    consent = grant(mentee)
    with pytest.raises(Consent.DoesNotExist):
        services.consent_revoke(mentee=other_mentee, consent_id=consent.pk)
    consent.refresh_from_db()
    assert consent.revoked_at is None


def test_expired_and_revoked_consents_are_history(mentee):
    live = ConsentFactory(mentee=mentee)
    expired = ConsentFactory(
        mentee=mentee,
        expires_on=today(mentee) - timedelta(days=1),
        signed_on=today(mentee) - timedelta(days=30),
    )
    revoked = ConsentFactory(mentee=mentee)
    services.consent_revoke(mentee=mentee, consent_id=revoked.pk)
    found = selectors.consents_for_mentee(mentee=mentee)
    assert found["current"] == [live]
    assert set(found["history"]) == {expired, revoked}


@pytest.mark.parametrize(
    "fields",
    [
        {"covers_checkins": False},  # covers nothing
        {"recipient_kind": RecipientKind.MEMBER},  # a named member without a member
        {"purpose": Purpose.OTHER, "purpose_detail": ""},
        {"signature_name": ""},
    ],
)
def test_the_database_refuses_an_incomplete_consent(mentee, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsentFactory(mentee=mentee, **fields)


def test_the_database_refuses_a_consent_to_oneself_or_ending_before_signing(mentee):
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsentFactory(mentee=mentee, recipient_kind=RecipientKind.MEMBER, recipient=mentee)
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsentFactory(
            mentee=mentee,
            signed_on=today(mentee),
            expires_on=today(mentee) - timedelta(days=1),
        )
