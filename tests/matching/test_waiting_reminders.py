"""A proposal waiting for an answer: whoever has yet to answer is reminded once."""

from datetime import UTC, datetime, timedelta

import pytest

from accounts.models import Membership
from matching.models import Pairing
from matching.services import matching_settings_update, waiting_proposals_remind
from matching.tasks import waiting_proposals_sweep
from notifications.models import Delivery, Notification
from tests.factories import PairingFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)


def proposal(mentee, mentor, *, waited: timedelta, expires_in: timedelta, **fields):
    return PairingFactory(
        proposed=True,
        mentee=mentee,
        mentor=mentor,
        started=NOW - waited,
        expires_at=NOW + expires_in,
        **fields,
    )


def told(membership) -> list[str]:
    return list(
        Notification.objects.filter(recipient=membership.user, kind="pairing_waiting").values_list(
            "key", flat=True
        )
    )


def test_both_people_are_reminded_after_three_days_once(mentee, mentor):
    pairing = proposal(
        mentee, mentor, waited=timedelta(days=3, hours=1), expires_in=timedelta(days=4)
    )
    assert waiting_proposals_remind(now=NOW) == 2
    assert waiting_proposals_remind(now=NOW + timedelta(hours=5)) == 0
    assert len(told(mentee)) == len(told(mentor)) == 1
    notification = Notification.objects.get(recipient=mentee.user)
    assert notification.url == f"/p/{mentee.program.slug}/pairings/{pairing.pk}/"


def test_only_the_side_that_has_not_answered_is_reminded(mentee, mentor):
    proposal(
        mentee,
        mentor,
        waited=timedelta(days=3, hours=1),
        expires_in=timedelta(days=4),
        mentee_accepted_at=NOW - timedelta(days=3),
    )
    assert waiting_proposals_remind(now=NOW) == 1
    assert told(mentee) == [] and len(told(mentor)) == 1


def test_not_before_the_programs_delay(mentee, mentor, program):
    proposal(mentee, mentor, waited=timedelta(days=3, hours=1), expires_in=timedelta(days=4))
    matching_settings_update(program=program, proposal_reminder_days=5)
    assert waiting_proposals_remind(now=NOW) == 0
    assert waiting_proposals_remind(now=NOW + timedelta(days=2)) == 2


def test_a_proposal_about_to_expire_is_reminded_of_a_day_before(mentee, mentor):
    # Proposals expire after 3 days by default: the reminder comes a day before that.
    proposal(mentee, mentor, waited=timedelta(days=2, hours=1), expires_in=timedelta(hours=23))
    assert waiting_proposals_remind(now=NOW) == 2


def test_no_reminder_for_a_young_expired_or_answered_proposal(mentee, mentor, other_mentee):
    proposal(mentee, mentor, waited=timedelta(days=1), expires_in=timedelta(days=6))
    proposal(other_mentee, mentor, waited=timedelta(days=5), expires_in=-timedelta(hours=1))
    assert waiting_proposals_remind(now=NOW) == 0


def test_no_reminder_for_someone_who_left(mentee, mentor):
    proposal(mentee, mentor, waited=timedelta(days=3, hours=1), expires_in=timedelta(days=4))
    Membership.objects.filter(pk=mentee.pk).update(status=Membership.Status.LEFT)
    assert waiting_proposals_remind(now=NOW) == 0


def test_a_queued_reminder_is_dropped_once_the_proposal_is_answered(
    mentee, mentor, mailoutbox, send_delivery
):
    now = datetime.now(UTC)
    pairing = PairingFactory(
        proposed=True,
        mentee=mentee,
        mentor=mentor,
        started=now - timedelta(days=4),
        expires_at=now + timedelta(days=3),
    )
    waiting_proposals_remind(now=now)
    to_mentee = Delivery.objects.get(notification__recipient=mentee.user)
    to_mentor = Delivery.objects.get(notification__recipient=mentor.user)
    assert send_delivery(to_mentee.pk) == "sent"
    Pairing.objects.filter(pk=pairing.pk).update(status=Pairing.Status.DECLINED)
    assert send_delivery(to_mentor.pk) == "dropped"
    assert [m.to for m in mailoutbox] == [[mentee.user.email]]


def test_the_task_runs_the_sweep(mentee, mentor):
    now = datetime.now(UTC)
    PairingFactory(
        proposed=True,
        mentee=mentee,
        mentor=mentor,
        started=now - timedelta(days=4),
        expires_at=now + timedelta(days=3),
    )
    assert waiting_proposals_sweep() == 2
