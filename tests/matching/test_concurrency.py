"""Capacity holds under concurrent acceptances: the mentor's intake row is the lock."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from accounts.models import Role
from matching import services
from matching.models import Intake, Pairing
from tests.factories import MembershipFactory, PairingFactory, ProgramFactory

THREADS = 20

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs PostgreSQL: concurrent row locks (SELECT ... FOR UPDATE) are what is tested; "
    "SQLite serialises every writer. CI runs this on PostgreSQL.",
)


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_acceptances_fill_a_capacity_one_mentor_exactly_once():
    program = ProgramFactory()
    mentor = MembershipFactory(program=program, role=Role.MENTOR)
    Intake.objects.create(membership=mentor, capacity=1)
    now = timezone.now()
    # Proposals beyond capacity can exist (e.g. several self-match requests), each already
    # accepted by its mentee: the mentor's acceptance is what activates them.
    pairings = [
        PairingFactory(
            mentee=MembershipFactory(program=program, role=Role.MENTEE),
            mentor=mentor,
            proposed=True,
            source=Pairing.Source.MENTEE_REQUEST,
            mentee_accepted_at=now,
        )
        for _ in range(THREADS)
    ]
    barrier = threading.Barrier(THREADS)
    activated, refused, unexpected = [], [], []

    def accept(pairing):
        try:
            barrier.wait(timeout=30)
            services.pairing_accept(pairing=pairing, by=mentor)
            activated.append(pairing.pk)
        except ValidationError:
            refused.append(pairing.pk)
        except Exception as exc:  # noqa: BLE001 - any other failure must fail the test
            unexpected.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(p,)) for p in pairings]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not unexpected
    assert len(activated) == 1
    assert len(refused) == THREADS - 1
    active = Pairing.objects.filter(mentor=mentor, status=Pairing.Status.ACTIVE)
    assert list(active.values_list("pk", flat=True)) == activated
    # The refused proposals stay open for the coordinator; none is half-accepted.
    assert (
        Pairing.objects.filter(
            mentor=mentor, status=Pairing.Status.PROPOSED, mentor_accepted_at__isnull=True
        ).count()
        == THREADS - 1
    )
