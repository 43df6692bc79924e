"""Check-ins: one per day (a second submission updates it), mood and craving bounds in the
service, the database and the page, trends as SVG with a text alternative, who sees what."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from matching.models import Pairing
from mentoring import access, services
from mentoring.models import CheckIn, Visibility
from mentoring.selectors.checkins import checkin_today, checkin_trend, checkins_recent
from tests.factories import PairingFactory

pytestmark = pytest.mark.django_db

GOOD = {"mood": "4", "craving": "2", "helped": "A walk with my sister", "hard": "Payday"}


def url(program, **query):
    base = reverse("checkins:index", kwargs={"program_slug": program.slug})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def record(membership, **kwargs):
    return services.checkin_record(
        membership=membership,
        mood=kwargs.pop("mood", 3),
        craving=kwargs.pop("craving", 2),
        **kwargs,
    )


def svgs(html: str) -> list[ET.Element]:
    """The charts on a page (the icons beside headings and links are decorative SVG too)."""
    found, start = [], html.find("<svg")
    while start != -1:
        end = html.index("</svg>", start) + len("</svg>")
        svg = ET.fromstring(html[start:end])
        if svg.get("aria-hidden") != "true":
            found.append(svg)
        start = html.find("<svg", end)
    return found


# SERVICES


def test_a_second_check_in_the_same_day_updates_the_first(mentee):
    first = record(mentee, mood=2, craving=7, hard="A long day")
    second = record(mentee, mood=4, craving=1, helped="My meeting", visibility=Visibility.PRIVATE)

    assert second.pk == first.pk
    checkin = CheckIn.objects.get(membership=mentee)
    assert (checkin.mood, checkin.craving, checkin.helped, checkin.hard) == (4, 1, "My meeting", "")
    assert checkin.visibility == Visibility.PRIVATE
    assert checkin.date == services.local_today(mentee)


@pytest.mark.parametrize(("mood", "craving"), [(0, 3), (6, 3), (3, -1), (3, 11), ("3", 3)])
def test_the_service_refuses_mood_and_craving_out_of_bounds(mentee, mood, craving):
    with pytest.raises(ValidationError):
        record(mentee, mood=mood, craving=craving)
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(("mood", "craving"), [(0, 3), (6, 3), (3, 11)])
def test_the_database_refuses_mood_and_craving_out_of_bounds(mentee, mood, craving):
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(
            membership=mentee, date=services.local_today(mentee), mood=mood, craving=craving
        )
    assert not CheckIn.objects.exists()


def test_the_database_holds_one_check_in_per_day(mentee):
    record(mentee)
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(
            membership=mentee, date=services.local_today(mentee), mood=3, craving=3
        )


def test_check_ins_belong_to_mentees(mentor):
    with pytest.raises(ValidationError):
        record(mentor)


# VIEWS


def test_the_page_has_the_labels_people_look_for(login, program, mentee):
    html = login(mentee).get(url(program)).content.decode()
    assert "<legend>Mood</legend>" in html
    for label in (
        "Craving",
        "What helped today",
        "What was hard",
        "I&#x27;d like my mentor to reach out",
        "Private",
    ):
        assert re.search(rf"<label[^>]*>{label}:?</label>", html), label
    for choice in ("1 — very low", "3 — okay", "5 — very good"):
        assert choice in html
    assert "0 — no craving at all, 10 — the strongest craving." in html
    assert "Only you can see it. Your mentor sees shared items only." in html


def test_check_in_then_update_it_the_same_day(login, program, mentee):
    client = login(mentee)
    response = client.post(url(program), GOOD, follow=True)
    assert "Thank you for checking in today." in response.content.decode()
    checkin = CheckIn.objects.get()
    assert (checkin.mood, checkin.craving, checkin.visibility) == (4, 2, Visibility.SHARED)
    assert checkin.helped == "A walk with my sister"

    page = client.get(url(program)).content.decode()
    assert "You checked in today." in page
    assert re.search(r'<input type="radio" name="mood" value="4"[^>]*checked', page)

    response = client.post(url(program), {**GOOD, "mood": "2", "wants_outreach": "on"}, follow=True)
    assert "Updated today&#x27;s check-in." in response.content.decode()
    checkin = CheckIn.objects.get()
    assert (checkin.mood, checkin.wants_outreach) == (2, True)


def test_a_private_check_in_asking_for_outreach_warns_the_mentor_will_not_see_it(
    login, program, mentee
):
    response = login(mentee).post(
        url(program), {**GOOD, "private": "on", "wants_outreach": "on"}, follow=True
    )
    assert "your mentor won" in response.content.decode()
    assert CheckIn.objects.get().visibility == Visibility.PRIVATE


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"mood": "9"}, "Mood is a number from 1 to 5."),
        ({"mood": "0"}, "Mood is a number from 1 to 5."),
        ({"mood": "happy"}, "Mood is a number from 1 to 5."),
        ({"mood": ""}, "Choose your mood, from 1 to 5."),
        ({"craving": "11"}, "Craving is a number from 0 to 10."),
        ({"craving": "-1"}, "Craving is a number from 0 to 10."),
        ({"craving": "lots"}, "Craving is a number from 0 to 10."),
        ({"craving": "9" * 40}, "Craving is a number from 0 to 10."),
        ({"helped": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_tampered_check_ins_get_a_clear_message_and_save_nothing(
    login, program, mentee, changes, message
):
    response = login(mentee).post(url(program), {**GOOD, **changes})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Nothing was saved." in html
    assert not CheckIn.objects.exists()


def test_a_tampered_update_leaves_todays_check_in_as_it_was(login, program, mentee):
    record(mentee, mood=3, craving=4)
    login(mentee).post(url(program), {**GOOD, "mood": "17"})
    checkin = CheckIn.objects.get()
    assert (checkin.mood, checkin.craving) == (3, 4)


def test_the_home_form_goes_back_home_and_unsafe_next_is_ignored(login, program, mentee):
    client = login(mentee)
    home = reverse("program_home", kwargs={"program_slug": program.slug})
    assert client.post(url(program), {**GOOD, "next": home}).url == home
    assert client.post(url(program), {**GOOD, "next": "//evil.example"}).url == url(program)


def test_trends_show_mood_and_craving_charts_with_text_alternatives(login, program, mentee):
    today = services.local_today(mentee)
    CheckIn.objects.bulk_create(
        [
            CheckIn(membership=mentee, date=today - timedelta(days=1), mood=2, craving=6),
            CheckIn(membership=mentee, date=today - timedelta(days=2), mood=4, craving=3),
            CheckIn(membership=mentee, date=today - timedelta(days=60), mood=1, craving=9),
        ]
    )
    html = login(mentee).get(url(program)).content.decode()
    charts = svgs(html)
    assert len(charts) == 2
    assert all(chart.get("role") == "img" for chart in charts)
    mood_label, craving_label = (chart.get("aria-label") for chart in charts)
    assert mood_label.startswith("Mood over the last 30 days: 2 check-ins, average 3")
    assert "lowest 2 on" in mood_label
    assert craving_label.startswith("Craving over the last 30 days: 2 check-ins, average 4.5")
    assert "Show the numbers" in html and '<th scope="col">Mood</th>' in html

    html = login(mentee).get(url(program, days=90)).content.decode()
    mood_label = svgs(html)[0].get("aria-label")
    assert mood_label.startswith("Mood over the last 90 days: 3 check-ins")
    assert "lowest 1 on" in mood_label


@pytest.mark.parametrize("days", ["banana", "7", "-30", "9" * 40])
def test_an_unknown_period_falls_back_to_30_days(login, program, mentee, days):
    response = login(mentee).get(url(program, days=days))
    assert response.status_code == 200
    assert "Mood over the last 30 days" in response.content.decode()


def test_recent_check_ins_are_listed_with_their_visibility(login, program, mentee):
    record(mentee, helped="Calling my sponsor", visibility=Visibility.PRIVATE)
    html = login(mentee).get(url(program)).content.decode()
    assert "Recent check-ins" in html
    assert "Calling my sponsor" in html
    assert 'badge badge--muted">Private' in html


def test_only_mentees_open_the_check_in_page(login, program, mentee, mentor, outsider):
    PairingFactory(mentee=mentee, mentor=mentor)
    assert login(mentor).get(url(program)).status_code == 403
    assert login(mentor).post(url(program), GOOD).status_code == 403
    assert login(outsider).get(url(program)).status_code == 404
    assert not CheckIn.objects.exists()


def test_each_mentee_sees_their_own_check_ins_only(login, program, mentee, other_mentee):
    record(other_mentee, helped="Priya's walk")
    html = login(mentee).get(url(program)).content.decode()
    assert "Priya&#x27;s walk" not in html and "Priya's walk" not in html


# ACCESS


def test_current_mentor_sees_shared_check_ins_only(program, mentee, mentor, other_mentor, outsider):
    shared = record(mentee)
    other_day = services.local_today(mentee) - timedelta(days=1)
    private = CheckIn.objects.create(
        membership=mentee, date=other_day, mood=2, craving=5, visibility=Visibility.PRIVATE
    )
    pairing = PairingFactory(mentee=mentee, mentor=mentor)

    assert list(access.checkins_visible_to(mentor)) == [shared]
    assert checkin_trend(membership=mentee, viewer=mentor, days=30) == [shared]
    assert checkins_recent(membership=mentee, viewer=mentor) == [shared]
    assert access.checkin_get_for_member(membership=mentor, checkin_id=shared.pk) == shared
    with pytest.raises(Http404):
        access.checkin_get_for_member(membership=mentor, checkin_id=private.pk)
    with pytest.raises(PermissionDenied):
        access.checkin_get_for_member(membership=mentor, checkin_id=shared.pk, for_write=True)
    for stranger in (other_mentor, outsider):
        assert not access.checkins_visible_to(stranger).exists()
        with pytest.raises(Http404):
            access.checkin_get_for_member(membership=stranger, checkin_id=shared.pk)
    assert access.checkins_visible_to(mentee).count() == 2

    pairing.status = Pairing.Status.ENDED
    pairing.save()
    assert not access.checkins_visible_to(mentor).exists()


# PERFORMANCE


def _fill_checkins(membership, days: int) -> None:
    today = services.local_today(membership)
    CheckIn.objects.bulk_create(
        CheckIn(
            membership=membership,
            date=today - timedelta(days=n),
            mood=1 + n % 5,
            craving=n % 11,
            helped="A walk",
            visibility=Visibility.PRIVATE if n % 7 == 0 else Visibility.SHARED,
        )
        for n in range(days)
    )


def _queries(client, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("days", [None, 90])
def test_check_in_page_queries_do_not_grow_with_two_years_of_history(
    client, program, mentee, other_mentee, days
):
    _fill_checkins(mentee, 7)
    _fill_checkins(other_mentee, 730)
    query = {"days": days} if days else {}

    client.force_login(mentee.user)
    _queries(client, url(program, **query))  # warm up the session and caches
    one_week = _queries(client, url(program, **query))
    client.force_login(other_mentee.user)
    _queries(client, url(program, **query))
    two_years = _queries(client, url(program, **query))

    assert one_week == two_years


# THE HOME PAGE FRAGMENT


def _home_fragment(rf, program, mentee, checkin):
    request = rf.get("/p/harbor/")
    request.user = mentee.user
    return render_to_string(
        "mentoring/_checkin_today.html", {"checkin": checkin, "program": program}, request=request
    )


def test_home_fragment_offers_the_quick_check_in_then_says_done(rf, login, program, mentee):
    html = _home_fragment(rf, program, mentee, None)
    assert "<legend>Mood</legend>" in html
    for label in ("Craving", "I(&#x27;|')d like my mentor to reach out", "Private"):
        assert re.search(rf"<label[^>]*>{label}</label>", html), label
    names = set(re.findall(r'name="([a-z_]+)"', html))
    assert {"mood", "craving", "wants_outreach", "private", "next"} <= names

    # The fragment's field names are the page form's: posting them checks in and goes home.
    response = login(mentee).post(
        url(program), {"mood": "3", "craving": "4", "private": "on", "next": "/p/harbor/"}
    )
    assert response.url == "/p/harbor/"
    checkin = CheckIn.objects.get()
    assert (checkin.mood, checkin.craving, checkin.visibility) == (3, 4, Visibility.PRIVATE)

    html = _home_fragment(rf, program, mentee, checkin_today(membership=mentee))
    assert "Done today" in html
    assert "Mood 3 of 5" in html
    assert url(program) in html
    assert "<form" not in html


@pytest.mark.parametrize("language", ["en", "es"])
def test_trend_chart_day_labels_read_like_the_date_filter(login, program, mentee, language):
    from django.utils import translation
    from django.utils.formats import date_format

    today = services.local_today(mentee)
    days = [today - timedelta(days=d) for d in range(0, 90, 3)]
    CheckIn.objects.bulk_create(
        [CheckIn(membership=mentee, date=d, mood=3, craving=2) for d in days]
    )
    mentee.user.profile.preferred_language = language
    mentee.user.profile.save()

    html = login(mentee).get(url(program, days=90)).content.decode()

    titles = {title.text for title in svgs(html)[0].iter("{http://www.w3.org/2000/svg}title")}
    with translation.override(language):
        assert titles == {f"{date_format(day, 'j M')}: 3" for day in days}
