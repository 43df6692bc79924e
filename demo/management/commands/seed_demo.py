"""Load the Harbor demo program (demo only). Safe to run again: running twice changes nothing."""

from django.core.management.base import BaseCommand

from demo.cast import DEMO_PASSWORD
from demo.harbor import harbor_seed


class Command(BaseCommand):
    help = "Load the Harbor demo program (demo only); running it again changes nothing."

    def handle(self, *args, **options):
        program = harbor_seed()
        self.stdout.write(self.style.SUCCESS(f"Demo program “{program.name}” is ready."))
        self.stdout.write(
            "Demo logins (demo only, password "
            f"'{DEMO_PASSWORD}'): coordinator@example.org, mentor1-3@example.org, "
            "mentee1-6@example.org"
        )
