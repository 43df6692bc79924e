"""The coordinator's matching pages run a fixed number of queries, whatever the program's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from matching import services
from matching.models import MatchingRound
from tests.factories import (
    MembershipFactory,
    ProgramFactory,
    UserFactory,
    enable_mfa,
    pairing_accepted_by_both,
)

FOCUS = ["wellness", "career", "community", "housing", "education"]
LANGS = ["en", "es", "pt"]
SLOTS = ["mon-evening", "tue-evening", "wed-morning", "sat-morning", "sun-afternoon"]


def _answers(i: int, *, mentor: bool) -> dict:
    data = {
        "focus_areas": [FOCUS[i % 5], FOCUS[(i + 2) % 5]],
        "pathways": ["smart" if i % 2 else "twelve_step"],
        "languages": ["en", LANGS[i % 3]],
        "availability": SLOTS[i % 3 : i % 3 + 3],
        "formats": ["video", "phone"] if i % 2 else ["in_person"],
        "region": f"Region {i % 4}",
        "time_zone": "America/New_York",
        "interests": [f"interest {i % 6}", "music"],
    }
    if mentor:
        data |= {"lived_experience": ["substance_recovery"], "industries": ["retail"]}
        data["capacity"] = 3
    return data


def build_program(*, slug: str, mentees: int, mentors: int, pairings: bool) -> dict:
    program = ProgramFactory(slug=slug)
    coordinator = MembershipFactory(
        program=program, role=Role.COORDINATOR, user=UserFactory(display_name="Coordinator")
    )
    enable_mfa(coordinator.user)

    def people(role, count):
        out = []
        for i in range(count):
            member = MembershipFactory(
                program=program, role=role, user=UserFactory(display_name=f"{role} {i}")
            )
            services.intake_save(
                membership=member, by=member.user, data=_answers(i, mentor=role == Role.MENTOR)
            )
            out.append(member)
        return out

    mentee_list = people(Role.MENTEE, mentees)
    mentor_list = people(Role.MENTOR, mentors)
    if pairings:
        # Active, paused, proposed and ended pairings, plus do-not-pair rules.
        for k in range(8):
            pairing = services.pairing_propose(
                mentee=mentee_list[-1 - k], mentor=mentor_list[k % mentors], by=coordinator
            )
            if k % 4 == 3:
                continue  # stays proposed
            pairing_accepted_by_both(pairing)
            if k % 4 == 1:
                services.pairing_pause(pairing=pairing, by=coordinator)
            if k % 4 == 2:
                services.pairing_end(pairing=pairing, by=coordinator, reason="Moved")
        for k in range(3):
            services.do_not_pair_add(
                mentee=mentee_list[k], mentor=mentor_list[k], by=coordinator, reason="Conflict"
            )
    matching_round = services.round_start(program=program, by=coordinator)
    assert matching_round.status == MatchingRound.Status.READY
    if pairings:
        services.round_remove_pair(
            matching_round=matching_round,
            by=coordinator,
            mentee_id=matching_round.proposals[0]["mentee"],
        )
    return {
        "program": program,
        "coordinator": coordinator,
        "mentee": mentee_list[0],
        "round": matching_round,
    }


@pytest.fixture
def small(db):
    return build_program(slug="small", mentees=3, mentors=2, pairings=False)


@pytest.fixture
def big(db):
    return build_program(slug="big", mentees=30, mentors=12, pairings=True)


PAGES = {
    "board": lambda p: {},
    "suggestions": lambda p: {"mentee_id": p["mentee"].pk},
    "round_detail": lambda p: {"round_id": p["round"].pk},
    "intakes": lambda p: {},
    "round_new": lambda p: {},
}


def count_queries(client, setup, name) -> int:
    client.force_login(setup["coordinator"].user)
    page = reverse(
        f"matching_coord:{name}",
        kwargs={"program_slug": setup["program"].slug, **PAGES[name](setup)},
    )
    client.get(page)  # first visit may create the settings row
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", PAGES)
def test_page_queries_do_not_grow_with_the_program(client, small, big, name):
    small_count = count_queries(client, small, name)
    big_count = count_queries(client, big, name)
    assert small_count == big_count, (name, small_count, big_count)


def test_the_big_program_really_is_bigger(client, small, big):
    """Guard against a vacuous comparison: the big pages show much more."""
    client.force_login(big["coordinator"].user)
    response = client.get(reverse("matching_coord:board", args=[big["program"].slug]))
    assert len(response.context["mentees"]) > 10
    assert len(response.context["proposals"]) >= 2
    response = client.get(
        reverse("matching_coord:round_detail", args=[big["program"].slug, big["round"].pk])
    )
    assert len(response.context["proposals"]) > 10
    assert response.context["unmatched_total"] >= 1
    response = client.get(
        reverse("matching_coord:suggestions", args=[big["program"].slug, big["mentee"].pk])
    )
    assert len(response.context["suggestions"]) == 10
