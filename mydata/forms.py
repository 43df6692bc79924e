"""The erasure confirmation: the person's password and a phrase typed out."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# What the person types to confirm (translated: they type it in their own language).
CONFIRM_PHRASE = pgettext_lazy("typed to confirm erasing an account", "delete my account")


class EraseAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    phrase = forms.CharField(
        label=_("Type the words shown above"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password

    def clean_phrase(self):
        phrase = " ".join(self.cleaned_data["phrase"].split()).lower()
        if phrase != str(CONFIRM_PHRASE).lower():
            raise forms.ValidationError(
                _("Type “%(phrase)s” to confirm.") % {"phrase": CONFIRM_PHRASE}
            )
        return phrase
