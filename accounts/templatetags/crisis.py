"""`{% crisis_help program as crisis_help %}{% include "includes/crisis_help.html" %}`:
the program's crisis resources wherever a page shows them (one query, only there)."""

from django import template

from ..selectors import crisis_help_for

register = template.Library()


@register.simple_tag
def crisis_help(program):
    return crisis_help_for(program)
