"""Pieces the mentee's forms share: the "Private" box and date inputs."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Visibility

PRIVATE_HELP = _("Only you can see it. Your mentor sees shared items only.")


def private_field() -> forms.BooleanField:
    return forms.BooleanField(label=_("Private"), required=False, help_text=PRIVATE_HELP)


def visibility_from(private: bool) -> str:
    return Visibility.PRIVATE if private else Visibility.SHARED


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
