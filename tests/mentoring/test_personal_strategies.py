"""A mentee's own strategies in "My toolkit": added, changed and deleted by the mentee,
private by default with an explicit "Share with my mentor" choice, read by the current mentor
only when shared, never by coordinators or other members. Words encrypted and out of the field
history; forms refuse bad input without saving, and save a double-posted form once."""

import re

import pytest
import rules
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.fieldlog import private_fields
from audit.models import AuditEvent
from mentoring import access, services
from mentoring.models import PersonalStrategy, Visibility
from tests.factories import MembershipFactory, PairingFactory, PersonalStrategyFactory

pytestmark = pytest.mark.django_db

SECRET = "SECRET-OWN-STRATEGY-5521"


def url(name, program, **kwargs):
    return reverse(f"strategies:{name}", kwargs={"program_slug": program.slug, **kwargs})


def new_form(client, program) -> dict:
    """The new-strategy form's fields as the page fills them (its one-time token)."""
    response = client.get(url("mine_new", program))
    assert response.status_code == 200
    token = response.context["form"].initial["form_token"]
    return {"form_token": token, "visibility": "private"}


# ADDING, CHANGING, DELETING


def test_a_mentee_adds_a_strategy_private_by_default_and_sees_it_marked_mine(
    login, program, mentee
):
    client = login(mentee)
    page = client.get(url("mine_new", program)).content.decode()
    assert re.search(r"value=\"private\"[^>]*checked", page)
    data = new_form(client, program)
    data.update(title="Walk before I answer", category="triggers", body="1. Stand up. 2. Walk.")
    response = client.post(url("mine_new", program), data)
    assert response.status_code == 302
    strategy = PersonalStrategy.objects.get()
    assert strategy.membership == mentee and strategy.visibility == Visibility.PRIVATE
    toolkit = client.get(url("index", program)).content.decode()
    assert "Walk before I answer" in toolkit and "Mine" in toolkit and "Private" in toolkit


@pytest.mark.parametrize(
    "bad, field",
    [
        ({"title": "  "}, "title"),
        ({"body": ""}, "body"),
        ({"category": "nope"}, "category"),
        ({"visibility": "everyone"}, "visibility"),
        ({"title": "x" * 121}, "title"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(
    login, program, mentee, bad, field
):
    client = login(mentee)
    data = new_form(client, program)
    data.update({"title": "Call my sister", "category": "cravings", "body": "Call."}, **bad)
    response = client.post(url("mine_new", program), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert "Nothing was saved" in response.content.decode()
    assert not PersonalStrategy.objects.exists()


def test_a_double_posted_form_saves_once(login, program, mentee):
    client = login(mentee)
    data = new_form(client, program)
    data.update(title="Breathe", category="stress", body="In for four, out for six.")
    first = client.post(url("mine_new", program), data)
    second = client.post(url("mine_new", program), data)
    assert first.status_code == second.status_code == 302
    assert PersonalStrategy.objects.count() == 1


def test_the_mentee_changes_shares_and_deletes_their_strategy(login, program, mentee):
    strategy = PersonalStrategyFactory(membership=mentee)
    client = login(mentee)
    response = client.post(
        url("mine_edit", program, strategy_id=strategy.pk),
        {"title": "New title", "category": "routines", "body": "Steps.", "visibility": "shared"},
    )
    assert response.status_code == 302
    strategy.refresh_from_db()
    assert (strategy.title, strategy.visibility) == ("New title", Visibility.SHARED)
    refused = client.post(
        url("mine_edit", program, strategy_id=strategy.pk),
        {"title": "", "category": "routines", "body": "Steps.", "visibility": "private"},
    )
    assert refused.status_code == 400
    strategy.refresh_from_db()
    assert strategy.title == "New title"
    confirm = client.get(url("mine_delete", program, strategy_id=strategy.pk))
    assert "Delete this strategy?" in confirm.content.decode()
    assert PersonalStrategy.objects.exists()  # a GET deletes nothing
    client.post(url("mine_delete", program, strategy_id=strategy.pk))
    assert not PersonalStrategy.objects.exists()
    # A second click on "Delete" finds nothing: 404, nothing else happens.
    assert client.post(url("mine_delete", program, strategy_id=strategy.pk)).status_code == 404


def test_only_mentees_add_their_own(mentor):
    with pytest.raises(ValidationError):
        services.personal_strategy_create(membership=mentor, title="T", body="B", category="stress")


# WHO SEES WHAT


@pytest.fixture
def own(mentee):
    return {
        "private": PersonalStrategyFactory(membership=mentee, title="PRIVATE-OWN"),
        "shared": PersonalStrategyFactory(
            membership=mentee, title="SHARED-OWN", visibility=Visibility.SHARED
        ),
    }


def test_the_current_mentor_reads_a_shared_one_only_and_never_changes_it(
    login, program, mentee, mentor, pairing, own
):
    client = login(mentor)
    page = client.get(url("mine_detail", program, strategy_id=own["shared"].pk))
    assert page.status_code == 200 and "SHARED-OWN" in page.content.decode()
    assert client.get(url("mine_detail", program, strategy_id=own["private"].pk)).status_code == 404
    assert client.get(url("mine_edit", program, strategy_id=own["shared"].pk)).status_code == 403
    assert client.post(url("mine_delete", program, strategy_id=own["shared"].pk)).status_code == 403
    index = client.get(url("index", program)).content.decode()
    assert "SHARED-OWN" in index and "PRIVATE-OWN" not in index
    # Each read of the mentee's own words is on the mentee's access history.
    viewed = AuditEvent.objects.filter(
        subject=mentee, record_type="personalstrategy", record_id=own["shared"].pk
    )
    assert viewed.count() == 2


def test_a_former_mentor_loses_access_when_the_pairing_ends(
    login, program, mentee, mentor, pairing, own
):
    from matching import services as matching_services

    assert (
        login(mentor).get(url("mine_detail", program, strategy_id=own["shared"].pk)).status_code
        == 200
    )
    matching_services.pairing_end(pairing=pairing, by=mentor, reason="moved")
    client = login(mentor)
    assert client.get(url("mine_detail", program, strategy_id=own["shared"].pk)).status_code == 404
    assert "SHARED-OWN" not in client.get(url("index", program)).content.decode()


def test_coordinators_other_mentees_and_other_mentors_see_none(
    login, program, mentee, pairing, coordinator, other_mentee, other_mentor, own
):
    for person in (coordinator, other_mentee, other_mentor):
        client = login(person)
        for strategy in own.values():
            response = client.get(url("mine_detail", program, strategy_id=strategy.pk))
            assert response.status_code in (403, 404), person
        index = client.get(url("index", program)).content.decode()
        assert "SHARED-OWN" not in index and "PRIVATE-OWN" not in index


def test_the_access_function_and_the_rule_agree(
    program, mentee, mentor, pairing, coordinator, other_mentee, other_mentor, own
):
    former = MembershipFactory(program=program, role="mentor")
    PairingFactory(mentee=mentee, mentor=former, days_ago=200, ended=True)
    elsewhere = PersonalStrategyFactory(membership=other_mentee, visibility=Visibility.SHARED)
    expected = {
        mentee: {own["private"].pk, own["shared"].pk},
        mentor: {own["shared"].pk},
        former: set(),
        coordinator: set(),
        other_mentee: {elsewhere.pk},
        other_mentor: set(),  # not paired with the other mentee here
    }
    for person, visible in expected.items():
        listed = set(access.personal_strategies_visible_to(person).values_list("pk", flat=True))
        assert listed == visible, person
        for record in PersonalStrategy.objects.all():
            allowed = rules.has_perm("mentoring.view_personalstrategy", person, record)
            assert allowed == (record.pk in listed)
    with pytest.raises(PermissionDenied):
        access.personal_strategy_get_for_member(
            membership=mentor, strategy_id=own["shared"].pk, for_write=True
        )
    with pytest.raises(Http404):
        access.personal_strategy_get_for_member(membership=mentor, strategy_id=own["private"].pk)


# PRIVATE WORDS


def test_the_words_are_encrypted_and_out_of_the_field_history(mentee):
    strategy = services.personal_strategy_create(
        membership=mentee, title=SECRET, body=SECRET, category="cravings"
    )
    services.personal_strategy_update(
        strategy=strategy,
        title=SECRET + "!",
        body=SECRET + "!",
        category="stress",
        visibility=Visibility.SHARED,
    )
    history = " ".join(
        f"{e.object_repr} {e.changes} {e.serialized_data}" for e in LogEntry.objects.all()
    )
    assert SECRET not in history
    assert "visibility" in history  # the choice is tracked, the words are not
    assert {"title", "body"} <= set(private_fields(PersonalStrategy))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title, body FROM mentoring_personalstrategy WHERE id = %s", [strategy.pk]
        )
        raw = " ".join(cursor.fetchone())
    assert SECRET not in raw


# QUERIES


def _count(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_toolkit_and_mentor_index_query_counts_do_not_grow(
    login, program, mentee, mentor, pairing, other_mentee, other_mentor
):
    PairingFactory(mentee=other_mentee, mentor=other_mentor)
    for _number in range(2):
        PersonalStrategyFactory(membership=mentee, visibility=Visibility.SHARED)
    for _number in range(15):
        PersonalStrategyFactory(membership=other_mentee, visibility=Visibility.SHARED)
    path = url("index", program)
    counts = []
    for person in (mentee, other_mentee):
        client = login(person)
        client.get(path)
        counts.append(_count(client, path))
    assert counts[0] == counts[1]
    counts = []
    for person in (mentor, other_mentor):
        client = login(person)
        client.get(path)
        counts.append(_count(client, path))
    assert counts[0] == counts[1]
