"""Forms for the mentor's actions on a mentee's shared records."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.params import id_params


class IdListField(forms.Field):
    """A list of record ids sent as repeated hidden inputs (`checkin=3&checkin=7`)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        ids = id_params(value)
        if ids is None:
            raise ValidationError(_("Something went wrong. Please reload the page."))
        return sorted(set(ids))


class EncouragementForm(forms.Form):
    text = forms.CharField(
        label=_("Encouragement"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Your mentee sees it on their home page."),
    )
    goal = forms.IntegerField(required=False, widget=forms.HiddenInput)
    checkin = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("goal") and cleaned.get("checkin"):
            raise ValidationError(_("Write on one goal or one check-in at a time."))
        return cleaned


class OutreachHandledForm(forms.Form):
    checkin = IdListField()
