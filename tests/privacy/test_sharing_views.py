"""The Sharing page: what it tells the mentee, the grant form's errors (nothing written), and
who may open, grant and revoke (403 for other roles, 404 for another person's consent)."""

from datetime import timedelta

import pytest
from django.urls import reverse

from privacy.models import Consent, RecipientKind
from privacy.selectors import program_today
from tests.factories import ConsentFactory

pytestmark = pytest.mark.django_db

SHARING = reverse("privacy:sharing", args=["harbor"])


def form_data(mentee, **overrides):
    data = {
        "categories": ["checkins"],
        "recipient_kind": "coordinators",
        "purpose": "support",
        "expires_on": (program_today(mentee.program) + timedelta(days=30)).isoformat(),
        "understands_revocation": "on",
        "signature_name": "Jordan",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_page_says_in_plain_words_who_sees_what(login, mentee, pairing, coordinator):
    ConsentFactory(mentee=mentee)
    page = login(mentee).get(SHARING).content.decode()
    assert "Your mentor Marcus sees the goals, habits and check-ins you mark" in page
    assert "Your journal is only yours" in page
    assert "Coordinators of Harbor Peer Mentoring" in page
    assert "Revoke" in page


def test_granting_through_the_form(login, mentee, other_mentor):
    response = login(mentee).post(
        SHARING,
        form_data(mentee, recipient_kind="member", recipient=str(other_mentor.pk)),
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.recipient == other_mentor and consent.recipient_kind == RecipientKind.MEMBER


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"categories": None}, "Choose at least one kind of record"),
        ({"categories": ["journal"]}, "journal"),
        ({"recipient_kind": None}, "Choose who may read these records"),
        ({"purpose": None}, "Choose the purpose"),
        ({"purpose": "other"}, "Describe the purpose"),
        ({"expires_on": None}, "Choose the date this consent ends"),
        ({"expires_on": "2020-01-01"}, "cannot be in the past"),
        ({"expires_on": "not a date"}, "Enter a valid date"),
        ({"understands_revocation": None}, "right to revoke"),
        ({"signature_name": None}, "Type your name to sign"),
        ({"signature_name": "Marcus"}, "exactly as your profile shows it"),
    ],
)
def test_each_bad_element_shows_a_clear_error_and_writes_nothing(login, mentee, overrides, message):
    response = login(mentee).post(SHARING, form_data(mentee, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Consent.objects.exists()


def test_the_current_mentor_is_not_offered_nor_accepted(login, mentee, mentor, pairing):
    client = login(mentee)
    assert f'value="{mentor.pk}"' not in client.get(SHARING).content.decode()
    response = client.post(
        SHARING, form_data(mentee, recipient_kind="member", recipient=str(mentor.pk))
    )
    assert response.status_code == 200
    assert not Consent.objects.exists()


@pytest.mark.parametrize("role", ["mentor", "coordinator"])
def test_only_mentees_have_a_sharing_page(request, login, role):
    person = request.getfixturevalue(role)
    assert login(person).get(SHARING).status_code == 403


def test_outsiders_get_404(login, outsider):
    assert login(outsider).get(SHARING).status_code == 404


def test_revoking_another_persons_consent_is_404_and_changes_nothing(login, mentee, other_mentee):
    consent = ConsentFactory(mentee=mentee)
    url = reverse("privacy:revoke", args=["harbor", consent.pk])
    assert login(other_mentee).post(url).status_code == 404
    assert login(mentee).get(url).status_code == 405
    consent.refresh_from_db()
    assert consent.revoked_at is None
    assert login(mentee).post(url).status_code == 302
    assert login(mentee).post(url).status_code == 302  # twice: still revoked once
    consent.refresh_from_db()
    assert consent.revoked_at is not None
