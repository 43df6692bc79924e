from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import LANGUAGES, FocusArea


class BoardFilterForm(forms.Form):
    focus = forms.ChoiceField(
        label=_("Focus area"), choices=[("", _("Any"))] + list(FocusArea.choices), required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Any"))] + LANGUAGES, required=False
    )
