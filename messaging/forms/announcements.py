"""The coordinator's "New announcement" form. It shapes input and shows errors; the service
decides what is allowed (a cohort date, not in the future, for the cohort audience)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.dates import RECENT, date_validator

from ..models import ANNOUNCEMENT_BODY_MAX_LENGTH, ANNOUNCEMENT_TITLE_MAX_LENGTH, Announcement


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=ANNOUNCEMENT_TITLE_MAX_LENGTH)
    body = forms.CharField(
        label=_("Announcement"),
        max_length=ANNOUNCEMENT_BODY_MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text. Line breaks are kept and links can be clicked."),
    )
    audience = forms.ChoiceField(
        label=_("Who receives it"),
        choices=Announcement.Audience.choices,
        initial=Announcement.Audience.EVERYONE,
        widget=forms.RadioSelect,
    )
    cohort_date = forms.DateField(
        label=_("Paired before"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[date_validator(RECENT)],
        help_text=_(
            "Only for “Mentees paired before a date”: mentees whose current pairing "
            "started before this date."
        ),
    )
    # The form's one-time key: the same announcement sent twice is posted once.
    form_token = forms.CharField(widget=forms.HiddenInput, max_length=64)
