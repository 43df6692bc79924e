"""The consent form: every element of a written consent, in plain words. It shapes input;
`privacy.services.consent_grant` checks the rules and says what is wrong."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership

from ..models import REVOCATION_STATEMENT, Category, Purpose, RecipientKind


class RecipientChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user.display_name} · {obj.get_role_display()}"


class ConsentForm(forms.Form):
    categories = forms.MultipleChoiceField(
        label=_("What may they read?"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,  # the service says what is missing, in words
        help_text=_("Items you mark Private stay private. Your journal is never shared."),
    )
    recipient_kind = forms.ChoiceField(
        label=_("Who may read them?"),
        choices=RecipientKind.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    recipient = RecipientChoice(
        label=_("The member (when you choose one named member)"),
        queryset=Membership.objects.none(),
        required=False,
        empty_label=_("Choose a member"),
    )
    purpose = forms.ChoiceField(
        label=_("For what purpose?"),
        choices=Purpose.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    purpose_detail = forms.CharField(
        label=_("The purpose in your words"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
        required=False,
    )
    expires_on = forms.DateField(
        label=_("Until when? (at most one year)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        required=False,
    )
    understands_revocation = forms.BooleanField(
        label=_("I understand I can revoke this consent at any time."),
        help_text=REVOCATION_STATEMENT,
        error_messages={"required": _("Confirm that you have read your right to revoke.")},
    )
    signature_name = forms.CharField(
        label=_("Sign by typing your name"),
        max_length=120,
        required=False,
        help_text=_("Your name as your profile shows it."),
    )

    def __init__(self, *args, recipients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = recipients
