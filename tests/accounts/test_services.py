import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, Membership, Role
from tests.factories import MembershipFactory, UserFactory

BASE = "http://testserver/"


def invite(coordinator, email="new.person@example.org", role=Role.MENTEE):
    return services.invitation_create(inviter=coordinator, email=email, role=role, base_url=BASE)


def token_of(invitation):
    return services.invitation_token(invitation)


class TestInvitationCreate:
    def test_sends_a_link_that_names_neither_program_nor_recovery(
        self, coordinator, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            invitation = invite(coordinator)
        assert invitation.expires_at - invitation.created_at == timedelta(days=7)
        assert len(mailoutbox) == 1
        message = mailoutbox[0]
        assert message.to == ["new.person@example.org"]
        # The token is signed with a timestamp: read it back rather than rebuild it (a rebuilt
        # one differs once the clock has moved on a second).
        link = re.search(rf"{re.escape(BASE.rstrip('/'))}/invite/([^/\s]+)/", message.body)
        assert link and services.invitation_from_token(link.group(1)) == invitation
        text = (message.subject + message.body).lower()
        assert "harbor" not in text
        for word in ("recovery", "sobriety", "addict", "substance"):
            assert word not in text

    def test_the_email_is_written_in_the_language_chosen_for_it(
        self, coordinator, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            services.invitation_create(
                inviter=coordinator,
                email="ana@example.org",
                role="mentee",
                base_url=BASE,
                language="es",
            )
            services.invitation_create(
                inviter=coordinator,
                email="lee@example.org",
                role="mentee",
                base_url=BASE,
                language="xx",  # not a language of the site: the default one
            )
        spanish, english = mailoutbox
        assert spanish.subject == "[PeerPath] Tienes una invitación pendiente"
        assert "Abre este enlace para aceptar la invitación" in spanish.body
        assert "Open this link to accept the invitation" in english.body
        assert Invitation.objects.get(email="lee@example.org").language == "en"

    def test_a_resent_invitation_keeps_its_language(
        self, coordinator, mailoutbox, django_capture_on_commit_callbacks
    ):
        invitation = services.invitation_create(
            inviter=coordinator,
            email="ana@example.org",
            role="mentee",
            base_url=BASE,
            language="es",
        )
        with django_capture_on_commit_callbacks(execute=True):
            services.invitation_resend(invitation=invitation, by=coordinator, base_url=BASE)
        assert mailoutbox[-1].subject == "[PeerPath] Tienes una invitación pendiente"

    def test_second_invitation_for_the_same_address_is_refused(self, coordinator):
        invite(coordinator, email="same@example.org")
        with pytest.raises(ValidationError, match="already has an open invitation"):
            invite(coordinator, email="SAME@example.org")
        assert Invitation.objects.count() == 1

    def test_database_holds_one_open_invitation_per_address(self, coordinator):
        first = invite(coordinator, email="race@example.org")
        with pytest.raises(IntegrityError), transaction.atomic():
            Invitation.objects.create(
                program=first.program,
                email="Race@example.org",
                role=Role.MENTOR,
                expires_at=first.expires_at,
            )

    def test_expired_invitation_does_not_block_a_new_one(self, coordinator):
        old = invite(coordinator, email="late@example.org")
        Invitation.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(hours=1))
        new = invite(coordinator, email="late@example.org")
        old.refresh_from_db()
        assert old.revoked_at is not None and new.is_open

    def test_only_a_coordinator_can_invite(self, mentor):
        with pytest.raises(ValidationError):
            invite(mentor)
        assert not Invitation.objects.exists()

    def test_existing_member_is_not_invited_again(self, coordinator, mentee):
        with pytest.raises(ValidationError, match="already a member"):
            invite(coordinator, email=mentee.user.email.upper())


class TestInvitationAccept:
    def test_joins_with_the_role_and_works_once(self, coordinator):
        invitation = invite(coordinator, role=Role.MENTOR)
        user = UserFactory(email="new.person@example.org")
        token = token_of(invitation)
        membership = services.invitation_accept(token=token, user=user)
        assert membership.role == Role.MENTOR
        assert membership.status == Membership.Status.INVITED
        assert not membership.has_acknowledged_privacy
        with pytest.raises(services.InvitationInvalid, match="already been used"):
            services.invitation_accept(token=token, user=user)
        assert Membership.objects.filter(user=user).count() == 1

    def test_expired_link_is_refused(self, coordinator):
        invitation = invite(coordinator)
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )
        user = UserFactory(email="new.person@example.org")
        with pytest.raises(services.InvitationInvalid, match="expired"):
            services.invitation_accept(token=token_of(invitation), user=user)
        assert not Membership.objects.filter(user=user).exists()

    def test_forged_link_is_refused(self, coordinator):
        invitation = invite(coordinator)
        user = UserFactory(email="new.person@example.org")
        forged = token_of(invitation)[:-2] + "xx"
        with pytest.raises(services.InvitationInvalid, match="not valid"):
            services.invitation_accept(token=forged, user=user)

    def test_resend_makes_the_old_link_stop_working(self, coordinator):
        invitation = invite(coordinator)
        old_token = token_of(invitation)
        services.invitation_resend(invitation=invitation, by=coordinator, base_url=BASE)
        user = UserFactory(email="new.person@example.org")
        with pytest.raises(services.InvitationInvalid, match="no longer valid"):
            services.invitation_accept(token=old_token, user=user)
        invitation.refresh_from_db()
        assert services.invitation_accept(token=token_of(invitation), user=user)

    def test_withdrawn_invitation_is_refused(self, coordinator):
        invitation = invite(coordinator)
        services.invitation_revoke(invitation=invitation, by=coordinator)
        user = UserFactory(email="new.person@example.org")
        with pytest.raises(services.InvitationInvalid, match="withdrawn"):
            services.invitation_accept(token=token_of(invitation), user=user)

    def test_another_account_cannot_use_the_link(self, coordinator):
        invitation = invite(coordinator)
        stranger = UserFactory(email="someone.else@example.org")
        with pytest.raises(services.InvitationInvalid, match="different email"):
            services.invitation_accept(token=token_of(invitation), user=stranger)
        invitation.refresh_from_db()
        assert invitation.accepted_at is None

    def test_coordinator_of_another_program_cannot_resend_or_revoke(self, coordinator, outsider):
        invitation = invite(coordinator)
        with pytest.raises(ValidationError):
            services.invitation_revoke(invitation=invitation, by=outsider)
        with pytest.raises(ValidationError):
            services.invitation_resend(invitation=invitation, by=outsider, base_url=BASE)
        invitation.refresh_from_db()
        assert invitation.is_open


class TestMemberships:
    def test_privacy_acknowledgement_activates_and_stores_version_and_time(self, program):
        membership = MembershipFactory(
            program=program,
            status=Membership.Status.INVITED,
            privacy_notice_version=None,
            privacy_acknowledged_at=None,
        )
        before = timezone.now()
        membership = services.membership_acknowledge_privacy(membership=membership)
        assert membership.status == Membership.Status.ACTIVE
        assert membership.privacy_notice_version == program.privacy_notice_version
        assert membership.privacy_acknowledged_at >= before

    def test_a_new_notice_version_must_be_acknowledged_again(self, mentee):
        program = mentee.program
        program.privacy_notice_version = 2
        program.save()
        mentee.refresh_from_db()
        assert not mentee.has_acknowledged_privacy

    def test_one_membership_per_person_per_program(self, mentee):
        with pytest.raises(ValidationError, match="already a member"):
            services.membership_add(user=mentee.user, program=mentee.program, role=Role.MENTOR)
        with pytest.raises(IntegrityError), transaction.atomic():
            Membership.objects.create(user=mentee.user, program=mentee.program, role=Role.MENTOR)

    def test_a_person_can_hold_different_roles_in_different_programs(self, mentor, other_program):
        services.membership_add(user=mentor.user, program=other_program, role=Role.MENTEE)
        roles = set(Membership.objects.filter(user=mentor.user).values_list("role", flat=True))
        assert roles == {Role.MENTOR, Role.MENTEE}

    def test_someone_who_left_can_be_invited_back(self, coordinator, mentee):
        services.membership_set_status(membership=mentee, status="left", by=coordinator)
        invitation = invite(coordinator, email=mentee.user.email)
        membership = services.invitation_accept(token=token_of(invitation), user=mentee.user)
        assert membership.pk == mentee.pk and membership.status == Membership.Status.ACTIVE

    def test_coordinator_of_another_program_cannot_change_a_membership(self, mentee, outsider):
        with pytest.raises(ValidationError):
            services.membership_set_status(membership=mentee, status="left", by=outsider)
        mentee.refresh_from_db()
        assert mentee.status == Membership.Status.ACTIVE


class TestOpenEnrollment:
    def test_closed_by_default(self, program):
        user = UserFactory()
        with pytest.raises(services.InvitationInvalid):
            services.enrollment_join(program=program, token=program.enrollment_token, user=user)

    def test_open_link_joins_as_mentee_and_a_new_link_retires_the_old(self, program):
        program = services.program_update_enrollment(program=program, open_enrollment=True)
        user = UserFactory()
        membership = services.enrollment_join(
            program=program, token=program.enrollment_token, user=user
        )
        assert membership.role == Role.MENTEE
        old = program.enrollment_token
        program = services.program_update_enrollment(
            program=program, open_enrollment=True, regenerate_link=True
        )
        with pytest.raises(services.InvitationInvalid):
            services.enrollment_join(program=program, token=old, user=UserFactory())


class TestProfile:
    def test_unknown_time_zone_is_refused(self, mentee):
        with pytest.raises(ValidationError):
            services.profile_update(user=mentee.user, time_zone="Mars/Olympus")
        mentee.user.profile.refresh_from_db()
        assert mentee.user.profile.time_zone == "America/New_York"

    def test_every_new_user_has_a_profile(self, db):
        from accounts.models import User

        user = User.objects.create_user(email="fresh@example.org", password="x-long-password")
        assert user.profile.display_name == ""
        assert user.display_name == "fresh"
