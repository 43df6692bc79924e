from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Profile, Role, time_zone_choices


class SignupProfileForm(forms.Form):
    """Extra fields on allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        help_text=_("The name others in your program see. A first name or an alias is fine."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        initial="America/New_York",
        widget=forms.Select(attrs={"data-detect-timezone": "1"}),
    )

    def signup(self, request, user):
        from .services import profile_update

        profile_update(
            user=user,
            display_name=self.cleaned_data["display_name"],
            time_zone=self.cleaned_data["time_zone"],
        )


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "pronouns",
            "time_zone",
            "preferred_language",
            "email_reminders",
            "email_updates",
        ]
        labels = {
            "display_name": _("Display name"),
            "pronouns": _("Pronouns (optional)"),
            "preferred_language": _("Preferred language"),
        }

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter the name you would like others to see."))
        return name


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MENTEE)


class EnrollmentForm(forms.Form):
    open_enrollment = forms.BooleanField(
        label=_("Let people apply as mentees with the enrollment link"), required=False
    )
    regenerate_link = forms.BooleanField(
        label=_("Make a new link (the old one stops working)"), required=False
    )


class MembershipStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("active", _("Active")), ("paused", _("Paused")), ("left", _("Left"))],
    )


class PrivacyAcknowledgeForm(forms.Form):
    acknowledge = forms.BooleanField(
        label=_("I have read the privacy notice and understand how my information is used."),
        error_messages={"required": _("Tick the box to confirm you have read the notice.")},
    )
