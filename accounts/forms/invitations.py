from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Role


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MENTEE)
