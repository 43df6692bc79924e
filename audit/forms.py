"""The coordinator's filter of the program trail: a person, an action, a range of days."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.dates import REPORT, date_validator
from accounts.models import Membership, Program

from .models import Action

MAX_RANGE_YEARS = 5


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user.display_name} ({obj.get_role_display()})"


class TrailFilterForm(forms.Form):
    person = PersonChoice(
        label=_("Person"),
        queryset=Membership.objects.none(),
        required=False,
        empty_label=_("Everyone"),
        error_messages={"invalid_choice": _("Choose a person of this program.")},
    )
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("Any action"))] + list(Action.choices),
        error_messages={"invalid_choice": _("Choose one of the listed actions.")},
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        # Far from the calendar's ends: year 9999 plus the five-year check was a 500.
        validators=[date_validator(REPORT)],
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, for example 2026-01-31.")},
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        # Far from the calendar's ends: year 9999 plus the five-year check was a 500.
        validators=[date_validator(REPORT)],
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, for example 2026-03-31.")},
    )

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            Membership.objects.filter(program=program)
            .select_related("user__profile")
            .order_by("user__profile__display_name", "user__email", "pk")
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end date must be on or after the start date."))
            elif end >= _years_later(start, MAX_RANGE_YEARS):
                self.add_error(
                    "end",
                    _("Choose at most %(years)s years: a later start date or an earlier end.")
                    % {"years": MAX_RANGE_YEARS},
                )
        return cleaned
