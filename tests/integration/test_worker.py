"""A real Celery worker on the configured broker (Redis on CI) sends the invitation email."""

import time

import pytest
from celery.contrib.testing.worker import start_worker

from accounts import services
from accounts.models import Invitation, Role
from config.celery import app


@pytest.fixture
def real_worker(transactional_db):
    app.conf.task_always_eager = False
    with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=10):
        yield
    app.conf.task_always_eager = True


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
