from django import forms
from django.utils.translation import gettext_lazy as _

from .. import scoring
from ..models import CRITERION_LABELS, HARD_CONSTRAINT_CHOICES, MatchingSettings
from .fields import checkboxes


class MatchingSettingsForm(forms.Form):
    objective = forms.ChoiceField(
        label=_("Bulk matching objective"),
        choices=MatchingSettings.Objective.choices,
        widget=forms.RadioSelect,
    )
    hard_constraints = checkboxes(_("Hard constraints"), HARD_CONSTRAINT_CHOICES)
    min_score = forms.FloatField(
        label=_("Lowest score to propose (0-100)"), min_value=0, max_value=100
    )
    proposal_expiry_days = forms.IntegerField(
        label=_("Proposals expire after (days)"), min_value=1, max_value=30
    )
    proposal_reminder_days = forms.IntegerField(
        label=_("Remind people of an unanswered proposal after (days)"),
        help_text=_("Or one day before the proposal expires, if that comes first."),
        min_value=1,
        max_value=30,
        required=False,
    )
    mentee_acceptance_required = forms.BooleanField(
        label=_("Mentees accept proposals too"),
        required=False,
        help_text=_("Off: a coordinator's proposal stands for the mentee; the mentor accepts."),
    )
    self_match_enabled = forms.BooleanField(
        label=_("Mentees may request a mentor from their suggestions"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in scoring.CRITERIA:
            self.fields[f"weight_{criterion}"] = forms.FloatField(
                label=_("Weight: %(criterion)s") % {"criterion": CRITERION_LABELS[criterion]},
                min_value=0,
                max_value=10,
                widget=forms.NumberInput(attrs={"step": "0.5", "min": 0, "max": 10}),
            )

    @classmethod
    def initial_from(cls, settings_row: MatchingSettings) -> dict:
        initial = {
            "objective": settings_row.objective,
            "hard_constraints": settings_row.hard_constraints,
            "min_score": settings_row.min_score,
            "proposal_expiry_days": settings_row.proposal_expiry_days,
            "proposal_reminder_days": settings_row.proposal_reminder_days,
            "mentee_acceptance_required": settings_row.mentee_acceptance_required,
            "self_match_enabled": settings_row.self_match_enabled,
        }
        for criterion in scoring.CRITERIA:
            initial[f"weight_{criterion}"] = settings_row.weights.get(criterion, 0)
        return initial

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["weights"] = {c: data.pop(f"weight_{c}") for c in scoring.CRITERIA}
        if data.get("proposal_reminder_days") is None:
            data.pop("proposal_reminder_days", None)
        return data
