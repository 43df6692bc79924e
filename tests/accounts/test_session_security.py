"""Signed-in pages are never cached; coordinators are signed out after their program's time
without activity, mentees and mentors keep the site's session length."""

import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from accounts.middleware import LAST_ACTIVITY_KEY, NoStoreForSignedInMiddleware
from accounts.models import Membership, Program, ProgramChange, Role
from tests.factories import MembershipFactory, ProgramFactory, enable_mfa

pytestmark = pytest.mark.django_db

MEMBER_PAGES = ["journal:index", "checkins:index", "recovery:index", "meetings:index"]


def page(name, membership) -> str:
    return reverse(name, kwargs={"program_slug": membership.program.slug})


def age_session(client, seconds: int) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - seconds
    session.save()


class TestNoStore:
    @pytest.mark.parametrize("name", MEMBER_PAGES)
    def test_signed_in_pages_are_not_stored(self, login, mentee, pairing, name):
        response = login(mentee).get(page(name, mentee))
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store, private"

    def test_coordinator_pages_and_redirects_too(self, login, coordinator):
        client = login(coordinator)
        assert client.get(page("matching_coord:board", coordinator))["Cache-Control"] == (
            "no-store, private"
        )
        response = client.get(reverse("home"))
        assert response["Cache-Control"] == "no-store, private"

    def test_signed_in_error_pages_too(self, login, mentee, outsider):
        # Another program's page: 404, still not stored.
        response = login(mentee).get(page("journal:index", outsider))
        assert response.status_code == 404
        assert response["Cache-Control"] == "no-store, private"

    def test_anonymous_pages_are_left_alone(self, client, db):
        response = client.get(reverse("help"))
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", "")

    def test_the_sign_out_response_is_not_stored(self, login, mentee):
        client = login(mentee)
        response = client.post(reverse("account_logout"))
        assert response["Cache-Control"] == "no-store, private"

    def test_static_files_keep_their_caching(self, mentee):
        request = RequestFactory().get("/static/css/app.css")
        request.user = mentee.user

        def static_file(request):
            response = HttpResponse("body{}", content_type="text/css")
            response["Cache-Control"] = "max-age=60, public"
            return response

        response = NoStoreForSignedInMiddleware(static_file)(request)
        assert response["Cache-Control"] == "max-age=60, public"


class TestCoordinatorIdleSignOut:
    def test_coordinator_is_signed_out_after_the_programs_minutes(self, login, coordinator):
        client = login(coordinator)
        board = page("matching_coord:board", coordinator)
        assert client.get(board).status_code == 200
        age_session(client, 31 * 60)
        response = client.get(board)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert "_auth_user_id" not in client.session
        assert client.get(board).status_code == 302
        login_page = client.get(response["Location"]).content.decode()
        assert "signed out after 30 minutes without activity" in login_page

    def test_signing_in_starts_the_clock(self, client, mentee):
        client.post(
            reverse("account_login"),
            {"login": mentee.user.email, "password": "correct-horse-battery"},
        )
        assert abs(time.time() - client.session[LAST_ACTIVITY_KEY]) < 5

    def test_activity_keeps_the_coordinator_signed_in(self, login, coordinator):
        client = login(coordinator)
        board = page("matching_coord:board", coordinator)
        age_session(client, 29 * 60)
        assert client.get(board).status_code == 200
        assert time.time() - client.session[LAST_ACTIVITY_KEY] < 5
        age_session(client, 29 * 60)
        assert client.get(board).status_code == 200

    def test_the_programs_setting_decides_and_the_shortest_wins(self, login, coordinator):
        strict = ProgramFactory(name="Strict", slug="strict", coordinator_idle_minutes=10)
        MembershipFactory(program=strict, role=Role.COORDINATOR, user=coordinator.user)
        client = login(coordinator)
        age_session(client, 11 * 60)
        response = client.get(page("matching_coord:board", coordinator))
        assert response.status_code == 302 and "_auth_user_id" not in client.session

    def test_background_polling_is_not_activity(self, login, coordinator):
        client = login(coordinator)
        board = page("matching_coord:board", coordinator)
        age_session(client, 20 * 60)
        before = client.session[LAST_ACTIVITY_KEY]
        client.get(board, HTTP_HX_REQUEST="true", HTTP_HX_TRIGGER="message-poller")
        assert client.session[LAST_ACTIVITY_KEY] == before
        age_session(client, 31 * 60)
        response = client.get(board, HTTP_HX_REQUEST="true", HTTP_HX_TRIGGER="message-poller")
        assert response.status_code == 204
        assert response["HX-Redirect"].startswith(reverse("account_login"))
        assert "_auth_user_id" not in client.session

    @pytest.mark.parametrize("role_fixture", ["mentee", "mentor"])
    def test_mentees_and_mentors_keep_the_site_session(self, request, login, role_fixture):
        membership = request.getfixturevalue(role_fixture)
        client = login(membership)
        age_session(client, 6 * 3600)
        response = client.get(page("program_home", membership))
        assert response.status_code == 200
        assert "_auth_user_id" in client.session

    def test_a_former_coordinator_keeps_the_site_session(self, login, program):
        former = MembershipFactory(
            program=program, role=Role.COORDINATOR, status=Membership.Status.LEFT
        )
        enable_mfa(former.user)
        client = login(former)
        age_session(client, 6 * 3600)
        client.get(reverse("home"))
        assert "_auth_user_id" in client.session

    def test_site_session_length_is_fourteen_days(self, settings):
        assert settings.SESSION_COOKIE_AGE == 14 * 24 * 3600


class TestIdleSetting:
    def general(self, program, **changes):
        from accounts.forms.program_settings import ProgramSettingsForm

        data = {k: v for k, v in ProgramSettingsForm.initial_from(program).items()}
        data["open_enrollment"] = "on" if data["open_enrollment"] else ""
        return {**data, **changes}

    def test_coordinator_sets_the_minutes_and_it_is_recorded(self, login, coordinator, program):
        client = login(coordinator)
        url = reverse("accounts:settings", kwargs={"program_slug": program.slug})
        html = client.get(url).content.decode()
        assert "Sign out coordinators after this many minutes" in html
        response = client.post(url, self.general(program, coordinator_idle_minutes="15"))
        assert response.status_code == 302
        program.refresh_from_db()
        assert program.coordinator_idle_minutes == 15
        change = ProgramChange.objects.get(setting="coordinator_idle_minutes")
        assert (change.before, change.after) == ("30", "15")

    @pytest.mark.parametrize("value", ["4", "721", "abc", "", "²"])
    def test_bad_minutes_change_nothing(self, login, coordinator, program, value):
        client = login(coordinator)
        url = reverse("accounts:settings", kwargs={"program_slug": program.slug})
        response = client.post(url, self.general(program, coordinator_idle_minutes=value))
        assert response.status_code == 200
        assert "Nothing was saved" in response.content.decode()
        assert Program.objects.get(pk=program.pk).coordinator_idle_minutes == 30

    @pytest.mark.parametrize("role_fixture", ["mentee", "mentor", "outsider"])
    def test_only_the_programs_coordinators_may_change_it(
        self, request, login, program, role_fixture
    ):
        client = login(request.getfixturevalue(role_fixture))
        url = reverse("accounts:settings", kwargs={"program_slug": program.slug})
        response = client.post(url, self.general(program, coordinator_idle_minutes="5"))
        assert response.status_code in (403, 404)
        assert Program.objects.get(pk=program.pk).coordinator_idle_minutes == 30

    def test_the_database_refuses_a_value_out_of_range(self, program):
        from django.db import IntegrityError, transaction

        with pytest.raises(IntegrityError), transaction.atomic():
            Program.objects.filter(pk=program.pk).update(coordinator_idle_minutes=1)
