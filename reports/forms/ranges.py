"""A range of whole days for a report: from `start` to `end`, both included."""

from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from ..periods import MAX_RANGE_YEARS, years_later

# A report's days stay far from the calendar's ends: year 9999 plus the longest range, or the
# day after 9999-12-31, does not exist (a 500 before this bound).
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)
OUT_OF_RANGE = _("Enter a date between the years 1900 and 2999.")
BOUNDS = [
    MinValueValidator(EARLIEST, message=OUT_OF_RANGE),
    MaxValueValidator(LATEST, message=OUT_OF_RANGE),
]


class DateRangeForm(forms.Form):
    start = forms.DateField(
        label=_("From"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, for example 2026-01-31.")},
        validators=BOUNDS,
    )
    end = forms.DateField(
        label=_("To"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, for example 2026-03-31.")},
        validators=BOUNDS,
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
