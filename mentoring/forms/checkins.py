"""The daily check-in form. It shapes input and shows errors; the service decides what is
allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import CheckIn, Visibility
from .common import private_field, visibility_from

MOOD_CHOICES = [
    (1, _("1 — very low")),
    (2, _("2 — low")),
    (3, _("3 — okay")),
    (4, _("4 — good")),
    (5, _("5 — very good")),
]


class CheckInForm(forms.Form):
    mood = forms.TypedChoiceField(
        label=_("Mood"),
        choices=MOOD_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose your mood, from 1 to 5."),
            "invalid_choice": _("Mood is a number from 1 to 5."),
        },
    )
    craving = forms.IntegerField(
        label=_("Craving"),
        min_value=0,
        max_value=10,
        help_text=_("0 — no craving at all, 10 — the strongest craving."),
        error_messages={
            "required": _("Enter your craving, from 0 to 10."),
            "invalid": _("Craving is a number from 0 to 10."),
            "min_value": _("Craving is a number from 0 to 10."),
            "max_value": _("Craving is a number from 0 to 10."),
        },
    )
    helped = forms.CharField(
        label=_("What helped today"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    hard = forms.CharField(
        label=_("What was hard"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    wants_outreach = forms.BooleanField(
        label=_("I'd like my mentor to reach out"),
        required=False,
        help_text=_("Your mentor sees this request on a shared check-in."),
    )
    private = private_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["craving"].widget.attrs.update({"inputmode": "numeric"})

    @staticmethod
    def initial_from(checkin: CheckIn | None) -> dict:
        if checkin is None:
            return {}
        return {
            "mood": checkin.mood,
            "craving": checkin.craving,
            "helped": checkin.helped,
            "hard": checkin.hard,
            "wants_outreach": checkin.wants_outreach,
            "private": checkin.visibility == Visibility.PRIVATE,
        }

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "mood": data["mood"],
            "craving": data["craving"],
            "helped": data["helped"],
            "hard": data["hard"],
            "wants_outreach": data["wants_outreach"],
            "visibility": visibility_from(data["private"]),
        }
