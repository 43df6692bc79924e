"""Issue 14, "Get help now": phone numbers are `tel:` links, text lines `sms:` links, web links
https, for the default resources and for the lines a coordinator types."""

import re

import pytest
from django.urls import reverse

from accounts.templatetags.crisis import crisis_line


def _hrefs(body: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', body)


@pytest.mark.django_db
def test_default_resources_dial_text_and_browse_safely(client):
    body = client.get("/help/").content.decode()
    hrefs = _hrefs(body)
    for wanted in ("tel:988", "sms:988", "tel:+18006624357", "sms:741741?body=HOME", "tel:911"):
        assert wanted in hrefs
    assert "https://988lifeline.org" in hrefs
    assert not [h for h in hrefs if h.startswith("http://")]


@pytest.mark.django_db
def test_a_programs_own_lines_get_https_tel_and_sms_links(client, mentee):
    program = mentee.program
    program.crisis_resources = (
        "988 Suicide & Crisis Lifeline: call or text 988 (chat at 988lifeline.org).\n"
        "SAMHSA National Helpline: 1-800-662-4357 (free, 24/7).\n"
        "Crisis Text Line: text HOME to 741741.\n"
        "Harbor warm line: (555) 555-0100 or http://harbor.example.org/help"
    )
    program.save()
    client.force_login(mentee.user)
    help_url = reverse("accounts:program_help", kwargs={"program_slug": program.slug})
    body = client.get(help_url).content.decode()
    hrefs = _hrefs(body)
    assert "https://988lifeline.org" in hrefs
    assert "https://harbor.example.org/help" in hrefs
    assert "tel:18006624357" in hrefs and "tel:5555550100" in hrefs
    assert "sms:741741?body=HOME" in hrefs and "sms:988" in hrefs
    assert not [h for h in hrefs if h.startswith("http://")]


def test_a_line_stays_escaped():
    html = crisis_line('<script>alert(1)</script> Call 911 "now"')
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a href="tel:911">911</a>' in html
