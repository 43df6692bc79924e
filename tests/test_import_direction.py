"""Imports run one way, from a higher floor to a lower one (CONVENTIONS.md, "Layout and floors").

Every `.py` file of every app is parsed with `ast`; each `import` and `from … import` (relative
ones resolved against the module's package, imports inside functions included) must point at
the same floor or a lower one, and so must models named by string (foreign keys, `get_model`,
migration dependencies). `config/` wires everything and sits above every app; `tests/` and
`benchmarks/` stand outside. A new app must be given its floor in FLOORS below.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOORS = {
    "accounts": 0,
    "audit": 1,
    "privacy": 2,
    "notifications": 3,
    "matching": 4,
    "messaging": 5,
    "surveys": 5,
    "mentoring": 6,
    "reports": 7,
    "mydata": 7,
    "demo": 8,
}
WIRING = "config"  # above every app: it may import any of them, none may import it
# Pure code: no Django, not even through a project module that imports Django.
PURE_MODULES = ("matching.scoring", "matching.assignment")
DJANGO_TOPS = {"django", "allauth", "rules", "celery", "kombu", "environ", "csp", "whitenoise"}


@dataclass(frozen=True)
class Module:
    name: str  # dotted, e.g. "matching.services.intake"
    filename: str  # for messages, e.g. "matching/services/intake.py"
    tree: ast.Module
    is_package: bool


@dataclass(frozen=True)
class Arrow:
    module: Module
    line: int
    target: str  # the dotted name imported, resolved to absolute, or a model's label
    verb: str = "imports"

    def __str__(self) -> str:
        return f"{self.module.filename}:{self.line} {self.verb} {self.target}"


def module_from_source(name: str, source: str, *, is_package: bool = False) -> Module:
    filename = name.replace(".", "/") + ("/__init__.py" if is_package else ".py")
    return Module(name, filename, ast.parse(source, filename=filename), is_package)


def module_from_path(path: Path) -> Module:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return Module(
        ".".join(parts),
        path.relative_to(ROOT).as_posix(),
        ast.parse(path.read_text(encoding="utf-8"), filename=str(path)),
        is_package,
    )


def imports_of(module: Module) -> Iterator[Arrow]:
    """Every module name the file imports. `from a import b` yields both `a` and `a.b`, since
    `b` may be a submodule; relative imports are resolved against the module's package."""
    package = module.name if module.is_package else module.name.rpartition(".")[0]
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Arrow(module, node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".") if package else []
                base = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if node.module:
                yield Arrow(module, node.lineno, target)
            for alias in node.names:
                if alias.name != "*":
                    yield Arrow(module, node.lineno, f"{target}.{alias.name}".strip("."))


MODEL_LABEL = re.compile(r"^([a-z_]+)\.([A-Z]\w*)$")  # "mentoring.Goal" in ForeignKey("…")


def model_references(module: Module) -> Iterator[Arrow]:
    """Models named by string, which bind apps as imports do: `ForeignKey("app.Model")`,
    `apps.get_model("app", "Model")` and a migration's `dependencies = [("app", "0001_…")]`."""
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            label = MODEL_LABEL.match(node.value)
            if label and label.group(1) in FLOORS:
                yield Arrow(module, node.lineno, node.value, "names")
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "get_model":
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield Arrow(module, node.lineno, first.value, "loads a model of")
        elif isinstance(node, ast.Assign) and any(
            getattr(t, "id", "") == "dependencies" for t in node.targets
        ):
            for element in getattr(node.value, "elts", []):
                first = element.elts[0] if isinstance(element, ast.Tuple) else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    yield Arrow(module, element.lineno, first.value, "depends on migrations of")


def floor_of(dotted: str) -> int | None:
    top = dotted.split(".")[0]
    if top == WIRING:
        return max(FLOORS.values()) + 1
    return FLOORS.get(top)


def upward_arrows(modules: list[Module]) -> list[str]:
    """One line per import statement that reaches a higher floor."""
    found: dict[tuple[str, int, str], Arrow] = {}
    for module in modules:
        own = FLOORS[module.name.split(".")[0]]
        for arrow in chain(imports_of(module), model_references(module)):
            target_floor = floor_of(arrow.target)
            if target_floor is not None and target_floor > own:
                key = (module.filename, arrow.line, arrow.target.split(".")[0])
                if key not in found or len(arrow.target) < len(found[key].target):
                    found[key] = arrow
    return [
        f"{arrow} (floor {FLOORS[arrow.module.name.split('.')[0]]} -> {app}, floor {floor_of(app)})"
        for (_file, _line, app), arrow in sorted(found.items())
    ]


def project_modules(root: Path = ROOT) -> list[Module]:
    return [
        module_from_path(path)
        for app in sorted(FLOORS)
        if (root / app).is_dir()
        for path in sorted((root / app).rglob("*.py"))
    ]


def django_paths(modules: list[Module], start: str) -> list[str]:
    """Import chains from `start` to Django, through the project's own modules (importing
    `a.b.c` also runs `a/__init__.py` and `a/b/__init__.py`)."""
    by_name = {m.name: m for m in modules}

    def loaded_by(dotted: str) -> list[str]:
        parts = dotted.split(".")
        return [
            ".".join(parts[:i]) for i in range(1, len(parts) + 1) if ".".join(parts[:i]) in by_name
        ]

    chains, seen = [], set()
    queue = [[name] for name in loaded_by(start)]
    while queue:
        path = queue.pop(0)
        if path[-1] in seen:
            continue
        seen.add(path[-1])
        arrows = list(imports_of(by_name[path[-1]]))
        django = [a for a in arrows if a.target.split(".")[0] in DJANGO_TOPS]
        if django:
            first = min(django, key=lambda a: (a.line, len(a.target)))
            chains.append(" -> ".join(path) + f" imports {first.target} (line {first.line})")
        for arrow in arrows:
            queue += [path + [name] for name in loaded_by(arrow.target) if name not in seen]
    return sorted(chains)


def test_every_app_has_a_floor():
    apps = sorted(p.parent.name for p in ROOT.glob("*/apps.py"))
    assert set(FLOORS) >= {"accounts", "matching", "mentoring", "demo"}
    missing = [app for app in apps if app not in FLOORS]
    assert not missing, (
        f"App(s) {missing} have no floor: add them to FLOORS in {Path(__file__).name} "
        "(and to the floors in CONVENTIONS.md)."
    )


def test_no_app_imports_a_higher_floor():
    modules = project_modules()
    # A walk that finds nothing would pass silently: make sure it saw the apps and their arrows.
    assert {m.name.split(".")[0] for m in modules} >= {"accounts", "matching", "mentoring", "demo"}
    assert any(
        a.target.startswith("accounts")
        for m in modules
        for a in imports_of(m)
        if m.name.startswith("mentoring")
    )
    arrows = upward_arrows(modules)
    assert not arrows, (
        "Imports that run up a floor (a lower app must not import a higher one):\n"
        + "\n".join(arrows)
    )


def test_scoring_and_assignment_import_no_django():
    modules = project_modules()
    for name in PURE_MODULES:
        assert any(m.name == name for m in modules), f"{name} is gone: update PURE_MODULES"
        chains = django_paths(modules, name)
        assert not chains, f"{name} must stay pure Python, but imports Django:\n" + "\n".join(
            chains
        )


def test_the_walker_sees_upward_imports_inside_functions_and_relative_ones():
    views = module_from_source(
        "accounts.views",
        "from django.shortcuts import render\n"
        "from .models import Membership\n"
        "def home(request):\n"
        "    from mentoring.selectors_home import mentee_home\n"
        "    return render(request, 'home.html')\n",
    )
    intake = module_from_source(
        "matching.services.intake",
        "from ..models import Intake\nfrom ... import mentoring\nfrom config import celery\n",
    )
    demo = module_from_source("demo.harbor", "from mentoring import services\n")
    assert upward_arrows([views, intake, demo]) == [
        "accounts/views.py:4 imports mentoring.selectors_home (floor 0 -> mentoring, floor 6)",
        "matching/services/intake.py:2 imports mentoring (floor 4 -> mentoring, floor 6)",
        "matching/services/intake.py:3 imports config (floor 4 -> config, floor 9)",
    ]
    migration = module_from_source(
        "matching.migrations.m",
        "from django.db import migrations, models\n"
        "def forwards(apps, schema_editor):\n"
        "    apps.get_model('mentoring', 'Goal')\n"
        "class Migration(migrations.Migration):\n"
        "    dependencies = [('accounts', '0001_initial'), ('demo', '0001_initial')]\n"
        "    operations = [migrations.AddField('intake', 'goal', "
        "models.ForeignKey('mentoring.Goal', on_delete=models.CASCADE))]\n",
    )
    assert upward_arrows([migration]) == [
        "matching/migrations/m.py:3 loads a model of mentoring (floor 4 -> mentoring, floor 6)",
        "matching/migrations/m.py:5 depends on migrations of demo (floor 4 -> demo, floor 8)",
        "matching/migrations/m.py:6 names mentoring.Goal (floor 4 -> mentoring, floor 6)",
    ]
    assert [a.target for a in imports_of(intake)][:2] == [
        "matching.models",
        "matching.models.Intake",
    ]


def test_the_purity_check_follows_project_modules_to_django():
    modules = [
        module_from_source("matching", "", is_package=True),
        module_from_source("matching.scoring", "import numpy as np\nfrom . import weights\n"),
        module_from_source(
            "matching.weights", "def load():\n    from django.conf import settings\n"
        ),
        module_from_source("matching.assignment", "import numpy as np\n"),
    ]
    assert django_paths(modules, "matching.scoring") == [
        "matching.scoring -> matching.weights imports django.conf (line 2)"
    ]
    assert django_paths(modules, "matching.assignment") == []
    package_with_django = module_from_source("matching", "import django\n", is_package=True)
    assert django_paths([package_with_django, modules[3]], "matching.assignment") == [
        "matching imports django (line 1)"
    ]
