"""The private journal as its author uses it: write, read, edit, delete; bad input changes
nothing; another person's entry id in the URL is a 404."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from mentoring import services
from mentoring.models import JournalEntry
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def url(name, program, *args):
    return reverse(f"journal:{name}", args=[program.slug, *args])


def with_token(data: dict) -> dict:
    return {**data, "form_token": uuid.uuid4().hex}


def test_double_posted_entry_is_saved_once(login, mentee, program):
    client = login(mentee)
    data = with_token({"title": "Tuesday", "body": "Long day"})
    assert client.post(url("index", program), data).status_code == 302
    response = client.post(url("index", program), data, follow=True)
    assert "This entry was already saved." in response.content.decode()
    assert JournalEntry.objects.filter(membership=mentee).count() == 1


def test_index_shows_labelled_form_and_privacy_note(login, mentee, program):
    response = login(mentee).get(url("index", program))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_title">Title:</label>' in html
    assert '<label for="id_body">Entry:</label>' in html
    assert "Only you can read your journal" in html
    assert "No entries yet" in html


def test_write_an_entry_and_see_it_newest_first(login, mentee, program):
    client = login(mentee)
    client.post(url("index", program), with_token({"title": "Monday", "body": "First thoughts"}))
    response = client.post(
        url("index", program), with_token({"title": "", "body": "Second thoughts"}), follow=True
    )
    assert "Saved to your journal." in response.content.decode()
    entries = list(JournalEntry.objects.filter(membership=mentee).order_by("pk"))
    assert [(e.title, e.body) for e in entries] == [
        ("Monday", "First thoughts"),
        ("", "Second thoughts"),
    ]
    html = client.get(url("index", program)).content.decode()
    assert html.index("Second thoughts") < html.index("First thoughts")
    assert "Entry of" in html  # an untitled entry gets its date as a title


@pytest.mark.parametrize(
    "data",
    [{"title": "Empty", "body": ""}, {"title": "Spaces", "body": "   \n  "}, {"body": "x" * 20001}],
    ids=["empty", "only-spaces", "too-long"],
)
def test_bad_entry_is_refused_and_nothing_saved(login, mentee, program, data):
    response = login(mentee).post(url("index", program), with_token(data))
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert not JournalEntry.objects.exists()


def test_detail_edit_and_delete_by_the_author(login, mentee, program):
    entry = services.journal_create(membership=mentee, title="Walk", body="Long walk by the river")
    client = login(mentee)
    detail = client.get(url("detail", program, entry.pk))
    assert detail.status_code == 200
    assert "Long walk by the river" in detail.content.decode()

    edit_page = client.get(url("edit", program, entry.pk)).content.decode()
    assert "Long walk by the river" in edit_page
    response = client.post(url("edit", program, entry.pk), {"title": "Walk", "body": "Short walk"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.body == "Short walk"

    confirm = client.get(url("delete", program, entry.pk))
    assert confirm.status_code == 200
    assert "This can't be undone." in confirm.content.decode()
    assert JournalEntry.objects.filter(pk=entry.pk).exists()  # GET never deletes

    response = client.post(url("delete", program, entry.pk), follow=True)
    assert "The entry is deleted." in response.content.decode()
    assert not JournalEntry.objects.filter(pk=entry.pk).exists()
    # A second (double-posted) delete finds nothing and changes nothing.
    assert client.post(url("delete", program, entry.pk)).status_code == 404


def test_edit_with_an_empty_body_changes_nothing(login, mentee, program):
    entry = services.journal_create(membership=mentee, body="Keep me")
    response = login(mentee).post(url("edit", program, entry.pk), {"title": "", "body": " "})
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    entry.refresh_from_db()
    assert entry.body == "Keep me"


def test_another_mentees_entry_id_is_404_and_unchanged(login, mentee, other_mentee, program):
    entry = services.journal_create(membership=other_mentee, body="Priya's own words")
    client = login(mentee)
    for name in ("detail", "edit", "delete"):
        response = client.get(url(name, program, entry.pk))
        assert response.status_code == 404
        assert "Priya&#x27;s own words" not in response.content.decode()
    assert client.post(url("edit", program, entry.pk), {"body": "changed"}).status_code == 404
    assert client.post(url("delete", program, entry.pk)).status_code == 404
    entry.refresh_from_db()
    assert entry.body == "Priya's own words"
    assert "own words" not in client.get(url("index", program)).content.decode()


def test_own_entry_from_another_program_is_not_shown_here(login, mentee, program, other_program):
    elsewhere = MembershipFactory(program=other_program, role=Role.MENTEE, user=mentee.user)
    entry = services.journal_create(membership=elsewhere, body="Written in the career program")
    client = login(mentee)
    assert client.get(url("detail", program, entry.pk)).status_code == 404
    assert "Written in the career program" not in client.get(url("index", program)).content.decode()
    assert client.get(url("detail", other_program, entry.pk)).status_code == 200


def test_index_query_count_does_not_grow_with_entries(login, mentee, program):
    client = login(mentee)
    services.journal_create(membership=mentee, body="one")
    client.get(url("index", program))  # warm up (sessions, content types)
    with CaptureQueriesContext(connection) as few:
        client.get(url("index", program))
    JournalEntry.objects.bulk_create(
        JournalEntry(membership=mentee, body=f"entry {n}") for n in range(60)
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("index", program))
    assert len(many) == len(few)
    assert "Older entries" in response.content.decode()  # paginated
