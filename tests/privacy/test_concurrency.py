"""Revoking holds under concurrent clicks: one conditional UPDATE sets the time once, every
click sees the consent revoked, nothing fails."""

import threading

import pytest
from django.db import connection

from accounts.models import Role
from privacy import services
from privacy.models import Consent
from tests.factories import ConsentFactory, MembershipFactory

THREADS = 10

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs PostgreSQL: concurrent writers are what is tested; SQLite serialises every "
    "writer. CI runs this on PostgreSQL.",
)


@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_revocations_set_one_time():
    mentee = MembershipFactory(role=Role.MENTEE)
    consent = ConsentFactory(mentee=mentee)
    barrier = threading.Barrier(THREADS)
    seen, unexpected = [], []

    def revoke():
        try:
            barrier.wait(timeout=30)
            seen.append(services.consent_revoke(mentee=mentee, consent_id=consent.pk).revoked_at)
        except Exception as exc:  # noqa: BLE001 - any failure must fail the test
            unexpected.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=revoke) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not unexpected
    consent.refresh_from_db()
    assert len(seen) == THREADS
    assert set(seen) == {consent.revoked_at}
    assert Consent.objects.filter(revoked_at__isnull=False).count() == 1
