"""The time zone field every form uses: common zones first, current names only.

On a new person's form (`detect=True`, sign-up) the browser's zone is preselected by
static/js/timezone.js (`data-detect-timezone`); a saved choice is never replaced. Without
JavaScript the field is an ordinary list. A stored old name ("US/Eastern") is shown as its
current one, and one with no current name (a fixed offset) stays selectable for its owner.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..time_zones import current_time_zone_name, offered_time_zones, time_zone_choices


class TimeZoneField(forms.ChoiceField):
    def __init__(self, *, detect: bool = False, **kwargs):
        kwargs.setdefault("label", _("Time zone"))
        kwargs.setdefault("choices", time_zone_choices)
        attrs = {"data-detect-timezone": "1"} if detect else {}
        kwargs.setdefault("widget", forms.Select(attrs=attrs))
        super().__init__(**kwargs)

    def stop_detecting(self) -> None:
        """A form shown again with errors keeps what the person chose."""
        self.widget.attrs.pop("data-detect-timezone", None)

    def prepare_value(self, value):
        return current_time_zone_name(value) if isinstance(value, str) else value

    def to_python(self, value):
        return current_time_zone_name(super().to_python(value))

    def keep_current(self, value: str) -> None:
        """Keep a stored name that has no current one selectable (e.g. "Etc/GMT+5")."""
        if value and current_time_zone_name(value) not in offered_time_zones():
            self.choices = [(value, value)] + list(self.choices)
