"""Forms for recovery time. The services decide what is allowed (dates in the future, a return
to use before the current start) and their errors land on the field of the same name."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.dates import RECOVERY_START, date_validator

from .common import DateInput


class RecoveryStartForm(forms.Form):
    started_on = forms.DateField(
        label=_("Recovery start date"),
        widget=DateInput(),
        validators=[date_validator(RECOVERY_START)],
    )


class RecoverySettingsForm(forms.Form):
    show_counter = forms.BooleanField(
        label=_("Show my recovery counter"),
        required=False,
        help_text=_("Turn this off to hide the counter everywhere, including your home page."),
    )
    share_with_mentor = forms.BooleanField(
        label=_("Share my recovery time with my mentor"),
        required=False,
        help_text=_("Your mentor would see your days, never your notes."),
    )

    @classmethod
    def initial_from(cls, settings_row) -> dict:
        return {
            "show_counter": settings_row.show_counter,
            "share_with_mentor": settings_row.share_with_mentor,
        }


class ReturnToUseForm(forms.Form):
    # Field names match the service's keyword arguments, so its errors land on the right field.
    on = forms.DateField(
        label=_("Date of the return to use"),
        widget=DateInput(),
        validators=[date_validator(RECOVERY_START)],
    )
    note = forms.CharField(
        label=_("Private note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only you can read this note."),
    )
    tell_mentor = forms.BooleanField(
        label=_("Tell my mentor"),
        required=False,
        initial=False,
        help_text=_(
            "Your mentor gets a short email asking them to reach out. It doesn't say why. If "
            "nobody has been in touch after two days, your coordinators see that you shared "
            "an update (not what it was), so that someone follows up."
        ),
    )
