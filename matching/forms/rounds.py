from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import MatchingSettings


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


class RoundRemoveForm(forms.Form):
    mentee = forms.IntegerField(widget=forms.HiddenInput)
