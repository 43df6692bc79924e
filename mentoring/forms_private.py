"""Forms for the records only their author sees: the journal and recovery time.

Forms only shape input; the services decide what is allowed (dates in the future, a return to
use before the current start) and their errors land on the field of the same name.
"""

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


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


class RecoveryStartForm(forms.Form):
    started_on = forms.DateField(label=_("Recovery start date"), widget=DateInput())


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
    on = forms.DateField(label=_("Date of the return to use"), widget=DateInput())
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
        help_text=_("Your mentor gets a short email asking them to reach out. It doesn't say why."),
    )
