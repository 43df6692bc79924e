import pytest
from django.urls import reverse

from accounts import services
from accounts.models import Invitation, Membership, Role
from tests.factories import MembershipFactory, UserFactory, enable_mfa

COORDINATOR_PAGES = ["accounts:members", "accounts:invitations"]
MEMBER_PAGES = ["program_home", "accounts:privacy_notice", "accounts:program_help"]


def url(name, program, **kwargs):
    return reverse(name, kwargs={"program_slug": program.slug, **kwargs})


class TestAccessMatrix:
    @pytest.mark.parametrize("name", COORDINATOR_PAGES + MEMBER_PAGES)
    def test_coordinator_of_another_program_gets_404(self, client, coordinator, outsider, name):
        client.force_login(outsider.user)
        assert client.get(url(name, coordinator.program)).status_code == 404

    @pytest.mark.parametrize("name", COORDINATOR_PAGES)
    def test_coordinator_reaches_coordinator_pages(self, client, coordinator, name):
        client.force_login(coordinator.user)
        assert client.get(url(name, coordinator.program)).status_code == 200

    @pytest.mark.parametrize("name", COORDINATOR_PAGES)
    @pytest.mark.parametrize("role_fixture", ["mentor", "mentee"])
    def test_other_roles_get_403_on_coordinator_pages(self, client, request, name, role_fixture):
        membership = request.getfixturevalue(role_fixture)
        client.force_login(membership.user)
        response = client.get(url(name, membership.program))
        assert response.status_code == 403
        assert "isn't open to you" in response.content.decode()

    @pytest.mark.parametrize("name", COORDINATOR_PAGES + MEMBER_PAGES)
    def test_anonymous_is_sent_to_log_in(self, client, program, name):
        response = client.get(url(name, program))
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]

    def test_member_who_left_gets_404(self, client, coordinator, mentee):
        services.membership_set_status(membership=mentee, status="left", by=coordinator)
        client.force_login(mentee.user)
        assert client.get(url("program_home", mentee.program)).status_code == 404

    def test_coordinator_cannot_act_on_another_programs_invitation_by_editing_the_url(
        self, client, coordinator, outsider
    ):
        theirs = services.invitation_create(
            inviter=outsider, email="x@example.org", role=Role.MENTEE, base_url="http://t/"
        )
        client.force_login(coordinator.user)
        for action in ("revoke", "resend"):
            response = client.post(
                url(
                    "accounts:invitation_action",
                    coordinator.program,
                    invitation_id=theirs.pk,
                    action=action,
                )
            )
            assert response.status_code == 404
        # ... nor through the other program's own URL.
        response = client.post(
            url(
                "accounts:invitation_action",
                outsider.program,
                invitation_id=theirs.pk,
                action="revoke",
            )
        )
        assert response.status_code == 404
        theirs.refresh_from_db()
        assert theirs.is_open

    def test_coordinator_cannot_invite_into_another_program_by_editing_the_url(
        self, client, coordinator, outsider
    ):
        client.force_login(coordinator.user)
        response = client.post(
            url("accounts:invitations", outsider.program),
            {"email": "sneaky@example.org", "role": "mentor"},
        )
        assert response.status_code == 404
        assert not Invitation.objects.exists()

    def test_coordinator_cannot_change_another_programs_member(self, client, coordinator, outsider):
        victim = MembershipFactory(program=outsider.program)
        client.force_login(coordinator.user)
        response = client.post(
            url("accounts:member_status", coordinator.program, member_id=victim.pk),
            {"status": "left"},
        )
        assert response.status_code == 404
        victim.refresh_from_db()
        assert victim.status == Membership.Status.ACTIVE


class TestEnrolmentGate:
    def test_every_program_page_leads_to_the_privacy_notice_first(self, client, program):
        membership = MembershipFactory(
            program=program,
            status="invited",
            privacy_notice_version=None,
            privacy_acknowledged_at=None,
        )
        client.force_login(membership.user)
        response = client.get(url("program_home", program))
        assert response.status_code == 302
        assert response["Location"] == url("accounts:privacy_notice", program)

    def test_acknowledging_needs_the_box_ticked(self, client, program):
        membership = MembershipFactory(
            program=program,
            status="invited",
            privacy_notice_version=None,
            privacy_acknowledged_at=None,
        )
        client.force_login(membership.user)
        response = client.post(url("accounts:privacy_notice", program), {})
        assert response.status_code == 200
        assert "Tick the box" in response.content.decode()
        membership.refresh_from_db()
        assert membership.privacy_acknowledged_at is None
        response = client.post(url("accounts:privacy_notice", program), {"acknowledge": "on"})
        assert response.status_code == 302
        membership.refresh_from_db()
        assert membership.status == "active" and membership.privacy_notice_version == 1

    def test_coordinator_without_two_factor_is_sent_to_turn_it_on(self, client, program):
        membership = MembershipFactory(program=program, role=Role.COORDINATOR)
        client.force_login(membership.user)
        response = client.get(url("accounts:members", program))
        assert response.status_code == 302
        assert reverse("mfa_activate_totp") in response["Location"]
        enable_mfa(membership.user)
        # Turned on elsewhere, but this session has not used it: a code first.
        response = client.get(url("accounts:members", program))
        assert reverse("mfa_reauthenticate") in response["Location"]
        client.force_login(membership.user)  # a full sign-in, second step included
        assert client.get(url("accounts:members", program)).status_code == 200


class TestInvitationPages:
    def test_invite_then_bad_input_then_double_post(
        self, client, coordinator, mailoutbox, django_capture_on_commit_callbacks
    ):
        client.force_login(coordinator.user)
        page = url("accounts:invitations", coordinator.program)
        response = client.post(page, {"email": "not-an-email", "role": "mentee"})
        assert response.status_code == 200
        assert "Enter a valid email address" in response.content.decode()
        assert not Invitation.objects.exists()
        response = client.post(page, {"email": "pat@example.org", "role": "wizard"})
        assert response.status_code == 200
        assert not Invitation.objects.exists()

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                page, {"email": "pat@example.org", "role": "mentee"}, follow=True
            )
        assert "Invitation sent to pat@example.org" in response.content.decode()
        response = client.post(page, {"email": "pat@example.org", "role": "mentee"})
        assert response.status_code == 200
        assert "already has an open invitation" in response.content.decode()
        assert Invitation.objects.count() == 1
        assert len(mailoutbox) == 1

    def test_the_email_language_starts_as_the_page_language(
        self, client, coordinator, mailoutbox, django_capture_on_commit_callbacks
    ):
        client.force_login(coordinator.user)
        page = url("accounts:invitations", coordinator.program)
        response = client.get(page)
        assert response.context["form"]["language"].value() == "en"
        assert "Language of the invitation email" in response.content.decode()
        client.post(reverse("language_set"), {"language": "es"})  # the footer's switcher
        response = client.get(page)
        assert response.context["form"]["language"].value() == "es"
        assert 'value="es" selected' in response.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(page, {"email": "ana@example.org", "role": "mentee", "language": "es"})
        assert Invitation.objects.get().language == "es"
        assert 'data-label="Idioma del correo">Español</td>' in client.get(page).content.decode()
        assert mailoutbox[0].subject == "[PeerPath] Tienes una invitación pendiente"
        response = client.post(
            page, {"email": "bo@example.org", "role": "mentee", "language": "de"}
        )
        assert response.status_code == 200
        assert Invitation.objects.count() == 1

    def test_forged_expired_and_used_links_explain_themselves(self, client, coordinator):
        invitation = services.invitation_create(
            inviter=coordinator, email="sam@example.org", role=Role.MENTEE, base_url="http://t/"
        )
        token = services.invitation_token(invitation)
        response = client.get(reverse("accounts:invitation_accept", args=[token + "x"]))
        assert response.status_code == 400
        assert "not valid" in response.content.decode()

        user = UserFactory(email="sam@example.org")
        client.force_login(user)
        response = client.post(reverse("accounts:invitation_accept", args=[token]))
        assert response.status_code == 302
        assert response["Location"] == url("accounts:privacy_notice", coordinator.program)
        response = client.post(reverse("accounts:invitation_accept", args=[token]))
        assert response.status_code == 400
        assert "already been used" in response.content.decode()
        assert Membership.objects.filter(user=user).count() == 1

    def test_enrollment_link_is_404_while_closed(self, client, program):
        response = client.get(
            reverse("accounts:enrollment_join", args=[program.slug, program.enrollment_token])
        )
        assert response.status_code == 404


class TestPages:
    def test_healthz(self, client, db):
        response = client.get("/healthz")
        assert response.status_code == 200 and response.content == b"ok\n"

    @pytest.mark.parametrize(
        "path", ["/", "/help/", "/accounts/login/", "/accounts/signup/", "/no-such-page/"]
    )
    def test_get_help_now_is_on_every_page_logged_out(self, client, db, path):
        body = client.get(path).content.decode()
        assert "Get help now" in body

    def test_help_page_lists_the_crisis_lines(self, client, db):
        body = client.get("/help/").content.decode()
        for line in ("988", "(800) 662-4357", "741741", "911"):
            assert line in body

    def test_program_help_uses_the_programs_own_resources(self, client, mentee):
        program = mentee.program
        program.crisis_resources = "Call the Harbor warm line: 555-0100"
        program.save()
        client.force_login(mentee.user)
        home = client.get(url("program_home", program)).content.decode()
        assert url("accounts:program_help", program) in home
        body = client.get(url("accounts:program_help", program)).content.decode()
        assert "555-0100" in body

    def test_friendly_404(self, client, db):
        response = client.get("/p/nowhere/")
        assert response.status_code == 302  # log in first
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        assert "couldn't find that page" in response.content.decode()

    def test_friendly_500_page_renders_without_context(self):
        from config.errors import server_error

        response = server_error(None)
        assert response.status_code == 500
        assert b"Something went wrong" in response.content and b"988" in response.content

    def test_home_per_role(self, client, coordinator, mentor, mentee):
        client.force_login(coordinator.user)
        response = client.get("/", follow=True)
        body = response.content.decode()
        assert "Pending invitations" in body and "Marcus" in body
        client.force_login(mentor.user)
        body = client.get("/", follow=True).content.decode()
        assert "mentor" in body.lower() and "Your next step" in body
        client.force_login(mentee.user)
        body = client.get("/", follow=True).content.decode()
        assert "Welcome, Jordan" in body

    def test_program_switcher_lists_each_program_with_its_role(self, client, mentor, other_program):
        MembershipFactory(user=mentor.user, program=other_program, role=Role.MENTEE)
        client.force_login(mentor.user)
        body = client.get("/").content.decode()
        assert "Harbor Peer Mentoring" in body and "Lighthouse Careers" in body
        assert "Mentor" in body and "Mentee" in body

    def test_profile_bad_time_zone_shows_a_message_and_changes_nothing(self, client, mentee):
        client.force_login(mentee.user)
        response = client.post(
            reverse("accounts:profile"),
            {"display_name": "J", "time_zone": "Mars/Base", "preferred_language": "en"},
        )
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
        mentee.user.profile.refresh_from_db()
        assert mentee.user.profile.display_name == "Jordan"

    def test_profile_saves(self, client, mentee):
        client.force_login(mentee.user)
        response = client.post(
            reverse("accounts:profile"),
            {
                "display_name": "JJ",
                "pronouns": "he/him",
                "time_zone": "Europe/Madrid",
                "preferred_language": "es",
                "email_reminders": "on",
            },
        )
        assert response.status_code == 302
        profile = mentee.user.profile
        profile.refresh_from_db()
        assert (profile.display_name, profile.time_zone, profile.email_updates) == (
            "JJ",
            "Europe/Madrid",
            False,
        )

    def test_pages_send_a_strict_content_security_policy(self, client, db):
        response = client.get("/")
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "<script>" not in response.content.decode()
