import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.models import CheckinReminder, Notification, NotificationPreference
from notifications.rendering import unsubscribe_token
from notifications.services import notification_send

pytestmark = pytest.mark.django_db


def notify(membership, n: int):
    Notification.objects.bulk_create(
        Notification(
            recipient=membership.user, kind="encouragement", key=f"k{i}", url="/", title="Hello"
        )
        for i in range(n)
    )


def page_queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def test_bell_costs_one_query_whatever_the_number(login, mentee, other_mentee):
    client = login(mentee)
    notify(other_mentee, 3)
    empty = page_queries(client)
    notify(mentee, 500)
    full = page_queries(client)
    assert len(full) == len(empty)
    assert sum("notifications_notification" in sql for sql in full) == 1
    html = client.get(reverse("accounts:profile")).content.decode()
    assert "Notifications, 500 unread" in html


def test_anonymous_pages_do_not_count(client, db):
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("help"))
    assert not any("notifications_notification" in q["sql"] for q in queries.captured_queries)


def test_list_shows_only_my_notifications_newest_first(login, mentee, other_mentee):
    notification_send(
        recipient=mentee.user, kind="encouragement", key="a", url="/", program=mentee.program
    )
    notification_send(
        recipient=mentee.user, kind="action_item", key="b", url="/", program=mentee.program
    )
    notify(other_mentee, 1)
    Notification.objects.filter(recipient=other_mentee.user).update(title="Someone else's")
    html = login(mentee).get(reverse("notifications:list")).content.decode()
    assert html.index("action item") < html.index("encouragement")
    assert "Someone else" not in html


def test_mark_read_and_mark_all_read(login, mentee):
    notify(mentee, 3)
    client = login(mentee)
    first = Notification.objects.filter(recipient=mentee.user).first()
    response = client.post(reverse("notifications:read", args=[first.pk]))
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=mentee.user, read_at=None).count() == 2
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(recipient=mentee.user, read_at=None).exists()


def test_another_persons_notification_is_not_found(login, mentee, other_mentee):
    notify(other_mentee, 1)
    theirs = Notification.objects.get(recipient=other_mentee.user)
    client = login(mentee)
    assert client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_open_link_marks_read_and_goes_to_the_page(login, mentee):
    notification = notification_send(
        recipient=mentee.user, kind="encouragement", key="a", url="/help/", program=mentee.program
    )
    response = login(mentee).get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response.url == "/help/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_pages_need_login(client, db):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def settings_post(**overrides):
    data = {
        "settings-quiet_start": "",
        "settings-quiet_end": "",
        "settings-phone_number": "",
        **{f"kind-{code}": "email" for code in ["checkin_reminder", "encouragement"]},
    }
    from notifications.kinds import KINDS

    for code, kind in KINDS.items():
        data.setdefault(f"kind-{code}", kind.default_channel)
    data.update(overrides)
    return data


def test_settings_save_channels_quiet_hours_and_reminder(login, mentee):
    client = login(mentee)
    assert client.get(reverse("notifications:settings")).status_code == 200
    prefix = f"reminder-{mentee.pk}"
    response = client.post(
        reverse("notifications:settings"),
        settings_post(
            **{
                "kind-encouragement": "off",
                "settings-quiet_start": "22:00",
                "settings-quiet_end": "07:00",
                f"{prefix}-enabled": "on",
                f"{prefix}-local_time": "08:30",
                f"{prefix}-days": ["0", "2", "4"],
            }
        ),
    )
    assert response.status_code == 302
    assert (
        NotificationPreference.objects.get(user=mentee.user, kind="encouragement").channel == "off"
    )
    reminder = CheckinReminder.objects.get(membership=mentee)
    assert (reminder.local_time.hour, reminder.local_time.minute, reminder.days) == (
        8,
        30,
        [0, 2, 4],
    )
    assert mentee.user.notification_settings.quiet_start.hour == 22


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"settings-quiet_start": "22:00"}, "both a start and an end"),
        ({"settings-quiet_start": "25:99", "settings-quiet_end": "07:00"}, "Enter a valid time"),
        ({"settings-sms_opt_in": "on"}, "Enter a phone number"),
        ({"settings-phone_number": "abc"}, "Enter a valid phone number"),
        ({"settings-phone_number": "+1 202 555"}, "too short"),
        ({"kind-checkin_reminder": "sms"}, "Select a valid choice"),
        ({"kind-encouragement": "sms"}, "Select a valid choice"),
        ({"kind-weekly_digest": "loud"}, "Select a valid choice"),
        (
            {"reminder-MENTEE-enabled": "on", "reminder-MENTEE-local_time": "08:00"},
            "at least one day",
        ),
    ],
)
def test_settings_bad_input_shows_form_errors(login, mentee, overrides, message):
    overrides = {key.replace("MENTEE", str(mentee.pk)): value for key, value in overrides.items()}
    data = settings_post(**overrides)
    data.setdefault(f"reminder-{mentee.pk}-local_time", "19:00")
    response = login(mentee).post(reverse("notifications:settings"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_unsubscribe_get_shows_a_confirm_page_and_changes_nothing(client, mentee):
    token = unsubscribe_token(user_id=mentee.user_id, kind="checkin_reminder")
    response = client.get(reverse("notifications:unsubscribe", args=[token]))
    assert response.status_code == 200
    assert b"<form" in response.content
    assert not NotificationPreference.objects.exists()


def test_unsubscribe_post_turns_that_kinds_email_off_without_login(client, mentee):
    token = unsubscribe_token(user_id=mentee.user_id, kind="checkin_reminder")
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("notifications:unsubscribe", args=[token]))
    assert response.status_code == 200
    preference = NotificationPreference.objects.get(user=mentee.user)
    assert (preference.kind, preference.channel) == ("checkin_reminder", "in_app")


@pytest.mark.parametrize("method", ["get", "post"])
def test_tampered_unsubscribe_link_changes_nothing(client, mentee, method):
    token = unsubscribe_token(user_id=mentee.user_id, kind="checkin_reminder")
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = getattr(client, method)(reverse("notifications:unsubscribe", args=[tampered]))
    assert response.status_code == 400
    assert b"Nothing was changed" in response.content
    assert not NotificationPreference.objects.exists()


def test_unsubscribe_link_does_not_say_what_the_email_was_about(mentee):
    """The token is signed, not encrypted: decoded, it must not name the kind."""
    import zlib

    from django.core.signing import b64_decode

    token = unsubscribe_token(user_id=mentee.user_id, kind="return_to_use_shared")
    payload = token.split(":")[0]
    raw = b64_decode(payload.lstrip(".").encode())
    decoded = (zlib.decompress(raw) if payload.startswith(".") else raw).decode()
    assert '"u"' in decoded  # really the payload
    assert "return" not in decoded and "use" not in decoded and "shared" not in decoded
