"""`{{ value|no_final_stop }}` for a name or a time that ends a sentence in a translated text:
"Welcome, {{ name }}." with the name "Chris M." or a time "7:51 a.m." would end in "..".
Strips one final full stop; the sentence brings its own."""

from django import template

register = template.Library()


@register.filter
def no_final_stop(value) -> str:
    text = str(value if value is not None else "")
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text
