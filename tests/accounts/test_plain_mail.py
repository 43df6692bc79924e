"""Plain-text email carries plain text: a display name reaches the reader as typed (not as
`&quot;&gt;`), a subject stays on one line whatever the name holds, and the HTML alternative
keeps its escaping. Invitations, notifications (one delivery and a chunk) and allauth's mail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.adapter import get_adapter
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from accounts import services as account_services
from accounts.mail import header_line, render_plain
from mentoring import services as mentoring_services
from notifications.models import Delivery

pytestmark = pytest.mark.django_db

NAME = '"><b>Ana\r\nBcc: x@y'
SHOWN = '"><b>Ana Bcc: x@y'  # as typed, its line break folded to a space
ESCAPED = "&quot;&gt;&lt;b&gt;Ana"


def rename(membership, name: str = NAME) -> None:
    membership.user.profile.display_name = name
    membership.user.profile.save()


def assert_plain(message) -> None:
    assert "\r" not in message.subject and "\n" not in message.subject
    assert SHOWN in message.body
    assert "&quot;" not in message.body and "&gt;" not in message.body
    assert message.bcc == []
    assert message.message()["Bcc"] is None


def test_an_invitation_from_a_person_with_markup_in_their_name(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    rename(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        account_services.invitation_create(
            inviter=coordinator, email="pat@example.org", role="mentee", base_url="http://t"
        )
    (message,) = mailoutbox
    assert_plain(message)


def test_a_notification_shows_the_name_as_typed_and_escapes_it_in_html(
    pairing, mentor, mentee, mailoutbox, send_delivery
):
    """Sent alone and in a sweep's chunk (its renderer fills names into cached templates)."""
    rename(mentor)
    rename(mentee, "Jo <i>& co</i>")
    mentoring_services.meeting_propose(
        pairing=pairing, by=mentor.user, starts_at=timezone.now() + timedelta(days=3)
    )
    delivery = Delivery.objects.get(notification__recipient=mentee.user, channel="email")
    send_delivery(delivery.pk)
    (message,) = mailoutbox
    assert isinstance(message, EmailMultiAlternatives)
    assert_plain(message)
    assert SHOWN in message.subject
    assert "Jo <i>& co</i>" in message.body  # the recipient's own name, as typed
    html = message.alternatives[0][0]
    assert ESCAPED in html and "<b>Ana" not in html and "<i>& co" not in html


def test_allauth_subjects_are_one_line(rf):
    adapter = get_adapter(rf.get("/"))
    subject = adapter.format_email_subject("Hello Ana\u2028Bcc: x@y\r\n")
    assert "\n" not in subject and "\r" not in subject and "\u2028" not in subject
    assert subject.endswith("Hello Ana Bcc: x@y")


def test_render_plain_never_escapes_and_header_line_folds_breaks(tmp_path, settings):
    assert header_line(" a\r\nb\u2028c\x0bd  ") == "a b c d"
    html = render_plain("notifications/email/base.txt", {"display_name": NAME, "title": "t"})
    assert NAME in html and "&quot;" not in html
