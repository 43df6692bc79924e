"""Ids and numbers read from URLs, query strings and posted fields go through
accounts.params: anything but 1 to 18 ASCII digits is no number, and a page answers it with
its ordinary "not found" or default, never a 500."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.params import id_param, id_params, int_param
from mentoring.models import Event, EventParticipant, Meeting
from tests.factories import ConversationFactory, EventFactory, MessageFactory

# Superscript two, Arabic-Indic twelve, Devanagari one, fullwidth one: isdigit() or int()
# accept these; an id never is one.
NOT_NUMBERS = ["²", "١٢", "१", "１", "-1", "+1", "1e3", " 1", "1 ", "1\n", "1_000", "1.0", "0x1"]
HUGE = ["9" * 19, "9" * 40, str(2**63)]


@pytest.mark.parametrize("value", [*NOT_NUMBERS, *HUGE, "", None, [], True, 1.0, -1])
def test_int_param_refuses_everything_but_ascii_digits(value):
    assert int_param(value) is None
    assert id_param(value) is None


@pytest.mark.parametrize(("value", "number"), [("0", 0), ("7", 7), ("007", 7), (12, 12)])
def test_int_param_reads_ascii_digits(value, number):
    assert int_param(value) == number


def test_id_param_refuses_zero_and_id_params_refuses_any_bad_one():
    assert id_param("0") is None and id_param("42") == 42
    assert id_params(["3", "7"]) == [3, 7]
    assert id_params(["3", "²"]) is None
    assert id_params([]) == []


pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", [*NOT_NUMBERS, *HUGE])
def test_a_bad_pairing_in_the_meeting_form_is_not_a_500(login, pairing, mentor, value):
    client = login(mentor)
    slug = mentor.program.slug
    page = client.get(reverse("meetings:new", args=[slug]), {"pairing": value})
    assert page.status_code == 200
    response = client.post(
        reverse("meetings:new", args=[slug]),
        {"pairing": value, "date": "2030-01-01", "start_time": "10:00", "duration": "60"},
    )
    assert response.status_code == 404
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("value", [*NOT_NUMBERS, *HUGE])
def test_bad_numbers_in_query_strings_fall_back(login, mentee, coordinator, pairing, value):
    slug = mentee.program.slug
    client = login(mentee)
    trends = client.get(reverse("checkins:index", kwargs={"program_slug": slug}), {"days": value})
    assert trends.status_code == 200
    conversation = ConversationFactory(pairing=pairing)
    MessageFactory(conversation=conversation)
    thread = reverse("messaging:conversation", args=[slug, conversation.pk])
    assert client.get(thread, {"before": value}).status_code == 200
    poll = reverse("messaging:poll", args=[slug, conversation.pk])
    assert client.get(poll, {"after": value}).status_code == 200
    export = login(coordinator).get(
        reverse("surveys:export", kwargs={"program_slug": slug}), {"questionnaire": value}
    )
    assert export.status_code == 404


@pytest.mark.parametrize("value", [*NOT_NUMBERS, *HUGE])
def test_bad_attendance_ids_save_nothing(login, coordinator, mentee, value):
    event = EventFactory(program=coordinator.program)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    response = login(coordinator).post(
        reverse(
            "events:attendance",
            kwargs={"program_slug": coordinator.program.slug, "event_id": event.pk},
        ),
        {"attended": [str(mentee.pk), value]},
    )
    assert response.status_code == 302
    assert not EventParticipant.objects.exists()


@pytest.mark.parametrize("number", HUGE)
def test_a_huge_id_in_a_url_is_not_found(login, mentee, pairing, number):
    slug = mentee.program.slug
    client = login(mentee)
    assert client.get(f"/p/{slug}/meetings/{number}/").status_code == 404
    assert client.get(f"/p/{slug}/messages/{number}/").status_code == 404
