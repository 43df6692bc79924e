"""The messages benchmark's data (benchmarks/messages.py): bodies COPY-ed in encrypted, as
the app writes them, so its pages read them back."""

import pytest
from django.db import connection

from accounts import crypto
from messaging.models import Message

pytestmark = pytest.mark.django_db


def test_the_seeded_messages_are_encrypted_and_read_back():
    if connection.vendor != "postgresql":
        pytest.skip("the benchmark seeds with PostgreSQL's COPY")
    from benchmarks.messages import LOGGED_IN, LONG, seed

    seed(pairs=LOGGED_IN, per_pair=3)
    assert Message.objects.count() == LONG + 3 * (LOGGED_IN - 1)
    first = Message.objects.order_by("pk").first()
    assert first.body == "Message 0 of a year of messages"
    token = crypto.raw_values(Message.objects.filter(pk=first.pk), ["body"]).get()[1]
    assert token.startswith("gAAAAA") and "year" not in token
