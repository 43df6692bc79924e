"""Reading a mentee's records by consent: only whom a consent in force names, only the kinds it
covers, only the items not marked Private, never the journal. Every forbidden path answers
404 or a page with no content; a revoked or expired consent closes in the same request."""

from datetime import timedelta

import pytest
import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from accounts.models import Role
from mentoring import access
from mentoring.models import Visibility
from privacy import selectors as privacy_selectors
from privacy import services as privacy_services
from privacy.models import RecipientKind
from tests.factories import (
    CheckInFactory,
    ConsentFactory,
    GoalFactory,
    JournalEntryFactory,
    MeetingFactory,
    MembershipFactory,
    RecoveryPeriodFactory,
)

pytestmark = pytest.mark.django_db

NOTE = "Walked to the harbor with my sister"
PRIVATE_NOTE = "Only for me, not for anyone"


@pytest.fixture
def checkin(mentee):
    return CheckInFactory(membership=mentee, helped=NOTE, days_ago=1)


@pytest.fixture
def private_checkin(mentee):
    return CheckInFactory(
        membership=mentee, helped=PRIVATE_NOTE, visibility=Visibility.PRIVATE, days_ago=2
    )


def shared_url(member):
    return reverse("members:shared", args=[member.program.slug, member.pk])


def read(membership, checkin):
    return access.checkin_get_for_member(membership=membership, checkin_id=checkin.pk)


def test_without_consent_the_coordinator_finds_nothing(login, coordinator, mentee, checkin):
    with pytest.raises(Http404):
        read(coordinator, checkin)
    response = login(coordinator).get(shared_url(mentee))
    assert response.status_code == 200
    assert "Nothing is shared with you" in response.content.decode()
    assert NOTE not in response.content.decode()
    assert not access.checkins_visible_to(coordinator).exists()


def test_with_consent_the_coordinator_reads_shared_checkins_never_private_ones(
    login, coordinator, mentee, checkin, private_checkin
):
    ConsentFactory(mentee=mentee)
    assert read(coordinator, checkin) == checkin
    with pytest.raises(Http404):
        read(coordinator, private_checkin)
    with pytest.raises(PermissionDenied):
        access.checkin_get_for_member(membership=coordinator, checkin_id=checkin.pk, for_write=True)
    page = login(coordinator).get(shared_url(mentee)).content.decode()
    assert NOTE in page
    assert PRIVATE_NOTE not in page


def test_the_member_page_links_to_the_shared_records(login, coordinator, mentee):
    page = login(coordinator).get(reverse("members:member", args=["harbor", mentee.pk]))
    assert shared_url(mentee) in page.content.decode()


def test_a_consent_covers_only_its_kinds(login, coordinator, mentee, checkin):
    GoalFactory(membership=mentee, title="Finish the welding course")
    ConsentFactory(mentee=mentee, covers_checkins=False, covers_goals_habits=True)
    with pytest.raises(Http404):
        read(coordinator, checkin)
    page = login(coordinator).get(shared_url(mentee)).content.decode()
    assert "Finish the welding course" in page
    assert NOTE not in page


def test_the_journal_is_never_shared_whatever_the_consent(coordinator, mentee):
    entry = JournalEntryFactory(membership=mentee)
    ConsentFactory(
        mentee=mentee, covers_goals_habits=True, covers_recovery=True, covers_meetings=True
    )
    assert not rules.has_perm("mentoring.view_journalentry", coordinator, entry)
    with pytest.raises(Http404):
        access.journal_entry_get_for_member(membership=coordinator, entry_id=entry.pk)


def test_an_expired_consent_opens_nothing(login, coordinator, mentee, checkin):
    today = privacy_selectors.program_today(mentee.program)
    ConsentFactory(
        mentee=mentee, expires_on=today - timedelta(days=1), signed_on=today - timedelta(days=9)
    )
    with pytest.raises(Http404):
        read(coordinator, checkin)
    assert NOTE not in login(coordinator).get(shared_url(mentee)).content.decode()


def test_a_consent_holds_through_its_last_day(coordinator, mentee, checkin):
    ConsentFactory(mentee=mentee, expires_on=privacy_selectors.program_today(mentee.program))
    assert read(coordinator, checkin) == checkin


def test_revoking_closes_access_in_the_same_request(coordinator, mentee, checkin):
    consent = ConsentFactory(mentee=mentee)
    assert read(coordinator, checkin) == checkin
    privacy_services.consent_revoke(mentee=mentee, consent_id=consent.pk)
    with pytest.raises(Http404):
        read(coordinator, checkin)
    assert not access.checkins_visible_to(coordinator).exists()


def test_revoking_on_the_sharing_page_empties_the_coordinators_next_page(
    client, login, coordinator, mentee, checkin
):
    consent = ConsentFactory(mentee=mentee)
    login(mentee).post(reverse("privacy:revoke", args=["harbor", consent.pk]))
    login(coordinator)
    page = client.get(shared_url(mentee)).content.decode()
    assert NOTE not in page
    assert "Nothing is shared with you" in page


def test_a_consent_to_program_a_coordinators_opens_nothing_in_program_b(
    login, other_program, outsider, mentee, checkin
):
    """The same person is a mentee in both programs; their consent in Harbor names Harbor's
    coordinators only. Lighthouse's coordinator reads nothing of either membership."""
    ConsentFactory(mentee=mentee)
    elsewhere = MembershipFactory(program=other_program, user=mentee.user, role=Role.MENTEE)
    there = CheckInFactory(membership=elsewhere, helped="Lighthouse words")
    assert not access.checkins_visible_to(outsider).exists()
    for record in (checkin, there):
        with pytest.raises(Http404):
            read(outsider, record)
    assert login(outsider).get(shared_url(mentee)).status_code == 404
    page = login(outsider).get(shared_url(elsewhere)).content.decode()
    assert "Lighthouse words" not in page and NOTE not in page


def test_a_mentor_of_another_mentee_reads_nothing(login, other_mentor, mentee, checkin):
    ConsentFactory(mentee=mentee)  # to the coordinators, not to this mentor
    with pytest.raises(Http404):
        read(other_mentor, checkin)
    assert login(other_mentor).get(shared_url(mentee)).status_code == 404


def test_a_consent_to_one_named_member_opens_for_that_member_only(
    login, coordinator, other_mentor, mentor, mentee, checkin
):
    ConsentFactory(mentee=mentee, recipient_kind=RecipientKind.MEMBER, recipient=other_mentor)
    assert read(other_mentor, checkin) == checkin
    assert NOTE in login(other_mentor).get(shared_url(mentee)).content.decode()
    with_me = login(other_mentor).get(reverse("privacy:shared_with_me", args=["harbor"]))
    assert shared_url(mentee) in with_me.content.decode()
    for other in (coordinator, mentor):  # the coordinators and an unpaired mentor: no
        with pytest.raises(Http404):
            read(other, checkin)
    assert NOTE not in login(coordinator).get(shared_url(mentee)).content.decode()


def test_a_named_member_who_leaves_reads_nothing(other_mentor, mentee, checkin):
    ConsentFactory(mentee=mentee, recipient_kind=RecipientKind.MEMBER, recipient=other_mentor)
    other_mentor.status = other_mentor.Status.LEFT
    other_mentor.save()
    with pytest.raises(Http404):
        read(other_mentor, checkin)


def test_a_coordinator_who_changes_role_loses_the_coordinators_consents(
    coordinator, mentee, checkin
):
    ConsentFactory(mentee=mentee)
    coordinator.role = Role.MENTOR
    coordinator.save()
    with pytest.raises(Http404):
        read(coordinator, checkin)


def test_meetings_and_recovery_by_consent_are_read_only_and_without_private_notes(
    login, coordinator, mentee, pairing
):
    from mentoring.models import Meeting

    meeting = MeetingFactory(
        pairing=pairing, status=Meeting.Status.HELD, narrative="Talked about the new job"
    )
    RecoveryPeriodFactory(membership=mentee, end_note="My own words about that day")
    ConsentFactory(mentee=mentee, covers_checkins=False, covers_meetings=True, covers_recovery=True)
    page = login(coordinator).get(shared_url(mentee)).content.decode()
    assert "Talked about the new job" in page
    assert "My own words about that day" not in page
    # Read, never answer: the meeting pages stay the pair's own.
    with pytest.raises(Http404):
        access.meeting_get_for_member(membership=coordinator, meeting_id=meeting.pk)
    assert access.meeting_get_for_member(
        membership=coordinator, meeting_id=meeting.pk, as_participant=False
    )


def test_the_coordinators_other_pages_show_no_content_without_consent(
    login, coordinator, mentee, pairing, checkin
):
    CheckInFactory(membership=mentee, helped="Please call me", wants_outreach=True)
    GoalFactory(membership=mentee, title="Secret goal title")
    urls = [
        reverse("members:member", args=["harbor", mentee.pk]),
        reverse("attention:queue", args=["harbor"]),
        reverse("attention:supervision", args=["harbor"]),
        reverse("summary:index", args=["harbor"]),
        reverse("reports:overview", args=["harbor"]),
        reverse("program_home", args=["harbor"]),
    ]
    client = login(coordinator)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        for words in (NOTE, "Please call me", "Secret goal title"):
            assert words not in page, (url, words)
