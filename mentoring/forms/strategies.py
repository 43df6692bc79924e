"""Forms for the strategies library. They shape input and show errors; the services decide
what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import PersonalStrategy, Strategy, StrategyCategory, Visibility


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


class PersonalStrategyForm(forms.Form):
    """A mentee's own strategy. Who can see it is an explicit choice, private by default."""

    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("For example “Walk around the block before I answer”."),
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("Choose a category")), *StrategyCategory.choices],
    )
    body = forms.CharField(
        label=_("What I do"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The steps that help you, in your own words."),
    )
    visibility = forms.ChoiceField(
        label=_("Who can see it"),
        choices=[
            (Visibility.PRIVATE, _("Only me (private)")),
            (Visibility.SHARED, _("Share with my mentor")),
        ],
        initial=Visibility.PRIVATE,
        widget=forms.RadioSelect,
        help_text=_(
            "Private strategies are yours alone. A shared one is seen by your current mentor, "
            "never by coordinators or other members."
        ),
    )

    @staticmethod
    def initial_from(strategy: PersonalStrategy) -> dict:
        return {
            "title": strategy.title,
            "category": strategy.category,
            "body": strategy.body,
            "visibility": strategy.visibility,
        }


class NewPersonalStrategyForm(PersonalStrategyForm):
    # The form's one-time key: a double-posted strategy is saved once (accounts.FormSubmission).
    form_token = forms.CharField(widget=forms.HiddenInput, max_length=64)
