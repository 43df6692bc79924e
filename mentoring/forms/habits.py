"""Forms for habits. They shape input and show errors; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.dates import RECENT, date_validator

from ..models import Habit, Visibility
from .common import private_field, visibility_from


class HabitForm(forms.Form):
    name = forms.CharField(
        label=_("Habit"),
        max_length=80,
        required=False,
        help_text=_("For example “Morning walk”. Left empty, the kind of habit names it."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Habit.Kind.choices, initial=Habit.Kind.CUSTOM)
    cadence = forms.ChoiceField(
        label=_("How often"),
        choices=Habit.Cadence.choices,
        initial=Habit.Cadence.DAILY,
        widget=forms.RadioSelect,
    )
    times_per_week = forms.IntegerField(
        label=_("Times per week"),
        min_value=1,
        max_value=7,
        initial=1,
        required=False,
        help_text=_("For weekly habits: how many times a week counts as done."),
        error_messages={
            "min_value": _("Between 1 and 7 times a week."),
            "max_value": _("Between 1 and 7 times a week."),
            "invalid": _("Between 1 and 7 times a week."),
        },
    )
    private = private_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["times_per_week"].widget.attrs["inputmode"] = "numeric"

    def clean(self):
        cleaned = super().clean()
        name = (cleaned.get("name") or "").strip()
        kind = cleaned.get("kind")
        if not name and kind and kind != Habit.Kind.CUSTOM:
            name = str(Habit.Kind(kind).label)
        if not name and "name" not in self.errors:
            self.add_error("name", _("Name the habit."))
        cleaned["name"] = name
        if cleaned.get("cadence") == Habit.Cadence.DAILY or not cleaned.get("times_per_week"):
            cleaned["times_per_week"] = 1
        return cleaned

    @staticmethod
    def initial_from(habit: Habit) -> dict:
        return {
            "name": habit.name,
            "kind": habit.kind,
            "cadence": habit.cadence,
            "times_per_week": habit.times_per_week,
            "private": habit.visibility == Visibility.PRIVATE,
        }

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "kind": data["kind"],
            "cadence": data["cadence"],
            "times_per_week": data["times_per_week"],
            "visibility": visibility_from(data["private"]),
        }


class HabitDayForm(forms.Form):
    """The day a tap logs or clears; empty means today."""

    date = forms.DateField(
        required=False,
        widget=forms.HiddenInput,
        validators=[date_validator(RECENT)],
        error_messages={"invalid": _("That date isn't one we can read.")},
    )
