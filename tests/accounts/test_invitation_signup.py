"""Signing up from an invitation: the address is filled in and needs no second email; an
invitation opened in one browser and confirmed in another is not lost."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import resolve, reverse

from accounts import services
from accounts.models import Membership, User
from tests.factories import InvitationFactory, MembershipFactory, UserFactory

PASSWORD = "a-long-and-unusual-passphrase"


def signup_data(email: str) -> dict:
    return {
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": "River",
        "time_zone": "America/Chicago",
    }


def accept_path(invitation) -> str:
    return reverse("accounts:invitation_accept", args=[services.invitation_token(invitation)])


def is_accept_path_of(url: str, invitation) -> bool:
    # A token carries its signing time: compare what it opens, not its text.
    match = resolve(url)
    return (
        match.view_name == "accounts:invitation_accept"
        and services.invitation_from_token(match.kwargs["token"]).pk == invitation.pk
    )


@pytest.fixture
def invitation(db):
    return InvitationFactory(email="River@example.org")


@pytest.mark.django_db
class TestSignupFromInvitation:
    def test_the_sign_up_form_has_the_invited_address(self, client, invitation):
        client.get(accept_path(invitation))
        response = client.get(reverse("account_signup"))
        assert response.context["form"]["email"].value() == "River@example.org"

    def test_the_invited_address_needs_no_second_email(self, client, invitation, mailoutbox):
        client.get(accept_path(invitation))
        response = client.post(reverse("account_signup"), signup_data("river@example.org"))
        user = User.objects.get(email__iexact="river@example.org")
        assert EmailAddress.objects.get(user=user).verified
        assert mailoutbox == []
        # Signed in at once and back at the invitation.
        assert response.status_code == 302 and is_accept_path_of(response.url, invitation)
        response = client.post(accept_path(invitation))
        membership = Membership.objects.get(user=user, program=invitation.program)
        assert response.url == reverse("accounts:privacy_notice", args=[invitation.program.slug])
        assert membership.role == invitation.role

    def test_a_spanish_invitation_opens_in_spanish_and_the_account_keeps_it(self, client, db):
        invitation = InvitationFactory(email="ana@example.org", language="es")
        response = client.get(accept_path(invitation))
        assert '<html lang="es">' in response.content.decode()
        assert client.cookies["django_language"].value == "es"
        response = client.get(reverse("account_signup"))
        assert '<html lang="es">' in response.content.decode()
        client.post(reverse("account_signup"), signup_data("ana@example.org"))
        assert User.objects.get(email="ana@example.org").profile.preferred_language == "es"

    def test_a_language_this_browser_chose_is_kept(self, client, db):
        invitation = InvitationFactory(email="ana@example.org", language="es")
        client.cookies["django_language"] = "en"
        response = client.get(accept_path(invitation))
        assert '<html lang="en">' in response.content.decode()
        assert client.cookies["django_language"].value == "en"

    def test_another_address_still_needs_verifying(self, client, invitation, mailoutbox):
        client.get(accept_path(invitation))
        client.post(reverse("account_signup"), signup_data("someone.else@example.org"))
        user = User.objects.get(email="someone.else@example.org")
        addresses = list(EmailAddress.objects.filter(user=user))
        assert [(a.email, a.verified) for a in addresses] == [("someone.else@example.org", False)]
        assert len(mailoutbox) == 1
        assert client.get(reverse("accounts:profile")).status_code == 302

    def test_without_an_invitation_sign_up_needs_verifying(self, client, mailoutbox):
        client.post(reverse("account_signup"), signup_data("river@example.org"))
        assert not EmailAddress.objects.get(email="river@example.org").verified
        assert len(mailoutbox) == 1


@pytest.mark.django_db
class TestInvitationAcrossBrowsers:
    def test_confirming_in_another_browser_leads_back_to_the_invitation(
        self, client, invitation, mailoutbox
    ):
        # Browser one signs up without the invitation's session (the link was opened on
        # another device, or the session is gone), so the address needs verifying.
        client.post(reverse("account_signup"), signup_data("river@example.org"))
        confirm_path = re.search(r"https?://testserver(/\S+)", mailoutbox[-1].body).group(1)

        # Browser two confirms, then logs in.
        other = Client()
        other.post(confirm_path)
        response = other.post(
            reverse("account_login"), {"login": "river@example.org", "password": PASSWORD}
        )
        assert response.status_code == 302 and is_accept_path_of(response.url, invitation)
        body = other.get(reverse("home")).content.decode()
        assert "Invitations waiting for you" in body and invitation.program.name in body
        other.post(accept_path(invitation))
        assert Membership.objects.filter(
            user__email__iexact="river@example.org", program=invitation.program
        ).exists()

    def test_an_unverified_address_is_not_led_to_anyone_s_invitation(self, client, invitation):
        user = UserFactory(email="river@example.org", verified=False)
        client.force_login(user)
        body = client.get(reverse("home")).content.decode()
        assert "Invitations waiting for you" not in body
        assert "/invite/" not in body

    def test_others_invitations_are_not_shown(self, client, invitation):
        client.force_login(UserFactory(email="someone@example.org"))
        body = client.get(reverse("home")).content.decode()
        assert "Invitations waiting for you" not in body

    def test_a_member_is_not_led_back_to_a_used_or_joined_program(self, client, invitation):
        user = UserFactory(email="river@example.org")
        MembershipFactory(user=user, program=invitation.program)
        client.force_login(user)
        body = client.get(reverse("home")).content.decode()
        assert "Invitations waiting for you" not in body
