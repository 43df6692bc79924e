"""Forms for the mentee's goals, and the one-time token that stops a double-posted form from
creating a goal twice. Forms shape input and show errors; the services validate."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.dates import TARGET, date_validator

from ..goal_templates import GoalTemplate
from ..models import Goal, GoalCategory, Visibility
from .common import private_field

NEW_GOAL_MILESTONE_ROWS = 5


def _date_input(today: date | None = None) -> forms.DateInput:
    attrs = {"type": "date"}
    if today is not None:
        attrs["min"] = today.isoformat()
    return forms.DateInput(attrs=attrs, format="%Y-%m-%d")


class GoalForm(forms.Form):
    """A goal's own fields; the new-goal form adds milestone rows."""

    title = forms.CharField(label=_("Title"), max_length=120)
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("Choose a category"))] + list(GoalCategory.choices)
    )
    why = forms.CharField(
        label=_("Why it matters to me"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    measure = forms.CharField(
        label=_("How I'll know I got there"),
        max_length=200,
        required=False,
        help_text=_("Something you can count or see, like “3 meetings a week for a month”."),
    )
    target_date = forms.DateField(
        label=_("Target date"),
        required=False,
        widget=_date_input(),
        validators=[date_validator(TARGET)],
    )
    private = private_field()

    def __init__(self, *args, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if today is not None:
            self.fields["target_date"].widget = _date_input(today)

    @classmethod
    def initial_from(cls, goal: Goal) -> dict:
        return {
            "title": goal.title,
            "category": goal.category,
            "why": goal.why,
            "measure": goal.measure,
            "target_date": goal.target_date,
            "private": goal.visibility == Visibility.PRIVATE,
        }

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "category": data["category"],
            "why": data["why"],
            "measure": data["measure"],
            "target_date": data["target_date"],
            "visibility": Visibility.PRIVATE if data["private"] else Visibility.SHARED,
        }


class NewGoalForm(GoalForm):
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, today: date | None = None, **kwargs):
        super().__init__(*args, today=today, **kwargs)
        for number in range(1, NEW_GOAL_MILESTONE_ROWS + 1):
            self.fields[f"milestone_{number}"] = forms.CharField(
                label=_("Milestone %(number)s") % {"number": number},
                max_length=120,
                required=False,
            )
            self.fields[f"milestone_{number}_due"] = forms.DateField(
                label=_("Due date"),
                required=False,
                widget=_date_input(today),
                validators=[date_validator(TARGET)],
            )

    MILESTONE_FIELDS = frozenset(
        name
        for number in range(1, NEW_GOAL_MILESTONE_ROWS + 1)
        for name in (f"milestone_{number}", f"milestone_{number}_due")
    )

    @classmethod
    def initial_from_template(cls, template: GoalTemplate) -> dict:
        initial = {
            "title": template.title,
            "category": template.category,
            "why": template.why,
            "measure": template.measure,
        }
        for number, label in enumerate(template.milestones[:NEW_GOAL_MILESTONE_ROWS], start=1):
            initial[f"milestone_{number}"] = label
        return initial

    def goal_fields(self) -> list[forms.BoundField]:
        return [
            self[name]
            for name in self.fields
            if name not in self.MILESTONE_FIELDS and name != "form_token"
        ]

    def milestone_rows(self) -> list[dict]:
        return [
            {
                "number": number,
                "title": self[f"milestone_{number}"],
                "due": self[f"milestone_{number}_due"],
            }
            for number in range(1, NEW_GOAL_MILESTONE_ROWS + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        for number in range(1, NEW_GOAL_MILESTONE_ROWS + 1):
            if (
                cleaned.get(f"milestone_{number}_due")
                and not cleaned.get(f"milestone_{number}", "").strip()
            ):
                self.add_error(
                    f"milestone_{number}", _("Name the milestone, or clear its due date.")
                )
        return cleaned

    def service_kwargs(self) -> dict:
        kwargs = super().service_kwargs()
        kwargs["milestones"] = [
            {
                "title": self.cleaned_data[f"milestone_{number}"],
                "due_date": self.cleaned_data[f"milestone_{number}_due"],
            }
            for number in range(1, NEW_GOAL_MILESTONE_ROWS + 1)
            if self.cleaned_data[f"milestone_{number}"].strip()
        ]
        return kwargs


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=120)
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=_date_input(),
        validators=[date_validator(TARGET)],
    )

    def __init__(self, *args, today: date | None = None, **kwargs):
        kwargs.setdefault("auto_id", "id_milestone_%s")
        super().__init__(*args, **kwargs)
        if today is not None:
            self.fields["due_date"].widget = _date_input(today)


class MilestoneToggleForm(forms.Form):
    done = forms.BooleanField(required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Goal.Status.choices)


class VisibilityForm(forms.Form):
    private = private_field()


class ProgressForm(forms.Form):
    manual_progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        help_text=_("How far along you feel, from 0 to 100."),
        widget=forms.NumberInput(attrs={"step": 5, "inputmode": "numeric"}),
    )
