from accounts.models import Membership
from benchmarks.suggestions import scale_program_build
from matching.models import Intake


def test_the_suggestions_benchmark_builds_a_program_at_scale(db):
    program = scale_program_build(mentees=30, mentors=8)
    members = Membership.objects.filter(program=program)
    assert members.filter(role="mentee", status="active").count() == 30
    assert members.filter(role="mentor", status="active").count() == 8
    assert all(m.has_acknowledged_privacy for m in members.select_related("program"))
    intakes = Intake.objects.filter(membership__program=program, submitted_at__isnull=False)
    assert intakes.count() == 38
    assert intakes.filter(membership__role="mentor", capacity=4).count() == 8
