"""The Spanish catalogue is complete: every string marked in templates and Python code is
translated (none untranslated, none fuzzy), the compiled catalogue Django reads matches it, and
the Spanish never uses stigmatizing words."""

import gettext
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[1]
PO = BASE_DIR / "locale" / "es" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
SKIP_DIRS = {".venv", ".git", "var", "test-artifacts", "node_modules", "__pycache__", ".hypothesis"}

# Words a recovery setting does not use for people ("adicto", "limpio/sucio"); "recaída" for a
# return to use (we say "regreso al consumo").
STIGMATIZING = re.compile(
    r"\b(adict[oa]s?|drogadict[oa]s?|toxic[oó]man[oa]s?|limpi[oa]s?|suci[oa]s?|abusador(es|as?)?"
    r"|reca[ií]das?)\b",
    re.IGNORECASE,
)


def makemessages_args() -> list[str]:
    """The Makefile's `make messages` arguments: the test gathers exactly what it gathers."""
    text = (BASE_DIR / "Makefile").read_text()
    line = next(row for row in text.splitlines() if row.startswith("MAKEMESSAGES_ARGS :="))
    return shlex.split(line.split(":=", 1)[1])


def require_gettext() -> None:
    missing = [tool for tool in ("xgettext", "msgmerge", "msgattrib") if not shutil.which(tool)]
    assert not missing, (
        f"GNU gettext is needed to check the Spanish catalogue ({', '.join(missing)} not found): "
        "apt-get install gettext"
    )


def entries(po_text: str) -> list[str]:
    return [block for block in po_text.split("\n\n") if 'msgid "' in block]


def msgids(po_text: str) -> list[str]:
    found = []
    for block in entries(po_text):
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.MULTILINE)
        text = "".join(re.findall(r'"(.*)"', match.group(1))) if match else ""
        if text:
            found.append(text)
    return found


@pytest.fixture(scope="module")
def gathered(tmp_path_factory) -> str:
    """`makemessages` run on a copy of the code: the catalogue as it would be today."""
    require_gettext()
    copy = tmp_path_factory.mktemp("messages") / "src"
    shutil.copytree(BASE_DIR, copy, ignore=lambda _dir, names: SKIP_DIRS & set(names))
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", *makemessages_args()],
        cwd=copy,
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "DEBUG": "true"},
    )
    return (copy / "locale" / "es" / "LC_MESSAGES" / "django.po").read_text()


def test_every_string_is_translated(gathered):
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", "-"],
        input=gathered,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    missing = msgids(untranslated)
    assert missing == [], (
        f"{len(missing)} strings have no Spanish (run `make messages`, translate "
        f"locale/es/LC_MESSAGES/django.po): {missing[:20]}"
    )


def test_no_translation_is_fuzzy(gathered):
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", "-"],
        input=gathered,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert msgids(fuzzy) == [], f"Fuzzy (unchecked) Spanish: {msgids(fuzzy)[:20]}"


def test_the_committed_catalogue_is_up_to_date(gathered):
    """What `make messages` would write is what is committed (no strings missing or stale)."""
    assert sorted(msgids(gathered)) == sorted(msgids(PO.read_text()))


def test_the_compiled_catalogue_matches_the_source(tmp_path):
    """Django reads the .mo: it must say what the .po says (`make messages` compiles it)."""
    require_gettext()
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    out = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(out), str(PO)], check=True, timeout=60)
    with out.open("rb") as handle:
        fresh = gettext.GNUTranslations(handle)
    assert compiled._catalog == fresh._catalog


def test_the_spanish_never_stigmatizes():
    translated = []
    for block in entries(PO.read_text()):
        strings = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.MULTILINE)
        translated += ["".join(re.findall(r'"(.*)"', s)) for s in strings]
    found = sorted({m.group(0) for text in translated for m in STIGMATIZING.finditer(text)})
    assert found == []
