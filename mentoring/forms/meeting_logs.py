"""The mentor's contact log of a meeting, with its next steps (action items)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.dates import LOGGED, TARGET, local_datetime

from ..models import ContactType, Meeting, MeetingFormat
from .meetings import add_local_datetime_error, date_field, time_field, zone_help

NEXT_STEP_ROWS = 3

# What most contacts are: the defaults of a contact logged without a planned meeting.
DEFAULT_CONTACT_TYPE = ContactType.CHECK_IN
DEFAULT_SETTING = MeetingFormat.IN_PERSON
DEFAULT_MINUTES = 60


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


class LogForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What happened"),
        choices=OUTCOME_CHOICES,
        initial=Meeting.Status.HELD,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose held, missed or cancelled.")},
    )
    date = date_field(_("Date"), window=LOGGED)
    start_time = time_field(_("Start time"))
    end_time = time_field(
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

    # Shown folded under "More details" (opened when one of them has an error).
    MORE_DETAILS = ("setting", "contact_type", "topics")

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
        self.fields["start_time"].help_text = zone_help(zone_name)

    def more_details(self) -> list[forms.BoundField]:
        return [self[name] for name in self.MORE_DETAILS]

    def more_details_have_errors(self) -> bool:
        return any(self[name].errors for name in self.MORE_DETAILS)

    def clean(self):
        data = super().clean()
        add_local_datetime_error(self, date_key="date", time_keys=["start_time", "end_time"])
        return data

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
    def initial_from(
        cls, meeting: Meeting | None, zone_name: str, now: datetime | None = None
    ) -> dict:
        """Held, a regular check-in, the meeting's own date, time, length and format; for a
        contact never planned, today and the hour that just ended, in person."""
        zone = ZoneInfo(zone_name)
        if meeting is None:
            return {
                "outcome": Meeting.Status.HELD,
                "setting": DEFAULT_SETTING,
                "contact_type": DEFAULT_CONTACT_TYPE,
                **_last_hour(now or timezone.now(), zone),
            }
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
            "contact_type": meeting.contact_type or ("" if logged else DEFAULT_CONTACT_TYPE),
            "topics": ", ".join(meeting.topics or []),
            "narrative": meeting.narrative,
        }


def _last_hour(now: datetime, zone: ZoneInfo) -> dict:
    """Today, and the hour ending at the last quarter hour: a contact is usually logged right
    after it. Only the date when that hour began yesterday (a log just after midnight)."""
    local = now.astimezone(zone)
    end = local.replace(minute=local.minute - local.minute % 15, second=0, microsecond=0)
    start = end - timedelta(minutes=DEFAULT_MINUTES)
    if start.date() != end.date():
        return {"date": local.date()}
    return {"date": end.date(), "start_time": start.time(), "end_time": end.time()}


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
    due_date = date_field(_("Due date"), window=TARGET, required=False)

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


def more_steps_open(steps: forms.BaseFormSet) -> bool:
    """The folded next steps (all but the first) show open when one has an error or was
    filled in: the person sees what they wrote and what to fix."""
    return any(form.errors or (form.is_bound and form.has_changed()) for form in steps.forms[1:])


NextStepFormSet = forms.formset_factory(
    NextStepForm,
    extra=NEXT_STEP_ROWS,
    max_num=NEXT_STEP_ROWS,
    absolute_max=NEXT_STEP_ROWS,
    validate_max=True,
)
