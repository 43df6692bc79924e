from django import forms
from django.utils.translation import gettext_lazy as _


class MembershipStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("active", _("Active")), ("paused", _("Paused")), ("left", _("Left"))],
    )


class PrivacyAcknowledgeForm(forms.Form):
    acknowledge = forms.BooleanField(
        label=_("I have read the privacy notice and understand how my information is used."),
        error_messages={"required": _("Tick the box to confirm you have read the notice.")},
    )
