"""The GET forms above the coordinator's lists: one search field (name or email) and
filters. A field with a bad value shows its error and is left out; the others still apply."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Membership, Role

SEARCH_MAX_LENGTH = 100


def search_field() -> forms.CharField:
    return forms.CharField(
        label=_("Name or email"),
        max_length=SEARCH_MAX_LENGTH,
        required=False,
        error_messages={
            "max_length": _("Search for at most %(limit_value)d characters."),
        },
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


def any_choice(choices) -> list:
    return [("", _("Any"))] + list(choices)


class ListFilterForm(forms.Form):
    """Bound to request.GET; `values()` gives the valid fields' values (blank for the rest)."""

    def __init__(self, data=None, **kwargs):
        # Its own ids: the page may hold another form with fields of the same names.
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(data if data else None, **kwargs)

    def values(self) -> dict:
        values = {name: field.initial or "" for name, field in self.fields.items()}
        if self.is_bound:
            self.is_valid()
            values.update({k: v for k, v in self.cleaned_data.items() if v not in (None, "")})
        return values

    @property
    def filtered(self) -> bool:
        if not self.is_bound:
            return False
        defaults = {name: field.initial or "" for name, field in self.fields.items()}
        return self.values() != defaults


class MemberFilterForm(ListFilterForm):
    q = search_field()
    role = forms.ChoiceField(label=_("Role"), choices=any_choice(Role.choices), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=any_choice(Membership.Status.choices), required=False
    )


class InvitationFilterForm(ListFilterForm):
    STATES = [
        ("open", _("Open")),
        ("accepted", _("Accepted")),
        ("expired", _("Expired")),
    ]
    q = search_field()
    state = forms.ChoiceField(label=_("State"), choices=STATES, required=False, initial="open")
    role = forms.ChoiceField(label=_("Role"), choices=any_choice(Role.choices), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["q"].label = _("Email")
