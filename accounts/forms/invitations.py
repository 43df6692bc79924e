from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Role


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MENTEE)


class BulkInviteForm(forms.Form):
    lines = forms.CharField(
        label=_("People to invite, one a line: email address, role"),
        max_length=60_000,
        widget=forms.Textarea(attrs={"rows": 10, "placeholder": "sam@example.org, mentee"}),
        help_text=_("Roles: mentee, mentor or coordinator. Up to 500 lines at a time."),
    )
