from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..models import Role


def _page_language() -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class InvitationLanguageField(forms.ChoiceField):
    """The language the invitation email is written in: the page's language unless another is
    chosen (a post without it, from an older page, gets the page's language too)."""

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Language of the invitation email"),
            choices=settings.LANGUAGES,
            required=False,
            help_text=_("The person can change the language of PeerPath at any time."),
            **kwargs,
        )

    def clean(self, value):
        return super().clean(value) or _page_language()


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MENTEE)
    language = InvitationLanguageField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = _page_language()


class BulkInviteForm(forms.Form):
    lines = forms.CharField(
        label=_("People to invite, one a line: email address, role"),
        max_length=60_000,
        widget=forms.Textarea(attrs={"rows": 10, "placeholder": "sam@example.org, mentee"}),
        help_text=_(
            "Roles: mentee, mentor or coordinator (in Spanish: persona mentorada, mentor/a or "
            "coordinador/a). Up to 500 lines at a time."
        ),
    )
    language = InvitationLanguageField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = _page_language()
