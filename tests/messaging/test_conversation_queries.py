"""Pages open in a fixed number of queries whatever the data: a conversation of 10 or 10,000
messages, a conversations page of 2 or 40 conversations; the header's unread count is one
query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from messaging import services
from messaging.models import Message
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def measured(client, url) -> tuple[int, str]:
    client.get(url)  # the same state for each size: read marks already in place
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def add_messages(conversation, authors, count):
    Message.objects.bulk_create(
        (
            Message(conversation=conversation, author=authors[n % 2], body=f"Message {n}")
            for n in range(count)
        ),
        batch_size=1000,
    )


def test_conversation_page_same_queries_for_10_and_10000_messages(
    login, mentee, mentor, pairing, program
):
    conversation = services.pair_conversation_get_or_create(pairing=pairing)
    url = reverse("messaging:conversation", args=[program.slug, conversation.pk])
    client = login(mentee)
    add_messages(conversation, [mentee, mentor], 10)
    small, small_html = measured(client, url)
    add_messages(conversation, [mentee, mentor], 9_990)
    large, large_html = measured(client, url)
    assert small == large, (small, large)
    assert small_html.count('<li id="message-') == 10
    assert large_html.count('<li id="message-') == 50
    assert "Earlier messages" in large_html and "Earlier messages" not in small_html


def test_conversation_poll_same_queries_for_few_and_many_new(
    login, mentee, mentor, pairing, program
):
    conversation = services.pair_conversation_get_or_create(pairing=pairing)
    url = reverse("messaging:poll", args=[program.slug, conversation.pk]) + "?after=0"
    client = login(mentee)
    add_messages(conversation, [mentee, mentor], 2)
    small, _ = measured(client, url)
    add_messages(conversation, [mentee, mentor], 150)
    large, _ = measured(client, url)
    assert small == large


def test_conversations_page_same_queries_for_2_and_40_conversations(login, coordinator, program):
    url = reverse("messaging:index", args=[program.slug])
    client = login(coordinator)

    def add_members(count):
        for _ in range(count):
            member = MembershipFactory(program=program, role=Role.MENTEE)
            conversation = services.coordinator_conversation_get_or_create(member=member)
            add_messages(conversation, [member, member], 3)

    add_members(2)
    small, small_html = measured(client, url)
    add_members(38)
    large, large_html = measured(client, url)
    assert small == large, (small, large)
    assert small_html.count('<li class="conversation-list__item') == 2
    assert "Page 1 of 2" in large_html


def test_mentee_conversations_page_fixed_queries(login, mentee, mentor, pairing, program):
    url = reverse("messaging:index", args=[program.slug])
    client = login(mentee)
    services.coordinator_conversation_get_or_create(member=mentee)
    small, _ = measured(client, url)
    conversation = services.pair_conversation_get_or_create(pairing=pairing)
    add_messages(conversation, [mentee, mentor], 30)
    large, html = measured(client, url)
    assert small == large
    assert "15 unread" in html


def test_the_header_count_is_one_query(login, mentee, mentor, pairing):
    conversation = services.pair_conversation_get_or_create(pairing=pairing)
    add_messages(conversation, [mentor, mentor], 3)
    client = login(mentee)
    client.get(reverse("notifications:list"))
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("notifications:list")).content.decode()
    assert "Messages, 3 unread" in html
    message_queries = [q for q in queries.captured_queries if "messaging_" in q["sql"]]
    assert len(message_queries) == 1
