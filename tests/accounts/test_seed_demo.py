from django.core.management import call_command

from accounts.models import Membership, User
from matching.models import Intake, Pairing
from matching.selectors import waiting_mentees


def test_seed_demo_is_idempotent_and_sets_up_the_matching_demo(db):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    assert User.objects.filter(email__endswith="@example.org").count() == 10
    assert Membership.objects.filter(program__slug="harbor").count() == 10
    assert all(m.has_acknowledged_privacy for m in Membership.objects.select_related("program"))
    user = User.objects.get(email="mentee1@example.org")
    assert user.check_password("peerpath-demo")
    assert user.emailaddress_set.get().verified
    assert Intake.objects.filter(submitted_at__isnull=False).count() == 9

    def mentor_of(email):
        return Pairing.objects.get(mentee__user__email=email).mentor.user.email

    active = Pairing.objects.filter(status=Pairing.Status.ACTIVE)
    assert {p.mentee.user.email for p in active} == {
        "mentee1@example.org",
        "mentee2@example.org",
        "mentee3@example.org",
    }
    assert mentor_of("mentee1@example.org") == "mentor1@example.org"
    assert Pairing.objects.get(mentee__user__email="mentee4@example.org").status == "proposed"
    program = Membership.objects.get(user=user).program
    assert {m.user.email for m in waiting_mentees(program=program)} == {
        "mentee5@example.org",
        "mentee6@example.org",
    }


def test_seed_demo_at_scale_fills_a_second_program(db):
    call_command("seed_demo", mentees=30, mentors=8, verbosity=0)
    scale = Membership.objects.filter(program__slug="scale-demo")
    assert scale.filter(role="mentee").count() == 30
    assert scale.filter(role="mentor").count() == 8
    assert scale.filter(role="coordinator", user__email="coordinator@example.org").exists()
    assert Intake.objects.filter(membership__program__slug="scale-demo").count() == 38
