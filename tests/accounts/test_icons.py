"""The vendored icons: every `{% icon %}` a template uses exists, renders inline as decorative
SVG (hidden from screen readers, never focusable, no style or script for the CSP), and an
unknown name fails when the template compiles rather than on someone's page."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse

from tests.factories import mentee_with_history

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "static" / "vendor" / "icons"
USE = re.compile(r"""\{%\s*icon\s+["']([^"']+)["']\s*%\}""")


def test_every_icon_a_template_uses_is_vendored_and_every_vendored_icon_is_used():
    used = {
        name
        for path in (ROOT / "templates").rglob("*.html")
        for name in USE.findall(path.read_text(encoding="utf-8"))
    }
    vendored = {path.stem for path in ICONS.glob("*.svg")}
    assert used and used <= vendored, used - vendored
    assert vendored <= used, f"unused icons to remove: {vendored - used}"
    assert (ICONS / "LICENSE").exists()


@pytest.mark.parametrize("path", sorted(ICONS.glob("*.svg")), ids=lambda path: path.stem)
def test_vendored_icons_carry_no_script_style_or_link(path):
    svg = path.read_text(encoding="utf-8")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" ')
    assert 'stroke="currentColor"' in svg
    for forbidden in ("<script", "style", "href", " on", "<!--"):
        assert forbidden not in svg.lower(), (path.name, forbidden)


def test_icon_renders_inline_and_hidden_from_screen_readers():
    html = Template('{% load icons %}<a href="/">{% icon "calendar" %}Meetings</a>').render(
        Context()
    )
    assert html.startswith('<a href="/"><svg xmlns="http://www.w3.org/2000/svg" class="icon"')
    assert 'aria-hidden="true" focusable="false"' in html
    assert html.endswith("</svg>Meetings</a>")


@pytest.mark.parametrize(
    "tag", ['{% icon "no-such-icon" %}', "{% icon calendar %}", '{% icon "../x" %}']
)
def test_an_unknown_or_unquoted_icon_fails_when_the_template_compiles(tag):
    with pytest.raises(TemplateSyntaxError):
        Template("{% load icons %}" + tag)


def test_the_mentee_home_scans_by_icons_next_to_its_words(client, program):
    mentee = mentee_with_history(program=program, days=7, email="icons@example.org", goals=1)
    client.force_login(mentee.user)
    html = client.get(reverse("program_home", args=[program.slug])).content.decode()
    heading = re.search(r'<h2 id="checkin-today-heading">(.*?)</h2>', html, re.S).group(1)
    assert heading.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="icon" aria-hidden')
    assert heading.endswith("</svg>Today's check-in")
    # The header's bells are inline icons now, not images to fetch.
    assert "img/bell.svg" not in html and "img/message.svg" not in html
    assert html.count('class="icon" aria-hidden="true" focusable="false"') > 10
