"""The Content Security Policy allows no inline style or script: no page template may carry
one (emails are not pages: mail clients need their inline styles)."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
EMAILS = TEMPLATES / "notifications" / "email"

INLINE = [
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "inline event handler"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def page_templates() -> list[Path]:
    return [path for path in TEMPLATES.rglob("*.html") if EMAILS not in path.parents]


def test_page_templates_hold_no_inline_style_or_script():
    found = [
        f"{path.relative_to(TEMPLATES)}: {what}"
        for path in page_templates()
        for pattern, what in INLINE
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_check_finds_what_it_looks_for():
    samples = [
        '<p style="color: red">',
        "<style>p{}</style>",
        "<script>alert(1)</script>",
        '<a onclick="go()">',
        '<a href="javascript:go()">',
    ]
    for sample, (pattern, _) in zip(samples, INLINE, strict=True):
        assert pattern.search(sample)
    assert not INLINE[2][0].search('<script src="/static/js/app.js" defer></script>')
    assert len(page_templates()) > 50
