from django import forms
from django.utils.translation import gettext_lazy as _


class EnrollmentForm(forms.Form):
    open_enrollment = forms.BooleanField(
        label=_("Let people apply as mentees with the enrollment link"), required=False
    )
    regenerate_link = forms.BooleanField(
        label=_("Make a new link (the old one stops working)"), required=False
    )
