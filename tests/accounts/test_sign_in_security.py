"""Sign-in hardening: the admin signs in through allauth (two-factor and rate limits apply),
coordinator pages need a session that used two-factor, failed log-ins are limited per client
and email together, and the owner is told by email when their account sees many failures."""

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from accounts.models import Role
from notifications.models import Delivery, Notification
from tests.factories import MembershipFactory, UserFactory, forget_mfa_step

PASSWORD = "correct-horse-battery"  # UserFactory's password
ATTACKER = "203.0.113.9"
OWNER = "198.51.100.7"

pytestmark = pytest.mark.django_db


def totp_for(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(iter(yield_hotp_counters_from_time()))))


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def log_in(client, email, password=PASSWORD, ip="127.0.0.1"):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip
    )


class TestAdminLogin:
    def test_admin_password_form_does_not_sign_in(self, client):
        UserFactory(email="ops@example.org", is_staff=True, is_superuser=True)
        response = client.post(
            "/admin/login/?next=/admin/", {"username": "ops@example.org", "password": PASSWORD}
        )
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert not signed_in(client)
        assert client.get("/admin/").status_code == 302

    def test_admin_login_page_leads_to_allauth_and_back(self, client):
        response = client.get("/admin/login/?next=/admin/")
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next=%2Fadmin%2F"

    def test_staff_with_two_factor_must_enter_a_code_before_the_admin(self, client):
        staff = UserFactory(email="ops@example.org", is_staff=True, is_superuser=True)
        secret = totp_for(staff)
        response = log_in(client, "ops@example.org")
        assert response["Location"] == reverse("mfa_authenticate")
        assert not signed_in(client)
        assert client.get("/admin/").status_code == 302
        # A wrong code keeps them out.
        response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
        assert response.status_code == 200 and not signed_in(client)
        client.post(reverse("mfa_authenticate"), {"code": code(secret)})
        assert signed_in(client)
        assert client.get("/admin/").status_code == 200

    def test_staff_session_that_skipped_the_code_is_sent_to_enter_one(self, client):
        staff = UserFactory(email="ops@example.org", is_staff=True, is_superuser=True)
        secret = totp_for(staff)
        client.force_login(staff)
        forget_mfa_step(client)
        response = client.get("/admin/", follow=True)
        assert response.redirect_chain[-1][0] == f"{reverse('mfa_reauthenticate')}?next=%2Fadmin%2F"
        assert client.get("/admin/accounts/user/").status_code == 302
        response = client.post(
            f"{reverse('mfa_reauthenticate')}?next=/admin/", {"code": code(secret)}
        )
        assert response["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200
        assert client.get("/admin/accounts/user/").status_code == 200

    def test_signed_in_member_who_is_not_staff_gets_403_on_the_admin_login(self, client):
        client.force_login(UserFactory(email="pat@example.org"))
        assert client.get("/admin/login/").status_code == 403


class TestCoordinatorSessionUsedTwoFactor:
    def test_password_only_session_is_sent_to_enter_a_code(self, client, program):
        coordinator = MembershipFactory(program=program, role=Role.COORDINATOR)
        secret = totp_for(coordinator.user)
        client.force_login(coordinator.user)
        forget_mfa_step(client)
        page = reverse("accounts:members", kwargs={"program_slug": program.slug})
        response = client.get(page)
        assert response.status_code == 302
        reauthenticate = reverse("mfa_reauthenticate")
        assert response["Location"] == f"{reauthenticate}?next=%2Fp%2Fharbor%2Fmembers%2F"
        # A wrong code opens nothing.
        client.post(reverse("mfa_reauthenticate"), {"code": "000000"})
        assert client.get(page).status_code == 302
        response = client.post(f"{reauthenticate}?next={page}", {"code": code(secret)})
        assert response.status_code == 302 and response["Location"] == page
        assert client.get(page).status_code == 200

    def test_full_sign_in_with_the_code_opens_coordinator_pages(self, client, program):
        coordinator = MembershipFactory(program=program, role=Role.COORDINATOR)
        secret = totp_for(coordinator.user)
        log_in(client, coordinator.user.email)
        client.post(reverse("mfa_authenticate"), {"code": code(secret)})
        page = reverse("accounts:members", kwargs={"program_slug": program.slug})
        assert client.get(page).status_code == 200

    def test_another_persons_second_step_does_not_count(self, client, program):
        # allauth's records belong to the user they were made for.
        coordinator = MembershipFactory(program=program, role=Role.COORDINATOR)
        totp_for(coordinator.user)
        other = UserFactory(email="other@example.org")
        totp_for(other)
        client.force_login(other)
        session = client.session
        records = session["account_authentication_methods"]
        client.force_login(coordinator.user)
        forget_mfa_step(client)
        session = client.session
        session["account_authentication_methods"] = records
        session["account_authentication_methods_user"] = str(other.pk)
        session.save()
        page = reverse("accounts:members", kwargs={"program_slug": program.slug})
        assert reverse("mfa_reauthenticate") in client.get(page)["Location"]

    def test_turning_two_factor_on_counts_as_this_sessions_second_step(
        self, client, program, django_capture_on_commit_callbacks
    ):
        coordinator = MembershipFactory(program=program, role=Role.COORDINATOR)
        client.force_login(coordinator.user)
        page = reverse("accounts:members", kwargs={"program_slug": program.slug})
        assert reverse("mfa_activate_totp") in client.get(page)["Location"]
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        client.get(reverse("mfa_activate_totp"))
        secret = client.session["mfa.totp.secret"]
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("mfa_activate_totp"), {"code": code(secret)})
        assert response.status_code == 302
        assert client.get(page).status_code == 200

    def test_mentor_pages_do_not_ask_for_a_code(self, client, mentor):
        client.force_login(mentor.user)
        forget_mfa_step(client)
        page = reverse("program_home", kwargs={"program_slug": mentor.program.slug})
        assert client.get(page).status_code == 200


class TestFailedLoginLimits:
    def test_attacker_is_throttled_but_the_owner_signs_in_from_their_device(self, client):
        UserFactory(email="pat@example.org")
        for attempt in range(10):
            response = log_in(client, "pat@example.org", f"guess-{attempt}", ip=ATTACKER)
            assert response.status_code in (200, 429)
        # The attacker is stopped, even with the right password.
        response = log_in(client, "pat@example.org", ip=ATTACKER)
        assert response.status_code in (200, 429) and not signed_in(client)
        assert "Too many failed login attempts" in response.content.decode() or (
            response.status_code == 429
        )
        # The owner, from another address, is not.
        response = log_in(client, "pat@example.org", ip=OWNER)
        assert response.status_code == 302 and signed_in(client)

    def test_five_failures_limit_that_client_for_that_email(self, client):
        UserFactory(email="pat@example.org")
        UserFactory(email="sam@example.org")
        for attempt in range(5):
            log_in(client, "pat@example.org", f"guess-{attempt}", ip=ATTACKER)
        response = log_in(client, "pat@example.org", ip=ATTACKER)
        assert not signed_in(client)
        assert "Too many failed login attempts" in response.content.decode()
        # Same client, another account: its own count.
        response = log_in(client, "sam@example.org", ip=ATTACKER)
        assert response.status_code == 302 and signed_in(client)

    def test_guessing_spread_over_many_clients_meets_the_account_ceiling(self, client, settings):
        settings.ACCOUNT_RATE_LIMITS = {
            **settings.ACCOUNT_RATE_LIMITS,
            "login_failed_account": "3/h/key",
        }
        UserFactory(email="pat@example.org")
        for attempt in range(3):
            log_in(client, "pat@example.org", f"guess-{attempt}", ip=f"192.0.2.{attempt + 1}")
        response = log_in(client, "pat@example.org", ip=OWNER)
        assert not signed_in(client)
        assert "Too many failed login attempts" in response.content.decode()

    def test_successful_sign_ins_do_not_use_up_the_ceiling(self, client, settings):
        settings.ACCOUNT_RATE_LIMITS = {
            **settings.ACCOUNT_RATE_LIMITS,
            "login_failed_account": "2/h/key",
        }
        UserFactory(email="pat@example.org")
        for _ in range(3):
            assert log_in(client, "pat@example.org", ip=OWNER).status_code == 302
            client.post(reverse("account_logout"))
        assert log_in(client, "pat@example.org", ip=OWNER).status_code == 302


class TestFailedLoginAlert:
    def test_owner_is_emailed_once_after_five_failures(
        self, client, mailoutbox, django_capture_on_commit_callbacks
    ):
        owner = UserFactory(email="pat@example.org")
        with django_capture_on_commit_callbacks(execute=True):
            for attempt in range(4):
                log_in(client, "pat@example.org", f"guess-{attempt}", ip=f"192.0.2.{attempt}")
        assert not Notification.objects.filter(recipient=owner).exists()
        assert mailoutbox == []
        with django_capture_on_commit_callbacks(execute=True):
            for attempt in range(4, 9):
                log_in(client, "pat@example.org", f"guess-{attempt}", ip=f"192.0.2.{attempt}")
        alert = Notification.objects.get(recipient=owner)
        assert alert.kind == "sign_in_attempts"
        assert Delivery.objects.get(notification=alert).status == Delivery.Status.SENT
        assert len(mailoutbox) == 1
        message = mailoutbox[0]
        assert message.to == ["pat@example.org"]
        assert "sign in" in message.body and "wrong password" in message.body
        # Nothing about recovery or a program reaches the mailbox.
        for word in ("recovery", "mentor", "program"):
            assert word not in message.subject.lower() + message.body.lower()

    def test_email_goes_even_with_general_updates_switched_off(
        self, client, mailoutbox, django_capture_on_commit_callbacks
    ):
        owner = UserFactory(email="pat@example.org")
        owner.profile.email_updates = False
        owner.profile.save()
        with django_capture_on_commit_callbacks(execute=True):
            for attempt in range(5):
                log_in(client, "pat@example.org", f"guess-{attempt}", ip=f"192.0.2.{attempt}")
        assert len(mailoutbox) == 1

    def test_unknown_email_and_other_accounts_send_nothing(self, client, mailoutbox):
        UserFactory(email="pat@example.org")
        for attempt in range(6):
            log_in(client, "nobody@example.org", f"guess-{attempt}", ip=f"192.0.2.{attempt}")
        assert not Notification.objects.exists()
        assert mailoutbox == []

    def test_alert_is_sent_once_per_window_even_when_counted_twice(self, settings):
        from notifications.sign_in_alerts import failed_sign_in_record

        settings.FAILED_LOGIN_ALERT_THRESHOLD = 2
        owner = UserFactory(email="pat@example.org")
        results = [failed_sign_in_record(email="PAT@example.org") for _ in range(5)]
        assert results == [False, True, False, False, False]
        assert Notification.objects.filter(recipient=owner).count() == 1
