"""The matching admin: read-only, ending a pairing is an action calling `pairing_end` (so
`pairing_ended` fires and planned meetings are cancelled), and no reason or feedback
comment is shown."""

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from matching import services
from matching.models import DoNotPair, Pairing, PairingFeedback
from mentoring import services as mentoring_services
from mentoring.models import Meeting
from tests.factories import MembershipFactory, UserFactory, pairing_activated_through_services

pytestmark = pytest.mark.django_db

END_REASON = "Moving to Pemberwick"
FEEDBACK = "Glad about Tanglefoot"
DECLINE_REASON = "Schedule at Orrington"
DO_NOT_PAIR_REASON = "Neighbours on Quarrystone"
SECRET_WORDS = ["Pemberwick", "Tanglefoot", "Orrington", "Quarrystone"]


@pytest.fixture
def pairing(coordinator, mentee, mentor) -> Pairing:
    return pairing_activated_through_services(mentee=mentee, mentor=mentor, coordinator=coordinator)


@pytest.fixture
def planned_meeting(pairing, mentor) -> Meeting:
    meeting, _overlaps = mentoring_services.meeting_propose(
        pairing=pairing, by=mentor.user, starts_at=timezone.now() + timedelta(days=2)
    )
    return meeting


@pytest.fixture
def operator(client, program):
    """A superuser who also coordinates the program: the service lets them end its pairings."""
    user = UserFactory(email="ops@example.org", is_staff=True, is_superuser=True)
    MembershipFactory(user=user, program=program, role=Role.COORDINATOR)
    TOTP.activate(user, generate_totp_secret())  # as the coordinator's pages require
    client.force_login(user)
    return client


def end_action(client, pairing, reason):
    return client.post(
        reverse("admin:matching_pairing_changelist"),
        {
            "action": "end_pairings",
            "_selected_action": [pairing.pk],
            "reason": reason,
            "index": "0",
        },
        follow=True,
    )


def messages_of(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def test_ending_a_pairing_calls_the_service_and_cancels_planned_meetings(
    operator, pairing, planned_meeting
):
    response = end_action(operator, pairing, "Program moved the mentee")

    assert "1 pairing ended." in messages_of(response)
    pairing.refresh_from_db()
    planned_meeting.refresh_from_db()
    assert pairing.status == Pairing.Status.ENDED
    assert pairing.closed_by.email == "ops@example.org"
    assert pairing.close_reason == "Program moved the mentee"
    # pairing_ended fired: mentoring cancelled the planned meeting so calendars drop it.
    assert planned_meeting.status == Meeting.Status.CANCELLED
    assert planned_meeting.sequence == 1


def test_ending_needs_a_reason(operator, pairing, planned_meeting):
    response = end_action(operator, pairing, "  ")

    assert "Write the reason for ending" in messages_of(response)
    pairing.refresh_from_db()
    planned_meeting.refresh_from_db()
    assert pairing.status == Pairing.Status.ACTIVE
    assert planned_meeting.status == Meeting.Status.PROPOSED


def test_an_operator_who_does_not_coordinate_the_program_cannot_end_its_pairings(client, pairing):
    root = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    TOTP.activate(root, generate_totp_secret())
    client.force_login(root)

    response = end_action(client, pairing, "Tidying up")

    assert f"Pairing #{pairing.pk} was not ended" in messages_of(response)
    pairing.refresh_from_db()
    assert pairing.status == Pairing.Status.ACTIVE


def test_ending_needs_two_factor_authentication_like_the_coordinator_pages(
    client, program, pairing
):
    user = UserFactory(email="ops2@example.org", is_staff=True, is_superuser=True)
    MembershipFactory(user=user, program=program, role=Role.COORDINATOR)
    client.force_login(user)

    response = end_action(client, pairing, "Program moved the mentee")

    assert "turn on two-factor authentication" in messages_of(response)
    pairing.refresh_from_db()
    assert pairing.status == Pairing.Status.ACTIVE


def test_the_service_rules_hold_in_the_admin(operator, coordinator, other_mentee, other_mentor):
    proposal = services.pairing_propose(mentee=other_mentee, mentor=other_mentor, by=coordinator)

    response = end_action(operator, proposal, "Not a match")

    assert "Only an active or paused pairing can be ended." in messages_of(response)
    proposal.refresh_from_db()
    assert proposal.status == Pairing.Status.PROPOSED


def test_pairings_cannot_be_added_changed_or_deleted_in_the_admin(operator, pairing):
    change = reverse("admin:matching_pairing_change", args=[pairing.pk])
    assert operator.get(reverse("admin:matching_pairing_add")).status_code == 403
    assert operator.post(change, {"status": "ended"}).status_code == 403
    delete = reverse("admin:matching_pairing_delete", args=[pairing.pk])
    assert operator.post(delete, {"post": "yes"}).status_code == 403
    pairing.refresh_from_db()
    assert pairing.status == Pairing.Status.ACTIVE
    # The page itself opens, read-only.
    assert operator.get(change).status_code == 200


@pytest.fixture
def closed_pairings(coordinator, mentee, mentor, other_mentee, other_mentor):
    pairing = pairing_activated_through_services(
        mentee=mentee, mentor=mentor, coordinator=coordinator
    )
    services.pairing_end(pairing=pairing, by=mentee, reason=END_REASON, rating=5, comment=FEEDBACK)
    declined = services.pairing_propose(mentee=other_mentee, mentor=other_mentor, by=coordinator)
    services.pairing_decline(pairing=declined, by=other_mentee, reason=DECLINE_REASON)
    rule = services.do_not_pair_add(
        mentee=mentee, mentor=other_mentor, by=coordinator, reason=DO_NOT_PAIR_REASON
    )
    return [pairing, declined, PairingFeedback.objects.get(pairing=pairing), rule]


def test_reasons_and_feedback_are_not_shown(operator, closed_pairings):
    assert DoNotPair.objects.filter(reason=DO_NOT_PAIR_REASON).exists()
    for obj in closed_pairings:
        opts = obj._meta
        for path in [
            reverse(f"admin:matching_{opts.model_name}_changelist"),
            reverse(f"admin:matching_{opts.model_name}_change", args=[obj.pk]),
            reverse(f"admin:matching_{opts.model_name}_history", args=[obj.pk]),
        ]:
            response = operator.get(path)
            assert response.status_code == 200, path
            html = response.content.decode()
            assert not [word for word in SECRET_WORDS if word in html], path
        search = operator.get(
            reverse(f"admin:matching_{opts.model_name}_changelist"), {"q": "Tanglefoot"}
        )
        assert search.context["cl"].result_count == 0


@pytest.mark.parametrize(
    "model_name, lookup",
    [
        ("pairing", "close_reason__icontains"),
        ("pairingfeedback", "comment__icontains"),
        ("pairingfeedback", "pairing__close_reason__icontains"),
        ("donotpair", "reason__icontains"),
    ],
)
def test_url_filters_cannot_probe_reasons(operator, closed_pairings, model_name, lookup):
    response = operator.get(reverse(f"admin:matching_{model_name}_changelist"), {lookup: "a"})
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        assert "e=1" in response["Location"]
