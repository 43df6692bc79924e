"""The preferences page's forms: per-kind channels, quiet hours and phone, check-in reminders."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS, Channel
from .models import NotificationPreference
from .sms import validate_phone_number

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class ChannelsForm(forms.Form):
    """One choice per kind; "Text message" only where allowed and a phone is set."""

    def __init__(self, *args, channels: dict[str, str], sms_ready: bool, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(NotificationPreference.Channel.choices)
        for code, kind in KINDS.items():
            options = [Channel.EMAIL, Channel.IN_APP]
            if kind.sms_allowed and (sms_ready or channels.get(code) == Channel.SMS):
                options.append(Channel.SMS)
            options.append(Channel.OFF)
            self.fields[code] = forms.ChoiceField(
                label=kind.label,
                choices=[(option, labels[option]) for option in options],
                initial=channels.get(code, kind.default_channel),
                widget=forms.Select,
            )


class SettingsForm(forms.Form):
    quiet_start = forms.TimeField(
        label=_("Quiet hours start"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    quiet_end = forms.TimeField(
        label=_("Quiet hours end"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_(
            "Emails and texts wait until then, in your time zone. Leave both empty for none."
        ),
    )
    phone_number = forms.CharField(
        label=_("Mobile phone number"),
        required=False,
        max_length=32,
        help_text=_("With country code, e.g. +1 555 123 4567. Only for reminders you choose."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    sms_opt_in = forms.BooleanField(label=_("Send me text messages"), required=False)

    def clean_phone_number(self) -> str:
        value = self.cleaned_data["phone_number"].strip()
        if not value:
            return ""
        return validate_phone_number(value)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("quiet_start"), cleaned.get("quiet_end")
        if (start is None) != (end is None) and not self.errors:
            raise ValidationError(
                _("Give quiet hours both a start and an end, or leave both empty.")
            )
        if cleaned.get("sms_opt_in") and not cleaned.get("phone_number") and not self.errors:
            self.add_error("phone_number", _("Enter a phone number to get text messages."))
        return cleaned


class CheckinReminderForm(forms.Form):
    enabled = forms.BooleanField(label=_("Remind me to check in"), required=False)
    local_time = forms.TimeField(
        label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    days = forms.TypedMultipleChoiceField(
        label=_("Days"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("enabled") and not cleaned.get("days") and not self.errors:
            self.add_error("days", _("Choose at least one day, or turn the reminder off."))
        return cleaned
