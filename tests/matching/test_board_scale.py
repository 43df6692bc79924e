"""The coordinator's matching lists at scale: paginated, searchable and filterable, with the
same SQL query count at 20 and at 2,000 members, and calm answers to bad input."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Membership, Role
from matching.models import Pairing
from tests.factories import MembershipFactory, UserFactory, program_at_scale

BOARD_QUERIES = [
    {},
    {"q": "WAITING 1", "focus": "career", "language": "es", "waited_days": "7"},
    {"load": "room", "mentors_page": "2"},
    {"page": "3", "proposals_page": "2"},
]
INTAKE_QUERIES = [{}, {"q": "paired", "role": "mentee", "state": "started", "page": "2"}]


def _queries(client, path, params) -> int:
    client.get(path, params)  # first visit may create the settings row
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def small(db):
    return program_at_scale(slug="small", members=20)


@pytest.fixture
def large(db):
    return program_at_scale(slug="large", members=2000)


def test_query_counts_do_not_grow_from_20_to_2000_members(client, small, large):
    counts = {}
    for size, setup in (("small", small), ("large", large)):
        client.force_login(setup["coordinator"].user)
        slug = setup["program"].slug
        board = reverse("matching_coord:board", args=[slug])
        intakes = reverse("matching_coord:intakes", args=[slug])
        counts[size] = [_queries(client, board, p) for p in BOARD_QUERIES] + [
            _queries(client, intakes, p) for p in INTAKE_QUERIES
        ]
    assert counts["small"] == counts["large"]


def test_the_large_board_is_paginated_and_counted_in_the_database(client, large):
    client.force_login(large["coordinator"].user)
    response = client.get(reverse("matching_coord:board", args=[large["program"].slug]))
    waiting = Membership.objects.filter(
        program=large["program"], role=Role.MENTEE, status=Membership.Status.ACTIVE
    ).exclude(mentee_pairings__status__in=Pairing.OPEN)
    assert response.context["mentee_listing"].total == waiting.count() > 1000
    assert len(response.context["mentees"]) == 25
    assert response.context["mentor_listing"].total == 200
    assert len(response.context["mentors"]) == 25
    page = response.content.decode()
    assert f"{waiting.count():,} mentees waiting".replace(",", "") in page.replace(",", "")
    assert "?page=2" in page and "mentors_page=2" in page
    assert len(page) < 250_000


class TestBoardSearchAndFilters:
    @pytest.fixture
    def cast(self, program, coordinator):
        def person(role, name, email, **intake):
            member = MembershipFactory(
                program=program, role=role, user=UserFactory(email=email, display_name=name)
            )
            from matching.models import Intake

            Intake.objects.create(membership=member, **intake)
            return member

        return {
            "alba": person(Role.MENTEE, "Alba", "alba@example.org", focus_areas=["housing"]),
            "bea": person(
                Role.MENTEE, "Bea", "b.quiet@example.org", languages=["es"], focus_areas=[]
            ),
            "mo": person(Role.MENTOR, "Mo", "mo@example.org", capacity=1, languages=["es"]),
            "rui": person(Role.MENTOR, "Rui", "rui@example.org", capacity=2),
        }

    def _names(self, client, program, **params):
        response = client.get(reverse("matching_coord:board", args=[program.slug]), params)
        assert response.status_code == 200
        return (
            {r["membership"].user.display_name for r in response.context["mentees"]},
            {m.user.display_name for m in response.context["mentors"]},
        )

    def test_search_by_name_or_email_ignores_case(self, login, coordinator, program, cast):
        client = login(coordinator)
        assert self._names(client, program, q="ALBA") == ({"Alba"}, set())
        assert self._names(client, program, q="quiet@") == ({"Bea"}, set())
        assert self._names(client, program, q="mo@EXAMPLE") == (set(), {"Mo"})

    def test_filters(self, login, coordinator, program, cast):
        from tests.factories import PairingFactory

        PairingFactory(mentee=MembershipFactory(program=program), mentor=cast["mo"])
        client = login(coordinator)
        assert self._names(client, program, language="es") == ({"Bea"}, {"Mo"})
        assert self._names(client, program, focus="housing")[0] == {"Alba"}
        assert self._names(client, program, load="full")[1] == {"Mo"}
        assert self._names(client, program, load="room")[1] == {"Rui"}
        assert self._names(client, program, load="none")[1] == {"Rui"}
        # Nobody has waited 30 days: they joined today.
        assert self._names(client, program, waited_days="30")[0] == set()
        assert self._names(client, program, waited_days="7")[0] == set()

    def test_bad_input_gives_a_sensible_page(self, login, coordinator, program, cast):
        client = login(coordinator)
        board = reverse("matching_coord:board", args=[program.slug])
        for params in (
            {"page": "abc"},
            {"page": "99999"},
            {"mentors_page": "-1"},
            {"waited_days": "forever", "load": "overloaded", "focus": "x"},
        ):
            response = client.get(board, params)
            assert response.status_code == 200, params
            assert len(response.context["mentees"]) == 2
        response = client.get(board, {"q": "a" * 1000})
        assert response.status_code == 200
        assert "Search for at most 100 characters." in response.content.decode()
        # The over-long search is left out; the list is shown whole.
        assert len(response.context["mentees"]) == 2
        response = client.get(board, {"load": "overloaded"})
        assert "Select a valid choice" in response.content.decode()

    def test_names_link_to_the_member_page(self, login, coordinator, program, cast):
        page = login(coordinator).get(reverse("matching_coord:board", args=[program.slug]))
        for member in cast.values():
            url = reverse("members:member", args=[program.slug, member.pk])
            assert f'href="{url}"' in page.content.decode()


class TestIntakes:
    def test_search_filter_and_bad_input(self, login, coordinator, program, mentee, mentor):
        from matching.models import Intake

        Intake.objects.create(membership=mentor, submitted_at="2025-01-01T00:00Z")
        client = login(coordinator)
        intakes = reverse("matching_coord:intakes", args=[program.slug])

        def names(**params):
            response = client.get(intakes, params)
            assert response.status_code == 200
            return {r["membership"].user.display_name for r in response.context["rows"]}

        assert names() == {"Jordan", "Marcus"}
        assert names(role="mentor") == {"Marcus"}
        assert names(state="not_started") == {"Jordan"}
        assert names(state="started") == {"Marcus"}
        assert names(q="JORD") == {"Jordan"}
        assert names(page="abc", role="wizard") == {"Jordan", "Marcus"}
        assert names(q="x" * 1000) == {"Jordan", "Marcus"}
