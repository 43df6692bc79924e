"""The form a member answers a survey with: one group of radio buttons per scored question,
a text box per free-text one, and the form's one-time key."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import FREE_TEXT_MAX_LENGTH, Item, Scale

AGREE_LABELS = [
    (1, _("Strongly disagree")),
    (2, _("Disagree")),
    (3, _("Neither agree nor disagree")),
    (4, _("Agree")),
    (5, _("Strongly agree")),
]


def item_choices(item: Item) -> list[tuple[int, str]]:
    if item.scale == Scale.AGREE5:
        return AGREE_LABELS
    if item.scale == Scale.YES_NO:
        return [(1, _("Yes")), (0, _("No"))]
    return [(value, str(value)) for value in range(item.min_value, item.max_value + 1)]


def field_name(item: Item) -> str:
    return f"item_{item.pk}"


class AnswerForm(forms.Form):
    form_token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, items: list[Item], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            label = f"{item.position}. {item.text}"
            if item.is_scored:
                field = forms.TypedChoiceField(
                    label=label,
                    choices=item_choices(item),
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Please choose an answer.")},
                )
                if item.scale in (Scale.ZERO_TO_TEN, Scale.CUSTOM):
                    field.help_text = _("%(low)s is the lowest, %(high)s the highest.") % {
                        "low": item.min_value,
                        "high": item.max_value,
                    }
            else:
                field = forms.CharField(
                    label=label,
                    required=False,
                    max_length=FREE_TEXT_MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    help_text=_("Optional. At most %(count)s characters.")
                    % {"count": FREE_TEXT_MAX_LENGTH},
                )
            self.fields[field_name(item)] = field

    def answers(self) -> dict[int, int | str | None]:
        return {item.pk: self.cleaned_data.get(field_name(item)) for item in self.items}

    def item_fields(self):
        return [(item, self[field_name(item)]) for item in self.items]
