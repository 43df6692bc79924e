"""Removing a member or changing their role ends their pairings (with the reason), withdraws
their proposals, cancels planned meetings and revokes their calendar link; re-activating them
later gives back access to nobody."""

import pytest
from django.urls import reverse

from accounts import services
from matching.models import Pairing
from mentoring import services as mentoring_services
from mentoring.models import CalendarFeed, Meeting
from tests.factories import MeetingFactory, PairingFactory

pytestmark = pytest.mark.django_db


def detail_url(pairing):
    return reverse(
        "mentor:detail",
        kwargs={"program_slug": pairing.program.slug, "mentee_id": pairing.mentee_id},
    )


def test_a_mentor_set_to_left_and_back_regains_no_one(
    login, client, pairing, mentor, mentee, coordinator
):
    meeting = MeetingFactory(pairing=pairing)
    old_feed = mentoring_services.calendar_feed_regenerate(user=mentor.user).token
    assert login(mentor).get(detail_url(pairing)).status_code == 200
    services.membership_set_status(
        membership=mentor, status="left", by=coordinator, reason="Moved away"
    )
    pairing.refresh_from_db()
    assert pairing.status == Pairing.Status.ENDED and pairing.close_reason == "Moved away"
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.CANCELLED
    assert not CalendarFeed.objects.filter(user=mentor.user).exists()
    assert client.get(reverse("feed:ics", args=[old_feed])).status_code == 404

    services.membership_set_status(membership=mentor, status="active", by=coordinator)
    assert login(mentor).get(detail_url(pairing)).status_code == 404
    new_feed = mentoring_services.calendar_feed_regenerate(user=mentor.user).token
    assert meeting.uid not in client.get(reverse("feed:ics", args=[new_feed])).content.decode()


def test_leaving_withdraws_open_proposals(mentee, other_mentor, coordinator):
    proposal = PairingFactory(mentee=mentee, mentor=other_mentor, proposed=True)
    services.membership_set_status(membership=mentee, status="left", by=coordinator)
    proposal.refresh_from_db()
    assert proposal.status == Pairing.Status.WITHDRAWN


def test_a_role_change_ends_the_pairings_of_the_old_role(pairing, mentor, coordinator):
    services.membership_change_role(
        membership=mentor, role="mentee", by=coordinator, reason="Asked to be mentored"
    )
    pairing.refresh_from_db()
    mentor.refresh_from_db()
    assert mentor.role == "mentee"
    assert pairing.status == Pairing.Status.ENDED
    assert pairing.close_reason == "Asked to be mentored"


def test_pausing_keeps_the_pairing(pairing, mentee, coordinator):
    services.membership_set_status(membership=mentee, status="paused", by=coordinator)
    pairing.refresh_from_db()
    assert pairing.status == Pairing.Status.ACTIVE


def test_only_a_coordinator_of_the_program(pairing, mentor, mentee, outsider):
    from django.core.exceptions import ValidationError

    for by in (mentee, outsider):
        with pytest.raises(ValidationError):
            services.membership_change_role(membership=mentor, role="mentee", by=by)
    pairing.refresh_from_db()
    assert pairing.status == Pairing.Status.ACTIVE


def test_the_member_page_changes_role_and_status_with_a_reason(
    login, pairing, mentor, mentee, coordinator
):
    client = login(coordinator)
    page_url = reverse("members:member", kwargs={"program_slug": "harbor", "member_id": mentee.pk})
    page = client.get(page_url).content.decode()
    detail_url = reverse(
        "matching:pairing_detail", kwargs={"program_slug": "harbor", "pairing_id": pairing.pk}
    )
    assert detail_url in page and "Reassign" in page
    detail = client.get(detail_url).content.decode()
    assert (
        reverse("matching:pairing_end", kwargs={"program_slug": "harbor", "pairing_id": pairing.pk})
        in detail
    )
    response = client.post(
        reverse("accounts:member_role", kwargs={"program_slug": "harbor", "member_id": mentor.pk}),
        {"role": "coordinator", "reason": "Joins the staff", "next": page_url},
    )
    assert response.status_code == 302 and response.url == page_url
    pairing.refresh_from_db()
    assert pairing.status == Pairing.Status.ENDED and pairing.close_reason == "Joins the staff"
    response = client.post(
        reverse(
            "accounts:member_status", kwargs={"program_slug": "harbor", "member_id": mentee.pk}
        ),
        {"status": "left", "reason": "Moved to another county"},
    )
    mentee.refresh_from_db()
    assert mentee.status == "left"
    # Junk is refused without a 500 and changes nothing.
    bad = client.post(
        reverse("accounts:member_role", kwargs={"program_slug": "harbor", "member_id": mentor.pk}),
        {"role": "captain"},
    )
    assert bad.status_code == 302
    mentor.refresh_from_db()
    assert mentor.role == "coordinator"


def test_members_cannot_change_roles(login, mentor, mentee, outsider):
    url = reverse("accounts:member_role", kwargs={"program_slug": "harbor", "member_id": mentee.pk})
    assert login(mentor).post(url, {"role": "mentor"}).status_code == 403
    assert login(outsider).post(url, {"role": "mentor"}).status_code == 404
    mentee.refresh_from_db()
    assert mentee.role == "mentee"
