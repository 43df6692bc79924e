from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import TimeZoneField

from ..models import (
    AVAILABILITY_SLOTS,
    DAY_PARTS,
    DAYS,
    INDUSTRIES,
    INTAKE_FIELDS,
    LANGUAGES,
    MENTOR_FIELDS,
    FocusArea,
    Gender,
    GenderPreference,
    MeetingFormat,
    Pathway,
)
from .fields import TagsField, checkboxes

AVAILABILITY_CHOICES = [
    (f"{day}-{part}", f"{day_label} {part_label.lower()}")
    for day, day_label in DAYS
    for part, part_label in DAY_PARTS
]
assert [code for code, _label in AVAILABILITY_CHOICES] == AVAILABILITY_SLOTS


class IntakeForm(forms.Form):
    """Intake for mentees; `for_mentor=True` adds the mentor questions."""

    focus_areas = checkboxes(_("Focus areas"), FocusArea.choices)
    pathways = checkboxes(
        _("Recovery pathways"),
        Pathway.choices,
        help_text=_("Optional. Used only to suggest a mentor who knows your path."),
    )
    languages = checkboxes(_("Languages"), LANGUAGES)
    availability = checkboxes(
        _("When can you usually meet?"),
        AVAILABILITY_CHOICES,
        help_text=_("In your own time zone."),
    )
    formats = checkboxes(_("Meeting formats"), MeetingFormat.choices)
    region = forms.CharField(
        label=_("Region"),
        max_length=80,
        required=False,
        help_text=_("A city, county or neighbourhood — whatever helps meeting in person."),
    )
    time_zone = TimeZoneField()
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
    lived_experience = checkboxes(_("Lived-experience areas"), FocusArea.choices)
    years_in_recovery = forms.IntegerField(
        label=_("Years in recovery (optional)"), min_value=0, max_value=80, required=False
    )
    professional_background = forms.CharField(
        label=_("Professional background"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    industries = checkboxes(_("Industries"), INDUSTRIES)
    capacity = forms.IntegerField(
        label=_("How many mentees at once"), min_value=1, max_value=10, initial=2
    )
    paused = forms.BooleanField(label=_("Not taking new mentees right now"), required=False)

    MENTOR_FIELDS = MENTOR_FIELDS

    def __init__(self, *args, for_mentor: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_mentor = for_mentor
        if not for_mentor:
            for name in self.MENTOR_FIELDS:
                del self.fields[name]

    @classmethod
    def initial_from(cls, intake) -> dict:
        return {name: getattr(intake, name) for name in INTAKE_FIELDS}


# The form asks exactly the intake questions (matching.models.INTAKE_FIELDS), in that order.
assert tuple(IntakeForm.base_fields) == INTAKE_FIELDS
