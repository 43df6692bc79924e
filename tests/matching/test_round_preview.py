"""A matching round's preview: its totals follow the pairs the coordinator keeps."""

from django.urls import reverse

from accounts.models import Role
from tests.factories import MatchingRoundFactory, MembershipFactory


def _proposal(program, score: float) -> dict:
    mentee = MembershipFactory(program=program, role=Role.MENTEE)
    mentor = MembershipFactory(program=program, role=Role.MENTOR)
    return {"mentee": mentee.pk, "mentor": mentor.pk, "score": score, "reasons": []}


def test_removing_a_pair_lowers_the_total_score(login, coordinator, program):
    """The walkthrough's case: 162 with pairs of 89 and 73; removing the 89-point pair must
    leave 73, not 162."""
    kept, removed = _proposal(program, 73.0), _proposal(program, 89.0)
    matching_round = MatchingRoundFactory(
        program=program,
        proposals=[removed, kept],
        stats={"total_score": 162.0, "seconds": 0.1, "mentees": 2, "mentors": 2},
    )
    client = login(coordinator)
    detail = reverse("matching_coord:round_detail", args=[program.slug, matching_round.pk])
    assert ">162<" in client.get(detail).content.decode()

    response = client.post(
        reverse("matching_coord:round_remove", args=[program.slug, matching_round.pk]),
        {"mentee": removed["mentee"]},
        follow=True,
    )
    page = response.content.decode()
    assert response.context["stats"]["total_score"] == 73.0
    assert ">73<" in page and ">162<" not in page
    # The other figures are kept.
    assert response.context["stats"]["seconds"] == 0.1

    # Removing the last pair leaves a total of 0.
    response = client.post(
        reverse("matching_coord:round_remove", args=[program.slug, matching_round.pk]),
        {"mentee": kept["mentee"]},
        follow=True,
    )
    assert response.context["stats"]["total_score"] == 0
