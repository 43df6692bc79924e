"""After the privacy notice the next step (the intake) is clear, and the home says what
happens next while a person waits for a match."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import IntakeFactory, MembershipFactory, PairingFactory

WAITING = "What happens next"


@pytest.mark.django_db
class TestAfterThePrivacyNotice:
    @pytest.mark.parametrize("role", [Role.MENTEE, Role.MENTOR])
    def test_the_welcome_names_the_intake(self, client, login, program, role):
        member = MembershipFactory(program=program, role=role, privacy_acknowledged_at=None)
        login(member)
        response = client.post(
            reverse("accounts:privacy_notice", args=[program.slug]),
            {"acknowledge": "on"},
            follow=True,
        )
        body = response.content.decode()
        assert "Your next step is the intake" in body
        assert reverse("matching:intake", args=[program.slug]) in body

    def test_a_coordinator_is_not_sent_to_an_intake(self, client, login, program):
        member = MembershipFactory(
            program=program, role=Role.COORDINATOR, privacy_acknowledged_at=None
        )
        login(member)
        response = client.post(
            reverse("accounts:privacy_notice", args=[program.slug]),
            {"acknowledge": "on"},
            follow=True,
        )
        assert "Your next step is the intake" not in response.content.decode()


@pytest.mark.django_db
class TestWaitingForAMatch:
    def home(self, client, login, membership) -> str:
        login(membership)
        url = reverse("program_home", args=[membership.program.slug])
        return client.get(url).content.decode()

    def test_before_the_intake_the_steps_are_listed(self, client, login, mentee):
        body = self.home(client, login, mentee)
        assert "Complete my intake" in body and "about five minutes" in body
        assert WAITING not in body

    def test_after_the_intake_the_mentee_is_told_what_happens_next(self, client, login, mentee):
        IntakeFactory(membership=mentee)
        body = self.home(client, login, mentee)
        assert WAITING in body and "you get an email" in body

    def test_a_paired_mentee_sees_no_waiting_text(self, client, login, pairing):
        IntakeFactory(membership=pairing.mentee)
        assert WAITING not in self.home(client, login, pairing.mentee)

    def test_a_mentor_waiting_for_a_mentee_is_told_what_happens_next(self, client, login, mentor):
        IntakeFactory(membership=mentor)
        assert "What happens next: your coordinator proposes a mentee" in self.home(
            client, login, mentor
        )

    def test_a_mentor_with_a_mentee_sees_no_waiting_text(self, client, login, mentor, mentee):
        IntakeFactory(membership=mentor)
        PairingFactory(mentor=mentor, mentee=mentee)
        assert "What happens next" not in self.home(client, login, mentor)
