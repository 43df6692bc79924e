"""Announcement pages: the coordinators' list and form, the homes' block and its Dismiss
button; who may open what; query counts that do not grow with the data."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.services import new_submission_key
from messaging.models import Announcement, AnnouncementRecipient
from messaging.services import announcement_post
from tests.factories import (
    AnnouncementFactory,
    AnnouncementRecipientFactory,
    MembershipFactory,
    PairingFactory,
)

pytestmark = pytest.mark.django_db


def url(name, program, *args):
    return reverse(f"announcements:{name}", args=[program.slug, *args])


def home(program):
    return reverse("program_home", args=[program.slug])


def post(by, audience="everyone", **fields):
    data = {"title": "Community dinner", "body": "Thursday at six.", **fields}
    return announcement_post(by=by, audience=audience, submission_key=new_submission_key(), **data)


def form_data(**fields):
    return {
        "title": "Community dinner",
        "body": "Thursday at six.",
        "audience": "everyone",
        "cohort_date": "",
        "form_token": new_submission_key(),
        **fields,
    }


# WHO MAY OPEN WHAT


@pytest.mark.parametrize("name", ["index", "new"])
def test_a_coordinator_opens_the_pages(login, coordinator, program, name):
    response = login(coordinator).get(url(name, program))
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["index", "new"])
@pytest.mark.parametrize("member", ["mentee", "mentor"])
def test_members_are_refused_the_coordinator_pages(request, login, program, name, member):
    client = login(request.getfixturevalue(member))
    assert client.get(url(name, program)).status_code == 403
    assert client.post(url("new", program), form_data()).status_code == 403
    assert not Announcement.objects.exists()


def test_another_programs_coordinator_gets_404(login, outsider, program):
    client = login(outsider)
    assert client.get(url("index", program)).status_code == 404
    assert client.post(url("new", program), form_data()).status_code == 404
    assert not Announcement.objects.exists()


def test_the_list_shows_only_this_programs_announcements(login, coordinator, outsider, program):
    post(coordinator, title="Ours")
    post(outsider, title="Theirs")
    html = login(coordinator).get(url("index", program)).content.decode()
    assert "Ours" in html and "Theirs" not in html


# POSTING


def test_posting_through_the_form(login, coordinator, mentee, mentor, program):
    response = login(coordinator).post(url("new", program), form_data(audience="mentees"))
    assert response.status_code == 302 and response.url == url("index", program)
    announcement = Announcement.objects.get()
    assert list(AnnouncementRecipient.objects.values_list("membership", flat=True)) == [mentee.pk]
    html = login(coordinator).get(url("index", program)).content.decode()
    assert "Community dinner" in html and "Sent to 1 person" in html and "0 dismissed" in html
    assert announcement.author == coordinator


def test_the_form_has_a_label_for_every_input_and_the_cohort_date(login, coordinator, program):
    html = login(coordinator).get(url("new", program)).content.decode()
    for field in ("title", "body", "cohort_date"):
        assert f'<label for="id_{field}"' in html
    assert html.count('type="radio"') == len(Announcement.Audience.choices)
    assert "<legend>Who receives it</legend>" in html
    assert "<script" not in html.split("</header>")[-1].split("<footer")[0]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"body": ""}, "This field is required."),
        ({"body": "x" * 4001}, "at most 4000 characters"),
        ({"body": "   "}, "Write the announcement first."),
        ({"audience": "mentees_paired_before"}, "Give the date"),
        ({"audience": "mentees_paired_before", "cohort_date": "not a date"}, "Enter a valid date"),
        ({"audience": "nobody"}, "Select a valid choice"),
    ],
)
def test_bad_input_shows_a_message_and_posts_nothing(
    login, coordinator, mentee, program, fields, message
):
    response = login(coordinator).post(url("new", program), form_data(**fields))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Announcement.objects.exists()


def test_a_future_cohort_date_is_refused(login, coordinator, program):
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = login(coordinator).post(
        url("new", program), form_data(audience="mentees_paired_before", cohort_date=future)
    )
    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()
    assert not Announcement.objects.exists()


@pytest.mark.parametrize("cohort_date", ["0001-01-01", "1900-01-01"])
def test_a_cohort_date_decades_back_is_refused(login, coordinator, program, cohort_date):
    response = login(coordinator).post(
        url("new", program), form_data(audience="mentees_paired_before", cohort_date=cohort_date)
    )
    assert response.status_code == 400
    assert "Choose a date between" in response.content.decode()
    assert not Announcement.objects.exists()


def test_the_same_post_twice_makes_one_announcement(login, coordinator, mentee, program):
    client = login(coordinator)
    data = form_data()
    assert client.post(url("new", program), data).status_code == 302
    second = client.post(url("new", program), data, follow=True)
    assert "already posted" in second.content.decode()
    assert Announcement.objects.count() == 1


# THE HOMES


@pytest.mark.parametrize("member", ["mentee", "mentor", "other_coordinator"])
def test_each_home_shows_it_with_text_escaped_and_links_clickable(
    request, login, coordinator, program, member
):
    if member == "other_coordinator":
        person = MembershipFactory(program=program, role=Role.COORDINATOR)
        from tests.factories import enable_mfa

        enable_mfa(person.user)
    else:
        person = request.getfixturevalue(member)
    post(
        coordinator,
        title="<b>Dinner</b>",
        body="<script>alert(1)</script>\nSee https://example.org/dinner for the menu.",
    )
    html = login(person).get(home(program)).content.decode()
    assert "&lt;b&gt;Dinner&lt;/b&gt;" in html and "<b>Dinner" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>" in html and "<script>alert" not in html
    assert 'href="https://example.org/dinner"' in html
    assert url("dismiss", program, Announcement.objects.get().pk) in html


def test_dismiss_hides_it_for_that_person_only(login, client, coordinator, mentee, mentor, program):
    announcement = post(coordinator)
    response = login(mentee).post(url("dismiss", program, announcement.pk))
    assert response.status_code == 302 and response.url == home(program)
    assert "Community dinner" not in client.get(home(program)).content.decode()
    assert "Community dinner" in login(mentor).get(home(program)).content.decode()


def test_dismiss_is_404_for_someone_it_was_not_for(login, coordinator, mentee, mentor, program):
    announcement = post(coordinator, audience="mentees")
    assert login(mentor).post(url("dismiss", program, announcement.pk)).status_code == 404
    assert login(coordinator).post(url("dismiss", program, announcement.pk)).status_code == 404
    assert not AnnouncementRecipient.objects.filter(dismissed_at__isnull=False).exists()


def test_dismiss_is_404_from_another_program(login, coordinator, mentee, outsider, program):
    announcement = post(coordinator)
    other = outsider.program
    assert login(outsider).post(url("dismiss", other, announcement.pk)).status_code == 404
    assert login(outsider).post(url("dismiss", program, announcement.pk)).status_code == 404
    assert login(mentee).post(url("dismiss", other, announcement.pk)).status_code == 404
    assert not AnnouncementRecipient.objects.filter(dismissed_at__isnull=False).exists()


def test_dismiss_takes_only_a_post(login, coordinator, mentee, program):
    announcement = post(coordinator)
    assert login(mentee).get(url("dismiss", program, announcement.pk)).status_code == 405


# QUERY COUNTS AT TWO SIZES


def count_queries(client, path) -> tuple[int, str]:
    client.get(path)  # warm the session
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


@pytest.mark.parametrize("member", ["mentee", "mentor", "coordinator"])
def test_home_queries_do_not_grow_with_announcements(
    request, login, program, coordinator, pairing, member
):
    person = request.getfixturevalue(member)
    author = MembershipFactory(program=program, role=Role.COORDINATOR)
    client = login(person)
    post(author, title="First note")
    small, _html = count_queries(client, home(program))
    for n in range(8):
        post(author, title=f"Note {n}")
    large, html = count_queries(client, home(program))
    assert small == large
    assert html.count('class="announcement"') == 5


def test_the_list_queries_do_not_grow_with_announcements_or_recipients(login, program, coordinator):
    client = login(coordinator)
    AnnouncementRecipientFactory(announcement__program=program)
    small, _html = count_queries(client, url("index", program))
    for _n in range(25):
        announcement = AnnouncementFactory(program=program, author=coordinator)
        for _m in range(3):
            AnnouncementRecipientFactory(announcement=announcement, dismissed_at=timezone.now())
    large, html = count_queries(client, url("index", program))
    assert small == large
    assert "Sent to 3 people" in html and "3 dismissed it" in html
    assert "Page 1 of 2" in html


def test_a_paired_mentee_and_mentor_in_one_program_see_the_mentees_cohort(
    login, program, coordinator
):
    pairing = PairingFactory(mentee__program=program, days_ago=40)
    post(
        coordinator,
        audience="mentees_paired_before",
        cohort_date=timezone.localdate() - timedelta(days=10),
    )
    assert "Community dinner" in login(pairing.mentee).get(home(program)).content.decode()
    assert "Community dinner" not in login(pairing.mentor).get(home(program)).content.decode()
