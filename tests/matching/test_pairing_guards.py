"""The two rules that keep pairings safe, tried one step after another so they run on SQLite
and PostgreSQL alike (tests/matching/test_concurrency.py adds the simultaneous case on
PostgreSQL):

- a mentor never has more current mentees than their capacity, however the acceptances come;
- a mentee has one current mentor: the database refuses a second active or paused pairing, and
  the services never propose someone who already has one.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from matching import services
from matching.models import MatchingRound, Pairing
from tests.factories import MatchingRoundFactory, PairingFactory

ANSWERS = {"focus_areas": ["substance_recovery"], "languages": ["en"], "formats": ["video"]}
NO_ROOM = "This mentor has no room for another mentee right now."


@pytest.fixture
def intakes(mentee, other_mentee, mentor, other_mentor):
    for person in (mentee, other_mentee):
        services.intake_save(membership=person, by=person.user, data=ANSWERS)
    for person in (mentor, other_mentor):
        services.intake_save(membership=person, by=person.user, data=ANSWERS | {"capacity": 2})


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("intakes")]


# CAPACITY, ONE ACCEPTANCE AFTER ANOTHER


@pytest.fixture
def mentor_at_capacity_with_an_open_proposal(coordinator, mentee, other_mentee, mentor):
    """Two proposals made while the mentor had room for two; the first became a pairing, then
    the mentor lowered their capacity to one. Both mentees have accepted."""
    first = services.pairing_propose(mentee=mentee, mentor=mentor, by=coordinator)
    second = services.pairing_propose(mentee=other_mentee, mentor=mentor, by=coordinator)
    services.pairing_accept(pairing=first, by=mentee)
    services.pairing_accept(pairing=second, by=other_mentee)
    services.pairing_accept(pairing=first, by=mentor)
    services.intake_save(membership=mentor, by=mentor.user, data={"capacity": 1})
    return second


def test_a_mentor_at_capacity_cannot_accept_one_more(
    mentor_at_capacity_with_an_open_proposal, mentor
):
    second = mentor_at_capacity_with_an_open_proposal
    with pytest.raises(ValidationError, match=NO_ROOM):
        services.pairing_accept(pairing=second, by=mentor)

    second.refresh_from_db()
    assert second.status == Pairing.Status.PROPOSED
    assert second.mentor_accepted_at is None, "a refused acceptance leaves nothing half-done"
    assert Pairing.objects.filter(mentor=mentor, status__in=Pairing.CURRENT).count() == 1


def test_the_mentor_sees_why_accepting_was_refused(
    login, mentor_at_capacity_with_an_open_proposal, mentor, program
):
    second = mentor_at_capacity_with_an_open_proposal
    response = login(mentor).post(
        reverse(
            "matching:pairing_accept",
            kwargs={"program_slug": program.slug, "pairing_id": second.pk},
        ),
        follow=True,
    )
    assert response.status_code == 200
    assert NO_ROOM in response.content.decode()
    second.refresh_from_db()
    assert second.status == Pairing.Status.PROPOSED


# ONE CURRENT MENTOR PER MENTEE, IN THE DATABASE


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (Pairing.Status.PAUSED, Pairing.Status.ACTIVE),
        (Pairing.Status.PAUSED, Pairing.Status.PAUSED),
        (Pairing.Status.ACTIVE, Pairing.Status.PAUSED),
        (Pairing.Status.ACTIVE, Pairing.Status.ACTIVE),
    ],
)
def test_the_database_refuses_a_second_current_pairing(mentee, mentor, other_mentor, first, second):
    PairingFactory(mentee=mentee, mentor=mentor, status=first)
    with pytest.raises(IntegrityError), transaction.atomic():
        PairingFactory(mentee=mentee, mentor=other_mentor, status=second)
    assert Pairing.objects.filter(mentee=mentee, status__in=Pairing.CURRENT).count() == 1


def test_the_database_refuses_to_activate_a_proposal_beside_a_paused_pairing(
    mentee, mentor, other_mentor
):
    PairingFactory(mentee=mentee, mentor=mentor, paused=True)
    # A proposal may wait beside a current pairing; it may not become a second current one.
    proposal = PairingFactory(mentee=mentee, mentor=other_mentor, proposed=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Pairing.objects.filter(pk=proposal.pk).update(status=Pairing.Status.ACTIVE)
    proposal.refresh_from_db()
    assert proposal.status == Pairing.Status.PROPOSED


# ONE CURRENT MENTOR PER MENTEE, IN THE SERVICES


@pytest.fixture(params=[Pairing.Status.ACTIVE, Pairing.Status.PAUSED])
def mentee_with_a_current_mentor(request, mentee, mentor):
    PairingFactory(mentee=mentee, mentor=mentor, status=request.param)
    return mentee


def test_a_coordinator_cannot_propose_a_mentee_who_has_a_mentor(
    mentee_with_a_current_mentor, other_mentor, coordinator
):
    with pytest.raises(ValidationError, match="already has a mentor"):
        services.pairing_propose(
            mentee=mentee_with_a_current_mentor, mentor=other_mentor, by=coordinator
        )
    assert not Pairing.objects.filter(mentor=other_mentor).exists()


def test_a_mentee_who_has_a_mentor_cannot_request_another(
    mentee_with_a_current_mentor, other_mentor, program
):
    services.matching_settings_update(program=program, self_match_enabled=True)
    with pytest.raises(ValidationError, match="can't be requested"):
        services.pairing_request(mentee=mentee_with_a_current_mentor, mentor=other_mentor)
    assert not Pairing.objects.filter(mentor=other_mentor).exists()


def test_confirming_a_round_skips_a_mentee_who_found_a_mentor_meanwhile(
    mentee, other_mentee, mentor, other_mentor, coordinator, program
):
    matching_round = MatchingRoundFactory(
        program=program,
        proposals=[
            {"mentee": mentee.pk, "mentor": other_mentor.pk, "score": 60.0, "reasons": []},
            {"mentee": other_mentee.pk, "mentor": other_mentor.pk, "score": 55.0, "reasons": []},
        ],
    )
    # Between computing and confirming, the mentee was paired by hand.
    PairingFactory(mentee=mentee, mentor=mentor)

    created, skipped = services.round_confirm(matching_round=matching_round, by=coordinator)

    assert (created, skipped) == (1, 1)
    assert not Pairing.objects.filter(mentee=mentee, status=Pairing.Status.PROPOSED).exists()
    assert Pairing.objects.get(round=matching_round).mentee == other_mentee
    matching_round.refresh_from_db()
    assert matching_round.status == MatchingRound.Status.CONFIRMED
