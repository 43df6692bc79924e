"""Form fields that several matching forms use."""

from django import forms


class TagsField(forms.CharField):
    """Comma-separated free tags."""

    def to_python(self, value):
        value = super().to_python(value)
        return [tag.strip() for tag in value.split(",") if tag.strip()]

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value


def checkboxes(label, choices, **kwargs):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        **kwargs,
    )
