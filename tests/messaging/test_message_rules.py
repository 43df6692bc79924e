"""The message rules (messaging/rules.py) agree with the list filter for every person and
message, and decide delete and report in the access door, not in the views."""

import pytest
import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404

from messaging import access, services
from messaging.models import Message
from tests.factories import MessageFactory, PairingFactory

pytestmark = pytest.mark.django_db


def _message(body: str) -> Message:
    """The message with these words (bodies are encrypted: found by reading, not by SQL)."""
    return next(message for message in Message.objects.all() if message.body == body)


@pytest.fixture
def messages_world(mentee, mentor, other_mentor, coordinator, outsider, pairing, program):
    ended = PairingFactory(mentee=mentee, mentor=other_mentor, days_ago=90, ended=True)
    pair = services.pair_conversation_get_or_create(pairing=pairing)
    former = services.pair_conversation_get_or_create(pairing=ended)
    ask = services.coordinator_conversation_get_or_create(member=mentee)
    MessageFactory(conversation=pair, author=mentor, body="From the mentor")
    MessageFactory(conversation=pair, author=mentee, body="From the mentee")
    MessageFactory(conversation=former, author=other_mentor, body="Old words")
    MessageFactory(conversation=ask, author=mentee, body="To the coordinators")
    MessageFactory(conversation=ask, author=coordinator, body="From the coordinators")
    return [mentee, mentor, other_mentor, coordinator, outsider]


def test_the_message_rule_agrees_with_the_list_filter(messages_world):
    messages = list(Message.objects.select_related("conversation__pairing"))
    for person in messages_world:
        listed = set(access.messages_visible_to(person).values_list("pk", flat=True))
        for message in messages:
            allowed = rules.has_perm("messaging.view_message", person, message)
            assert allowed == (message.pk in listed), (person, message.body)
    assert access.messages_visible_to(messages_world[3]).count() == 2  # the coordinators'


def test_only_the_author_deletes_and_only_the_others_report(messages_world, mentee, mentor):
    from_mentor = _message("From the mentor")
    assert access.message_get_for_member(
        membership=mentor, message_id=from_mentor.pk, for_action="delete"
    )
    with pytest.raises(PermissionDenied):
        access.message_get_for_member(
            membership=mentee, message_id=from_mentor.pk, for_action="delete"
        )
    assert access.message_get_for_member(
        membership=mentee, message_id=from_mentor.pk, for_action="report"
    )
    with pytest.raises(PermissionDenied):
        access.message_get_for_member(
            membership=mentor, message_id=from_mentor.pk, for_action="report"
        )


def test_nobody_outside_the_conversation_opens_a_message(messages_world, coordinator, outsider):
    old = _message("Old words")
    for person in (coordinator, outsider):
        with pytest.raises(Http404):
            access.message_get_for_member(membership=person, message_id=old.pk)
