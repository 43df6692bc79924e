import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core.mail import EmailMultiAlternatives

from accounts.models import Role
from notifications.kinds import KINDS
from notifications.models import NotificationPreference
from notifications.services import notification_send
from notifications.tasks import delivery_send
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

FORBIDDEN = [
    "recovery",
    "sobriety",
    "sober",
    "relapse",
    "addict",
    "substance",
    "drug",
    "alcohol",
    "craving",
    "clean",
    "dirty",
    "i felt like drinking today",  # what a check-in said
]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_renders_safe_wording(kind, recovery_program, mailoutbox):
    person = MembershipFactory(
        program=recovery_program,
        role=Role.MENTOR,
        user=UserFactory(display_name="Ana\nBcc: x@example.org <b>bold</b>"),
    )
    notification = notification_send(
        recipient=person.user,
        kind=kind,
        key=f"{kind}:1",
        url="/p/clean-start/check-in/",
        program=recovery_program,
        context={"other_name": "Sam\r\n<b>Sam</b>", "note": "I felt like drinking today"},
    )
    assert notification is not None
    assert "\n" not in notification.title
    if notification.deliveries.exists():
        delivery_send(notification.deliveries.get().pk)
    else:  # kinds that go in PeerPath only by default are still rendered for email
        from notifications.services import preference_set

        preference_set(user=person.user, kind=kind, channel="email")
        again = notification_send(
            recipient=person.user, kind=kind, key=f"{kind}:2", url="/", program=recovery_program
        )
        delivery_send(again.deliveries.get().pk)
    message = mailoutbox[-1]
    assert isinstance(message, EmailMultiAlternatives)
    html = message.alternatives[0][0]
    assert "\n" not in message.subject and "\r" not in message.subject
    assert "<b>" not in html
    for text in (message.subject, message.body, html, notification.title):
        lowered = re.sub(r"/unsubscribe/[^/]+/", "/unsubscribe/TOKEN/", text.lower())
        for word in FORBIDDEN + [recovery_program.name.lower()]:
            assert not re.search(rf"\b{re.escape(word)}\b", lowered), (kind, word, text)
    assert "/notifications/unsubscribe/" in message.body
    assert "/notifications/unsubscribe/" in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_unsubscribe_link_in_the_email_expires(mentee, mailoutbox, client):
    notification = notification_send(
        recipient=mentee.user, kind="encouragement", key="e", url="/", program=mentee.program
    )
    delivery_send(notification.deliveries.get().pk)
    link = re.search(
        r"http://127\.0\.0\.1:8000(/notifications/unsubscribe/[^\s]+)", mailoutbox[0].body
    )
    path = link.group(1)
    assert client.get(path).status_code == 200
    later = time.time() + timedelta(days=91).total_seconds()
    with mock.patch("time.time", return_value=later):  # the clock, 91 days on
        assert client.post(path).status_code == 400
    assert not NotificationPreference.objects.exists()
    assert client.post(path).status_code == 200
    assert NotificationPreference.objects.get(user=mentee.user, kind="encouragement").channel == (
        "in_app"
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_chunk_renders_every_kind_exactly_as_one_delivery_does(
    language, recovery_program, program
):
    """The chunk's renderer fills per-person parts into templates rendered once: the emails
    must be the same, escaping included, whatever the name, title, program or language."""
    from notifications.models import Notification
    from notifications.rendering import EmailRenderer, render_notification

    renderer = EmailRenderer()
    names = ["Ana\nBcc: x@example.org <b>\"bold\"</b> & 'co'", "\ue000url\ue001 Lee", ""]
    people = []
    for name in names:
        user = UserFactory(display_name=name)
        user.profile.preferred_language = language
        user.profile.save()
        people.append(user)
    compared = 0
    for kind in sorted(KINDS):
        for where, user, title in [
            (recovery_program, people[0], "Sam <i>&</i> you"),
            (program, people[1], ""),  # no stored title: the subject template's line
            (None, people[2], "A title"),
        ]:
            notification = Notification.objects.create(
                recipient=user, program=where, kind=kind, title=title, url="/", key=f"{kind}:x"
            )
            assert renderer.render(notification, user) == render_notification(notification, user)
            compared += 1
    assert compared == 3 * len(KINDS)
