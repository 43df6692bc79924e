"""Forms for the private journal, which only its author reads."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class JournalEntryForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=120, required=False, help_text=_("Optional.")
    )
    body = forms.CharField(
        label=_("Entry"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    @classmethod
    def initial_from(cls, entry) -> dict:
        return {"title": entry.title, "body": entry.body}


class NewJournalEntryForm(JournalEntryForm):
    # The form's one-time key: a double-posted entry is saved once (accounts.FormSubmission).
    form_token = forms.CharField(widget=forms.HiddenInput, max_length=64)
