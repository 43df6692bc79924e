"""The messaging pages as people use them: the conversations list, a conversation with its
send form, live update, deleting, reporting, and the coordinators' review. Bad input shows a
clear message and writes nothing."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from matching.models import Pairing
from messaging import services
from messaging.models import Conversation, Message, MessageReport
from messaging.selectors import unread_count
from tests.factories import MembershipFactory, MessageFactory, PairingFactory

pytestmark = pytest.mark.django_db


def url(name, program, *args):
    return reverse(f"messaging:{name}", args=[program.slug, *args])


def send_form(body, token=None):
    return {"body": body, "form_token": token or uuid.uuid4().hex}


@pytest.fixture
def conversation(pairing):
    return services.pair_conversation_get_or_create(pairing=pairing)


def test_pairing_link_opens_the_pair_conversation(login, mentee, mentor, pairing, program):
    response = login(mentee).get(url("pairing", program, pairing.pk))
    conversation = Conversation.objects.get(pairing=pairing)
    assert response.status_code == 302
    assert response.url == url("conversation", program, conversation.pk)
    # The mentor's link leads to the same conversation.
    assert login(mentor).get(url("pairing", program, pairing.pk)).url == response.url


def test_a_proposed_pairing_has_no_conversation_yet(login, mentee, mentor, program):
    proposed = PairingFactory(mentee=mentee, mentor=mentor, proposed=True)
    response = login(mentee).get(url("pairing", program, proposed.pk), follow=True)
    assert "Messages open once both people have accepted the pairing." in (
        response.content.decode()
    )
    assert not Conversation.objects.exists()


def test_send_and_read_a_message(login, mentee, mentor, conversation, program):
    client = login(mentee)
    response = client.post(
        url("conversation", program, conversation.pk), send_form("Hi Marcus!\nSee you Tuesday?")
    )
    message = Message.objects.get()
    assert response.status_code == 302
    assert response.url == url("conversation", program, conversation.pk) + f"#message-{message.pk}"
    html = client.get(url("conversation", program, conversation.pk)).content.decode()
    assert "Hi Marcus!<br>See you Tuesday?" in html
    assert "<h1>Marcus</h1>" in html
    # The mentor sees the unread count in the header and on the conversations page.
    mentor_client = login(mentor)
    index = mentor_client.get(url("index", program)).content.decode()
    assert "Messages, 1 unread" in index
    assert "1 unread" in index and "Jordan" in index
    page = mentor_client.get(url("conversation", program, conversation.pk)).content.decode()
    assert "Hi Marcus!" in page and "<h1>Jordan</h1>" in page
    assert "Messages, 0 unread" in page  # opening it marks it read


def test_html_and_script_are_shown_as_text_and_links_are_clickable(
    login, mentee, conversation, program
):
    client = login(mentee)
    body = '<script>alert("x")</script> <b>bold</b> see https://example.org/a?b=1&c=2'
    client.post(url("conversation", program, conversation.pk), send_form(body))
    html = client.get(url("conversation", program, conversation.pk)).content.decode()
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow">' in html


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("", "Write a message first."),
        ("   \n ", "Write a message first."),
        ("x" * 4001, "A message can be up to 4,000 characters (this one has 4,001)."),
    ],
)
def test_empty_or_too_long_message_is_a_form_error(
    login, mentee, conversation, program, body, error
):
    response = login(mentee).post(url("conversation", program, conversation.pk), send_form(body))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Message.objects.exists()


def test_a_message_of_4000_characters_is_sent(login, mentee, conversation, program):
    login(mentee).post(url("conversation", program, conversation.pk), send_form("y" * 4000))
    assert len(Message.objects.get().body) == 4000


def test_same_post_twice_is_one_message(login, mentee, conversation, program):
    client = login(mentee)
    data = send_form("Only once, please")
    client.post(url("conversation", program, conversation.pk), data)
    response = client.post(url("conversation", program, conversation.pk), data, follow=True)
    assert "This message was already sent." in response.content.decode()
    assert Message.objects.count() == 1


def test_a_message_to_someone_elses_conversation_is_404(login, other_mentee, conversation, program):
    response = login(other_mentee).post(
        url("conversation", program, conversation.pk), send_form("Hello?")
    )
    assert response.status_code == 404
    assert not Message.objects.exists()


@pytest.mark.parametrize("status", [Pairing.Status.ENDED, Pairing.Status.PAUSED])
def test_reply_after_the_pairing_ended_or_paused_is_refused_clearly(
    login, mentee, pairing, conversation, program, status
):
    MessageFactory(conversation=conversation, author=pairing.mentor, body="Take care")
    Pairing.objects.filter(pk=pairing.pk).update(status=status)
    client = login(mentee)
    page = client.get(url("conversation", program, conversation.pk)).content.decode()
    word = "has ended" if status == Pairing.Status.ENDED else "is paused"
    assert f"This pairing {word}: you can read your messages but not send new ones." in page
    assert 'name="body"' not in page and "Take care" in page
    response = client.post(
        url("conversation", program, conversation.pk), send_form("Are you there?"), follow=True
    )
    assert response.status_code == 200
    assert f"This pairing {word}" in response.content.decode()
    assert Message.objects.count() == 1


def test_earlier_messages_by_keyset(login, mentee, conversation, program):
    messages = MessageFactory.create_batch(60, conversation=conversation, author=mentee)
    client = login(mentee)
    html = client.get(url("conversation", program, conversation.pk)).content.decode()
    assert f'href="?before={messages[10].pk}"' in html
    assert f'id="message-{messages[9].pk}"' not in html
    assert f'id="message-{messages[59].pk}"' in html
    earlier = client.get(
        url("conversation", program, conversation.pk), {"before": messages[10].pk}
    ).content.decode()
    assert f'id="message-{messages[0].pk}"' in earlier
    assert f'id="message-{messages[10].pk}"' not in earlier
    assert "Earlier messages" not in earlier and "Latest messages" in earlier
    # A bad `before` shows the latest page, not an error.
    bad = client.get(url("conversation", program, conversation.pk), {"before": "x"})
    assert bad.status_code == 200


def test_times_are_in_the_viewers_time_zone(login, mentee, conversation, program):
    mentee.user.profile.time_zone = "America/Chicago"
    mentee.user.profile.save()
    MessageFactory(
        conversation=conversation,
        author=mentee,
        created_at=datetime(2026, 7, 1, 15, 30, tzinfo=UTC),
    )
    html = login(mentee).get(url("conversation", program, conversation.pk)).content.decode()
    assert "Wed 1 Jul, 10:30" in html


def test_poll_returns_new_messages_and_marks_them_read(
    login, mentee, mentor, conversation, program
):
    first = MessageFactory(conversation=conversation, author=mentee)
    client = login(mentor)
    poll = url("poll", program, conversation.pk)
    assert client.get(poll, {"after": first.pk}).status_code == 204
    reply = MessageFactory(conversation=conversation, author=mentee, body="New <one>")
    response = client.get(poll, {"after": first.pk}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="message-{reply.pk}"' in html and f'id="message-{first.pk}"' not in html
    assert "New &lt;one&gt;" in html
    assert f"?after={reply.pk}" in html and 'hx-swap-oob="true"' in html
    assert unread_count(mentor.user) == 0


def test_conversation_page_polls_every_setting_seconds(
    login, mentee, conversation, program, settings
):
    settings.MESSAGE_POLL_SECONDS = 7
    html = login(mentee).get(url("conversation", program, conversation.pk)).content.decode()
    assert 'hx-trigger="every 7s, visibilitychange from:document"' in html
    assert 'aria-live="polite"' in html


def test_delete_own_message_within_15_minutes(login, mentee, mentor, conversation, program):
    message = MessageFactory(conversation=conversation, author=mentee)
    client = login(mentee)
    page = client.get(url("conversation", program, conversation.pk)).content.decode()
    assert url("delete", program, message.pk) in page
    assert "Delete this message?" in client.get(url("delete", program, message.pk)).content.decode()
    assert login(mentor).post(url("delete", program, message.pk)).status_code == 403
    response = login(mentee).post(url("delete", program, message.pk), follow=True)
    assert "Your message is deleted." in response.content.decode()
    assert not Message.objects.exists()
    # Its id reused in a URL is a 404.
    assert client.post(url("delete", program, message.pk)).status_code == 404
    assert client.get(url("report", program, message.pk)).status_code == 404


def test_an_old_message_cannot_be_deleted(login, mentee, conversation, program):
    message = MessageFactory(
        conversation=conversation, author=mentee, created_at=timezone.now() - timedelta(minutes=20)
    )
    client = login(mentee)
    assert (
        url("delete", program, message.pk)
        not in client.get(url("conversation", program, conversation.pk)).content.decode()
    )
    response = client.post(url("delete", program, message.pk), follow=True)
    assert "only in the first 15 minutes" in response.content.decode()
    assert Message.objects.filter(pk=message.pk).exists()


def test_report_a_message_and_the_coordinator_handles_it(
    login, mentee, mentor, coordinator, conversation, program
):
    MessageFactory(conversation=conversation, author=mentor, body="Private words")
    message = MessageFactory(conversation=conversation, author=mentor, body="This one worried me")
    client = login(mentee)
    assert (
        url("report", program, message.pk)
        in client.get(url("conversation", program, conversation.pk)).content.decode()
    )
    empty = client.post(url("report", program, message.pk), {"reason": ""})
    assert "Say in a few words what worries you" in empty.content.decode()
    assert not MessageReport.objects.exists()
    response = client.post(
        url("report", program, message.pk), {"reason": "It felt pushy"}, follow=True
    )
    assert "The coordinators will look at this message." in response.content.decode()
    report = MessageReport.objects.get()
    again = client.post(url("report", program, message.pk), {"reason": "Again"}, follow=True)
    assert "You have already reported this message." in again.content.decode()
    assert MessageReport.objects.count() == 1

    coordinator_client = login(coordinator)
    reports = coordinator_client.get(url("reports", program)).content.decode()
    assert "This one worried me" in reports and "It felt pushy" in reports
    assert "Private words" not in reports
    assert "Jordan" in reports and "Marcus" in reports
    detail = coordinator_client.get(url("report_detail", program, report.pk)).content.decode()
    assert "This one worried me" in detail and "Private words" not in detail
    response = coordinator_client.post(
        url("report_detail", program, report.pk), {"note": "Talked with Marcus"}, follow=True
    )
    assert "The report is marked as handled." in response.content.decode()
    report.refresh_from_db()
    assert report.handled_by == coordinator.user and report.handled_note == "Talked with Marcus"
    # A reported message stays.
    assert login(mentor).post(url("delete", program, message.pk)).status_code == 302
    assert Message.objects.filter(pk=message.pk).exists()


def test_reports_list_open_first_then_newest(login, coordinator, mentee, conversation, program):
    author = conversation.pairing.mentor
    older = MessageFactory(conversation=conversation, author=author, body="Report-A1")
    newer = MessageFactory(conversation=conversation, author=author, body="Report-B2")
    handled = MessageFactory(conversation=conversation, author=author, body="Report-C3")
    for message in (older, handled, newer):
        services.message_report(message=message, by=mentee, reason="why")
    services.report_mark_handled(
        report=MessageReport.objects.get(message=handled), by=coordinator.user, note=""
    )
    html = login(coordinator).get(url("reports", program)).content.decode()
    assert html.index("Report-B2") < html.index("Report-A1") < html.index("Report-C3")


def test_coordinator_conversation_from_both_sides(login, mentee, coordinator, program):
    client = login(mentee)
    response = client.get(url("coordinators", program))
    conversation = Conversation.objects.get(member=mentee)
    assert response.url == url("conversation", program, conversation.pk)
    html = client.get(response.url).content.decode()
    assert "<h1>Coordinators</h1>" in html
    client.post(response.url, send_form("Is anyone there?"))

    coordinator_client = login(coordinator)
    members = coordinator_client.get(reverse("accounts:members", args=[program.slug]))
    assert url("with_member", program, mentee.pk) in members.content.decode()
    opened = coordinator_client.get(url("with_member", program, mentee.pk))
    assert opened.url == url("conversation", program, conversation.pk)
    page = coordinator_client.get(opened.url).content.decode()
    assert "<h1>Jordan</h1>" in page and "Is anyone there?" in page
    coordinator_client.post(opened.url, send_form("Yes, we're here."))
    assert "Messages, 1 unread" in login(mentee).get(url("index", program)).content.decode()


def test_crisis_words_show_the_sender_resources_once(login, mentee, conversation, program):
    client = login(mentee)
    response = client.post(
        url("conversation", program, conversation.pk),
        send_form("Some days I want to die"),
        follow=True,
    )
    html = response.content.decode()
    assert "We're glad you reached out." in html
    for line in program.crisis_resource_lines:
        assert line.split()[0] in html
    again = client.get(url("conversation", program, conversation.pk)).content.decode()
    assert "We're glad you reached out." not in again


def test_ordinary_message_shows_no_crisis_resources(login, mentee, conversation, program):
    response = login(mentee).post(
        url("conversation", program, conversation.pk), send_form("Good meeting today"), follow=True
    )
    assert "We're glad you reached out." not in response.content.decode()


def test_conversations_page_links_and_sorting(
    login, mentee, mentor, coordinator, conversation, program
):
    own = services.coordinator_conversation_get_or_create(member=mentee)
    MessageFactory(conversation=own, author=coordinator, body="hi")
    MessageFactory(conversation=conversation, author=mentor, body="later")
    Conversation.objects.filter(pk=own.pk).update(
        last_message_at=timezone.now() - timedelta(hours=1)
    )
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=timezone.now())
    html = login(mentee).get(url("index", program)).content.decode()
    assert url("pairing", program, conversation.pairing_id) in html
    assert url("coordinators", program) in html
    assert html.index(url("conversation", program, conversation.pk)) < html.index(
        url("conversation", program, own.pk)
    )


def test_header_link_goes_to_the_first_program_outside_a_program(login, mentee, program):
    html = login(mentee).get(reverse("notifications:list")).content.decode()
    assert f'href="{url("index", program)}"' in html


def test_links_from_mentor_pages(login, mentor, mentee, pairing, program):
    client = login(mentor)
    detail = client.get(reverse("mentor:detail", args=[program.slug, mentee.pk])).content.decode()
    assert url("pairing", program, pairing.pk) in detail
    home = client.get(reverse("program_home", args=[program.slug])).content.decode()
    assert url("index", program) in home


def test_mentee_home_links_to_messages(login, mentee, pairing, program):
    home = login(mentee).get(reverse("program_home", args=[program.slug])).content.decode()
    assert url("pairing", program, pairing.pk) in home
    assert url("coordinators", program) in home


def test_coordinator_cannot_message_another_coordinator(login, coordinator, program):
    colleague = MembershipFactory(program=program, role=Role.COORDINATOR)
    assert login(coordinator).get(url("with_member", program, colleague.pk)).status_code == 404


def test_coordinator_cannot_open_a_member_of_another_program(login, coordinator, other_program):
    elsewhere = MembershipFactory(program=other_program, role=Role.MENTEE)
    response = login(coordinator).get(url("with_member", coordinator.program, elsewhere.pk))
    assert response.status_code == 404
    assert not Conversation.objects.exists()


def test_poll_answers_carry_the_header_the_page_script_checks(
    login, mentee, mentor, conversation, program
):
    MessageFactory(conversation=conversation, author=mentor)
    response = login(mentee).get(url("poll", program, conversation.pk), {"after": "0"})
    assert response["X-Message-Poll"] == "1"
