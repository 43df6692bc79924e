"""`{% crisis_help program as crisis_help %}{% include "includes/crisis_help.html" %}`:
the program's crisis resources wherever a page shows them (one query, only there); and
`{{ line|crisis_line }}`, a coordinator's free-text line with its links made tappable."""

import re

from django import template
from django.template.defaultfilters import urlize
from django.utils.safestring import mark_safe

from ..selectors import crisis_help_for

register = template.Library()

_ANCHOR = re.compile(r"(<a\s[^>]*>.*?</a>)", re.S)
# "text HOME to 741741", "Text 988": a text line.
_TEXT_LINE = re.compile(
    r"\b([Tt]ext)\s+(?:([A-Z]{2,12})\s+to\s+)?"
    r"(\d{3,6}|\+?1?[-. ]?\(?\d{3}\)?[-. ]?\d{3}[-. ]\d{4})\b"
)
# "1-800-662-4357", "(800) 662-4357", "800.662.4357", "+1 800 662 4357", "555-0100".
_PHONE = re.compile(r"(?<![\w/=-])(\+?1[-. ]?)?(\(?\d{3}\)?[-. ])?\d{3}[-. ]\d{4}\b")
# Short codes said as such: "call 988", "call 911", "call or text 988".
_SHORT = re.compile(r"\b([Cc]all(?: or text)?)\s+(\d{3})\b")


@register.simple_tag
def crisis_help(program):
    return crisis_help_for(program)


def _digits(number: str) -> str:
    plus = "+" if number.strip().startswith("+") else ""
    return plus + re.sub(r"\D", "", number)


def _text_link(match: re.Match) -> str:
    verb, keyword, number = match.groups()
    href = f"sms:{_digits(number)}" + (f"?body={keyword}" if keyword else "")
    label = f"{verb} {keyword} to {number}" if keyword else f"{verb} {number}"
    return f'<a href="{href}">{label}</a>'


def _plain_part(part: str) -> str:
    part = _TEXT_LINE.sub(_text_link, part)
    pieces = _ANCHOR.split(part)
    for i in range(0, len(pieces), 2):
        piece = _PHONE.sub(
            lambda m: f'<a href="tel:{_digits(m.group(0))}">{m.group(0)}</a>', pieces[i]
        )
        piece = _SHORT.sub(
            lambda m: f'{m.group(1)} <a href="tel:{m.group(2)}">{m.group(2)}</a>', piece
        )
        pieces[i] = piece
    return "".join(pieces)


@register.filter
def crisis_line(text) -> str:
    """A line of "other crisis information", escaped: web links on https (a bare
    "988lifeline.org" would otherwise become http://), phone numbers as `tel:` links, "text
    WORD to NUMBER" as an `sms:` link."""
    html = str(urlize(str(text or ""), autoescape=True))
    html = html.replace('href="http://', 'href="https://')
    parts = _ANCHOR.split(html)
    for i in range(0, len(parts), 2):
        parts[i] = _plain_part(parts[i])
    return mark_safe("".join(parts))
