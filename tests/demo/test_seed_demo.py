import ast
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.core.management import call_command

from accounts.models import Membership, User
from matching import services as matching_services
from matching.models import Intake, Pairing
from matching.selectors import waiting_mentees
from mentoring import services as mentoring_services
from mentoring.models import CheckIn, Goal, Habit, RecoveryPeriod

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
# What the demo may import from the project: the public doors of the lower floors.
PUBLIC_MODULES = {
    "accounts.models",
    "accounts.services",
    "matching.models",
    "matching.services",
    "mentoring.models",
    "mentoring.services",
    "surveys.models",
    "surveys.services",
}
PROJECT_APPS = {"accounts", "matching", "mentoring", "surveys"}
# Writes that would skip a service (a password change is Django's own `set_password` + save).
WRITE_CALLS = {
    "create",
    "bulk_create",
    "bulk_update",
    "update",
    "get_or_create",
    "update_or_create",
    "delete",
}


def database_rows() -> dict[str, list[dict]]:
    """Every row of every model, so a second run can be compared field by field."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS | {"account"}
    }


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


def test_running_seed_demo_again_changes_no_row(db):
    call_command("seed_demo", verbosity=0)
    before = database_rows()
    call_command("seed_demo", verbosity=0)
    assert database_rows() == before


def test_seed_demo_gives_back_the_demo_password_and_keeps_what_people_changed(db):
    call_command("seed_demo", verbosity=0)
    user = User.objects.get(email="mentor2@example.org")
    user.set_password("something-else")
    user.save()
    mentee = Membership.objects.get(user__email="mentee5@example.org")
    matching_services.intake_save(membership=mentee, by=mentee.user, data={"region": "Quincy"})
    call_command("seed_demo", verbosity=0)
    user.refresh_from_db()
    assert user.check_password("peerpath-demo")
    assert Intake.objects.get(membership=mentee).region == "Quincy"


def test_mentee1_history_was_recorded_through_the_services(db):
    """Streaks are derived by the habit service: logs written around it would leave them 0."""
    call_command("seed_demo", verbosity=0)
    mentee = Membership.objects.get(user__email="mentee1@example.org")
    today = mentoring_services.local_today(mentee)
    yesterday = today - timedelta(days=1)
    habits = {h.name: h for h in Habit.objects.filter(membership=mentee)}
    walk = habits["Morning walk"]
    assert (walk.last_run_start, walk.last_run_end) == (today - timedelta(days=11), yesterday)
    assert (walk.last_run_length, walk.longest_run) == (11, 11)
    meetings = habits["Attend a recovery meeting"]
    assert meetings.logs.count() == 10
    assert (meetings.last_run_end, meetings.last_run_length, meetings.longest_run) == (
        yesterday,
        1,
        1,
    )
    checkin_days = set(CheckIn.objects.filter(membership=mentee).values_list("date", flat=True))
    assert checkin_days <= {today - timedelta(days=d) for d in range(1, 56)}
    assert len(checkin_days) > 35  # most days of eight weeks, not every one
    assert Goal.objects.filter(membership=mentee).count() == 2
    assert RecoveryPeriod.objects.get(membership=mentee).started_on == today - timedelta(days=95)


def demo_modules() -> dict[str, ast.Module]:
    return {
        str(path.relative_to(DEMO_DIR.parent)): ast.parse(path.read_text(), filename=str(path))
        for path in sorted(DEMO_DIR.rglob("*.py"))
    }


def non_public_paths(modules: dict[str, ast.Module]) -> list[str]:
    found = []
    for filename, tree in modules.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                top = node.module.split(".")[0]
                if top in PROJECT_APPS:
                    if node.module == top:  # `from accounts import services`
                        found += [
                            f"{filename}:{node.lineno} imports {top}.{alias.name}"
                            for alias in node.names
                            if f"{top}.{alias.name}" not in PUBLIC_MODULES
                        ]
                    elif node.module not in PUBLIC_MODULES:
                        found.append(f"{filename}:{node.lineno} imports from {node.module}")
                    found += [
                        f"{filename}:{node.lineno} imports private {alias.name}"
                        for alias in node.names
                        if alias.name.startswith("_")
                    ]
            elif isinstance(node, ast.Import):
                found += [
                    f"{filename}:{node.lineno} imports {alias.name}"
                    for alias in node.names
                    if alias.name.split(".")[0] in PROJECT_APPS and alias.name not in PUBLIC_MODULES
                ]
            elif isinstance(node, ast.Attribute) and node.attr.startswith("_"):
                if not node.attr.startswith("__"):
                    found.append(f"{filename}:{node.lineno} uses private .{node.attr}")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                name = node.func.attr
                password_save = name == "save" and ast.unparse(node) == (
                    "user.save(update_fields=['password'])"
                )
                if name in WRITE_CALLS or (name == "save" and not password_save):
                    found.append(f"{filename}:{node.lineno} writes with .{name}()")
    return sorted(found)


def test_the_demo_builds_through_public_services_only():
    modules = demo_modules()
    assert "demo/harbor.py" in modules
    assert non_public_paths(modules) == []


def test_the_public_path_check_sees_a_private_helper_and_a_bare_write():
    source = (
        "from mentoring.services.habits import _recompute\n"
        "from mentoring.models import HabitLog\n"
        "from mentoring import selectors_home\n"
        "def seed(habit, day):\n"
        "    HabitLog.objects.bulk_create([HabitLog(habit=habit, date=day)])\n"
        "    habit.save()\n"
    )
    assert non_public_paths({"demo/bad.py": ast.parse(source)}) == [
        "demo/bad.py:1 imports from mentoring.services.habits",
        "demo/bad.py:1 imports private _recompute",
        "demo/bad.py:3 imports mentoring.selectors_home",
        "demo/bad.py:5 writes with .bulk_create()",
        "demo/bad.py:6 writes with .save()",
    ]
