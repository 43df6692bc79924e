from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import time_zone_choices

from . import scoring
from .models import (
    AVAILABILITY_SLOTS,
    CRITERION_LABELS,
    DAY_PARTS,
    DAYS,
    HARD_CONSTRAINT_CHOICES,
    INDUSTRIES,
    LANGUAGES,
    FocusArea,
    Gender,
    GenderPreference,
    MatchingSettings,
    MeetingFormat,
    Pathway,
)

AVAILABILITY_CHOICES = [
    (f"{day}-{part}", f"{day_label} {part_label.lower()}")
    for day, day_label in DAYS
    for part, part_label in DAY_PARTS
]
assert [code for code, _label in AVAILABILITY_CHOICES] == AVAILABILITY_SLOTS


class TagsField(forms.CharField):
    """Comma-separated free tags."""

    def to_python(self, value):
        value = super().to_python(value)
        return [tag.strip() for tag in value.split(",") if tag.strip()]

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value


def _checkboxes(label, choices, **kwargs):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        **kwargs,
    )


class IntakeForm(forms.Form):
    """Intake for mentees; `for_mentor=True` adds the mentor questions."""

    focus_areas = _checkboxes(_("Focus areas"), FocusArea.choices)
    pathways = _checkboxes(
        _("Recovery pathways"),
        Pathway.choices,
        help_text=_("Optional. Used only to suggest a mentor who knows your path."),
    )
    languages = _checkboxes(_("Languages"), LANGUAGES)
    availability = _checkboxes(
        _("When can you usually meet?"),
        AVAILABILITY_CHOICES,
        help_text=_("In your own time zone."),
    )
    formats = _checkboxes(_("Meeting formats"), MeetingFormat.choices)
    region = forms.CharField(
        label=_("Region"),
        max_length=80,
        required=False,
        help_text=_("A city, county or neighbourhood — whatever helps meeting in person."),
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[("", _("—"))] + list(Gender.choices), required=False
    )
    gender_preference = forms.ChoiceField(
        label=_("I would prefer to be paired with"),
        choices=GenderPreference.choices,
        required=False,
    )
    interests = TagsField(
        label=_("Interests"),
        required=False,
        max_length=400,
        help_text=_("Separate with commas, e.g. hiking, cooking, music."),
    )
    bio = forms.CharField(
        label=_("Short introduction"),
        required=False,
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few sentences others in the program may read. Share only what you like."),
    )
    # Mentors only.
    lived_experience = _checkboxes(_("Lived-experience areas"), FocusArea.choices)
    years_in_recovery = forms.IntegerField(
        label=_("Years in recovery (optional)"), min_value=0, max_value=80, required=False
    )
    professional_background = forms.CharField(
        label=_("Professional background"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    industries = _checkboxes(_("Industries"), INDUSTRIES)
    capacity = forms.IntegerField(
        label=_("How many mentees at once"), min_value=1, max_value=10, initial=2
    )
    paused = forms.BooleanField(label=_("Not taking new mentees right now"), required=False)

    MENTOR_FIELDS = (
        "lived_experience",
        "years_in_recovery",
        "professional_background",
        "industries",
        "capacity",
        "paused",
    )

    def __init__(self, *args, for_mentor: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_mentor = for_mentor
        if not for_mentor:
            for name in self.MENTOR_FIELDS:
                del self.fields[name]

    @classmethod
    def initial_from(cls, intake) -> dict:
        names = [
            "focus_areas",
            "pathways",
            "languages",
            "availability",
            "formats",
            "region",
            "time_zone",
            "gender",
            "gender_preference",
            "interests",
            "bio",
            *cls.MENTOR_FIELDS,
        ]
        return {name: getattr(intake, name) for name in names}


class MatchingSettingsForm(forms.Form):
    objective = forms.ChoiceField(
        label=_("Bulk matching objective"),
        choices=MatchingSettings.Objective.choices,
        widget=forms.RadioSelect,
    )
    hard_constraints = _checkboxes(_("Hard constraints"), HARD_CONSTRAINT_CHOICES)
    min_score = forms.FloatField(
        label=_("Lowest score to propose (0-100)"), min_value=0, max_value=100
    )
    proposal_expiry_days = forms.IntegerField(
        label=_("Proposals expire after (days)"), min_value=1, max_value=30
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
            "mentee_acceptance_required": settings_row.mentee_acceptance_required,
            "self_match_enabled": settings_row.self_match_enabled,
        }
        for criterion in scoring.CRITERIA:
            initial[f"weight_{criterion}"] = settings_row.weights.get(criterion, 0)
        return initial

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["weights"] = {c: data.pop(f"weight_{c}") for c in scoring.CRITERIA}
        return data


class ProposeForm(forms.Form):
    mentor = forms.IntegerField(widget=forms.HiddenInput)
    override_previous = forms.BooleanField(
        label=_("Override: pair again with a previous mentor"), required=False
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EndPairingForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the pairing ending?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    rating = forms.TypedChoiceField(
        label=_("How helpful was this pairing? (optional)"),
        choices=[("", _("Skip"))] + [(str(i), str(i)) for i in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    comment = forms.CharField(
        label=_("Anything you'd like to tell the coordinator? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RoundForm(forms.Form):
    objective = forms.ChoiceField(
        label=_("Objective"),
        choices=MatchingSettings.Objective.choices,
        widget=forms.RadioSelect,
    )
    mentees = forms.MultipleChoiceField(
        label=_("Mentees to match"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave all ticked to match everyone waiting."),
    )

    def __init__(self, *args, mentee_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentees"].choices = mentee_choices


class BoardFilterForm(forms.Form):
    focus = forms.ChoiceField(
        label=_("Focus area"), choices=[("", _("Any"))] + list(FocusArea.choices), required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Any"))] + LANGUAGES, required=False
    )


class DoNotPairForm(ReasonForm):
    mentor = forms.IntegerField(widget=forms.HiddenInput)


class RoundRemoveForm(forms.Form):
    mentee = forms.IntegerField(widget=forms.HiddenInput)
