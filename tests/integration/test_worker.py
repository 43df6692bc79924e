"""A real Celery worker on the configured broker (Redis on CI) sends the invitation email."""

import time

import pytest

from accounts import services
from accounts.models import Invitation, Role


@pytest.mark.worker
def test_invitation_email_is_sent_by_the_worker_after_commit(coordinator, mailoutbox, real_worker):
    invitation = services.invitation_create(
        inviter=coordinator, email="worker@example.org", role=Role.MENTOR, base_url="http://t/"
    )
    # transactional_db: the create committed and on_commit queued the task for the worker.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not mailoutbox:
        time.sleep(0.1)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["worker@example.org"]
    assert Invitation.objects.get(pk=invitation.pk).last_sent_at is not None


@pytest.mark.worker
def test_a_large_matching_round_is_computed_by_the_worker(
    coordinator, mentor, other_mentor, mentee, other_mentee, settings, real_worker
):
    from matching import services as matching_services
    from matching.models import MatchingRound

    answers = {
        "focus_areas": ["career"],
        "languages": ["en"],
        "availability": ["mon-evening"],
        "formats": ["video"],
        "time_zone": "America/New_York",
    }
    for person in (mentor, other_mentor, mentee, other_mentee):
        matching_services.intake_save(membership=person, by=person.user, data=answers)
    settings.MATCHING_ROUND_ASYNC_THRESHOLD = 1  # two mentees make this round "large"
    matching_round = matching_services.round_start(program=coordinator.program, by=coordinator)
    assert matching_round.status == MatchingRound.Status.QUEUED
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        matching_round.refresh_from_db()
        if matching_round.status == MatchingRound.Status.READY:
            break
        time.sleep(0.2)
    assert matching_round.status == MatchingRound.Status.READY
    assert matching_round.progress == 100
    assert len(matching_round.proposals) == 2
