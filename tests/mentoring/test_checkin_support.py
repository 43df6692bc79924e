"""After a check-in with a low mood (1-2) or a strong craving (8-10), the person's own
confirmation offers a gentle prompt and the program's crisis resources, not only thanks."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SUPPORT = "Today sounds hard."


@pytest.fixture
def program_resources(program):
    program.crisis_resources = "Harbor warm line: 555-0100, every day 8am-midnight.\nCall 911."
    program.save()
    return program


def post_checkin(client, program, *, mood, craving, next_url=None):
    data = {"mood": mood, "craving": craving, "visibility": "shared"}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("checkins:index", args=[program.slug]), data, follow=True)


@pytest.mark.parametrize(("mood", "craving"), [(1, 0), (2, 3), (4, 8), (5, 10)])
def test_a_hard_day_gets_support_and_the_programs_crisis_resources(
    login, mentee, program_resources, mood, craving
):
    response = post_checkin(login(mentee), program_resources, mood=mood, craving=craving)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thank you for checking in" in html
    assert SUPPORT in html
    assert 'Harbor warm line: <a href="tel:5550100">555-0100</a>' in html
    assert reverse("strategies:index", args=[program_resources.slug]) in html


@pytest.mark.parametrize(("mood", "craving"), [(3, 7), (4, 0)])
def test_an_ordinary_day_gets_thanks_only(login, mentee, program_resources, mood, craving):
    html = post_checkin(login(mentee), program_resources, mood=mood, craving=craving)
    html = html.content.decode()
    assert "Thank you for checking in" in html
    assert SUPPORT not in html


def test_the_home_check_in_card_shows_it_too(login, mentee, program_resources):
    home = reverse("program_home", args=[program_resources.slug])
    response = post_checkin(login(mentee), program_resources, mood=1, craving=9, next_url=home)
    assert response.redirect_chain[-1][0] == home
    html = response.content.decode()
    assert SUPPORT in html and 'Harbor warm line: <a href="tel:5550100">555-0100</a>' in html


def test_the_mentor_never_sees_the_prompt(login, client, mentee, mentor, pairing, program):
    post_checkin(login(mentee), program, mood=1, craving=10)
    client.logout()
    page = login(mentor).get(reverse("mentor:detail", args=[program.slug, mentee.pk]))
    assert page.status_code == 200
    assert SUPPORT not in page.content.decode()


def test_the_wording_is_person_first(login, mentee, program):
    html = post_checkin(login(mentee), program, mood=1, craving=10).content.decode().lower()
    for word in ("addict", "relapse", "clean", "dirty", "failure"):
        assert word not in html, word
