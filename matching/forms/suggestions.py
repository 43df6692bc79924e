from django import forms
from django.utils.translation import gettext_lazy as _

from .pairing import ReasonForm


class ProposeForm(forms.Form):
    mentor = forms.IntegerField(widget=forms.HiddenInput)
    override_previous = forms.BooleanField(
        label=_("Override: pair again with a previous mentor"), required=False
    )


class DoNotPairForm(ReasonForm):
    mentor = forms.IntegerField(widget=forms.HiddenInput)
