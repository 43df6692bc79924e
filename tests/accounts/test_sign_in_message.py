"""Issue 14: no stale "Successfully signed in as …" on the page after logging in; allauth's
other messages (signed out, for one) stay."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory


@pytest.mark.django_db
def test_logging_in_leaves_no_signed_in_message(client):
    user = UserFactory(email="pat@example.org", display_name="Chris M.")
    MembershipFactory(user=user)
    response = client.post(
        reverse("account_login"),
        {"login": "pat@example.org", "password": "correct-horse-battery"},
        follow=True,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Successfully signed in" not in body
    assert "signed in as" not in body
    assert not list(response.context["messages"])


@pytest.mark.django_db
def test_logging_out_still_says_so(client):
    client.force_login(UserFactory(email="pat@example.org"))
    response = client.post(reverse("account_logout"), follow=True)
    assert "You have signed out." in response.content.decode()
