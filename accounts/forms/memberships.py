from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Role


class MembershipStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("active", _("Active")), ("paused", _("Paused")), ("left", _("Left"))],
    )
    reason = forms.CharField(
        label=_("Reason (when they leave: it ends their pairings)"),
        max_length=500,
        required=False,
    )


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    reason = forms.CharField(
        label=_("Reason (their pairings in the old role end)"), max_length=500, required=False
    )


class PrivacyAcknowledgeForm(forms.Form):
    acknowledge = forms.BooleanField(
        label=_("I have read the privacy notice and understand how my information is used."),
        error_messages={"required": _("Tick the box to confirm you have read the notice.")},
    )
