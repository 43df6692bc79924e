"""Issue 14: a match score ("100 / 100") is the coordinator's tool; the mentee and the mentor
see the reasons for a pairing, never its score."""

import pytest
from django.urls import reverse

from tests.factories import PairingFactory


def detail(pairing):
    return reverse("matching:pairing_detail", args=[pairing.mentee.program.slug, pairing.pk])


@pytest.fixture
def scored(mentee, mentor):
    return PairingFactory(mentee=mentee, mentor=mentor, score=87)


def _shows_score(page: str) -> bool:
    return "87 / 100" in page or "87/100" in page


def test_mentee_and_mentor_see_no_score(login, scored, mentee, mentor):
    for member in (mentee, mentor):
        page = login(member).get(detail(scored)).content.decode()
        assert "End the pairing" in page
        assert not _shows_score(page) and "/ 100" not in page


def test_proposals_show_members_no_score(login, mentee, mentor):
    PairingFactory(mentee=mentee, mentor=mentor, score=87, proposed=True)
    for member in (mentee, mentor):
        url = reverse("matching:pairings", args=[member.program.slug])
        page = login(member).get(url).content.decode()
        assert "/ 100" not in page


def test_the_coordinator_keeps_the_score(login, scored, coordinator):
    page = login(coordinator).get(detail(scored)).content.decode()
    assert "87" in page and "/ 100" in page
