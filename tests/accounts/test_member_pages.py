"""The member list, the invitations list and a member's page for coordinators: access,
search, filters, pagination, bad input, and query counts at 20 and at 2,000 members."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role
from tests.factories import (
    CheckInFactory,
    InvitationFactory,
    MeetingFactory,
    MembershipFactory,
    PairingFactory,
    UserFactory,
    program_at_scale,
)


def member_url(program, member) -> str:
    return reverse("members:member", args=[program.slug, member.pk])


def members_url(program) -> str:
    return reverse("accounts:members", args=[program.slug])


def invitations_url(program) -> str:
    return reverse("accounts:invitations", args=[program.slug])


# THE MEMBER PAGE


class TestMemberPageAccess:
    def test_the_coordinator_opens_a_members_page(self, login, coordinator, mentee, program):
        response = login(coordinator).get(member_url(program, mentee))
        assert response.status_code == 200
        assert "Jordan" in response.content.decode()

    @pytest.mark.parametrize("role_fixture", ["mentor", "mentee"])
    def test_mentors_and_mentees_get_403(self, request, login, program, other_mentee, role_fixture):
        member = request.getfixturevalue(role_fixture)
        response = login(member).get(member_url(program, other_mentee))
        assert response.status_code == 403
        # Not even their own page.
        assert login(member).get(member_url(program, member)).status_code == 403

    def test_another_programs_member_is_404(self, login, coordinator, outsider, program):
        theirs = MembershipFactory(program=outsider.program, role=Role.MENTEE)
        client = login(coordinator)
        # Their member id under our program's address, and our member under theirs.
        assert client.get(member_url(program, theirs)).status_code == 404
        assert client.get(member_url(outsider.program, theirs)).status_code == 404
        assert client.get(reverse("members:member", args=[program.slug, 999999])).status_code == 404

    def test_the_other_programs_coordinator_gets_404(self, login, outsider, mentee, program):
        assert login(outsider).get(member_url(program, mentee)).status_code == 404

    def test_only_get(self, login, coordinator, mentee, program):
        assert login(coordinator).post(member_url(program, mentee)).status_code == 405


class TestMemberPageContent:
    def test_role_status_intake_pairings_and_last_activity_as_dates_only(
        self, login, coordinator, mentee, mentor, other_mentor, program
    ):
        from matching.models import Intake

        Intake.objects.create(
            membership=mentee,
            focus_areas=["housing"],
            languages=["en"],
            submitted_at=timezone.now(),
        )
        earlier = PairingFactory(mentee=mentee, mentor=other_mentor, ended=True, days_ago=90)
        current = PairingFactory(mentee=mentee, mentor=mentor, days_ago=30)
        CheckInFactory(
            membership=mentee,
            date=timezone.localdate() - timedelta(days=2),
            helped="A SECRET THING THAT HELPED",
            hard="A SECRET HARD THING",
        )
        held = timezone.now() - timedelta(days=5)
        MeetingFactory(
            pairing=current,
            status="held",
            starts_at=held,
            logged_at=held,
            narrative="A PRIVATE NARRATIVE",
            agenda="A PRIVATE AGENDA",
        )
        MeetingFactory(pairing=current, status="confirmed", starts_at=held + timedelta(days=9))
        mentee.user.last_login = timezone.now() - timedelta(days=1)
        mentee.user.save(update_fields=["last_login"])

        response = login(coordinator).get(member_url(program, mentee))
        page = response.content.decode()
        assert response.context["member"] == mentee
        assert response.context["percent"] == 25  # 2 of 8 answered
        assert [row["pairing"] for row in response.context["pairings"]] == [current, earlier]
        assert "Moved to another city" in page  # the close reason
        assert response.context["last_checkin"] == timezone.localdate() - timedelta(days=2)
        assert response.context["last_meeting"].date() == held.date()
        assert held.strftime("%b") in page
        for secret in ("SECRET", "PRIVATE"):
            assert secret not in page
        # The other people are linked to their own pages.
        assert member_url(program, mentor) in page and member_url(program, other_mentor) in page

    def test_a_mentor_sees_mentees_in_their_history(self, login, coordinator, mentor, program):
        pairing = PairingFactory(mentee=MembershipFactory(program=program), mentor=mentor)
        response = login(coordinator).get(member_url(program, mentor))
        assert [row["other"] for row in response.context["pairings"]] == [pairing.mentee]
        assert "Last check-in" not in response.content.decode()

    def test_a_coordinators_page_has_no_pairings(self, login, coordinator, program):
        other = MembershipFactory(program=program, role=Role.COORDINATOR)
        response = login(coordinator).get(member_url(program, other))
        assert response.status_code == 200
        assert "Pairing history" not in response.content.decode()


class TestStatusFromTheMemberPage:
    def test_change_status_and_come_back_to_the_page(self, login, coordinator, mentee, program):
        client = login(coordinator)
        page = client.get(member_url(program, mentee)).content.decode()
        status_url = reverse("accounts:member_status", args=[program.slug, mentee.pk])
        assert f'action="{status_url}"' in page and 'for="member-status"' in page
        response = client.post(
            status_url, {"status": "paused", "next": member_url(program, mentee)}
        )
        assert response["Location"] == member_url(program, mentee)
        mentee.refresh_from_db()
        assert mentee.status == Membership.Status.PAUSED

    def test_a_next_off_the_program_goes_to_the_member_list(
        self, login, coordinator, mentee, program
    ):
        status_url = reverse("accounts:member_status", args=[program.slug, mentee.pk])
        for elsewhere in ("https://evil.example/p/harbor/", "//evil.example/", "/admin/"):
            response = login(coordinator).post(status_url, {"status": "paused", "next": elsewhere})
            assert response["Location"] == members_url(program), elsewhere

    def test_no_status_form_on_ones_own_page(self, login, coordinator, program):
        page = login(coordinator).get(member_url(program, coordinator)).content.decode()
        assert 'for="member-status"' not in page


# THE MEMBER LIST


class TestMemberList:
    def test_names_link_to_member_pages(self, login, coordinator, mentee, mentor, program):
        page = login(coordinator).get(members_url(program)).content.decode()
        assert f'href="{member_url(program, mentee)}"' in page
        assert f'href="{member_url(program, mentor)}"' in page

    def test_search_by_name_or_email_ignores_case(
        self, login, coordinator, mentee, mentor, program
    ):
        client = login(coordinator)

        def names(**params):
            response = client.get(members_url(program), params)
            assert response.status_code == 200
            return {m.user.display_name for m in response.context["members"]}

        assert names(q="jORDan") == {"Jordan"}
        assert names(q="MENTOR@example") == {"Marcus"}
        assert names(role="mentor") == {"Marcus"}
        assert names(role="coordinator") == {"Dana"}
        assert names(status="left") == set()
        assert names(q="nobody-like-this") == set()

    def test_paginated_in_the_database_with_bad_page_numbers(self, login, coordinator, program):
        users = UserFactory._meta.model.objects.bulk_create(
            [UserFactory._meta.model(email=f"bulk{i:03}@example.org") for i in range(120)]
        )
        from accounts.models import Profile

        Profile.objects.bulk_create(
            [Profile(user=u, display_name=f"Bulk {i:03}") for i, u in enumerate(users)]
        )
        Membership.objects.bulk_create(
            [Membership(user=u, program=program, role=Role.MENTEE, status="active") for u in users]
        )
        client = login(coordinator)
        first = client.get(members_url(program))
        assert first.context["listing"].total == 121
        assert len(first.context["members"]) == 50
        assert "Page 1 of 3" in first.content.decode()
        last = client.get(members_url(program), {"page": "99999"})
        assert last.status_code == 200 and len(last.context["members"]) == 21
        assert client.get(members_url(program), {"page": "abc"}).context["listing"].page.number == 1
        # A search keeps its words in the page links.
        page = client.get(members_url(program), {"q": "bulk"}).content.decode()
        assert "?q=bulk&amp;page=2" in page

    def test_bad_filters_get_a_message_and_a_page(self, login, coordinator, mentee, program):
        client = login(coordinator)
        response = client.get(members_url(program), {"q": "j" * 1000, "role": "wizard"})
        assert response.status_code == 200
        page = response.content.decode()
        assert "Search for at most 100 characters." in page
        assert "Select a valid choice" in page
        assert len(response.context["members"]) == 2  # the filters were left out


# THE INVITATIONS LIST


class TestInvitationList:
    @pytest.fixture
    def invitations(self, program):
        now = timezone.now()
        return {
            "open": InvitationFactory(program=program, email="open@example.org"),
            "expired": InvitationFactory(
                program=program, email="old@example.org", expires_at=now - timedelta(days=1)
            ),
            "accepted": InvitationFactory(
                program=program, email="joined@example.org", accepted_at=now, role=Role.MENTOR
            ),
            "revoked": InvitationFactory(program=program, email="gone@example.org", revoked_at=now),
        }

    def _emails(self, client, program, **params):
        response = client.get(invitations_url(program), params)
        assert response.status_code == 200
        return {i.email for i in response.context["invitations"]}

    def test_expired_invitations_leave_the_default_view(
        self, login, coordinator, program, invitations
    ):
        client = login(coordinator)
        assert self._emails(client, program) == {"open@example.org"}
        assert self._emails(client, program, state="expired") == {"old@example.org"}
        assert self._emails(client, program, state="accepted") == {"joined@example.org"}
        response = client.get(invitations_url(program))
        assert response.context["state_counts"] == {"open": 1, "expired": 1, "accepted": 1}
        assert "Expired (1)" in response.content.decode()

    def test_search_and_role(self, login, coordinator, program, invitations):
        client = login(coordinator)
        assert self._emails(client, program, q="OPEN@") == {"open@example.org"}
        assert self._emails(client, program, q="old", state="expired") == {"old@example.org"}
        assert self._emails(client, program, state="accepted", role="mentee") == set()

    def test_bad_input(self, login, coordinator, program, invitations):
        client = login(coordinator)
        for params in (
            {"state": "sideways"},
            {"page": "abc"},
            {"page": "99999"},
            {"q": "o" * 1000},
        ):
            assert self._emails(client, program, **params) == {"open@example.org"}, params

    def test_another_programs_invitations_never_show(self, login, coordinator, outsider, program):
        InvitationFactory(program=outsider.program, email="theirs@example.org")
        assert self._emails(login(coordinator), program) == set()


# QUERY COUNTS AT TWO SIZES


@pytest.fixture
def small(db):
    return program_at_scale(slug="small", members=20)


@pytest.fixture
def large(db):
    return program_at_scale(slug="large", members=2000)


def _count(client, path, params=None) -> int:
    client.get(path, params or {})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_from_20_to_2000_members(client, small, large):
    counts = {}
    for size, setup in (("small", small), ("large", large)):
        program = setup["program"]
        client.force_login(setup["coordinator"].user)
        counts[size] = [
            _count(client, members_url(program)),
            _count(client, members_url(program), {"q": "PAIRED 1", "role": "mentee", "page": "2"}),
            _count(client, invitations_url(program)),
            _count(client, invitations_url(program), {"state": "expired", "q": "invited"}),
            _count(client, member_url(program, setup["mentee"])),
            _count(client, member_url(program, setup["mentor"])),
            _count(client, reverse("program_home", args=[program.slug])),
        ]
    assert counts["small"] == counts["large"]


def test_the_large_lists_are_paginated(client, large):
    program = large["program"]
    client.force_login(large["coordinator"].user)
    response = client.get(members_url(program))
    assert response.context["listing"].total == Membership.objects.filter(program=program).count()
    assert len(response.context["members"]) == 50
    assert len(response.content) < 200_000
    response = client.get(invitations_url(program))
    assert response.context["state_counts"] == {"open": 500, "expired": 500, "accepted": 500}
    assert len(response.context["invitations"]) == 25
    response = client.get(member_url(program, large["mentor"]))
    assert len(response.context["pairings"]) >= 3
