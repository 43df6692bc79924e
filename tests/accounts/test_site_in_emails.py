"""Emails name the site from settings (SITE_URL, SITE_NAME), never Django's "example.com"."""

from pathlib import Path

import allauth
import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.site import site_domain, site_sync
from tests.factories import UserFactory

ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
OUR_TEMPLATES = Path(settings.BASE_DIR) / "templates"


def email_templates() -> list[str]:
    names = []
    for root in (ALLAUTH_TEMPLATES, OUR_TEMPLATES):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "email" in path.relative_to(root).parts[:-1]:
                names.append(str(path.relative_to(root)))
    return names


def test_every_email_template_is_found():
    names = email_templates()
    assert "account/email/email_confirmation_signup_message.txt" in names
    assert "accounts/email/invitation_message.txt" in names
    assert any(name.startswith("notifications/email/") for name in names)


@pytest.mark.django_db
def test_the_site_row_follows_settings():
    site = Site.objects.get_current()
    assert site.domain == site_domain() != "example.com"
    assert site.name == settings.SITE_NAME


@pytest.mark.django_db
def test_the_site_follows_a_changed_site_url(settings):
    settings.SITE_URL = "https://mentoring.harbor.org"
    site_sync()
    try:
        assert Site.objects.get_current().domain == "mentoring.harbor.org"
    finally:
        Site.objects.clear_cache()  # the row goes back with the test's transaction


@pytest.mark.django_db
@pytest.mark.parametrize("name", email_templates())
def test_no_email_says_example_com(name, rf):
    user = UserFactory(email="river@example.org", display_name="River")
    request = rf.get("/")
    context = {
        "current_site": Site.objects.get_current(),
        "user": user,
        "user_display": "River",
        "email": user.email,
        "request": request,
        "activate_url": "https://peerpath.test/confirm/",
        "password_reset_url": "https://peerpath.test/reset/",
        "code": "ABC123",
    }
    text = render_to_string(name, context, request=request)
    assert "example.com" not in text


@pytest.mark.django_db
def test_the_confirmation_email_names_the_site(client, mailoutbox):
    client.post(
        reverse("account_signup"),
        {
            "email": "river@example.org",
            "password1": "a-long-and-unusual-passphrase",
            "password2": "a-long-and-unusual-passphrase",
            "display_name": "River",
            "time_zone": "America/Chicago",
        },
    )
    body = mailoutbox[-1].body
    assert "example.com" not in body
    assert settings.SITE_NAME in body and site_domain() in body
