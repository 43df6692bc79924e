"""The coordinator's "mark handled" on an item of the needs-attention queue."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models.attention import FOLLOW_UP_NOTE_MAX_LENGTH


class FollowUpForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the other coordinators (optional)"),
        required=False,
        max_length=FOLLOW_UP_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What you did, e.g. “Called, meeting set for Friday”. Coordinators only."),
    )
