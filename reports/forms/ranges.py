"""A range of whole days for a report: from `start` to `end`, both included."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.dates import REPORT, date_validator

from ..periods import MAX_RANGE_YEARS, years_later


class DateRangeForm(forms.Form):
    start = forms.DateField(
        label=_("From"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[date_validator(REPORT)],
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, for example 2026-01-31.")},
    )
    end = forms.DateField(
        label=_("To"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[date_validator(REPORT)],
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, for example 2026-03-31.")},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end date must be on or after the start date."))
            elif end >= years_later(start, MAX_RANGE_YEARS):
                self.add_error(
                    "end",
                    _("A report covers at most %(years)s years: choose a later start date.")
                    % {"years": MAX_RANGE_YEARS},
                )
        return cleaned
