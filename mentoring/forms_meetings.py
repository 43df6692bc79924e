"""Forms for meetings: propose, another time, cancel, log (with next steps) and the mentee's
reflection. Dates and times are entered in the viewer's own time zone; the views turn them
into UTC. The services in mentoring.services.meetings decide what is allowed."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ContactType, Meeting, MeetingFormat

DURATION_CHOICES = (15, 30, 45, 60, 90, 120)
NEXT_STEP_ROWS = 3
NARRATIVE_HELP = _(
    "A short, strengths-based note written with the person: what you did, how it went, "
    "the next step. No diagnoses."
)
OUTCOME_CHOICES = [
    (Meeting.Status.HELD, _("Held")),
    (Meeting.Status.MISSED, _("Missed")),
    (Meeting.Status.CANCELLED, _("Cancelled")),
]
ASSIGNEE_ERROR = _("An action item is for the mentee or the mentor of this pairing.")


def local_datetime(day: date, at: time, zone_name: str) -> datetime:
    """A date and a wall-clock time in the person's zone, as an aware datetime."""
    return datetime.combine(day, at.replace(second=0, microsecond=0), tzinfo=ZoneInfo(zone_name))


def _date_field(label, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date such as 2025-03-14.")},
        **kwargs,
    )


def _time_field(label, **kwargs) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Enter a time such as 14:30.")},
        **kwargs,
    )


def _zone_help(zone_name: str) -> str:
    return _("In your time zone: %(zone)s.") % {"zone": zone_name}


class SlotForm(forms.Form):
    """When and how: shared by “propose” and “propose another time”."""

    date = _date_field(_("Date"))
    start_time = _time_field(_("Start time"))
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
        self.fields["start_time"].help_text = _zone_help(zone_name)

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


class LogForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What happened"),
        choices=OUTCOME_CHOICES,
        initial=Meeting.Status.HELD,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose held, missed or cancelled.")},
    )
    date = _date_field(_("Date"))
    start_time = _time_field(_("Start time"))
    end_time = _time_field(
        _("End time"), required=False, help_text=_("When the meeting actually ended.")
    )
    setting = forms.ChoiceField(
        label=_("Setting"),
        choices=[("", "—"), *MeetingFormat.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose in person, phone or video.")},
    )
    contact_type = forms.ChoiceField(
        label=_("Type of contact"),
        choices=[("", "—"), *ContactType.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose the type of contact.")},
    )
    topics = forms.CharField(
        label=_("Topics"),
        max_length=500,
        required=False,
        help_text=_("A few words separated by commas, such as “housing, job search”."),
    )
    narrative = forms.CharField(
        label=_("Narrative"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=NARRATIVE_HELP,
    )

    SERVICE_FIELDS = {
        "actual_start": "start_time",
        "actual_end": "end_time",
        "outcome": "outcome",
        "setting": "setting",
        "contact_type": "contact_type",
        "narrative": "narrative",
    }

    def __init__(self, *args, zone_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone_name = zone_name
        self.fields["start_time"].help_text = _zone_help(zone_name)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        start = local_datetime(data["date"], data["start_time"], self.zone_name)
        end = (
            local_datetime(data["date"], data["end_time"], self.zone_name)
            if data["end_time"] is not None
            else None
        )
        return {
            "outcome": data["outcome"],
            "actual_start": start,
            "actual_end": end,
            "setting": data["setting"],
            "contact_type": data["contact_type"],
            "topics": [t for t in data["topics"].split(",") if t.strip()],
            "narrative": data["narrative"],
        }

    @classmethod
    def initial_from(cls, meeting: Meeting | None, zone_name: str) -> dict:
        if meeting is None:
            return {"outcome": Meeting.Status.HELD}
        zone = ZoneInfo(zone_name)
        start = (meeting.actual_start or meeting.starts_at).astimezone(zone)
        if meeting.actual_end:
            end = meeting.actual_end.astimezone(zone)
        else:
            end = start + timedelta(minutes=meeting.duration_minutes)
        logged = meeting.logged_at is not None
        return {
            "outcome": meeting.status if logged else Meeting.Status.HELD,
            "date": start.date(),
            "start_time": start.time().replace(second=0, microsecond=0),
            "end_time": end.time().replace(second=0, microsecond=0),
            "setting": meeting.setting if logged else meeting.format,
            "contact_type": meeting.contact_type,
            "topics": ", ".join(meeting.topics or []),
            "narrative": meeting.narrative,
        }


class NextStepForm(forms.Form):
    title = forms.CharField(label=_("Action item"), max_length=200, required=False)
    assignee = forms.ChoiceField(
        label=_("For"),
        choices=(),
        required=False,
        initial="mentee",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": ASSIGNEE_ERROR},
    )
    due_date = _date_field(_("Due date"), required=False)

    def __init__(self, *args, mentee_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [
            ("mentee", mentee_name or _("My mentee")),
            ("mentor", _("Me")),
        ]

    def clean(self):
        data = super().clean()
        if data.get("title", "").strip() and not data.get("assignee"):
            self.add_error("assignee", ASSIGNEE_ERROR)
        return data

    def item(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("title", "").strip():
            return None
        return {
            "title": data["title"],
            "assignee": data["assignee"],
            "due_date": data.get("due_date"),
        }


NextStepFormSet = forms.formset_factory(
    NextStepForm,
    extra=NEXT_STEP_ROWS,
    max_num=NEXT_STEP_ROWS,
    absolute_max=NEXT_STEP_ROWS,
    validate_max=True,
)
