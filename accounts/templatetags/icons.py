"""`{% icon "calendar" %}`: a vendored icon (static/vendor/icons/, Lucide) inlined as SVG, so it
takes the text colour and costs no request. Icons are decorative, next to words that say the
same: hidden from screen readers, never the only label. An unknown name fails when the
template is compiled, not on a person's page."""

from functools import lru_cache

from django import template
from django.contrib.staticfiles import finders
from django.utils.safestring import mark_safe

register = template.Library()

_SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" '


@lru_cache(maxsize=64)
def icon_svg(name: str) -> str:
    """The icon's markup; the files are part of the release, not anyone's data."""
    path = finders.find(f"vendor/icons/{name}.svg") if name.replace("-", "").isalnum() else None
    if not path:
        raise template.TemplateSyntaxError(f"No icon named {name!r} in static/vendor/icons/.")
    with open(path, encoding="utf-8") as svg_file:
        svg = svg_file.read().strip()
    if not svg.startswith(_SVG_OPEN):
        raise template.TemplateSyntaxError(f"Icon {name!r} is not a plain <svg> element.")
    return mark_safe(
        _SVG_OPEN
        + 'class="icon" aria-hidden="true" focusable="false" width="20" height="20" '
        + svg.removeprefix(_SVG_OPEN)
    )


class IconNode(template.Node):
    def __init__(self, svg: str):
        self.svg = svg

    def render(self, context) -> str:
        return self.svg


@register.tag
def icon(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('Use {% icon "name" %} with a quoted icon name.')
    return IconNode(icon_svg(bits[1][1:-1]))
