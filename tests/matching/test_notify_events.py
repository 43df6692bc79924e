"""Who is told about pairing proposals and their answers: each action goes through its service,
and the test reads who got which notification and who did not (never the actor)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from matching import services
from notifications.models import Notification
from tests.factories import IntakeFactory, MatchingRoundFactory, MembershipFactory

pytestmark = pytest.mark.django_db

MENTEE_ANSWERS = {"focus_areas": ["career"], "languages": ["en"], "formats": ["video"]}
MENTOR_ANSWERS = MENTEE_ANSWERS | {"lived_experience": ["career"], "capacity": 2}


@pytest.fixture(autouse=True)
def intakes(mentee, other_mentee, mentor, other_mentor):
    for person in (mentee, other_mentee):
        services.intake_save(membership=person, by=person.user, data=MENTEE_ANSWERS)
    for person in (mentor, other_mentor):
        services.intake_save(membership=person, by=person.user, data=MENTOR_ANSWERS)


def told(membership) -> list[tuple[str, str]]:
    return list(
        Notification.objects.filter(recipient=membership.user)
        .order_by("pk")
        .values_list("kind", "url")
    )


def kinds(membership) -> list[str]:
    return [kind for kind, _url in told(membership)]


def detail(program, pairing) -> str:
    return reverse("matching:pairing_detail", args=[program.slug, pairing.pk])


class TestProposals:
    def test_a_proposal_reaches_both_people_who_must_answer(
        self, coordinator, mentee, mentor, other_mentor, program
    ):
        pairing = services.pairing_propose(mentee=mentee, mentor=mentor, by=coordinator)
        assert told(mentor) == [("pairing_proposed", detail(program, pairing))]
        assert told(mentee) == [("pairing_proposed", detail(program, pairing))]
        assert told(coordinator) == [] and told(other_mentor) == []

    def test_when_the_proposal_stands_for_the_mentee_only_the_mentor_answers(
        self, coordinator, mentee, mentor, program
    ):
        services.matching_settings_update(program=program, mentee_acceptance_required=False)
        services.pairing_propose(mentee=mentee, mentor=mentor, by=coordinator)
        assert kinds(mentor) == ["pairing_proposed"]
        assert told(mentee) == []

    def test_a_self_match_request_reaches_the_mentor(self, coordinator, mentee, mentor, program):
        services.matching_settings_update(program=program, self_match_enabled=True)
        pairing = services.pairing_request(mentee=mentee, mentor=mentor)
        assert told(mentor) == [("pairing_proposed", detail(program, pairing))]
        assert told(mentee) == [] and told(coordinator) == []


def make_round(program, size):
    proposals = []
    for _ in range(size):
        mentee = MembershipFactory(program=program, role=Role.MENTEE)
        mentor = MembershipFactory(program=program, role=Role.MENTOR)
        IntakeFactory(membership=mentor, capacity=1)
        proposals.append({"mentee": mentee.pk, "mentor": mentor.pk, "score": 50.0, "reasons": []})
    return MatchingRoundFactory(program=program, proposals=proposals)


class TestRounds:
    def test_every_proposal_of_a_confirmed_round_is_told(self, coordinator, program):
        matching_round = make_round(program, 3)
        created, _skipped = services.round_confirm(matching_round=matching_round, by=coordinator)
        assert created == 3
        rows = Notification.objects.filter(kind="pairing_proposed")
        people = {p["mentee"] for p in matching_round.proposals} | {
            p["mentor"] for p in matching_round.proposals
        }
        assert rows.count() == 6
        assert {n.recipient_id for n in rows} == set(
            MembershipFactory._meta.model.objects.filter(pk__in=people).values_list(
                "user_id", flat=True
            )
        )
        assert told(coordinator) == []

    def test_a_large_round_costs_no_more_queries_than_a_small_one(self, coordinator, program):
        first, small, large = (
            make_round(program, 1),
            make_round(program, 2),
            make_round(program, 12),
        )
        services.round_confirm(matching_round=first, by=coordinator)  # settings made once
        with CaptureQueriesContext(connection) as small_queries:
            services.round_confirm(matching_round=small, by=coordinator)
        with CaptureQueriesContext(connection) as large_queries:
            services.round_confirm(matching_round=large, by=coordinator)
        assert Notification.objects.filter(kind="pairing_proposed").count() == 30
        assert len(large_queries) == len(small_queries)


class TestAnswers:
    def test_acceptance_reaches_the_other_side_and_the_proposing_coordinator(
        self, coordinator, mentee, mentor, program
    ):
        second_coordinator = MembershipFactory(program=program, role=Role.COORDINATOR)
        pairing = services.pairing_propose(mentee=mentee, mentor=mentor, by=coordinator)
        services.pairing_accept(pairing=pairing, by=mentor)
        board = reverse("matching_coord:board", args=[program.slug])
        assert told(mentee)[-1] == ("pairing_accepted", detail(program, pairing))
        assert told(coordinator) == [("pairing_accepted", board)]
        assert told(second_coordinator) == []  # the coordinator who proposed it hears
        assert kinds(mentor) == ["pairing_proposed"]  # never the actor
        services.pairing_accept(pairing=pairing, by=mentor)  # a double submit
        assert kinds(coordinator) == ["pairing_accepted"]

    def test_a_decline_reaches_the_other_side_and_the_coordinator(
        self, coordinator, mentee, mentor, program
    ):
        pairing = services.pairing_propose(mentee=mentee, mentor=mentor, by=coordinator)
        services.pairing_decline(pairing=pairing, by=mentee, reason="Timing")
        assert kinds(mentor) == ["pairing_proposed", "pairing_declined"]
        assert kinds(coordinator) == ["pairing_declined"]
        assert kinds(mentee) == ["pairing_proposed"]

    def test_a_self_match_answer_reaches_the_mentee_and_every_coordinator(
        self, coordinator, mentee, mentor, program, outsider
    ):
        second_coordinator = MembershipFactory(program=program, role=Role.COORDINATOR)
        services.matching_settings_update(program=program, self_match_enabled=True)
        pairing = services.pairing_request(mentee=mentee, mentor=mentor)
        services.pairing_accept(pairing=pairing, by=mentor)
        assert kinds(mentee) == ["pairing_accepted"]
        assert kinds(coordinator) == ["pairing_accepted"]
        assert kinds(second_coordinator) == ["pairing_accepted"]
        assert told(outsider) == []
        assert Notification.objects.get(recipient=mentee.user).title == "Marcus accepted a pairing"
