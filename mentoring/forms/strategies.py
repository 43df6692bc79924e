"""Forms for the strategies library. They shape input and show errors; the services decide
what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Strategy, StrategyCategory


class StrategyForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=StrategyCategory.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("For example “Call someone before the hardest hour”."),
    )
    body = forms.CharField(
        label=_("What helps"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A few lines from your own experience: what you do, and why it helps."),
    )
    link = forms.URLField(
        label=_("Link (optional)"),
        required=False,
        assume_scheme="https",
        help_text=_("A resource, video or phone line that goes with it."),
    )

    @staticmethod
    def initial_from(strategy: Strategy) -> dict:
        return {
            "category": strategy.category,
            "title": strategy.title,
            "body": strategy.body,
            "link": strategy.link,
        }


class CategoryFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("All categories")), *StrategyCategory.choices],
        required=False,
    )

    def category_value(self) -> str:
        if self.is_valid():
            return self.cleaned_data["category"]
        return ""
