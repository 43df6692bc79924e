"""The exports benchmark's data (benchmarks/exports.py): COPY-built rows that the models'
own validation accepts, in the numbers the benchmark reports."""

import pytest
from django.db import connection

from accounts.models import Membership
from matching.models import Pairing
from mentoring.models import CheckIn, Meeting

pytestmark = pytest.mark.django_db


def test_the_seeded_program_has_a_year_of_valid_meetings():
    if connection.vendor != "postgresql":
        pytest.skip("the benchmark seeds with PostgreSQL's COPY")
    from benchmarks.exports import NARRATIVE, seed

    data = seed(members=41, pairs=10, weeks=4)
    members = Membership.objects.filter(program__slug=data["slug"])
    assert members.count() == 41
    assert members.filter(role="mentor").count() == 16
    assert Pairing.objects.filter(status="active").count() == 10
    assert Pairing.objects.filter(status="ended").count() == 1
    meetings = Meeting.objects.filter(pairing__program__slug=data["slug"])
    assert meetings.count() == data["meetings"] == 40
    # Encrypted as the app writes it: the app reads the text back.
    narratives = meetings.filter(status="held").values_list("narrative", flat=True)
    assert [text == NARRATIVE for text in narratives].count(True) == 32
    assert meetings.filter(status="missed").count() == 4
    assert CheckIn.objects.filter(membership__program__slug=data["slug"]).count() == 10 * 42
    for meeting in meetings.filter(status__in=["held", "cancelled"])[:2]:
        meeting.full_clean(exclude=["proposed_by", "logged_by", "cancelled_by", "awaiting"])
