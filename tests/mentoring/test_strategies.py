"""The strategies library: mentors write and share in one click, coordinators curate the
program library, mentees keep what was shared in "My toolkit". Services, pages, the access
matrix and a fixed number of queries for the index."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from matching import services as matching_services
from matching.models import Pairing
from mentoring import access, services
from mentoring.models import Strategy, StrategyShare
from mentoring.selectors.strategies import toolkit_for_mentee
from tests.factories import MembershipFactory, PairingFactory, UserFactory

pytestmark = pytest.mark.django_db


def write(author, title="Call before the hardest hour", category="cravings", **kwargs):
    return services.strategy_create(
        author=author,
        title=title,
        body=kwargs.pop("body", "I call a friend at 6pm, before it gets hard."),
        category=category,
        **kwargs,
    )


def url(name, program, **kwargs):
    return reverse(f"strategies:{name}", kwargs={"program_slug": program.slug, **kwargs})


# SERVICES AND ACCESS


def test_mentor_strategy_is_theirs_and_coordinator_strategy_goes_to_library(mentor, coordinator):
    own = write(mentor)
    library = write(coordinator, title="Five senses grounding", category="stress")
    assert not own.in_library and own.author == mentor.user
    assert library.in_library


def test_mentee_cannot_write_a_strategy(mentee):
    with pytest.raises(ValidationError):
        write(mentee)


def test_strategy_needs_title_body_and_a_known_category(mentor):
    with pytest.raises(ValidationError) as exc:
        services.strategy_create(author=mentor, title=" ", body="", category="nope")
    assert set(exc.value.message_dict) == {"title", "body", "category"}
    assert not Strategy.objects.exists()


def test_share_with_a_current_mentee_puts_it_in_their_toolkit(program, mentor, mentee):
    PairingFactory(mentee=mentee, mentor=mentor)
    strategy = write(mentor)
    services.strategy_share(strategy=strategy, mentee=mentee, by=mentor)
    toolkit = toolkit_for_mentee(membership=mentee)
    assert [share.strategy for share in toolkit] == [strategy]
    assert toolkit[0].shared_by == mentor.user
    with pytest.raises(ValidationError, match="Already"):
        services.strategy_share(strategy=strategy, mentee=mentee, by=mentor)
    assert StrategyShare.objects.count() == 1


def test_share_refused_for_former_and_other_mentors_mentees(
    program, coordinator, mentor, other_mentor, mentee, other_mentee
):
    pairing = PairingFactory(mentee=mentee, mentor=mentor)
    PairingFactory(mentee=other_mentee, mentor=other_mentor)
    strategy = write(mentor)
    with pytest.raises(ValidationError):
        services.strategy_share(strategy=strategy, mentee=other_mentee, by=mentor)
    matching_services.pairing_end(pairing=pairing, by=coordinator, reason="Moved away")
    with pytest.raises(ValidationError):
        services.strategy_share(strategy=strategy, mentee=mentee, by=mentor)
    assert not StrategyShare.objects.exists()


def test_mentor_sees_library_and_own_not_another_mentors(mentor, other_mentor, coordinator):
    own = write(mentor, title="Mine")
    theirs = write(other_mentor, title="Theirs")
    library = write(coordinator, title="Library")
    assert set(access.strategies_visible_to(mentor)) == {own, library}
    with pytest.raises(Http404):
        access.strategy_get_for_member(membership=mentor, strategy_id=theirs.pk)
    # The library is readable by every mentor, writable only by its author or a coordinator.
    services.strategy_set_in_library(strategy=theirs, by=coordinator, in_library=True)
    assert access.strategy_get_for_member(membership=mentor, strategy_id=theirs.pk) == theirs
    with pytest.raises(PermissionDenied):
        access.strategy_get_for_member(membership=mentor, strategy_id=theirs.pk, for_write=True)


def test_coordinator_curates_mentors_strategies(mentor, coordinator):
    strategy = write(mentor)
    assert access.strategy_get_for_member(
        membership=coordinator, strategy_id=strategy.pk, for_write=True
    )
    services.strategy_set_in_library(strategy=strategy, by=coordinator, in_library=True)
    services.strategy_set_in_library(strategy=strategy, by=coordinator, in_library=False)
    # Taken out of the library, the coordinator can still find it to bring it back.
    assert strategy in access.strategies_visible_to(coordinator)
    with pytest.raises(ValidationError):
        services.strategy_set_in_library(strategy=strategy, by=mentor, in_library=True)


def test_another_programs_strategy_is_invisible(mentor, outsider):
    foreign = write(outsider)
    with pytest.raises(Http404):
        access.strategy_get_for_member(membership=mentor, strategy_id=foreign.pk)


def test_archived_strategy_leaves_the_toolkit(program, mentor, mentee):
    PairingFactory(mentee=mentee, mentor=mentor)
    strategy = write(mentor)
    services.strategy_share(strategy=strategy, mentee=mentee, by=mentor)
    services.strategy_archive(strategy=strategy)
    assert toolkit_for_mentee(membership=mentee) == []
    with pytest.raises(Http404):
        access.strategy_get_for_member(membership=mentee, strategy_id=strategy.pk)


# PAGES: MENTOR


def test_mentor_index_shows_library_own_and_share_buttons(
    program, login, mentor, other_mentor, coordinator, mentee, other_mentee
):
    PairingFactory(mentee=mentee, mentor=mentor)
    PairingFactory(mentee=other_mentee, mentor=other_mentor)
    write(mentor, title="My walk after work", category="routines")
    write(other_mentor, title="Not mine to see")
    write(coordinator, title="Five senses grounding", category="stress")
    page = login(mentor).get(url("index", program)).content.decode()
    assert "My walk after work" in page and "Five senses grounding" in page
    assert "Not mine to see" not in page
    assert "Share with Jordan" in page
    assert "Priya" not in page  # another mentor's mentee is no share target


def test_mentor_filters_by_category(program, login, mentor):
    write(mentor, title="Walk after work", category="routines")
    write(mentor, title="Urge surfing", category="cravings")
    page = login(mentor).get(url("index", program), {"category": "routines"}).content.decode()
    assert "Walk after work" in page and "Urge surfing" not in page
    # An unknown category shows everything rather than an error.
    response = login(mentor).get(url("index", program), {"category": "bogus"})
    assert response.status_code == 200 and "Urge surfing" in response.content.decode()


def test_mentor_creates_and_edits_a_strategy(program, login, mentor):
    client = login(mentor)
    response = client.post(
        url("new", program),
        {
            "category": "job_search",
            "title": "One application a day",
            "body": "Small and steady beats a marathon.",
            "link": "",
        },
    )
    assert response.status_code == 302
    strategy = Strategy.objects.get()
    assert strategy.author == mentor.user and not strategy.in_library
    response = client.post(
        url("edit", program, strategy_id=strategy.pk),
        {"category": "job_search", "title": "Two a day", "body": "Then rest.", "link": ""},
    )
    assert response.status_code == 302
    strategy.refresh_from_db()
    assert strategy.title == "Two a day"


def test_new_strategy_bad_input_shows_errors(program, login, mentor):
    response = login(mentor).post(
        url("new", program), {"category": "", "title": "", "body": "", "link": "not a url"}
    )
    assert response.status_code == 400
    assert not Strategy.objects.exists()
    assert response.context["form"].errors.keys() >= {"category", "title", "body"}


def test_share_button_shares_once_then_shows_in_toolkit(program, login, mentor, mentee):
    PairingFactory(mentee=mentee, mentor=mentor)
    strategy = write(mentor)
    client = login(mentor)
    response = client.post(
        url("share", program, strategy_id=strategy.pk), {"mentee": mentee.pk}, follow=True
    )
    assert StrategyShare.objects.filter(strategy=strategy, mentee=mentee).count() == 1
    page = response.content.decode()
    assert "In Jordan&#x27;s toolkit" in page or "In Jordan's toolkit" in page
    assert "Share with Jordan" not in page
    # A second click (double post) keeps one share and says so.
    response = client.post(
        url("share", program, strategy_id=strategy.pk), {"mentee": mentee.pk}, follow=True
    )
    assert StrategyShare.objects.count() == 1
    assert "Already in their toolkit" in response.content.decode()


@pytest.mark.parametrize("target", ["other_mentee", "former", "garbage", "outsider_mentee"])
def test_share_with_someone_not_my_current_mentee_shares_nothing(
    program, other_program, login, coordinator, mentor, other_mentor, mentee, other_mentee, target
):
    pairing = PairingFactory(mentee=mentee, mentor=mentor)
    PairingFactory(mentee=other_mentee, mentor=other_mentor)
    if target == "former":
        matching_services.pairing_end(pairing=pairing, by=coordinator, reason="Done")
        mentee_id = mentee.pk
    elif target == "other_mentee":
        mentee_id = other_mentee.pk
    elif target == "outsider_mentee":
        mentee_id = MembershipFactory(program=other_program, role=Role.MENTEE).pk
    else:
        mentee_id = "x"
    strategy = write(mentor)
    response = login(mentor).post(
        url("share", program, strategy_id=strategy.pk), {"mentee": mentee_id}, follow=True
    )
    assert response.status_code == 200
    assert "You can share strategies with your current mentees only." in response.content.decode()
    assert not StrategyShare.objects.exists()


def test_mentor_cannot_share_another_mentors_private_strategy(
    program, login, mentor, other_mentor, mentee
):
    PairingFactory(mentee=mentee, mentor=mentor)
    theirs = write(other_mentor)
    response = login(mentor).post(
        url("share", program, strategy_id=theirs.pk), {"mentee": mentee.pk}
    )
    assert response.status_code == 404
    assert not StrategyShare.objects.exists()


def test_mentor_cannot_edit_or_archive_another_mentors_library_strategy(
    program, login, mentor, other_mentor, coordinator
):
    theirs = write(other_mentor, title="Their library one")
    services.strategy_set_in_library(strategy=theirs, by=coordinator, in_library=True)
    client = login(mentor)
    assert client.get(url("edit", program, strategy_id=theirs.pk)).status_code == 403
    data = {"category": "stress", "title": "Hijacked", "body": "x", "link": ""}
    assert client.post(url("edit", program, strategy_id=theirs.pk), data).status_code == 403
    assert client.post(url("archive", program, strategy_id=theirs.pk)).status_code == 403
    theirs.refresh_from_db()
    assert theirs.title == "Their library one" and theirs.archived_at is None


def test_mentor_archives_own_strategy(program, login, mentor):
    strategy = write(mentor)
    response = login(mentor).post(url("archive", program, strategy_id=strategy.pk))
    assert response.status_code == 302
    strategy.refresh_from_db()
    assert strategy.archived_at is not None
    assert login(mentor).get(url("detail", program, strategy_id=strategy.pk)).status_code == 404


# PAGES: COORDINATOR


def test_coordinator_adds_and_removes_from_library(program, login, coordinator, mentor):
    strategy = write(mentor, title="Walk it off")
    client = login(coordinator)
    page = client.get(url("index", program)).content.decode()
    assert "Walk it off" in page and "Add to library" in page
    client.post(url("library", program, strategy_id=strategy.pk), {"in_library": "1"})
    strategy.refresh_from_db()
    assert strategy.in_library
    client.post(url("library", program, strategy_id=strategy.pk), {"in_library": "0"})
    strategy.refresh_from_db()
    assert not strategy.in_library


def test_coordinator_writes_library_strategies(program, login, coordinator):
    login(coordinator).post(
        url("new", program),
        {"category": "stress", "title": "Box breathing", "body": "In 4, hold 4, out 4."},
    )
    assert Strategy.objects.get().in_library


def test_library_toggle_is_for_coordinators_only(program, login, mentor, mentee):
    strategy = write(mentor)
    assert login(mentor).post(url("library", program, strategy_id=strategy.pk)).status_code == 403
    assert login(mentee).post(url("library", program, strategy_id=strategy.pk)).status_code == 403
    strategy.refresh_from_db()
    assert not strategy.in_library


# PAGES: MENTEE


def test_mentee_toolkit_lists_what_was_shared(program, login, mentor, mentee, coordinator):
    PairingFactory(mentee=mentee, mentor=mentor)
    shared = write(mentor, title="Call before the hardest hour", link="https://988lifeline.org")
    write(mentor, title="Not shared yet")
    library = write(coordinator, title="Library only")
    services.strategy_share(strategy=shared, mentee=mentee, by=mentor)
    response = login(mentee).get(url("index", program))
    page = response.content.decode()
    assert "My toolkit" in page
    assert "Call before the hardest hour" in page and "https://988lifeline.org" in page
    assert "Shared by Marcus" in page and "Cravings" in page
    assert "Not shared yet" not in page and "Library only" not in page
    assert "New strategy" not in page
    detail = login(mentee).get(url("detail", program, strategy_id=shared.pk))
    assert detail.status_code == 200 and "Shared by Marcus" in detail.content.decode()
    assert login(mentee).get(url("detail", program, strategy_id=library.pk)).status_code == 404


def test_mentee_empty_toolkit(program, login, mentee):
    page = login(mentee).get(url("index", program)).content.decode()
    assert "Your toolkit is empty for now" in page


def test_mentee_cannot_write_or_share(program, login, mentee, mentor):
    strategy = write(mentor)
    client = login(mentee)
    assert client.get(url("new", program)).status_code == 403
    assert client.get(url("edit", program, strategy_id=strategy.pk)).status_code == 403
    assert (
        client.post(
            url("share", program, strategy_id=strategy.pk), {"mentee": mentee.pk}
        ).status_code
        == 403
    )
    assert not StrategyShare.objects.exists()


# ACCESS MATRIX


def test_another_programs_strategy_is_404_on_every_page(program, login, coordinator, outsider):
    foreign = write(outsider)
    client = login(coordinator)
    assert client.get(url("detail", program, strategy_id=foreign.pk)).status_code == 404
    assert client.get(url("edit", program, strategy_id=foreign.pk)).status_code == 404
    response = client.post(url("library", program, strategy_id=foreign.pk), {"in_library": "0"})
    assert response.status_code == 404
    assert client.post(url("archive", program, strategy_id=foreign.pk)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.in_library and foreign.archived_at is None


def test_non_member_gets_404(program, login, outsider):
    assert login(outsider).get(url("index", program)).status_code == 404


def test_anonymous_is_sent_to_login(program, client):
    response = client.get(url("index", program))
    assert response.status_code == 302 and "login" in response["Location"]


# QUERY COUNTS


def _mentor_with(program, mentor, coordinator, size: int) -> None:
    for number in range(size):
        mentee = MembershipFactory(
            program=program,
            role=Role.MENTEE,
            user=UserFactory(display_name=f"Mentee {mentor.pk}-{number}"),
        )
        PairingFactory(mentee=mentee, mentor=mentor)
        own = write(mentor, title=f"Mine {number}", category="routines")
        library = write(coordinator, title=f"Library {number}", category="stress")
        services.strategy_share(strategy=own, mentee=mentee, by=mentor)
        services.strategy_share(strategy=library, mentee=mentee, by=mentor)


def _count(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["mentor", "coordinator", "mentee"])
def test_index_query_count_does_not_grow(program, login, coordinator, mentor, other_mentor, role):
    _mentor_with(program, mentor, coordinator, 2)
    _mentor_with(program, other_mentor, coordinator, 10)
    if role == "mentee":
        small = Pairing.objects.filter(mentor=mentor).first().mentee
        large = Pairing.objects.filter(mentor=other_mentor).first().mentee
        for number in range(10):
            extra = write(other_mentor, title=f"Extra {number}")
            services.strategy_share(strategy=extra, mentee=large, by=other_mentor)
    elif role == "mentor":
        small, large = mentor, other_mentor
    else:
        small = large = coordinator
    path = url("index", program)
    small_count = _count(login(small), path)
    if role == "coordinator":
        _mentor_with(program, mentor, coordinator, 8)  # the library grows by 16
    large_count = _count(login(large), path)
    assert small_count == large_count
