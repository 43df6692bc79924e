"""Forms of the questionnaire pages. They shape input; `questionnaire_save` checks the rules
again (a form is not the only way in)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import ITEM_TEXT_MAX_LENGTH, Questionnaire, Scale
from ..services import ItemData, item_range_error
from ..services.questionnaires import INTERVAL_DAYS, MAX_ITEMS


class QuestionnaireForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    intro = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown above the questions: why you ask, and who sees the answers."),
    )
    due = forms.ChoiceField(
        label=_("When is it due?"), choices=Questionnaire.Due.choices, widget=forms.RadioSelect
    )
    every_days = forms.IntegerField(
        label=_("Every how many days of a pairing?"),
        required=False,
        min_value=INTERVAL_DAYS[0],
        max_value=INTERVAL_DAYS[1],
        help_text=_("Only for “every N days”. For example 90: day 90, day 180, and so on."),
    )
    audience = forms.ChoiceField(
        label=_("Who answers?"), choices=Questionnaire.Audience.choices, widget=forms.RadioSelect
    )

    def clean(self):
        data = super().clean()
        if data.get("due") == Questionnaire.Due.INTERVAL and not data.get("every_days"):
            if "every_days" not in self.errors:
                self.add_error("every_days", _("Give the number of days between surveys."))
        return data

    @classmethod
    def initial_from(cls, questionnaire: Questionnaire) -> dict:
        return {
            "title": questionnaire.title,
            "intro": questionnaire.intro,
            "due": questionnaire.due,
            "every_days": questionnaire.every_days,
            "audience": questionnaire.audience,
        }


class ItemForm(forms.Form):
    text = forms.CharField(
        label=_("Question"),
        required=False,
        max_length=ITEM_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    scale = forms.ChoiceField(label=_("Answered on"), choices=Scale.choices, initial=Scale.AGREE5)
    min_value = forms.IntegerField(label=_("Lowest number (own range only)"), required=False)
    max_value = forms.IntegerField(label=_("Highest number (own range only)"), required=False)
    reverse_scored = forms.BooleanField(
        label=_("Reverse-scored (a high answer counts low)"), required=False
    )
    subscale = forms.CharField(
        label=_("Subscale (optional)"),
        required=False,
        max_length=60,
        help_text=_("Questions with the same subscale name are also scored together."),
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if not data.get("text", "").strip():
            if self.has_changed():
                self.add_error("text", _("Write the question, or leave the whole row empty."))
            return data
        problem = item_range_error(self.item_data())
        if problem:
            self.add_error(None, problem)
        return data

    def item_data(self) -> ItemData:
        data = self.cleaned_data
        return ItemData(
            text=data.get("text", ""),
            scale=data.get("scale", ""),
            reverse_scored=bool(data.get("reverse_scored")),
            subscale=data.get("subscale", ""),
            min_value=data.get("min_value"),
            max_value=data.get("max_value"),
        )

    @staticmethod
    def initial_from(item) -> dict:
        return {
            "text": item.text,
            "scale": item.scale,
            "min_value": item.min_value if item.scale == Scale.CUSTOM else None,
            "max_value": item.max_value if item.scale == Scale.CUSTOM else None,
            "reverse_scored": item.reverse_scored,
            "subscale": item.subscale,
        }


class BaseItemFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this question")

    def kept_forms(self) -> list[ItemForm]:
        return [
            form
            for form in self.forms
            if form.cleaned_data.get("text", "").strip() and not self._should_delete_form(form)
        ]

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.kept_forms():
            raise forms.ValidationError(_("Add at least one question."))

    def items(self) -> list[ItemData]:
        return [form.item_data() for form in self.kept_forms()]


ItemFormSet = forms.formset_factory(
    ItemForm,
    formset=BaseItemFormSet,
    extra=3,
    can_delete=True,
    max_num=MAX_ITEMS,
    validate_max=True,
)
ITEMS_PREFIX = "item"
