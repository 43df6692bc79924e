"""Issue 14, small things on the homes: a proposed meeting is answered right there (confirm, or
decline with a reason), and a name or time that ends in a dot doesn't end a sentence in "..".
"""

import re

import pytest
from django.urls import reverse

from accounts.templatetags.sentences import no_final_stop
from mentoring import services
from mentoring.models import Meeting
from tests.factories import MembershipFactory, PairingFactory, UserFactory, local_slot


def home(membership) -> str:
    return reverse("program_home", args=[membership.program.slug])


@pytest.fixture
def proposed(pairing, mentor, mentee):
    meeting, _ = services.meeting_propose(
        pairing=pairing, by=mentor.user, starts_at=local_slot(mentor, days=3), agenda="Plans"
    )
    assert meeting.awaiting == mentee.user
    return meeting


def test_the_mentee_confirms_a_proposed_meeting_on_the_home(login, proposed, mentee):
    client = login(mentee)
    page = client.get(home(mentee)).content.decode()
    assert "Waiting for your answer" in page
    confirm = reverse("meetings:confirm", args=[mentee.program.slug, proposed.pk])
    assert f'action="{confirm}"' in page
    response = client.post(confirm, {"next": home(mentee)})
    assert response.status_code == 302 and response.url == home(mentee)
    proposed.refresh_from_db()
    assert proposed.status == Meeting.Status.CONFIRMED
    page = client.get(home(mentee)).content.decode()
    assert "Meeting confirmed." in page and "Waiting for your answer" not in page


def test_the_mentee_declines_with_a_reason_on_the_home(login, proposed, mentee):
    client = login(mentee)
    cancel = reverse("meetings:cancel", args=[mentee.program.slug, proposed.pk])
    assert f'action="{cancel}"' in client.get(home(mentee)).content.decode()
    # No reason: a clear error, nothing changed, no 500.
    response = client.post(cancel, {"next": home(mentee), "cancel-reason": ""})
    assert response.status_code == 400
    proposed.refresh_from_db()
    assert proposed.status == Meeting.Status.PROPOSED
    response = client.post(cancel, {"next": home(mentee), "cancel-reason": "Working that day"})
    assert response.status_code == 302 and response.url == home(mentee)
    proposed.refresh_from_db()
    assert proposed.status == Meeting.Status.CANCELLED


def test_the_proposer_gets_no_answer_buttons(login, proposed, mentor):
    page = login(mentor).get(home(mentor)).content.decode()
    confirm = reverse("meetings:confirm", args=[mentor.program.slug, proposed.pk])
    assert f'action="{confirm}"' not in page


def test_someone_outside_the_pairing_cannot_confirm_from_a_home(login, proposed, program):
    stranger = MembershipFactory(program=program, role="mentee")
    response = login(stranger).post(
        reverse("meetings:confirm", args=[program.slug, proposed.pk]), {"next": "/"}
    )
    assert response.status_code in (403, 404)
    proposed.refresh_from_db()
    assert proposed.status == Meeting.Status.PROPOSED


def test_no_doubled_full_stop_after_a_name_or_a_time(login, program, settings):
    settings.LANGUAGE_CODE = "en-us"
    mentee = MembershipFactory(
        program=program, role="mentee", user=UserFactory(display_name="Chris M.")
    )
    mentor = MembershipFactory(
        program=program, role="mentor", user=UserFactory(display_name="Sam T.")
    )
    PairingFactory(mentee=mentee, mentor=mentor, proposed=True)
    page = login(mentee).get(home(mentee)).content.decode()
    assert "Welcome, Chris M. This is your space" in page
    assert not re.search(r"[A-Za-z]\.\.(?!\.)", page)
    pairings = login(mentee).get(reverse("matching:pairings", args=[program.slug])).content
    assert not re.search(r"[a-z]\.\.(?!\.)", pairings.decode())
    page = login(mentor).get(home(mentor)).content.decode()
    assert "Welcome, Sam T. Thank you" in page


def test_no_final_stop_filter():
    assert no_final_stop("Chris M.") == "Chris M"
    assert no_final_stop("7:51 a.m.") == "7:51 a.m"
    assert no_final_stop("Chris") == "Chris"
    assert no_final_stop("Wait...") == "Wait..."
    assert no_final_stop(None) == ""
