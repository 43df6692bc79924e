"""Sign-up, verification, log-in, log-out, password reset, email change, two-factor and
rate limits, through allauth's real views."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory

PASSWORD = "a-long-and-unusual-passphrase"


def link_in(message) -> str:
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def signup(client, email="river@example.org", **extra):
    data = {
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": "River",
        "time_zone": "America/Chicago",
        **extra,
    }
    return client.post(reverse("account_signup"), data)


@pytest.mark.django_db
class TestSignup:
    def test_sign_up_requires_verification_then_logs_in(self, client, mailoutbox):
        response = signup(client)
        assert response.status_code == 302
        user = User.objects.get(email="river@example.org")
        assert user.profile.display_name == "River"
        assert user.profile.time_zone == "America/Chicago"
        # Not in until the address is verified.
        assert client.get(reverse("accounts:profile")).status_code == 302
        confirm_path = link_in(mailoutbox[-1])
        response = client.post(confirm_path)
        assert response.status_code == 302
        assert EmailAddress.objects.get(user=user).verified
        assert client.get(reverse("accounts:profile")).status_code == 200

    def test_duplicate_email_creates_nothing_and_tells_the_owner(self, client, mailoutbox):
        UserFactory(email="taken@example.org")
        response = signup(client, email="Taken@example.org", display_name="Someone")
        # Enumeration is prevented on purpose: the page looks the same as for a new
        # address (an account on a recovery platform is sensitive), and the owner of the
        # address is told by email.
        assert response.status_code == 302
        assert User.objects.filter(email__iexact="taken@example.org").count() == 1
        assert any("already" in m.body.lower() for m in mailoutbox)
        assert mailoutbox[-1].to == ["Taken@example.org"] or mailoutbox[-1].to == [
            "taken@example.org"
        ]

    def test_bad_input_is_explained(self, client):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "nope",
                "password1": "a",
                "password2": "b",
                "display_name": "",
                "time_zone": "Nowhere/City",
            },
        )
        assert response.status_code == 200
        body = response.content.decode()
        assert "Enter a valid email address" in body
        assert "This field is required" in body
        assert "Select a valid choice" in body
        assert not User.objects.exists()


@pytest.mark.django_db
class TestLogin:
    def test_log_in_and_out(self, client):
        UserFactory(email="pat@example.org")
        response = client.post(
            reverse("account_login"),
            {"login": "pat@example.org", "password": "correct-horse-battery"},
        )
        assert response.status_code == 302
        assert client.get(reverse("accounts:profile")).status_code == 200
        client.post(reverse("account_logout"))
        assert client.get(reverse("accounts:profile")).status_code == 302

    def test_wrong_password_is_explained(self, client):
        UserFactory(email="pat@example.org")
        response = client.post(
            reverse("account_login"), {"login": "pat@example.org", "password": "wrong"}
        )
        assert response.status_code == 200
        assert "not correct" in response.content.decode()

    def test_failed_logins_are_rate_limited(self, client):
        UserFactory(email="pat@example.org")
        statuses = [
            client.post(
                reverse("account_login"), {"login": "pat@example.org", "password": f"bad{i}"}
            ).status_code
            for i in range(8)
        ]
        assert statuses[0] == 200
        assert 429 in statuses or any(
            "Too many failed login attempts"
            in client.post(
                reverse("account_login"), {"login": "pat@example.org", "password": "bad"}
            ).content.decode()
            for _ in range(1)
        )
        # Even the right password is refused while the limit holds.
        response = client.post(
            reverse("account_login"),
            {"login": "pat@example.org", "password": "correct-horse-battery"},
        )
        assert response.status_code in (200, 429)
        assert client.get(reverse("accounts:profile")).status_code == 302


@pytest.mark.django_db
class TestAccountManagement:
    def test_password_reset_by_email(self, client, mailoutbox):
        UserFactory(email="pat@example.org")
        client.post(reverse("account_reset_password"), {"email": "pat@example.org"})
        assert len(mailoutbox) == 1
        reset_path = link_in(mailoutbox[0])
        response = client.get(reset_path, follow=True)
        form_path = response.redirect_chain[-1][0] if response.redirect_chain else reset_path
        response = client.post(
            form_path,
            {"password1": "brand-new-passphrase-9", "password2": "brand-new-passphrase-9"},
        )
        assert response.status_code == 302
        assert client.login(email="pat@example.org", password="brand-new-passphrase-9")

    def test_change_email_needs_verification_of_the_new_address(self, client, mailoutbox):
        user = UserFactory(email="pat@example.org")
        client.force_login(user)
        response = client.post(
            reverse("account_email"), {"action_add": "", "email": "pat.new@example.org"}
        )
        assert response.status_code == 302
        assert EmailAddress.objects.filter(email="pat.new@example.org", verified=False).exists()
        client.post(link_in(mailoutbox[-1]))
        user.refresh_from_db()
        assert user.email == "pat.new@example.org"

    def test_any_user_can_turn_on_two_factor(self, client):
        from allauth.mfa.totp.internal.auth import (
            format_hotp_value,
            hotp_value,
            yield_hotp_counters_from_time,
        )

        user = UserFactory(email="pat@example.org")
        client.force_login(user)
        # Turning on two-factor asks for the password again first.
        response = client.get(reverse("mfa_activate_totp"))
        assert reverse("account_reauthenticate") in response["Location"]
        client.post(reverse("account_reauthenticate"), {"password": "correct-horse-battery"})
        response = client.get(reverse("mfa_activate_totp"))
        assert response.status_code == 200
        secret = client.session["mfa.totp.secret"]
        counter = next(iter(yield_hotp_counters_from_time()))
        code = format_hotp_value(hotp_value(secret, counter))
        response = client.post(reverse("mfa_activate_totp"), {"code": code})
        assert response.status_code == 302
        assert Authenticator.objects.filter(user=user, type="totp").exists()
        assert Authenticator.objects.filter(user=user, type="recovery_codes").exists()
