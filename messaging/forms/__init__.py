"""Forms of messaging: they shape input and show errors; the services check the text."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import MESSAGE_MAX_LENGTH, REPORT_REASON_MAX_LENGTH


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        # The service trims and counts (a line break as one character) and explains the limit;
        # the browser's maxlength only helps people.
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MESSAGE_MAX_LENGTH}),
        error_messages={"required": _("Write a message first.")},
    )
    # The form's one-time key: a double-posted message is sent once (accounts.FormSubmission).
    form_token = forms.CharField(widget=forms.HiddenInput, max_length=64)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What worries you about this message?"),
        help_text=_("Only the coordinators read it, with this one message."),
        max_length=REPORT_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say in a few words what worries you about this message.")},
    )


class HandledForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        help_text=_("What you did, for the other coordinators."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
