"""Bulk invitations from a pasted list: each line reported, the valid ones invited."""

import pytest
from django.urls import reverse

from accounts.models import Invitation

pytestmark = pytest.mark.django_db


def url(program):
    return reverse("accounts:invitations_bulk", kwargs={"program_slug": program.slug})


def test_each_line_is_reported_and_the_valid_ones_invited(
    login, coordinator, mentee, program, django_capture_on_commit_callbacks, mailoutbox
):
    text = "\n".join(
        [
            "sam@example.org, mentee",
            "  ",
            "lee@example.org; Mentor",
            "not-an-address, mentee",
            "kim@example.org, captain",
            "just words",
            "SAM@example.org, mentor",
            f"{mentee.user.email}, mentee",
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = login(coordinator).post(url(program), {"lines": text})
    assert response.status_code == 200
    results = {r.number: r.outcome for r in response.context["results"]}
    assert results == {
        1: "invited",
        3: "invited",
        4: "malformed",
        5: "malformed",
        6: "malformed",
        7: "duplicate",
        8: "member",
    }
    assert set(Invitation.objects.values_list("email", "role")) == {
        ("sam@example.org", "mentee"),
        ("lee@example.org", "mentor"),
    }
    assert len(mailoutbox) == 2
    page = response.content.decode()
    assert "Already a member" in page and "Repeated line" in page and "2 people invited" in page
    # The same list again: everyone is already invited, nobody twice.
    response = login(coordinator).post(url(program), {"lines": text})
    again = {r.number: r.outcome for r in response.context["results"]}
    assert again[1] == "open" and again[3] == "open"
    assert Invitation.objects.count() == 2


@pytest.mark.parametrize(
    "text", ["", "   \n ", "\n".join(f"p{i}@example.org, mentee" for i in range(501))]
)
def test_an_empty_or_too_long_list_invites_nobody(login, coordinator, program, text):
    response = login(coordinator).post(url(program), {"lines": text})
    assert response.status_code == 200
    assert response.context["results"] is None
    assert not Invitation.objects.exists()


def test_only_coordinators(login, program, mentor, mentee, outsider):
    for member in (mentor, mentee):
        assert login(member).get(url(program)).status_code == 403
        assert (
            login(member).post(url(program), {"lines": "a@example.org, mentee"}).status_code == 403
        )
    assert login(outsider).post(url(program), {"lines": "a@example.org, mentee"}).status_code == 404
    assert not Invitation.objects.exists()


def test_a_spanish_list_in_spanish_gets_spanish_emails(
    login, coordinator, program, django_capture_on_commit_callbacks, mailoutbox
):
    text = "\n".join(
        [
            "ana@example.org, persona mentorada",
            "luis@example.org, Mentor/a",
            "rosa@example.org, coordinadora",
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = login(coordinator).post(url(program), {"lines": text, "language": "es"})
    assert [r.outcome for r in response.context["results"]] == ["invited"] * 3
    assert set(Invitation.objects.values_list("email", "role", "language")) == {
        ("ana@example.org", "mentee", "es"),
        ("luis@example.org", "mentor", "es"),
        ("rosa@example.org", "coordinator", "es"),
    }
    assert len(mailoutbox) == 3
    assert all("Abre este enlace" in m.body for m in mailoutbox), mailoutbox[0].body


def test_an_unknown_email_language_is_refused_and_invites_nobody(login, coordinator, program):
    response = login(coordinator).post(
        url(program), {"lines": "sam@example.org, mentee", "language": "xx"}
    )
    assert response.status_code == 200
    assert response.context["results"] is None
    assert "Select a valid choice" in response.content.decode()
    assert not Invitation.objects.exists()
