"""Sign-in, sign-out and failed sign-in rows, through allauth's real login form."""

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from tests.factories import UserFactory


@pytest.fixture
def person(db):
    user = UserFactory(email="sam@example.org")
    user.set_password("a-long-pass-9381")
    user.save()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def _login(client, password):
    return client.post(
        reverse("account_login"),
        {"login": "sam@example.org", "password": password},
        REMOTE_ADDR="198.51.100.20",
        HTTP_USER_AGENT="TestBrowser/1.0",
    )


@pytest.mark.django_db
def test_sign_in_and_sign_out_are_recorded(client, person):
    assert _login(client, "a-long-pass-9381").status_code == 302
    client.post(reverse("account_logout"))
    rows = list(AuditEvent.objects.order_by("pk").values_list("action", "actor_user_id"))
    assert rows == [(Action.SIGN_IN, person.pk), (Action.SIGN_OUT, person.pk)]
    sign_in = AuditEvent.objects.get(action=Action.SIGN_IN)
    assert (sign_in.ip_address, sign_in.user_agent) == ("198.51.100.20", "TestBrowser/1.0")


@pytest.mark.django_db
def test_a_failed_sign_in_names_the_account_not_the_password(client, person):
    assert _login(client, "wrong-password").status_code == 200
    event = AuditEvent.objects.get()
    assert (event.action, event.actor_user_id) == (Action.SIGN_IN_FAILED, person.pk)
    values = str(AuditEvent.objects.values().get())
    assert "wrong-password" not in values and "sam@example.org" not in values


@pytest.mark.django_db
def test_a_failed_sign_in_for_no_account_has_no_actor(client):
    client.post(reverse("account_login"), {"login": "nobody@example.org", "password": "x"})
    assert list(AuditEvent.objects.values_list("action", "actor_user_id")) == [
        (Action.SIGN_IN_FAILED, None)
    ]
