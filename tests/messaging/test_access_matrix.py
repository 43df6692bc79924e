"""Who may open which messaging URL: each URL tried by the mentee, the mentor, a former
mentor (their pairing ended), another mentor, a coordinator (who sees only reported
messages) and an outsider from another program. Forbidden paths answer 403 or 404 and write
nothing."""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from accounts.models import Role
from messaging import services
from messaging.models import Conversation, Message, MessageReport
from tests.factories import MembershipFactory, MessageFactory, PairingFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ("mentee", "mentor", "former_mentor", "other_mentor", "coordinator", "outsider")


@dataclass
class World:
    people: dict
    pair: Conversation  # mentee and mentor, active
    former: Conversation  # mentee and former mentor, ended
    ask: Conversation  # the mentee's coordinators conversation
    from_mentee: Message
    from_mentor: Message
    from_former: Message
    report: MessageReport


@pytest.fixture
def world(program, mentee, mentor, other_mentor, coordinator, outsider, pairing) -> World:
    former_mentor = MembershipFactory(
        program=program, role=Role.MENTOR, user=UserFactory(display_name="Sam")
    )
    ended = PairingFactory(mentee=mentee, mentor=former_mentor, days_ago=90, ended=True)
    pair = services.pair_conversation_get_or_create(pairing=pairing)
    former = services.pair_conversation_get_or_create(pairing=ended)
    ask = services.coordinator_conversation_get_or_create(member=mentee)
    from_mentor = MessageFactory(conversation=pair, author=mentor, body="From the mentor")
    from_mentee = MessageFactory(conversation=pair, author=mentee, body="From the mentee")
    from_former = MessageFactory(conversation=former, author=former_mentor, body="Old words")
    MessageFactory(conversation=ask, author=mentee, body="To the coordinators")
    report = services.message_report(message=from_mentor, by=mentee, reason="Worried")
    people = {
        "mentee": mentee,
        "mentor": mentor,
        "former_mentor": former_mentor,
        "other_mentor": other_mentor,
        "coordinator": coordinator,
        "outsider": outsider,
    }
    return World(people, pair, former, ask, from_mentee, from_mentor, from_former, report)


def u(name, w: World, *args, query=""):
    return reverse(f"messaging:{name}", args=["harbor", *args]) + query


# (label, url from the world, {role: status}); every role is listed for every URL.
MATRIX = [
    (
        "index",
        lambda w: u("index", w),
        dict(
            mentee=200,
            mentor=200,
            former_mentor=200,
            other_mentor=200,
            coordinator=200,
            outsider=404,
        ),
    ),
    (
        "ask the coordinators",
        lambda w: u("coordinators", w),
        dict(
            mentee=302,
            mentor=302,
            former_mentor=302,
            other_mentor=302,
            coordinator=403,
            outsider=404,
        ),
    ),
    (
        "pairing link",
        lambda w: u("pairing", w, w.pair.pairing_id),
        dict(
            mentee=302,
            mentor=302,
            former_mentor=404,
            other_mentor=404,
            coordinator=404,
            outsider=404,
        ),
    ),
    (
        "ended pairing link",
        lambda w: u("pairing", w, w.former.pairing_id),
        dict(
            mentee=302,
            mentor=404,
            former_mentor=404,
            other_mentor=404,
            coordinator=404,
            outsider=404,
        ),
    ),
    (
        "with member",
        lambda w: u("with_member", w, w.people["mentee"].pk),
        dict(
            mentee=403,
            mentor=403,
            former_mentor=403,
            other_mentor=403,
            coordinator=302,
            outsider=404,
        ),
    ),
    (
        "pair conversation",
        lambda w: u("conversation", w, w.pair.pk),
        dict(
            mentee=200,
            mentor=200,
            former_mentor=404,
            other_mentor=404,
            coordinator=404,
            outsider=404,
        ),
    ),
    (
        "pair conversation poll",
        lambda w: u("poll", w, w.pair.pk, query="?after=0"),
        dict(
            mentee=200,
            mentor=200,
            former_mentor=404,
            other_mentor=404,
            coordinator=404,
            outsider=404,
        ),
    ),
    (
        "ended pair conversation",
        lambda w: u("conversation", w, w.former.pk),
        dict(
            mentee=200,
            mentor=404,
            former_mentor=404,
            other_mentor=404,
            coordinator=404,
            outsider=404,
        ),
    ),
    (
        "ended pair conversation poll",
        lambda w: u("poll", w, w.former.pk, query="?after=0"),
        dict(
            mentee=200,
            mentor=404,
            former_mentor=404,
            other_mentor=404,
            coordinator=404,
            outsider=404,
        ),
    ),
    (
        "coordinators conversation",
        lambda w: u("conversation", w, w.ask.pk),
        dict(
            mentee=200,
            mentor=404,
            former_mentor=404,
            other_mentor=404,
            coordinator=200,
            outsider=404,
        ),
    ),
    (
        "delete the mentee's message",
        lambda w: u("delete", w, w.from_mentee.pk),
        dict(
            mentee=200,
            mentor=403,
            former_mentor=404,
            other_mentor=404,
            coordinator=404,
            outsider=404,
        ),
    ),
    (
        "delete the former mentor's message",
        lambda w: u("delete", w, w.from_former.pk),
        dict(
            mentee=403,
            mentor=404,
            former_mentor=404,
            other_mentor=404,
            coordinator=404,
            outsider=404,
        ),
    ),
    (
        "report the mentor's message",
        lambda w: u("report", w, w.from_mentor.pk),
        dict(
            mentee=200,
            mentor=403,
            former_mentor=404,
            other_mentor=404,
            coordinator=403,
            outsider=404,
        ),
    ),
    (
        "reports",
        lambda w: u("reports", w),
        dict(
            mentee=403,
            mentor=403,
            former_mentor=403,
            other_mentor=403,
            coordinator=200,
            outsider=404,
        ),
    ),
    (
        "report detail",
        lambda w: u("report_detail", w, w.report.pk),
        dict(
            mentee=403,
            mentor=403,
            former_mentor=403,
            other_mentor=403,
            coordinator=200,
            outsider=404,
        ),
    ),
]


@pytest.mark.parametrize(("label", "make_url", "expected"), MATRIX, ids=[m[0] for m in MATRIX])
def test_get(world, login, label, make_url, expected):
    assert set(expected) == set(ROLES)
    target = make_url(world)
    got = {role: login(world.people[role]).get(target).status_code for role in ROLES}
    assert got == expected


def test_a_forbidden_post_writes_nothing(world, login):
    counts = (Message.objects.count(), MessageReport.objects.count())
    forbidden = {
        "former_mentor": u("conversation", world, world.former.pk),
        "other_mentor": u("conversation", world, world.pair.pk),
        "coordinator": u("conversation", world, world.pair.pk),
        "outsider": u("conversation", world, world.ask.pk),
    }
    for role, target in forbidden.items():
        response = login(world.people[role]).post(
            target, {"body": "Let me in", "form_token": "a" * 32}
        )
        assert response.status_code == 404, role
    for role in ("mentor", "other_mentor", "coordinator", "outsider"):
        client = login(world.people[role])
        assert client.post(u("delete", world, world.from_mentee.pk)).status_code in (403, 404)
    for role in ("other_mentor", "coordinator", "outsider", "former_mentor"):
        client = login(world.people[role])
        response = client.post(u("report", world, world.from_mentee.pk), {"reason": "x"})
        assert response.status_code in (403, 404), role
    # Nobody reports their own message.
    own = login(world.people["mentee"]).post(
        u("report", world, world.from_mentee.pk), {"reason": "x"}
    )
    assert own.status_code == 403
    for role in ("mentee", "mentor", "outsider"):
        response = login(world.people[role]).post(
            u("report_detail", world, world.report.pk), {"note": "done"}
        )
        assert response.status_code in (403, 404), role
    assert (Message.objects.count(), MessageReport.objects.count()) == counts
    world.report.refresh_from_db()
    assert world.report.handled_at is None


def test_coordinator_sees_only_reported_messages(world, login):
    html = login(world.people["coordinator"]).get(u("reports", world)).content.decode()
    assert "From the mentor" in html
    assert "From the mentee" not in html and "Old words" not in html


def test_conversations_page_lists_only_ones_own(world, login):
    def titles(role):
        return login(world.people[role]).get(u("index", world)).content.decode()

    mentee_page = titles("mentee")
    for conversation in (world.pair, world.former, world.ask):
        assert u("conversation", world, conversation.pk) in mentee_page
    mentor_page = titles("mentor")
    assert u("conversation", world, world.pair.pk) in mentor_page
    assert u("conversation", world, world.former.pk) not in mentor_page
    former_page = titles("former_mentor")
    assert u("conversation", world, world.former.pk) not in former_page
    coordinator_page = titles("coordinator")
    assert u("conversation", world, world.ask.pk) in coordinator_page
    assert u("conversation", world, world.pair.pk) not in coordinator_page


def test_the_one_conversation_rule_agrees_with_the_list_rule(world, program):
    """`access.can_read` (one conversation in hand) and `conversations_visible_to` (lists)
    say the same for every person and every conversation, paused pairings included."""
    from matching.models import Pairing
    from messaging import access
    from messaging.models import Conversation

    paused_pairing = PairingFactory(program=program, paused=True)
    services.pair_conversation_get_or_create(pairing=paused_pairing)
    people = [*world.people.values(), paused_pairing.mentor, paused_pairing.mentee]
    conversations = list(Conversation.objects.select_related("pairing"))
    assert Pairing.objects.filter(status=Pairing.Status.PAUSED).exists()
    for person in people:
        listed = set(access.conversations_visible_to(person).values_list("pk", flat=True))
        for conversation in conversations:
            assert access.can_read(conversation, person) == (conversation.pk in listed), (
                person.user.display_name,
                conversation,
            )
