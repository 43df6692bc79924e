from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Profile
from .time_zones import TimeZoneField


class SignupProfileForm(forms.Form):
    """Extra fields on allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        help_text=_("The name others in your program see. A first name or an alias is fine."),
    )
    time_zone = TimeZoneField(initial="America/New_York", detect=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.fields["time_zone"].stop_detecting()

    def signup(self, request, user):
        from ..services import profile_update

        profile_update(
            user=user,
            display_name=self.cleaned_data["display_name"],
            time_zone=self.cleaned_data["time_zone"],
        )


class ProfileForm(forms.ModelForm):
    time_zone = TimeZoneField()

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].keep_current(self.instance.time_zone)

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter the name you would like others to see."))
        return name
