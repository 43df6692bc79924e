"""Forms of the program settings pages. They shape input; the services check the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Program
from ..services.program_settings import THRESHOLDS


class ProgramSettingsForm(forms.Form):
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the program is and who it is for. Members see it on their home."),
    )
    invitation_valid_days = forms.IntegerField(
        label=_("Invitations are valid for (days)"), min_value=1, max_value=60
    )
    open_enrollment = forms.BooleanField(
        label=_("Open enrollment: anyone with the enrollment link can apply as a mentee"),
        required=False,
    )
    coordinator_idle_minutes = forms.IntegerField(
        label=_("Sign out coordinators after this many minutes without activity"),
        min_value=5,
        max_value=720,
        help_text=_(
            "Coordinators see the whole program, so an unattended screen signs out sooner. "
            "Mentees and mentors stay signed in as usual."
        ),
    )
    flag_no_checkin_days = forms.IntegerField(
        label=_("Flag a mentee with no check-in for (days)"), min_value=1, max_value=90
    )
    flag_mood_drop_points = forms.IntegerField(
        label=_("Flag a drop in average mood of (points, on a scale of 1 to 5)"),
        min_value=1,
        max_value=4,
    )
    flag_no_meeting_days = forms.IntegerField(
        label=_("A pair has stalled after no meeting logged for (days)"),
        min_value=3,
        max_value=120,
        help_text=_("Mentors see the flag; coordinators are told and see it in the queue."),
    )
    flag_return_to_use_days = forms.IntegerField(
        label=_("Show a shared return to use on the mentor's dashboard for (days)"),
        min_value=1,
        max_value=90,
    )
    late_log_days = forms.IntegerField(
        label=_("A meeting can still be logged after the pairing ended for (days)"),
        min_value=1,
        max_value=60,
    )

    @classmethod
    def initial_from(cls, program: Program) -> dict:
        initial = {
            "description": program.description,
            "invitation_valid_days": program.invitation_valid_days,
            "open_enrollment": program.open_enrollment,
            "coordinator_idle_minutes": program.coordinator_idle_minutes,
        }
        initial.update({name: program.setting(name) for name in THRESHOLDS})
        return initial


class CrisisResourceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    note = forms.CharField(label=_("When to use it"), max_length=200, required=False)
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=30,
        required=False,
        help_text=_("A short code such as 988, or a full number."),
    )
    text_number = forms.CharField(label=_("Text line number"), max_length=30, required=False)
    text_keyword = forms.CharField(
        label=_("Word to text"), max_length=40, required=False, help_text=_("For example HOME.")
    )
    web_url = forms.URLField(
        label=_("Web link"), max_length=300, required=False, assume_scheme="https"
    )


CrisisResourceFormSet = forms.formset_factory(
    CrisisResourceForm, extra=2, can_delete=True, max_num=12, validate_max=True
)


class OtherCrisisLinesForm(forms.Form):
    other_lines = forms.CharField(
        label=_("Other crisis information (one per line)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PrivacyNoticeForm(forms.Form):
    text = forms.CharField(
        label=_("Privacy notice"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "When you change it, everyone in the program is asked to read and acknowledge the "
            "new version on their next visit."
        ),
    )
