"""A message's text on a page: plain text, line breaks kept, links clickable. Everything the
person typed is escaped first (Django's urlize escapes what is not a link); never `|safe`."""

from django import template
from django.template.defaultfilters import linebreaksbr, urlize

register = template.Library()


@register.filter
def message_text(text: str) -> str:
    # The filters, not django.utils.html.urlize: the filter marks its escaped output safe, so
    # linebreaksbr does not escape it twice.
    return linebreaksbr(urlize(str(text or ""), autoescape=True), autoescape=True)
