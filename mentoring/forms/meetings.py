"""Forms for planning a meeting (propose, another time, cancel) and the mentee's reflection.
Times are entered in the viewer's own time zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.dates import PLANNED, Window, date_validator, local_datetime

from ..models import Meeting, MeetingFormat

DURATION_CHOICES = (15, 30, 45, 60, 90, 120)


def date_field(label, *, window: Window, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date such as 2025-03-14.")},
        validators=[date_validator(window)],
        **kwargs,
    )


def add_local_datetime_error(form: forms.Form, *, date_key: str, time_keys: list[str]) -> None:
    """A date and time that can't be converted from the person's zone is a form error."""
    data = form.cleaned_data
    if data.get(date_key) is None:
        return
    for key in time_keys:
        if data.get(key) is None:
            continue
        try:
            local_datetime(data[date_key], data[key], form.zone_name)
        except ValidationError as exc:
            form.add_error(date_key, exc)
            return


def time_field(label, **kwargs) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Enter a time such as 14:30.")},
        **kwargs,
    )


def zone_help(zone_name: str) -> str:
    return _("In your time zone: %(zone)s.") % {"zone": zone_name}


class SlotForm(forms.Form):
    """When and how: shared by “propose” and “propose another time”."""

    date = date_field(_("Date"), window=PLANNED)
    start_time = time_field(_("Start time"))
    duration = forms.IntegerField(
        label=_("Duration"),
        min_value=5,
        max_value=480,
        initial=60,
        help_text=_("In minutes: 15, 30, 45, 60, 90 or 120, or another number."),
        widget=forms.NumberInput(attrs={"list": "duration-choices"}),
        error_messages={
            "min_value": _("A meeting lasts between 5 minutes and 8 hours."),
            "max_value": _("A meeting lasts between 5 minutes and 8 hours."),
            "invalid": _("Enter the number of minutes, such as 60."),
        },
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=MeetingFormat.choices,
        initial=MeetingFormat.IN_PERSON,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose in person, phone or video.")},
    )
    location = forms.CharField(
        label=_("Place or link"),
        max_length=300,
        required=False,
        help_text=_("An address, a phone number or a video link."),
    )

    # Where each service error belongs on this form.
    SERVICE_FIELDS = {"starts_at": "date", "duration_minutes": "duration", "format": "format"}

    def __init__(self, *args, zone_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone_name = zone_name
        self.fields["start_time"].help_text = zone_help(zone_name)

    def clean(self):
        data = super().clean()
        add_local_datetime_error(self, date_key="date", time_keys=["start_time"])
        return data

    def starts_at(self) -> datetime:
        data = self.cleaned_data
        return local_datetime(data["date"], data["start_time"], self.zone_name)

    def slot_kwargs(self) -> dict:
        return {
            "starts_at": self.starts_at(),
            "duration_minutes": self.cleaned_data["duration"],
            "format": self.cleaned_data["format"],
            "location": self.cleaned_data["location"],
        }

    @classmethod
    def initial_from(cls, meeting: Meeting, zone_name: str) -> dict:
        start = meeting.starts_at.astimezone(ZoneInfo(zone_name))
        return {
            "date": start.date(),
            "start_time": start.time().replace(second=0, microsecond=0),
            "duration": meeting.duration_minutes,
            "format": meeting.format,
            "location": meeting.location,
        }


class ProposeForm(SlotForm):
    pairing = forms.TypedChoiceField(label=_("With"), coerce=int, choices=())
    agenda = forms.CharField(
        label=_("Agenda"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you would like to talk about. Both of you see it."),
    )

    field_order = ["pairing", "date", "start_time", "duration", "format", "location", "agenda"]

    def __init__(self, *args, pairing_choices: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["pairing"]
        field.choices = pairing_choices
        if len(pairing_choices) == 1:
            field.widget = forms.HiddenInput()
            field.initial = pairing_choices[0][0]


class OtherTimeForm(SlotForm):
    prefix = "other"


class CancelForm(forms.Form):
    prefix = "cancel"
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        help_text=_("A few words so the other person knows. They see it."),
        error_messages={"required": _("Say briefly why, so the other person knows.")},
    )


class ReflectionForm(forms.Form):
    prefix = "reflection"
    text = forms.CharField(
        label=_("My reflection"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What stood out for you, in your own words. You and your mentor see it."),
        error_messages={"required": _("Write a few words first.")},
    )
