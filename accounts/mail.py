"""Plain-text email: rendered without HTML escaping, headers on one line.

A .txt email template is plain text: a display name such as `"><b>Ana` must reach the reader as
typed, not as `&quot;&gt;&lt;b&gt;Ana`. `render_plain` renders a template with autoescape off
whatever the template says (the HTML alternative keeps Django's escaping), and `header_line`
folds every line break (\\r, \\n, \\u2028 …) and run of spaces into one space, so no name can add
a header line (`Bcc:`) to a subject.
"""

from __future__ import annotations

from django.template import Context
from django.template.loader import get_template


def header_line(text: object, limit: int | None = None) -> str:
    line = " ".join(str(text).split())
    return line[:limit] if limit else line


def render_plain(template_name: str, context: dict | None = None) -> str:
    """`render_to_string` for a plain-text template, with autoescape off."""
    template = get_template(template_name)
    return template.template.render(Context(context or {}, autoescape=False))


def render_subject(template_name: str, context: dict | None = None, limit: int | None = None):
    return header_line(render_plain(template_name, context), limit)
