"""Forms for the daily parts of the mentee workspace: habits and check-ins. They shape input
and show errors; the services in mentoring.services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CheckIn, Habit, Visibility

PRIVATE_HELP = _("Only you can see it. Your mentor sees shared items only.")

MOOD_CHOICES = [
    (1, _("1 — very low")),
    (2, _("2 — low")),
    (3, _("3 — okay")),
    (4, _("4 — good")),
    (5, _("5 — very good")),
]


def private_field() -> forms.BooleanField:
    return forms.BooleanField(label=_("Private"), required=False, help_text=PRIVATE_HELP)


def visibility_from(private: bool) -> str:
    return Visibility.PRIVATE if private else Visibility.SHARED


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
        error_messages={"invalid": _("That date isn't one we can read.")},
    )


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
