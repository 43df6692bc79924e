"""messaging.services and messaging.access: sending, reading, deleting, reporting."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from accounts.services import new_submission_key
from matching.models import Pairing
from messaging import access, services
from messaging.models import Message, MessageReport
from messaging.selectors import conversation_list, messages_page, unread_count
from notifications.models import Notification
from tests.factories import MessageFactory, PairingFactory

pytestmark = pytest.mark.django_db


def send(conversation, author, body="Hello there"):
    return services.message_send(
        conversation=conversation, author=author, body=body, submission_key=new_submission_key()
    )


@pytest.fixture
def conversation(pairing):
    return services.pair_conversation_get_or_create(pairing=pairing)


def test_one_conversation_per_pairing(pairing, conversation):
    assert services.pair_conversation_get_or_create(pairing=pairing) == conversation


def test_send_stores_moves_the_mark_and_tells_the_other_once(conversation, mentee, mentor):
    send(conversation, mentee, "  First line\r\nsecond line  ")
    message = Message.objects.get()
    assert message.body == "First line\nsecond line"
    assert unread_count(mentor.user) == 1 and unread_count(mentee.user) == 0
    send(conversation, mentee, "Another")
    # Told once while unread: the second message within 15 minutes makes no new notification.
    assert Notification.objects.filter(recipient=mentor.user, kind="new_message").count() == 1
    assert unread_count(mentor.user) == 2


def test_a_new_notification_after_reading(conversation, mentee, mentor):
    first = send(conversation, mentee).message
    services.conversation_mark_read(conversation=conversation, membership=mentor, up_to_id=first.pk)
    send(conversation, mentee)
    assert Notification.objects.filter(recipient=mentor.user, kind="new_message").count() == 2


@pytest.mark.parametrize("body", ["", "   \n  ", "x" * 4001])
def test_bad_text_writes_nothing(conversation, mentee, body):
    with pytest.raises(ValidationError):
        send(conversation, mentee, body)
    assert not Message.objects.exists()


def test_same_form_twice_is_one_message(conversation, mentee):
    key = new_submission_key()
    services.message_send(conversation=conversation, author=mentee, body="hi", submission_key=key)
    with pytest.raises(ValidationError):
        services.message_send(
            conversation=conversation, author=mentee, body="hi", submission_key=key
        )
    assert Message.objects.count() == 1


def test_paused_or_ended_pairing_is_read_only(conversation, mentee, pairing):
    for status in (Pairing.Status.PAUSED, Pairing.Status.ENDED):
        Pairing.objects.filter(pk=pairing.pk).update(status=status)
        with pytest.raises(ValidationError):
            send(conversation, mentee)
    assert not Message.objects.exists()


def test_former_mentor_loses_access_mentee_keeps_it(conversation, mentee, mentor, pairing):
    send(conversation, mentee)
    Pairing.objects.filter(pk=pairing.pk).update(status=Pairing.Status.ENDED)
    with pytest.raises(Http404):
        access.conversation_get_for_member(membership=mentor, conversation_id=conversation.pk)
    assert access.conversation_get_for_member(membership=mentee, conversation_id=conversation.pk)
    assert unread_count(mentor.user) == 0


def test_coordinator_never_reads_a_pair_conversation(conversation, coordinator, other_mentor):
    for outsider in (coordinator, other_mentor):
        with pytest.raises(Http404):
            access.conversation_get_for_member(membership=outsider, conversation_id=conversation.pk)
        assert conversation not in conversation_list(outsider)


def test_coordinator_conversation_reaches_every_coordinator(mentee, coordinator):
    conversation = services.coordinator_conversation_get_or_create(member=mentee)
    send(conversation, mentee, "Is anyone there?")
    assert Notification.objects.filter(recipient=coordinator.user, kind="new_message").exists()
    assert access.conversation_get_for_member(
        membership=coordinator, conversation_id=conversation.pk
    )
    reply = send(conversation, coordinator, "Yes, we're here.")
    assert not reply.mentions_crisis
    assert unread_count(mentee.user) == 1


def test_crisis_words_are_noticed(conversation, mentee):
    assert send(conversation, mentee, "Some days I want to die.").mentions_crisis
    assert not send(conversation, mentee, "I died laughing at the meeting").mentions_crisis


def test_delete_only_own_and_only_for_15_minutes(conversation, mentee, mentor):
    message = send(conversation, mentee).message
    with pytest.raises(PermissionDenied):
        services.message_delete(message=message, by=mentor)
    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    with pytest.raises(ValidationError):
        services.message_delete(message=message, by=mentee)
    fresh = send(conversation, mentee).message
    services.message_delete(message=fresh, by=mentee)
    assert list(Message.objects.all()) == [message]


def test_report_shows_the_coordinator_that_message_only(conversation, mentee, mentor, coordinator):
    message = send(conversation, mentor, "Something odd").message
    with pytest.raises(PermissionDenied):
        services.message_report(message=message, by=mentor, reason="mine")
    report = services.message_report(message=message, by=mentee, reason="This felt wrong")
    assert access.report_get_for_coordinator(membership=coordinator, report_id=report.pk)
    with pytest.raises(Http404):
        access.report_get_for_coordinator(membership=mentee, report_id=report.pk)
    with pytest.raises(ValidationError):
        services.message_report(message=message, by=mentee, reason="again")
    with pytest.raises(ValidationError):
        services.message_delete(message=message, by=mentor)
    assert MessageReport.objects.count() == 1
    assert Notification.objects.filter(recipient=coordinator.user, kind="message_reported")


def test_keyset_pages(conversation, mentee):
    MessageFactory.create_batch(120, conversation=conversation, author=mentee)
    latest = messages_page(conversation=conversation)
    assert len(latest.messages) == 50 and latest.has_earlier
    earlier = messages_page(conversation=conversation, before_id=latest.first_id)
    assert earlier.last_id < latest.first_id and earlier.has_earlier
    last = messages_page(conversation=conversation, before_id=earlier.first_id)
    assert len(last.messages) == 20 and not last.has_earlier


def test_conversation_list_counts_unread(conversation, mentee, mentor):
    send(conversation, mentee)
    send(conversation, mentee)
    other = PairingFactory(mentor=mentor)
    services.pair_conversation_get_or_create(pairing=other)
    rows = {c.pk: c.unread for c in conversation_list(mentor)}
    assert rows[conversation.pk] == 2
