"""Load a demo program. Safe to run again: it updates what exists, creates what is missing."""

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import services
from accounts.models import Membership, Program, Role, User

DEMO_PASSWORD = "peerpath-demo"
DEMO_PROGRAM = {
    "slug": "harbor",
    "name": "Harbor Peer Mentoring",
    "kind": Program.Kind.RECOVERY,
    "time_zone": "America/New_York",
    "description": (
        "One-to-one peer mentoring for people in recovery, with mentors in long-term "
        "recovery. Weekly meetings, small goals, and support with work and study."
    ),
}
# (email, display name, pronouns, time zone, role)
DEMO_PEOPLE = [
    ("coordinator@example.org", "Dana Whitfield", "she/her", "America/New_York", Role.COORDINATOR),
    ("mentor1@example.org", "Marcus Hill", "he/him", "America/New_York", Role.MENTOR),
    ("mentor2@example.org", "Teresa Alvarez", "she/her", "America/Chicago", Role.MENTOR),
    ("mentor3@example.org", "Sam Okafor", "they/them", "America/New_York", Role.MENTOR),
    ("mentee1@example.org", "Jordan", "he/him", "America/New_York", Role.MENTEE),
    ("mentee2@example.org", "Alex R.", "they/them", "America/New_York", Role.MENTEE),
    ("mentee3@example.org", "Priya", "she/her", "America/Chicago", Role.MENTEE),
    ("mentee4@example.org", "Chris M.", "", "America/New_York", Role.MENTEE),
    ("mentee5@example.org", "Maya", "she/her", "America/Denver", Role.MENTEE),
    ("mentee6@example.org", "Luis", "he/him", "America/Los_Angeles", Role.MENTEE),
]


class Command(BaseCommand):
    help = "Load the demo program with a coordinator, 3 mentors and 6 mentees (demo only)."

    @transaction.atomic
    def handle(self, *args, **options):
        program = Program.objects.filter(slug=DEMO_PROGRAM["slug"]).first()
        if program is None:
            program = services.program_create(**DEMO_PROGRAM)
        for email, name, pronouns, tz, role in DEMO_PEOPLE:
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                user = User.objects.create_user(email=email, password=DEMO_PASSWORD)
            else:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            services.profile_update(user=user, display_name=name, pronouns=pronouns, time_zone=tz)
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            membership = Membership.objects.filter(user=user, program=program).first()
            if membership is None:
                membership = services.membership_add(user=user, program=program, role=role)
            if not membership.has_acknowledged_privacy:
                services.membership_acknowledge_privacy(membership=membership)
        self.stdout.write(self.style.SUCCESS(f"Demo program “{program.name}” is ready."))
        self.stdout.write(
            "Demo logins (demo only, password "
            f"'{DEMO_PASSWORD}'): coordinator@example.org, mentor1-3@example.org, "
            "mentee1-6@example.org"
        )
