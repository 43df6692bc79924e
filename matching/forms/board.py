"""The GET forms above the coordinator's matching lists: the board and the intakes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms.listing import ListFilterForm, any_choice, search_field
from accounts.models import Role

from ..models import LANGUAGES, FocusArea


class BoardFilterForm(ListFilterForm):
    q = search_field()
    focus = forms.ChoiceField(
        label=_("Focus area"), choices=any_choice(FocusArea.choices), required=False
    )
    language = forms.ChoiceField(label=_("Language"), choices=any_choice(LANGUAGES), required=False)
    waited_days = forms.TypedChoiceField(
        label=_("Waiting for"),
        choices=any_choice(
            [("7", _("A week or more")), ("30", _("30 days or more")), ("90", _("90 days or more"))]
        ),
        coerce=int,
        empty_value="",
        required=False,
    )
    load = forms.ChoiceField(
        label=_("Mentor load"),
        choices=any_choice(
            [
                ("room", _("Has room for a mentee")),
                ("full", _("Full")),
                ("none", _("No current mentee")),
            ]
        ),
        required=False,
    )

    MENTEE_FILTERS = ("q", "focus", "language", "waited_days")
    MENTOR_FILTERS = ("q", "focus", "language", "load")


class IntakeFilterForm(ListFilterForm):
    q = search_field()
    role = forms.ChoiceField(
        label=_("Role"),
        choices=any_choice([(Role.MENTEE, Role.MENTEE.label), (Role.MENTOR, Role.MENTOR.label)]),
        required=False,
    )
    state = forms.ChoiceField(
        label=_("Intake"),
        choices=any_choice([("not_started", _("Not started")), ("started", _("Started"))]),
        required=False,
    )
