"""Forms for program events. They shape input and show errors; the services decide what is
allowed."""

from __future__ import annotations

from datetime import UTC, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.dates import PLANNED, date_validator, local_datetime

from ..models import Event, EventParticipant

EVENT_DURATION_CHOICES = [
    (30, _("30 minutes")),
    (45, _("45 minutes")),
    (60, _("1 hour")),
    (90, _("1 hour 30 minutes")),
    (120, _("2 hours")),
    (180, _("3 hours")),
    (240, _("4 hours")),
    (480, _("All day (8 hours)")),
]


class EventForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_(
            "Shown in members' calendars, which others may see: a neutral title such as "
            "“Tuesday group” is safest."
        ),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[date_validator(PLANNED)],
    )
    start_time = forms.TimeField(
        label=_("Start time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    duration = forms.TypedChoiceField(
        label=_("Duration"), choices=EVENT_DURATION_CHOICES, coerce=int, initial=90
    )
    location = forms.CharField(
        label=_("Place or link"),
        max_length=300,
        required=False,
        help_text=_("An address, a room, or a video link."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    capacity = forms.IntegerField(
        label=_("Places (optional)"),
        min_value=1,
        max_value=1000,
        required=False,
        help_text=_("Leave empty when there is room for everyone."),
    )

    # Service error keys -> the field that shows them.
    ERROR_FIELDS = {"starts_at": "date", "duration_minutes": "duration"}

    def __init__(self, *args, time_zone: str = "UTC", **kwargs):
        super().__init__(*args, **kwargs)
        self.time_zone = time_zone
        self.fields["start_time"].help_text = _("In your time zone (%(zone)s).") % {
            "zone": time_zone.replace("_", " ")
        }
        self.fields["capacity"].widget.attrs["inputmode"] = "numeric"

    def clean(self):
        data = super().clean()
        if data.get("date") is not None and data.get("start_time") is not None:
            try:
                local_datetime(data["date"], data["start_time"], self.time_zone)
            except ValidationError as exc:
                self.add_error("date", exc)
        return data

    def starts_at(self) -> datetime:
        """The start in UTC, from a date and time in the coordinator's own time zone."""
        local = local_datetime(
            self.cleaned_data["date"], self.cleaned_data["start_time"], self.time_zone
        )
        return local.astimezone(UTC)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "kind": data["kind"],
            "starts_at": self.starts_at(),
            "duration_minutes": data["duration"],
            "location": data["location"],
            "description": data["description"],
            "capacity": data["capacity"],
        }

    def add_service_error(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc)
            return
        for key, errors in exc.message_dict.items():
            field = self.ERROR_FIELDS.get(key, key)
            self.add_error(field if field in self.fields else None, errors)


class RsvpForm(forms.Form):
    rsvp = forms.ChoiceField(label=_("Your answer"), choices=EventParticipant.Rsvp.choices)
