"""A higher app's check, registered per kind, drops a queued delivery that no longer makes
sense when its turn to be sent comes; notifications itself knows no meeting or pairing."""

import pytest

from notifications import delivery as delivery_module
from notifications.delivery import relevance_check_register
from notifications.models import Delivery
from notifications.services import notification_send
from notifications.tasks import delivery_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def encouragement_check():
    previous = delivery_module._RELEVANCE_CHECKS.get("encouragement")
    still = {"wanted": True}
    relevance_check_register("encouragement", lambda notification: still["wanted"])
    yield still
    if previous is None:
        delivery_module._RELEVANCE_CHECKS.pop("encouragement", None)
    else:
        relevance_check_register("encouragement", previous)


def queue(mentee, key):
    notification = notification_send(
        recipient=mentee.user, kind="encouragement", key=key, url="/", program=mentee.program
    )
    return Delivery.objects.get(notification=notification)


def test_a_registered_check_decides_at_send_time(mentee, mailoutbox, encouragement_check):
    kept = queue(mentee, "encouragement:1")
    assert delivery_send(kept.pk) == "sent"
    encouragement_check["wanted"] = False
    dropped = queue(mentee, "encouragement:2")
    assert delivery_send(dropped.pk) == "dropped"
    assert Delivery.objects.get(pk=dropped.pk).status == Delivery.Status.DROPPED
    assert len(mailoutbox) == 1
